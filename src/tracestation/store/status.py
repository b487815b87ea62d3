"""Small questions about the record that the window's top bar and lead panel ask: the store's
side of the `RecordStatus` port (tracestation.station.queries)."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from tracestation.domain.conflicts import CHILD_INSTALLED_TWICE
from tracestation.domain.model import Defect
from tracestation.station.queries import Deviation, OpenConflict, WorkProgress
from tracestation.store.plant import DatabasePlant, as_utc
from tracestation.store.progress import completed_since_login, work_progress
from tracestation.store.signatures import signatures_for
from tracestation.store.tables import (
    ConflictRow,
    DeviationRow,
    OperatorRow,
    StationHeadRow,
    WorkOrderRow,
    table_of,
)


class DatabaseStatus:
    """`RecordStatus` on a database. Each call opens its own connection: any thread may ask."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def pending_event_count(self) -> int:
        return pending_event_count(self.engine)

    def plant_is_empty(self) -> bool:
        return plant_is_empty(self.engine)

    def recent_deviations(self, limit: int = 200) -> list[Deviation]:
        return recent_deviations(self.engine, limit)

    def open_conflicts(self) -> list[OpenConflict]:
        return open_conflicts(self.engine)

    def work_progress(self, work_order: str, operation: str | None) -> WorkProgress | None:
        return work_progress(self.engine, work_order, operation)

    def completed_since_login(self, station: str, operator: str) -> int:
        return completed_since_login(self.engine, station, operator)

    def defect_catalogue(self) -> list[Defect]:
        from tracestation.store.quality_records import DatabaseQualityRecords

        return DatabaseQualityRecords(self.engine).defect_catalogue()


def pending_event_count(engine: Engine) -> int:
    """Events not yet pushed to the central database: each station's head minus its sync
    cursor (one row per station, whatever the size of the journal)."""
    heads = table_of(StationHeadRow)
    with engine.connect() as connection:
        query = select(func.coalesce(func.sum(heads.c.seq - heads.c.synced_seq), 0))
        return int(connection.execute(query).scalar_one())


def plant_is_empty(engine: Engine) -> bool:
    """No operators or no work orders: nobody could scan anything yet."""
    with engine.connect() as connection:
        operators = connection.execute(select(OperatorRow.badge).limit(1)).first()
        work_orders = connection.execute(select(WorkOrderRow.number).limit(1)).first()
    return operators is None or work_orders is None


def recent_deviations(engine: Engine, limit: int = 200) -> list[Deviation]:
    """The signed overrides, newest first, each with its lead's signature (printed name,
    time, meaning) as the journal keeps it."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(DeviationRow).order_by(DeviationRow.time.desc()).limit(limit)
        ).all()
        signatures = signatures_for(connection, (r.event_id for r in rows))
    return [
        Deviation(
            as_utc(r.time) or r.time,
            r.rule,
            r.subject,
            r.work_order,
            r.reason,
            r.lead,
            signatures.get(r.event_id),
        )
        for r in rows
    ]


def open_conflicts(engine: Engine) -> list[OpenConflict]:
    """The conflicts still open, oldest first. A child installed twice comes with the parents it
    sits in, read as the lead service reads them when it checks the unit a lead keeps."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(ConflictRow)
            .where(ConflictRow.status == "open")
            .order_by(ConflictRow.raised_at, ConflictRow.id)
        ).all()
    plant = DatabasePlant(engine)  # only its state reads: no master data is loaded
    found = []
    for row in rows:
        parents: tuple[str, ...] = ()
        if row.kind == CHILD_INSTALLED_TWICE:
            parents = tuple(p.parent for p in plant.parents_of(row.part, row.subject))
        found.append(
            OpenConflict(
                row.id,
                row.kind,
                row.subject_kind,
                f"{row.part}/{row.subject}",
                tuple(s.strip() for s in row.stations.split(",") if s.strip()),
                as_utc(row.raised_at) or row.raised_at,
                row.nonconformance or None,
                row.detail,
                parents,
            )
        )
    return found
