"""One sync: push what the centre lacks, then pull what the station lacks.

Used by `tracestation sync` and by the background sync of the window and the headless station.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from tracestation.station.ports import Clock
from tracestation.store.identity_blocks import reserve_blocks
from tracestation.store.status import pending_event_count
from tracestation.store.tables import ConflictRow, table_of
from tracestation.sync.central import central_identity
from tracestation.sync.pull import PullReport, pull
from tracestation.sync.push import PushReport, push_journal

CONFLICTS = table_of(ConflictRow)


@dataclass
class SyncReport:
    centre: str
    push: PushReport
    pulled: PullReport
    pending: int
    conflicts: list[dict[str, str]] = field(default_factory=list)
    reserved: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "pushed": self.push.pushed,
            "pulled": self.pulled.events,
            "pending": self.pending,
            "conflicts": self.conflicts,
            "central": self.centre,
            "already_central": self.push.already_central,
            "parked": self.push.parked,
            "raised": self.push.conflicts,
            "master_data_changed": self.pulled.master_data_changed,
            "lots_updated": self.pulled.lots,
            "reserved": self.reserved,
        }


def sync_with(
    local: Engine, central: Engine, stations: set[str] | None = None, clock: Clock | None = None
) -> SyncReport:
    """Push, then pull. `stations` names this station's ids: the open conflicts that concern
    them are reported (all open conflicts when None)."""
    centre = central_identity(central)
    pushed = push_journal(local, central, clock=clock)
    pulled = pull(local, central, centre)
    reserved: dict[str, int] = {}
    for station in sorted(stations or ()):
        for kind, count in reserve_blocks(local, central, station).items():
            reserved[kind] = reserved.get(kind, 0) + count
    report = SyncReport(
        centre, pushed, pulled, pending_event_count(local), open_conflicts(local, stations)
    )
    report.reserved = reserved
    return report


def open_conflicts(engine: Engine, stations: set[str] | None = None) -> list[dict[str, str]]:
    """Open conflicts that involve one of `stations` (all open ones when None)."""
    return [
        c
        for c in listed_conflicts(engine)
        if stations is None or {s.strip() for s in c["stations"].split(",")} & stations
    ]


def listed_conflicts(engine: Engine, include_resolved: bool = False) -> list[dict[str, str]]:
    """Every open conflict (and the resolved ones too, when asked), oldest first."""
    query = select(CONFLICTS).order_by(CONFLICTS.c.raised_at)
    if not include_resolved:
        query = query.where(CONFLICTS.c.status == "open")
    with engine.connect() as c:
        rows = c.execute(query).all()
    return [
        {
            "id": row.id,
            "kind": row.kind,
            "subject": f"{row.part}/{row.subject}",
            "stations": row.stations,
            "detail": row.detail,
            "nonconformance": row.nonconformance or "",
            "raised_at": row.raised_at.isoformat(),
            "status": row.status,
            "resolution": row.resolution or "",
            "resolved_by": row.resolved_by or "",
        }
        for row in rows
    ]
