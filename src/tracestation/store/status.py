"""Small questions about the record that the window's top bar and lead panel ask: the store's
side of the `RecordStatus` port (tracestation.station.queries)."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from tracestation.station.queries import Deviation
from tracestation.store.plant import as_utc
from tracestation.store.signatures import signatures_for
from tracestation.store.tables import (
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
