"""The rules a scan must pass before the station accepts it.

Each check returns `None` when the scan may proceed, or a `Violation` with a code and the facts
the message needs. A violation a lead may waive is marked `waivable`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracestation.domain.model import (
    BomLine,
    InstalledChild,
    Lot,
    LotStatus,
    Operation,
    OperationKind,
    Routing,
    Unit,
    UnitStatus,
    WorkOrder,
)
from tracestation.messages.verdicts import Verdict


@dataclass(frozen=True)
class Violation:
    code: Verdict
    params: dict[str, str] = field(default_factory=dict)
    waivable: bool = False
    subject: str | None = None  # what a lead's waiver names, e.g. "PASTE-7/P-88"


_BLOCKING_LOT_STATUS = {
    LotStatus.HOLD: Verdict.LOT_ON_HOLD,
    LotStatus.QUARANTINE: Verdict.LOT_QUARANTINED,
    LotStatus.REJECTED: Verdict.LOT_REJECTED,
    LotStatus.CONSUMED: Verdict.LOT_USED_UP,
}


def qty_text(qty: Decimal) -> str:
    return format(qty.normalize(), "f")


def lot_usable(lot: Lot, today: date) -> Violation | None:
    """A lot may be used only when released; an expired lot needs a lead's override."""
    code = _BLOCKING_LOT_STATUS.get(lot.status)
    if code is not None:
        since = lot.status_since.date().isoformat() if lot.status_since else "unknown date"
        return Violation(
            code,
            {
                "lot": lot.code,
                "part": lot.part,
                "since": since,
                "reason": lot.status_reason or "none given",
            },
        )
    if lot.is_expired(today):
        assert lot.expiry is not None
        return Violation(
            Verdict.LOT_EXPIRED,
            {"lot": lot.code, "part": lot.part, "expiry": lot.expiry.isoformat()},
            waivable=True,
            subject=lot.label,
        )
    return None


def lot_has_quantity(lot: Lot, qty: Decimal, uom: str) -> Violation | None:
    if lot.quantity < qty:
        return Violation(
            Verdict.LOT_SHORT,
            {
                "lot": lot.code,
                "part": lot.part,
                "on_hand": qty_text(lot.quantity),
                "qty": qty_text(qty),
                "uom": uom,
            },
        )
    return None


def bom_line_for(lines: Iterable[BomLine], part: str) -> BomLine | None:
    return next((line for line in lines if line.child == part), None)


def installed_quantity(children: Iterable[InstalledChild], part: str, operation: str) -> Decimal:
    return sum((c.qty for c in children if c.part == part and c.operation == operation), Decimal(0))


def missing_lines(
    lines: Iterable[BomLine], children: list[InstalledChild]
) -> list[tuple[BomLine, Decimal]]:
    """BOM lines of an operation not yet satisfied, with the quantity still to install."""
    missing = []
    for line in lines:
        remaining = line.qty - installed_quantity(children, line.child, line.operation)
        if remaining > 0:
            missing.append((line, remaining))
    return missing


def unit_at_operation(unit: Unit, routing: Routing, operation: Operation) -> Violation | None:
    """A unit may be worked at an operation only when that is the next one on its routing."""
    if (
        unit.status is UnitStatus.SCRAPPED
        or unit.status is UnitStatus.SHIPPED
        or unit.status is UnitStatus.PACKED
    ):
        return Violation(
            Verdict.UNIT_NOT_WORKABLE, {"unit": unit.label, "status": unit.status.value}
        )
    expected = routing.next_after(unit.last_operation)
    if expected is not None and expected.code == operation.code:
        return None
    if _retest_after_rework(unit, routing, operation):
        return None
    if expected is None:
        return Violation(
            Verdict.UNIT_ROUTING_COMPLETE, {"unit": unit.label, "operation": operation.code}
        )
    return Violation(
        Verdict.UNIT_WRONG_OPERATION,
        {
            "unit": unit.label,
            "operation": operation.code,
            "expected": expected.code,
            "expected_name": expected.name,
        },
    )


def _retest_after_rework(unit: Unit, routing: Routing, operation: Operation) -> bool:
    """A unit in rework is tested again at a test or inspection it has already passed: a board
    taken out of a controller in rework goes back to its own test before it is used again."""
    if unit.status is not UnitStatus.IN_REWORK or unit.last_operation is None:
        return False
    if operation.kind not in (OperationKind.TEST, OperationKind.INSPECT):
        return False
    codes = [op.code for op in routing.operations]
    if operation.code not in codes or unit.last_operation not in codes:
        return False
    return codes.index(operation.code) <= codes.index(unit.last_operation)


def child_unit_installable(
    child: Unit, child_routing: Routing | None, installed_in: Unit | None, parent: Unit
) -> Violation | None:
    """A child serial goes in only when it finished its own routing and is free."""
    if child.part == parent.part and child.serial == parent.serial:
        return Violation(Verdict.CHILD_IS_PARENT, {"unit": child.label})
    if installed_in is not None:
        return Violation(
            Verdict.CHILD_INSTALLED_ELSEWHERE, {"child": child.label, "parent": installed_in.label}
        )
    finished = (
        child_routing is not None
        and child_routing.is_last(child.last_operation)
        and child.status in (UnitStatus.PASSED, UnitStatus.FINISHED)
    )
    if not finished:
        at = child.last_operation or "none"
        return Violation(
            Verdict.CHILD_NOT_FINISHED,
            {"child": child.label, "status": child.status.value, "operation": at},
        )
    return None


def completion_finishes(unit: Unit, routing: Routing, operation: Operation, rework: bool) -> bool:
    """Whether completing `operation` finishes the unit's routing, whatever the step's kind.

    Rework leaves the unit where it was on its routing: it finishes the unit again when the unit
    had finished and no test or inspection follows the reworked step, which would have to be
    passed again."""
    if not rework:
        return routing.is_last(operation.code)
    return routing.is_last(unit.last_operation) and not routing.checks_after(operation.code)


def work_order_has_room(work_order: WorkOrder, registered: int) -> Violation | None:
    if registered >= work_order.quantity:
        return Violation(
            Verdict.WORK_ORDER_FULL,
            {"work_order": work_order.number, "quantity": str(work_order.quantity)},
        )
    return None
