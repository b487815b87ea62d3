"""Push the station's unsynced events to the central database, in each station's chain order.

Idempotent by event UUID: an event the central database already has is skipped, so a push cut off
between the central commit and the local mark is simply repeated. Each batch is one central
transaction that appends the events, checks that they continue the station's chain there, and
updates the central projections with the same code the station uses; the local events are marked
synced only after that commit. Master data must already be in the central database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from tracestation.domain.chain import GENESIS
from tracestation.domain.events import event_from
from tracestation.store.database import writer
from tracestation.store.projections import ProjectionError, Written, project
from tracestation.store.tables import EventRow, StationHeadRow, table_of

EVENTS = table_of(EventRow)
HEADS = table_of(StationHeadRow)
_UNSYNCED = (
    select(EVENTS)
    .where(EVENTS.c.synced_at.is_(None))
    .order_by(EVENTS.c.station, EVENTS.c.seq)
    .limit(bindparam("batch"))
)
_KNOWN = select(EVENTS.c.id).where(EVENTS.c.id == bindparam("k_id"))
_HEAD = select(HEADS.c.seq, HEADS.c.hash).where(HEADS.c.station == bindparam("k_station"))
_ADVANCE = (
    update(HEADS)
    .where(HEADS.c.station == bindparam("k_station"))
    .values(synced_seq=bindparam("v_seq"))
)
_MARK = update(EVENTS).where(EVENTS.c.id == bindparam("k_id")).values(synced_at=bindparam("v_at"))


class SyncRefused(RuntimeError):
    """The central database cannot take these events; nothing of the batch was written there."""


@dataclass
class PushReport:
    pushed: int = 0
    already_central: int = 0
    stations: set[str] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "already_central": self.already_central,
            "stations": sorted(self.stations),
        }


def push_journal(local: Engine, central: Engine, batch: int = 500) -> PushReport:
    report = PushReport()
    while True:
        with local.connect() as c:
            rows = c.execute(_UNSYNCED, {"batch": batch}).all()
        if not rows:
            return report
        with writer(central).begin() as c:
            for row in rows:
                _push_one(c, row, report)
        now = datetime.now(UTC)
        synced: dict[str, int] = {}
        for row in rows:
            synced[row.station] = max(synced.get(row.station, 0), row.seq)
        with writer(local).begin() as c:
            c.execute(_MARK, [{"k_id": row.id, "v_at": now} for row in rows])
            c.execute(_ADVANCE, [{"k_station": st, "v_seq": seq} for st, seq in synced.items()])


def _push_one(c: Any, row: Any, report: PushReport) -> None:
    report.stations.add(row.station)
    if c.scalar(_KNOWN, {"k_id": row.id}) is not None:
        report.already_central += 1
        return
    head = c.execute(_HEAD, {"k_station": row.station}).first()
    seq, last_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if row.seq != seq + 1 or row.prev_hash != last_hash:
        raise SyncRefused(
            f"station {row.station}: the central journal ends at event {seq}, and event "
            f"{row.seq} ({row.id}) does not follow it. Check that no other station uses the id "
            f"{row.station}, then run `tracestation audit verify` on both databases."
        )
    values = {column.key: getattr(row, column.key) for column in EVENTS.c}
    values["synced_at"] = datetime.now(UTC)  # centrally: when the event arrived
    c.execute(insert(EVENTS).values(**values))
    written = Written(
        row.id, datetime.fromisoformat(row.time), row.station, row.operator, row.signed_by
    )
    try:
        project(event_from(row.kind, dict(row.payload)), c, written)
    except (ProjectionError, IntegrityError) as error:
        cause = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise SyncRefused(
            f"event {row.seq} of station {row.station} ({row.kind}) does not fit the central "
            f"record: {cause}. Import the same master data into the central database first."
        ) from error
    if head is None:
        c.execute(
            insert(HEADS).values(
                station=row.station, seq=row.seq, hash=row.hash, synced_seq=row.seq
            )
        )
    else:
        c.execute(
            update(HEADS)
            .where(HEADS.c.station == row.station)
            .values(seq=row.seq, hash=row.hash, synced_seq=row.seq)
        )
    report.pushed += 1
