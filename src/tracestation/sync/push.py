"""Push the events this database holds and a centre lacks, each station's in chain order.

What was sent is tracked per centre (`sync_targets`, by the centre's id), so pushing to another
database never hides events from the real centre. Idempotent by event UUID: an event the centre
already has is skipped, so a push cut off between the central commit and the local mark is simply
repeated. Each batch is one central transaction (`sync.ingest`); the local cursor moves only
after that commit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, text, update

from tracestation.station.clock import SystemClock
from tracestation.station.ports import Clock
from tracestation.store.audit_anchors import record_acknowledgement
from tracestation.store.database import writer
from tracestation.store.tables import (
    EventRow,
    PartRow,
    StationHeadRow,
    SyncTargetRow,
    table_of,
)
from tracestation.sync.central import central_identity
from tracestation.sync.collections_paused import fewer_collections
from tracestation.sync.ingest import ChainBroken, IngestReport, ingest_outgoing
from tracestation.sync.outgoing import read_outgoing

EVENTS = table_of(EventRow)
HEADS = table_of(StationHeadRow)
TARGETS = table_of(SyncTargetRow)
PARTS = table_of(PartRow)


class SyncRefused(RuntimeError):
    """The central database cannot take these events; nothing of the batch was written there."""


@dataclass
class PushReport:
    pushed: int = 0
    already_central: int = 0
    parked: int = 0
    conflicts: list[dict[str, str]] = field(default_factory=list)
    stations: set[str] = field(default_factory=set)

    def to_json(self) -> dict[str, Any]:
        return {
            "pushed": self.pushed,
            "already_central": self.already_central,
            "parked": self.parked,
            "conflicts": self.conflicts,
            "stations": sorted(self.stations),
        }


def push_journal(
    local: Engine, central: Engine, batch: int = 2000, clock: Clock | None = None
) -> PushReport:
    """Push what `central` lacks, in batches of `batch` events, a central transaction each.

    The station's side of the work runs on a thread of its own, one batch ahead: while the
    centre writes a batch, that thread reads the next one and makes it ready
    (`sync.outgoing`), then moves the cursor past the batch the centre committed before. The
    cursor never moves past a batch before its commit, and the batches go in order."""
    centre = central_identity(central)
    with central.connect() as c:
        if c.scalar(select(PARTS.c.number).limit(1)) is None:
            raise SyncRefused(
                "The central database has no master data. Import the plant's master data "
                "there first (tracestation --db <central URL> import plant.json)."
            )
    clock = clock or SystemClock()
    report = PushReport()
    with (
        fewer_collections(),
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="push-station-side") as station,
    ):
        ahead = station.submit(read_outgoing, local, centre, batch, None)
        marked: Future[None] | None = None
        while (sending := ahead.result()) is not None:
            last = sending.rows[-1]
            ahead = station.submit(read_outgoing, local, centre, batch, (last.station, last.seq))
            step = IngestReport()
            try:
                with writer(central).begin() as c:
                    _one_push_per_station(c, sending.stations)
                    ingest_outgoing(c, sending, clock, step)
            except ChainBroken as broken:
                raise SyncRefused(str(broken)) from None
            _absorb(report, step)
            if marked is not None:
                marked.result()
            marked = station.submit(mark_sent, local, centre, sending.sent())
        if marked is not None:
            marked.result()
    return report


def _one_push_per_station(c: Connection, stations: Iterable[str]) -> None:
    """Wait for any other push of these stations' events to the centre to end first.

    Two pushes of one station can overlap: a retry after a cut while the first attempt's COMMIT
    is still landing, or the window's background sync beside `tracestation sync`. `ingest` reads
    which events the centre has before it locks the station's head, so the later push would take
    the events the earlier one is committing for missing, then find the head moved past them
    (`ChainBroken`, as if another station used the id) or, for a station's first events, hit a
    duplicate key. Under this lock, held to the end of the transaction, it reads them as
    central and skips them. PostgreSQL only: a centre is PostgreSQL, SQLite writers queue."""
    if c.dialect.name != "postgresql":
        return
    for station in sorted(stations):  # one order for all, so two pushes never deadlock
        c.execute(_ADVISORY_LOCK, {"key": _lock_key(station)})


_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


def _lock_key(station: str) -> int:
    digest = hashlib.blake2b(f"tracestation push {station}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def mark_sent(local: Engine, centre: str, sent: dict[str, int]) -> None:
    """Record that `centre` has each station's events up to the given seq."""
    now = datetime.now(UTC)
    with writer(local).begin() as c:
        for station, seq in sent.items():
            moved = c.execute(
                update(TARGETS)
                .where(TARGETS.c.central == centre, TARGETS.c.station == station)
                .values(pushed_seq=seq, pushed_at=now)
            )
            if moved.rowcount == 0:
                c.execute(
                    insert(TARGETS).values(
                        central=centre,
                        station=station,
                        pushed_seq=seq,
                        pulled_central_seq=0,
                        pushed_at=now,
                    )
                )
            # What the window counts as waiting: relative to the centre last synced with.
            c.execute(update(HEADS).where(HEADS.c.station == station).values(synced_seq=seq))
            record_acknowledgement(c, centre, station, seq)  # the audit's anchor of this chain


def _absorb(report: PushReport, step: IngestReport) -> None:
    report.pushed += step.pushed
    report.already_central += step.already_central
    report.parked += step.parked
    report.conflicts += step.conflicts
    report.stations |= step.stations
