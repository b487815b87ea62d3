"""Assembly: a parent serial, then the children its BOM lists at the operation, then CMD:DONE."""

from __future__ import annotations

from decimal import Decimal

import pytest

from support.fakes import FakeJournal, FakePlant, Scan
from tracestation.domain.events import LotInstalled, OperationCompleted
from tracestation.domain.model import UnitStatus

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
CONTROLLER_ASSEMBLY = ("B-1001", "WO:WO-1001", "OPN:20")


def lot_left(plant: FakePlant, part: str, code: str) -> Decimal:
    lot = plant.lot(part, code)
    assert lot is not None
    return lot.quantity


def test_a_board_takes_its_bom_quantity_from_a_lot_and_completes_the_operation(
    scan: Scan, plant: FakePlant, journal: FakeJournal
) -> None:
    scan(*BOARD)
    installed = scan("LOT:CAP-220/C-7781")
    assert installed.message == "2 ea of lot CAP-220/C-7781 installed in PCBA-100/PCB-1."
    assert installed.prompt == "PCBA-100/PCB-1 is complete: scan CMD:DONE."
    done = scan("CMD:DONE")
    assert (done.outcome, done.message) == ("accepted", "Operation 10 done for PCBA-100/PCB-1.")
    assert journal.events[-2:] == [
        LotInstalled("PCBA-100", "PCB-1", "CAP-220", "C-7781", Decimal(2), "WO-2001", "10"),
        OperationCompleted("PCBA-100", "PCB-1", "WO-2001", "10"),
    ]
    assert [(c.label, c.qty) for c in plant.installed_children("PCBA-100", "PCB-1")] == [
        ("CAP-220/C-7781", Decimal(2))
    ]
    assert lot_left(plant, "CAP-220", "C-7781") == 4998
    unit = plant.unit("PCBA-100", "PCB-1")
    assert unit is not None and unit.last_operation == "10"


def test_done_with_a_bom_line_missing_is_rejected_naming_what_is_missing(
    scan: Scan, plant: FakePlant, journal: FakeJournal
) -> None:
    scan(*BOARD)
    result = scan("CMD:DONE")
    assert (result.outcome, result.code) == ("rejected", "bom_incomplete")
    assert result.message == "PCBA-100/PCB-1 still needs: CAP-220 2. Scan them, then CMD:DONE."
    assert journal.kinds()[-1] == "unit_registered"
    unit = plant.unit("PCBA-100", "PCB-1")
    assert unit is not None and unit.last_operation is None


def test_a_quantity_scanned_first_installs_that_much_and_the_line_waits_for_the_rest(
    scan: Scan, plant: FakePlant
) -> None:
    partly = scan(*BOARD, "QTY:1", "LOT:CAP-220/C-7781")
    assert partly.message == "1 ea of lot CAP-220/C-7781 installed in PCBA-100/PCB-1."
    assert partly.prompt == "Scan for PCBA-100/PCB-1: CAP-220 1 ea."
    assert scan("CMD:DONE").message.endswith("still needs: CAP-220 1. Scan them, then CMD:DONE.")
    assert scan("LOT:CAP-220/C-7790").outcome == "accepted"
    assert scan("CMD:DONE").code == "operation_completed"


def test_a_part_that_is_not_on_the_bom_of_the_operation_is_rejected(
    scan: Scan, plant: FakePlant
) -> None:
    scan(*BOARD)
    result = scan("LOT:SCREW-M3/L-2291")
    assert (result.outcome, result.code) == ("rejected", "part_not_on_bom")
    assert result.message == (
        "SCREW-M3 is not on the bill of materials of PCBA-100 at operation 10. Check the part."
    )
    assert lot_left(plant, "SCREW-M3", "L-2291") == 5000
    assert plant.installed_children("PCBA-100", "PCB-1") == []


def test_a_satisfied_bom_line_takes_no_more(scan: Scan, plant: FakePlant) -> None:
    scan(*BOARD, "LOT:CAP-220/C-7781")
    result = scan("LOT:CAP-220/C-7790")
    assert (result.outcome, result.code) == ("rejected", "line_satisfied")
    assert result.message == (
        "PCBA-100/PCB-1 already has its 2 ea of CAP-220. Scan the next part or CMD:DONE."
    )
    assert lot_left(plant, "CAP-220", "C-7790") == 5000


@pytest.fixture
def controllers_and_boards(plant: FakePlant) -> None:
    """Two controllers kitted and waiting for assembly; a board that passed its test and one
    that has not."""
    for serial in ("CTRL-1", "CTRL-2"):
        plant.add_unit("CTRL-500", serial, "WO-1001", last_operation="10")
    plant.add_unit("PCBA-100", "PCB-1", "WO-2001", status=UnitStatus.PASSED, last_operation="20")
    plant.add_unit("PCBA-100", "PCB-2", "WO-2001", last_operation="10")


@pytest.mark.usefixtures("controllers_and_boards")
def test_a_tested_board_and_its_screws_go_into_a_controller_which_then_completes(
    scan: Scan, plant: FakePlant
) -> None:
    assert scan(*CONTROLLER_ASSEMBLY, "CTRL-1").message == "Unit CTRL-500/CTRL-1 selected."
    board = scan("PCB-1")
    assert (board.code, board.message) == (
        "child_installed",
        "PCBA-100/PCB-1 installed in CTRL-500/CTRL-1.",
    )
    assert board.prompt == "Scan for CTRL-500/CTRL-1: SCREW-M3 4 ea."
    screws = scan("LOT:SCREW-M3/L-2291")
    assert screws.message == "4 ea of lot SCREW-M3/L-2291 installed in CTRL-500/CTRL-1."
    assert scan("CMD:DONE").message == "Operation 20 done for CTRL-500/CTRL-1."
    parent = plant.installed_in("PCBA-100", "PCB-1")
    assert parent is not None and parent.label == "CTRL-500/CTRL-1"


@pytest.mark.usefixtures("controllers_and_boards")
def test_a_board_installed_in_one_controller_cannot_go_into_another(
    scan: Scan, plant: FakePlant
) -> None:
    scan(*CONTROLLER_ASSEMBLY, "CTRL-1", "PCB-1", "CTRL-2")
    result = scan("PCB-1")
    assert (result.outcome, result.code) == ("rejected", "child_installed_elsewhere")
    assert result.message == (
        "PCBA-100/PCB-1 is installed in CTRL-500/CTRL-1. "
        "Remove it there first (rework) or scan another."
    )
    assert plant.installed_children("CTRL-500", "CTRL-2") == []


@pytest.mark.usefixtures("controllers_and_boards")
def test_a_board_that_has_not_finished_its_routing_cannot_be_installed(
    scan: Scan, plant: FakePlant
) -> None:
    scan(*CONTROLLER_ASSEMBLY, "CTRL-1")
    result = scan("PCB-2")
    assert (result.outcome, result.code) == ("rejected", "child_not_finished")
    assert result.message == (
        "PCBA-100/PCB-2 has not finished its own routing (status in_process, "
        "last operation 10). Scan a finished one."
    )
    assert plant.installed_children("CTRL-500", "CTRL-1") == []


@pytest.mark.usefixtures("controllers_and_boards")
def test_a_child_scanned_before_its_parent_is_rejected(scan: Scan) -> None:
    result = scan(*CONTROLLER_ASSEMBLY, "PCB-1")
    assert (result.outcome, result.message) == (
        "rejected",
        "Scan the parent unit before PCBA-100/PCB-1.",
    )
