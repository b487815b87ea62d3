"""How far the work is, for the window's top bar: a work order's units in total and at one
operation, and the operations a station completed in an operator's shift. Reads only; each call
opens its own connection (any thread may ask)."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from tracestation.domain.model import UnitStatus
from tracestation.station.queries import WorkProgress
from tracestation.store.tables import EventRow, OperationRow, UnitRow, WorkOrderRow

DONE = (UnitStatus.FINISHED, UnitStatus.PASSED, UnitStatus.PACKED)
# A unit worked at an operation: completed there, tested there, or packed there.
WORKED = ("operation_completed", "test_recorded", "unit_packed")


def work_progress(engine: Engine, work_order: str, operation: str | None) -> WorkProgress | None:
    with engine.connect() as connection:
        order = connection.execute(
            select(WorkOrderRow.part, WorkOrderRow.quantity).where(
                WorkOrderRow.number == work_order
            )
        ).first()
        if order is None:
            return None
        counts = connection.execute(
            select(UnitRow.status, UnitRow.last_operation, func.count())
            .where(UnitRow.work_order == work_order)
            .group_by(UnitRow.status, UnitRow.last_operation)
        ).all()
        routing = connection.execute(
            select(OperationRow.code, OperationRow.position).where(OperationRow.part == order.part)
        ).all()
    position = {code: place for code, place in routing}
    done = sum(n for status, _last, n in counts if status in DONE)
    scrapped = sum(n for status, _last, n in counts if status == UnitStatus.SCRAPPED)
    registered = sum(n for _status, _last, n in counts)
    progress = WorkProgress(
        work_order,
        order.quantity,
        done,
        registered - done - scrapped,
        max(0, order.quantity - registered),
    )
    if operation is None or operation not in position:
        return progress
    here = position[operation]
    earlier = [place for place in position.values() if place < here]
    previous = max(earlier) if earlier else None
    done_here = next_here = 0
    for status, last, n in counts:
        if status == UnitStatus.SCRAPPED:
            continue
        reached = position.get(last) if last is not None else None
        if reached is not None and reached >= here:
            done_here += n
        elif reached == previous and status in (UnitStatus.IN_PROCESS, *DONE):
            next_here += n
    return WorkProgress(
        work_order,
        order.quantity,
        progress.done,
        progress.in_process,
        progress.remaining,
        operation,
        done_here,
        next_here,
        max(0, order.quantity - done_here),
    )


def completed_since_login(engine: Engine, station: str, operator: str) -> int:
    """Units `operator` worked at `station` (completed, tested, packed) since the station's last
    login (the current operator's: a login event names its badge in the payload only)."""
    with engine.connect() as connection:
        login = connection.execute(
            select(func.max(EventRow.time)).where(
                EventRow.kind == "operator_logged_in", EventRow.station == station
            )
        ).scalar_one()
        if login is None:
            return 0
        return int(
            connection.execute(
                select(func.count()).where(
                    EventRow.kind.in_(WORKED),
                    EventRow.time >= login,
                    EventRow.station == station,
                    EventRow.operator == operator,
                )
            ).scalar_one()
        )
