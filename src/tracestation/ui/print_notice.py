"""What the operator sees of labels the printer has not taken: a notice across the window.

The station keeps every label as a print job until the printer took it, and a print thread tries
the waiting ones again with back-off (`tracestation.station.print_queue`). This asks the record
every few seconds (on the query thread) and says what is true: labels refused by the printer
(red, with the printer's own words and the next try), labels queued for the printer (amber, once
they wait longer than a moment), and that the waiting labels printed once they did. GUI thread
only.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, QTimer

from tracestation.station.print_queue import PrintBacklog
from tracestation.ui.notice_bar import NoticeBar
from tracestation.ui.station_client import StationClient

PRINT_POLL_MS = 3_000
PRINTED_SHOWN_POLLS = 2  # "the waiting labels printed" stays this many polls


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M:%S")


class PrintNotice(QObject):
    def __init__(
        self, bar: NoticeBar, client: StationClient, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.bar = bar
        self.client = client
        self._shown: str | None = None
        self._waited = 0  # labels waiting at the previous poll
        self._printed_for = 0  # polls left to show "printed"
        self.timer = QTimer(self)
        self.timer.setInterval(PRINT_POLL_MS)
        self.timer.timeout.connect(client.ask_print_backlog)
        client.sig_print_backlog.connect(self.show_backlog)
        client.sig_ready.connect(self._start)

    def _start(self, *_: object) -> None:
        self.client.ask_print_backlog()
        self.timer.start()

    def show_backlog(self, backlog: PrintBacklog) -> None:
        waited, self._waited = self._waited, backlog.waiting
        if backlog.failed:
            self._show(self.refused_text(backlog), "error")
        elif backlog.waiting and waited:
            self._show(
                self.tr("Labels waiting for the printer: {count}.").format(count=backlog.waiting),
                "warning",
            )
        elif not backlog.waiting and self._shown is not None and self._printed_for == 0:
            self._printed_for = PRINTED_SHOWN_POLLS
            self._show(self.tr("The labels that waited are printed."), "info")
        elif self._printed_for:
            self._printed_for -= 1
            if self._printed_for == 0:
                self._withdraw()

    def refused_text(self, backlog: PrintBacklog) -> str:
        if backlog.next_try_at is None:
            return self.tr(
                "Labels not printed: {count}. The printer said: {error}. They are kept and "
                "printed when the printer answers."
            ).format(count=backlog.waiting, error=backlog.error or "")
        return self.tr(
            "Labels not printed: {count}. The printer said: {error}. They are kept; next try "
            "at {time}."
        ).format(count=backlog.waiting, error=backlog.error or "", time=_clock(backlog.next_try_at))

    def _show(self, text: str, kind: str) -> None:
        if kind != "info":
            self._printed_for = 0
        if text != self._shown or not self.bar.isVisible():
            self.bar.show_notice(text, kind)
        self._shown = text

    def _withdraw(self) -> None:
        if self._shown is not None:
            self.bar.withdraw(self._shown)
            self._shown = None
