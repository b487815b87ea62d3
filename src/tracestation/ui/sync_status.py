"""What the window shows of the background sync: the top bar's sync field and the notice to a lead.

The field says how many events wait, when the last sync succeeded and how old the station's
knowledge is ("synced 14:32 (2 min ago)"): amber while events wait or the knowledge is stale, red
while syncs fail (the reason in the tooltip), plain "standalone" when no central database is set.
Past the configured age a notice tells the operator to call a line lead. GUI thread only; ages
move on with `refresh(now)`, which the window calls every few seconds.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from tracestation.station.sync_schedule import SyncPolicy, SyncStatus
from tracestation.ui.notice_bar import NoticeBar
from tracestation.ui.top_field import Field


def _clock(moment: datetime, now: datetime) -> str:
    local = moment.astimezone()
    same_day = local.date() == now.astimezone().date()
    return local.strftime("%H:%M" if same_day else "%Y-%m-%d %H:%M")


class SyncField(Field):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(caption, parent)
        self.stale_after = timedelta(seconds=SyncPolicy().stale_after)
        self._known = False  # whether the station said if a central database is set
        self._status: SyncStatus | None = None
        self._pending: int | None = None
        self._broken: str | None = None
        self.set(self.tr("starting\u2026"))

    def set_pending(self, count: int) -> None:
        """Events not yet at the centre, as the station counted them after a scan."""
        self._pending = count
        self.refresh()

    def set_status(self, status: SyncStatus | None) -> None:
        """The sync worker's latest status; None when no central database is configured."""
        self._known = True
        self._status = status
        if status is not None and status.pending is not None:
            self._pending = status.pending
        self.refresh()

    def show_database_failure(self, detail: str) -> None:
        self._broken = detail
        self.refresh()

    def refresh(self, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        if self._broken is not None:
            self.set(self.tr("database unavailable"), "error")
            self.setToolTip(self._broken)
        elif not self._known:
            self.set(self.tr("starting\u2026"))
        elif self._status is None:
            self.set(self.tr("standalone"))
            self.setToolTip(
                self.tr(
                    "No central database is set: every event stays in this station's own "
                    "journal. Set one in Settings (or start with --central URL) to sync."
                )
            )
        else:
            self._show(self._status, now)

    def _show(self, status: SyncStatus, now: datetime) -> None:
        parts = []
        if self._pending is not None:
            parts.append(self.tr("{count} pending").format(count=self._pending))
        if status.failures:
            parts.append(self.tr("sync failed"))
        elif status.last is None:
            parts.append(self.tr("syncing\u2026"))
        parts.append(self._last_success(status, now))
        age = status.knowledge_age(now)
        if status.failures:
            state = "error"
        elif self._pending or (status.last is not None and (age is None or age > self.stale_after)):
            state = "warning"
        else:
            state = "normal"
        self.set(" \u00b7 ".join(parts), state)
        self.setToolTip(self._tooltip(status, now))

    def _last_success(self, status: SyncStatus, now: datetime) -> str:
        if status.last_success is None:
            return self.tr("never synced")
        return self.tr("synced {time} ({age})").format(
            time=_clock(status.last_success, now), age=self.age_text(now - status.last_success)
        )

    def age_text(self, age: timedelta) -> str:
        minutes = int(age.total_seconds() // 60)
        if minutes < 1:
            return self.tr("just now")
        if minutes < 120:
            return self.tr("{minutes} min ago").format(minutes=minutes)
        if minutes < 48 * 60:
            return self.tr("{hours} h ago").format(hours=minutes // 60)
        return self.tr("{days} d ago").format(days=minutes // (24 * 60))

    def _tooltip(self, status: SyncStatus, now: datetime) -> str:
        lines = [self.tr("Central database: {target}").format(target=status.target)]
        last = status.last
        if status.failures and last is not None:
            lines.append(
                self.tr("Sync attempts failed in a row: {count}. Reason: {error}").format(
                    count=status.failures, error=last.error or ""
                )
            )
            lines.append(self.tr("The station keeps working; its events wait in its own journal."))
        if last is not None and last.conflicts:
            lines.append(
                self.tr("Open conflicts concerning this station: {count}").format(
                    count=last.conflicts
                )
            )
        if status.next_attempt is not None:
            lines.append(
                self.tr("Next sync at {time}.").format(time=_clock(status.next_attempt, now))
            )
        return "\n".join(lines)


class KnowledgeNotice(QObject):
    """Tells the operator, in the notice bar, to call a line lead once the station has not heard
    from the centre for `minutes`; withdraws the notice when it hears again."""

    def __init__(self, bar: NoticeBar, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.minutes = minutes
        self._shown: str | None = None

    def refresh(self, status: SyncStatus | None, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        text = self._text(status, now) if status is not None else None
        if text is None:
            if self._shown is not None:
                self.bar.withdraw(self._shown)
                self._shown = None
            return
        if text != self._shown or not self.bar.isVisible():
            self.bar.show_notice(text, "warning")
            self._shown = text

    def _text(self, status: SyncStatus, now: datetime) -> str | None:
        limit = timedelta(minutes=self.minutes)
        age = status.knowledge_age(now)
        if age is not None and status.last_success is not None:
            if age < limit:
                return None
            return self.tr(
                "This station's knowledge of holds and other stations' work is {minutes} "
                "minutes old: it has not synced with the central database since {time}. "
                "Call a line lead."
            ).format(minutes=int(age.total_seconds() // 60), time=_clock(status.last_success, now))
        trying = status.out_of_touch_for(now)
        if trying is None or trying < limit:
            return None
        return self.tr(
            "This station has never synced with the central database and has been trying for "
            "{minutes} minutes: it knows nothing of holds or other stations' work beyond its "
            "own. Call a line lead."
        ).format(minutes=int(trying.total_seconds() // 60))
