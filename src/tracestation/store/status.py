"""Small questions about the record that the window's top bar and lead panel ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from tracestation.store.tables import DeviationRow, EventRow, OperatorRow, WorkOrderRow


@dataclass(frozen=True)
class DeviationView:
    time: datetime
    rule: str
    subject: str
    work_order: str | None
    reason: str
    lead: str


def pending_event_count(engine: Engine) -> int:
    """Events not yet pushed to the central database (`synced_at` still empty)."""
    with engine.connect() as connection:
        query = select(func.count()).select_from(EventRow).where(EventRow.synced_at.is_(None))
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
