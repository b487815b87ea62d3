"""The rules a scan must pass, on plain values: no database, no station."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

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
from tracestation.domain.rules import (
    child_unit_installable,
    lot_has_quantity,
    lot_usable,
    missing_lines,
    unit_at_operation,
    work_order_has_room,
)

TODAY = date(2026, 11, 21)
ROUTING = Routing(
    "CTRL-500",
    (
        Operation("10", "Kitting", OperationKind.CONSUME),
        Operation("20", "Assembly", OperationKind.ASSEMBLE),
        Operation("30", "Final test", OperationKind.TEST),
    ),
)
BOARD_ROUTING = Routing(
    "PCBA-100",
    (Operation("10", "SMT", OperationKind.ASSEMBLE), Operation("20", "ICT", OperationKind.TEST)),
)


def lot(
    status: LotStatus = LotStatus.RELEASED, expiry: date | None = None, qty: str = "100"
) -> Lot:
    return Lot("SCREW-M3", "L-1", Decimal(qty), status, expiry)


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (LotStatus.HOLD, "lot_on_hold"),
        (LotStatus.QUARANTINE, "lot_quarantined"),
        (LotStatus.REJECTED, "lot_rejected"),
        (LotStatus.CONSUMED, "lot_used_up"),
    ],
)
def test_a_lot_that_is_not_released_is_refused_and_no_lead_may_waive_it(
    status: LotStatus, code: str
) -> None:
    violation = lot_usable(lot(status), TODAY)
    assert violation is not None and violation.code == code and not violation.waivable


def test_an_expired_lot_needs_a_lead_who_may_waive_it() -> None:
    violation = lot_usable(lot(expiry=date(2026, 11, 20)), TODAY)
    assert violation is not None and violation.code == "lot_expired" and violation.waivable


def test_a_lot_expiring_today_is_still_good() -> None:
    assert lot_usable(lot(expiry=TODAY), TODAY) is None


def test_a_lot_with_too_little_on_hand_is_short() -> None:
    assert lot_has_quantity(lot(qty="3"), Decimal(4), "ea") is not None
    assert lot_has_quantity(lot(qty="4"), Decimal(4), "ea") is None


def test_a_unit_may_only_be_worked_at_the_next_operation_of_its_routing() -> None:
    unit = Unit("CTRL-500", "S1", "WO-1", UnitStatus.IN_PROCESS, last_operation="10")
    assert unit_at_operation(unit, ROUTING, ROUTING.operations[1]) is None
    too_far = unit_at_operation(unit, ROUTING, ROUTING.operations[2])
    assert too_far is not None and too_far.params["expected"] == "20"
    done = Unit("CTRL-500", "S1", "WO-1", UnitStatus.PASSED, last_operation="30")
    finished = unit_at_operation(done, ROUTING, ROUTING.operations[1])
    assert finished is not None and finished.code == "unit_routing_complete"


def test_scrapped_or_packed_units_cannot_be_worked() -> None:
    for status in (UnitStatus.SCRAPPED, UnitStatus.PACKED, UnitStatus.SHIPPED):
        unit = Unit("CTRL-500", "S1", "WO-1", status, last_operation="10")
        violation = unit_at_operation(unit, ROUTING, ROUTING.operations[1])
        assert violation is not None and violation.code == "unit_not_workable"


def test_a_child_must_have_passed_its_whole_routing_and_be_free() -> None:
    parent = Unit("CTRL-500", "C1", "WO-1")
    passed = Unit("PCBA-100", "B1", "WO-2", UnitStatus.PASSED, last_operation="20")
    assert child_unit_installable(passed, BOARD_ROUTING, None, parent) is None
    untested = Unit("PCBA-100", "B1", "WO-2", UnitStatus.IN_PROCESS, last_operation="10")
    assert (
        child_unit_installable(untested, BOARD_ROUTING, None, parent).code == "child_not_finished"
    )  # type: ignore[union-attr]
    elsewhere = child_unit_installable(
        passed, BOARD_ROUTING, Unit("CTRL-500", "C9", "WO-1"), parent
    )
    assert elsewhere is not None and elsewhere.params["parent"] == "CTRL-500/C9"
    assert child_unit_installable(parent, ROUTING, None, parent).code == "child_is_parent"  # type: ignore[union-attr]


def test_missing_lines_count_only_active_children_of_this_operation() -> None:
    lines = [
        BomLine("CTRL-500", "SCREW-M3", Decimal(4), "20"),
        BomLine("CTRL-500", "PCBA-100", Decimal(1), "20"),
    ]
    children = [
        InstalledChild(1, "SCREW-M3", None, "L-1", Decimal(3), "20", "e-1"),
        InstalledChild(2, "PCBA-100", "B1", None, Decimal(1), "20", "e-2"),
    ]
    assert [(line.child, qty) for line, qty in missing_lines(lines, children)] == [
        ("SCREW-M3", Decimal(1))
    ]


def test_a_work_order_has_room_until_its_quantity_is_registered() -> None:
    work_order = WorkOrder("WO-1", "CTRL-500", 2)
    assert work_order_has_room(work_order, 1) is None
    full = work_order_has_room(work_order, 2)
    assert full is not None and full.code == "work_order_full"
