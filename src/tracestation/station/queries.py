"""Read-only questions a front end asks of the record, as ports the store answers.

The window's top bar, lead panel and trace page ask these through the services the composition
root (`tracestation.wiring`) built; they never open the database themselves. Implementations are
safe to call from any one thread at a time (each call opens its own connection), so the window
asks them on its query thread while the station writes on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from tracestation.domain.model import Defect


@dataclass(frozen=True)
class RecordedSignature:
    """A lead's electronic signature as the journal keeps it (21 CFR 11.50): the badge, the
    printed name at the time of signing, when (aware, UTC: the signed event's time) and what
    the signature means. Events signed before the name was recorded show the badge's current
    name from master data. Read with `tracestation.store.signatures.signatures_for`; the trace,
    the window's deviation list, the history and the reports show it the same way."""

    badge: str
    name: str
    meaning: str
    time: datetime
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "badge": self.badge,
            "name": self.name,
            "meaning": self.meaning,
            "time": self.time.isoformat(),
            "reason": self.reason,
        }

    def text(self) -> str:
        """One line for people: `signed by Ion Rus (B-9001) on 2026-11-20 08:00:10 UTC:
        waived lot_expired`."""
        moment = self.time.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        return f"signed by {self.name} ({self.badge}) on {moment}: {self.meaning}"


@dataclass(frozen=True)
class Deviation:
    """A signed override: which rule a lead waived, on what, and why. `time` is aware (UTC);
    `signature` is the lead's, with the printed name and the meaning."""

    time: datetime
    rule: str
    subject: str
    work_order: str | None
    reason: str
    lead: str
    signature: RecordedSignature | None = None


@dataclass(frozen=True)
class OpenConflict:
    """A conflict the centre raised and no lead has resolved yet, as the window lists it.
    `raised_at` is aware (UTC); `detail` is the centre's sentence of what happened (English).
    `parents` are the units (PART/SERIAL) a child installed twice sits in now: the choices of
    which one keeps it; empty for every other kind."""

    id: str
    kind: str
    subject_kind: str
    subject: str  # PART/SERIAL or PART/LOT (or the SSCC of a carton)
    stations: tuple[str, ...]
    raised_at: datetime
    nonconformance: str | None
    detail: str
    parents: tuple[str, ...] = ()


@dataclass(frozen=True)
class WorkProgress:
    """How far a work order is, in units: in total and at one operation of its routing.

    In total: `done` finished their routing (finished, passed or packed), `in_process` are
    registered and not done (in process, failed, in rework), `remaining` are not registered yet
    (scrapped units count in none). At the operation: `done_here` went through it, `next_here`
    wait for it (it is their next operation), `remaining_here` have yet to go through it.
    """

    work_order: str
    quantity: int
    done: int
    in_process: int
    remaining: int
    operation: str | None = None
    done_here: int = 0
    next_here: int = 0
    remaining_here: int = 0


class RecordStatus(Protocol):
    def pending_event_count(self) -> int:
        """Events not yet pushed to the central database."""
        ...

    def plant_is_empty(self) -> bool:
        """No operators or no work orders: nobody could scan anything yet."""
        ...

    def recent_deviations(self, limit: int = 200) -> list[Deviation]:
        """The signed overrides, newest first."""
        ...

    def open_conflicts(self) -> list[OpenConflict]:
        """The conflicts still open, oldest first, each with the parents a lead may keep."""
        ...

    def work_progress(self, work_order: str, operation: str | None) -> WorkProgress | None:
        """The work order's progress, at `operation` too when given; None if it is unknown."""
        ...

    def completed_since_login(self, station: str, operator: str) -> int:
        """Operations `station` completed since `operator` last logged in there: the count of
        the operator's shift at this station."""
        ...

    def defect_catalogue(self) -> list[Defect]:
        """The defect codes of master data, by code (the lead panel's picker)."""
        ...


@dataclass(frozen=True)
class TraceQuery:
    """What the user typed or scanned: `SN:PART/SERIAL`, `LOT:PART/LOT`, or a bare serial or lot."""

    text: str
    part: str | None = None


@dataclass(frozen=True)
class TraceAnswer:
    """`tree`, `where_used` and `recall` are the documents of `tracestation trace ... --json`
    and `tracestation recall --json`. `error` is "empty" for an empty query, else the reason."""

    query: TraceQuery
    kind: str  # "unit" | "lot" | "none"
    tree: dict[str, Any] | None = None
    where_used: list[dict[str, Any]] = field(default_factory=list)
    recall: dict[str, Any] | None = None
    error: str | None = None


def parse_query(query: TraceQuery) -> tuple[str, str, str | None]:
    """(kind, value, part): kind is "unit", "lot" or "any" when the text carries no prefix."""
    text = query.text.strip()
    part = query.part.strip() if query.part and query.part.strip() else None
    for prefix, kind in (("SN:", "unit"), ("LOT:", "lot")):
        if text.upper().startswith(prefix):
            body = text[len(prefix) :]
            owner, slash, value = body.rpartition("/")
            return kind, (value if slash else body), (owner if slash and owner else part)
    return "any", text, part


class TraceReader(Protocol):
    def answer(self, query: TraceQuery) -> TraceAnswer:
        """The as-built tree and where-used of a unit, or the recall scope of a lot."""
        ...


class MasterDataLoader(Protocol):
    def load(self, document: Mapping[str, Any]) -> None:
        """Import master data all or nothing; raises `MasterDataError` saying what is wrong."""
        ...
