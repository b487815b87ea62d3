"""The station's sync with the central database, as a port the front ends hold.

The window and the headless station ask a `SyncService` for one sync at a time and get a typed
`SyncOutcome` back; neither knows the database behind it. The composition root
(`tracestation.wiring`) builds the adapter (`tracestation.sync.background.CentralSync`) when a
central database is configured, and none when it is not.

Threading: a `SyncService` is used by one thread at a time (the window's sync thread, the headless
station's sync thread); `sync_now` may take seconds and never runs on the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol


@dataclass(frozen=True)
class SyncOutcome:
    """One sync attempt. `at` is aware (UTC), when the attempt ended. A failed attempt has `ok`
    False and `error` saying what happened; `pending` is None when even the local count could not
    be read. `conflicts` counts the open conflicts that concern this station."""

    ok: bool
    at: datetime
    pushed: int = 0
    pulled: int = 0
    pending: int | None = None
    conflicts: int = 0
    error: str | None = None

    @classmethod
    def failed(cls, at: datetime, error: str, pending: int | None = None) -> SyncOutcome:
        return cls(False, at, pending=pending, error=error)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "at": self.at.isoformat(),
            "pushed": self.pushed,
            "pulled": self.pulled,
            "pending": self.pending,
            "conflicts": self.conflicts,
            "error": self.error,
        }


class SyncService(Protocol):
    @property
    def target(self) -> str:
        """The central database this station syncs with, said without its password."""
        ...

    def last_synced(self) -> datetime | None:
        """When this station last took the centre's news (holds, other stations' work), from
        its own record, so the age survives a restart; None when it never has."""
        ...

    def sync_now(self) -> SyncOutcome:
        """Push the journal, then pull; a failure is a failed outcome, not an exception."""
        ...

    def close(self) -> None:
        """Release the connection to the centre; call once, after the last `sync_now`."""
        ...
