"""Small questions about the record that the window's top bar and lead panel ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from tracestation.store.tables import (
    DeviationRow,
    OperatorRow,
    StationHeadRow,
    WorkOrderRow,
    table_of,
)


@dataclass(frozen=True)
class DeviationView:
    time: datetime
    rule: str
    subject: str
    work_order: str | None
    reason: str
    lead: str


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


def recent_deviations(engine: Engine, limit: int = 200) -> list[DeviationView]:
    with engine.connect() as connection:
        rows = connection.execute(
            select(DeviationRow).order_by(DeviationRow.time.desc()).limit(limit)
        ).all()
    return [DeviationView(r.time, r.rule, r.subject, r.work_order, r.reason, r.lead) for r in rows]
