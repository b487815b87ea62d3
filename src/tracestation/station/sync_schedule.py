"""When to sync: a steady interval while the centre answers, exponential back-off while it does not.

`SyncRunner` runs a `SyncService` on that schedule and keeps a `SyncStatus` (the last outcome,
the last success, how many attempts in a row failed) that the window's top bar and the headless
station's state lines show. A failed sync, even one that raises, is only a failed outcome: it
never stops the station nor the schedule.

Threading: a runner belongs to the one thread that syncs (the window's sync thread, the headless
station's sync thread); it hands out `SyncStatus` values, which are immutable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from tracestation.station.sync_port import SyncOutcome, SyncService


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SyncPolicy:
    """Seconds: `interval` between syncs while they succeed; after a failure `first_retry`,
    doubled at each further failure up to `max_retry`. `stale_after`: the age of the station's
    knowledge past which the window shows it amber."""

    interval: float = 30.0
    first_retry: float = 5.0
    max_retry: float = 300.0
    stale_after: float = 120.0

    def delay_after(self, failures: int) -> float:
        """The wait before the next attempt when the last `failures` attempts failed."""
        if failures <= 0:
            return self.interval
        return float(min(self.first_retry * 2 ** min(failures - 1, 32), self.max_retry))


@dataclass(frozen=True)
class SyncStatus:
    """What is known of the sync. `last_success` may come from the station's own record (a sync
    before this start); `failing_since` is when the current run of failures began."""

    target: str
    last: SyncOutcome | None = None
    last_success: datetime | None = None
    failures: int = 0
    failing_since: datetime | None = None
    next_attempt: datetime | None = None

    @property
    def pending(self) -> int | None:
        return self.last.pending if self.last is not None else None

    def knowledge_age(self, now: datetime) -> timedelta | None:
        """How old the station's knowledge of holds and other stations' work is; None when it
        has never synced."""
        return now - self.last_success if self.last_success is not None else None

    def out_of_touch_for(self, now: datetime) -> timedelta | None:
        """How long the centre has not been heard from: since the last success, else since the
        first failed attempt; None while nothing has failed and nothing is known."""
        since = self.last_success or self.failing_since
        return now - since if since is not None else None


class SyncRunner:
    def __init__(
        self,
        service: SyncService,
        policy: SyncPolicy | None = None,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.service = service
        self.policy = policy or SyncPolicy()
        self._now = now
        self.status = SyncStatus(service.target)

    def start(self) -> SyncStatus:
        """Take the last success from the station's record, before the first attempt."""
        try:
            known = self.service.last_synced()
        except Exception:  # the first sync tells what is wrong; the record's age is a nicety
            known = None
        self.status = replace(self.status, last_success=known)
        return self.status

    def run_once(self) -> SyncStatus:
        """One attempt, now; the status after it (never raises)."""
        try:
            outcome = self.service.sync_now()
        except Exception as error:  # the adapter reports what it expects; this is the rest
            detail = f"{type(error).__name__}: {error}".splitlines()[0]
            outcome = SyncOutcome.failed(self._now(), detail)
        self.status = self._after(outcome)
        return self.status

    def next_delay(self) -> float:
        return self.policy.delay_after(self.status.failures)

    def run(self, wait: Callable[[float], bool], report: Callable[[SyncStatus], None]) -> None:
        """Sync at once, then after each delay, until `wait(seconds)` answers True (stop)."""
        report(self.start())
        while True:
            report(self.run_once())
            if wait(self.next_delay()):
                return

    def _after(self, outcome: SyncOutcome) -> SyncStatus:
        status = self.status
        if outcome.ok:
            status = replace(
                status, last=outcome, last_success=outcome.at, failures=0, failing_since=None
            )
        else:
            status = replace(
                status,
                last=outcome,
                failures=status.failures + 1,
                failing_since=status.failing_since or outcome.at,
            )
        delay = timedelta(seconds=self.policy.delay_after(status.failures))
        return replace(status, next_attempt=outcome.at + delay)
