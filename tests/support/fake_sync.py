"""A `SyncService` that answers as a test tells it to: ok, failed with a reason, or raising.

Thread-safe: the test changes what it answers from its own thread while the window's sync
thread or the headless station's asks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from tracestation.station.sync_port import SyncOutcome


@dataclass(frozen=True)
class Answer:
    """What the next sync answers: `error` None is a success; `raises` makes it raise."""

    error: str | None = None
    pending: int = 0
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    raises: bool = False


OK = Answer()


class FakeSync:
    target = "postgresql+psycopg://station@centre.test/plant"

    def __init__(
        self,
        answer: Answer = OK,
        *,
        last_synced: datetime | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._lock = threading.Lock()
        self._answer = answer
        self._script: list[Answer] = []
        self._last_synced = last_synced
        self.now = now
        self.attempts = 0
        self.closed = False

    def answer(self, answer: Answer) -> None:
        """Every sync from now on answers `answer`."""
        with self._lock:
            self._answer = answer
            self._script = []

    def script(self, *answers: Answer) -> None:
        """The next syncs answer these in turn, then the last one for ever."""
        with self._lock:
            self._script = list(answers[:-1])
            self._answer = answers[-1]

    def last_synced(self) -> datetime | None:
        return self._last_synced

    def sync_now(self) -> SyncOutcome:
        with self._lock:
            self.attempts += 1
            answer = self._script.pop(0) if self._script else self._answer
        if answer.raises:
            raise ConnectionError(answer.error or "the fake centre fell over")
        if answer.error is not None:
            return SyncOutcome.failed(self.now(), answer.error, answer.pending)
        return SyncOutcome(
            True,
            self.now(),
            pushed=answer.pushed,
            pulled=answer.pulled,
            pending=answer.pending,
            conflicts=answer.conflicts,
        )

    def close(self) -> None:
        self.closed = True
