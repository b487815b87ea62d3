"""Test results and packing: a unit passes or fails; passed units fill cartons that close at
their pack quantity and print their labels."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from support.fakes import FakePlant, RecordingPrinter, Scan
from tracestation.domain.check_digits import sscc
from tracestation.domain.model import Container

TESTING = ("B-1001", "WO:WO-2001", "OPN:20")
PACKING = ("B-1001", "WO:WO-1001", "OPN:40")
FIRST_CARTON = sscc(0, "9506000", 1)
SECOND_CARTON = sscc(0, "9506000", 2)


@pytest.fixture
def assembled_board(plant: FakePlant) -> None:
    plant.add_unit("PCBA-100", "PCB-1", "WO-2001", last_operation="10")


@pytest.mark.usefixtures("assembled_board")
def test_a_board_that_passes_its_test_is_passed_and_the_result_kept(
    scan: Scan, plant: FakePlant
) -> None:
    ready = scan(*TESTING, "PCB-1")
    assert ready.message == "Testing PCBA-100/PCB-1: scan CMD:PASS or CMD:FAIL."
    passed = scan("CMD:PASS")
    assert (passed.outcome, passed.message) == (
        "accepted",
        "PCBA-100/PCB-1 passed In-circuit test.",
    )
    unit = plant.unit("PCBA-100", "PCB-1")
    assert unit is not None and (unit.status, unit.last_operation) == ("passed", "20")
    assert [(t.serial, t.test, t.passed, t.operator) for t in plant.state.tests] == [
        ("PCB-1", "In-circuit test", True, "B-1001")
    ]


@pytest.mark.usefixtures("assembled_board")
def test_a_board_that_fails_goes_to_rework_and_is_not_tested_again_before(
    scan: Scan, plant: FakePlant
) -> None:
    failed = scan(*TESTING, "PCB-1", "CMD:FAIL")
    assert failed.message == "PCBA-100/PCB-1 failed In-circuit test; take it to rework."
    unit = plant.unit("PCBA-100", "PCB-1")
    assert unit is not None and (unit.status, unit.last_operation) == ("failed", "10")
    again = scan("DEF:SOLDER-BRIDGE", "PCB-1")
    assert (again.outcome, again.message) == (
        "rejected",
        "PCBA-100/PCB-1 failed test; take it to rework first.",
    )


def test_a_result_without_a_unit_under_test_is_rejected(scan: Scan) -> None:
    result = scan(*TESTING, "CMD:PASS")
    assert (result.outcome, result.code) == ("rejected", "no_unit_to_test")


def test_packing_fills_a_carton_closes_it_at_its_pack_quantity_and_prints_its_label(
    scan: Scan,
    plant: FakePlant,
    printer: RecordingPrinter,
    passed_controllers: Callable[[int, int], None],
) -> None:
    passed_controllers(3, 2)
    first = scan(*PACKING, "CTRL-1")
    assert first.message == f"CTRL-500/CTRL-1 packed in carton {FIRST_CARTON} (1 of 2)."
    assert first.prompt == f"Scan a passed unit to pack into {FIRST_CARTON} (1 in it)."
    assert printer.containers == []

    full = scan("CTRL-2")
    assert full.message == (
        f"CTRL-500/CTRL-2 packed; carton {FIRST_CARTON} is full with 2 and closed. Label printed."
    )
    assert printer.containers == [
        Container(FIRST_CARTON, "WO-1001", "CTRL-500", 2, ("CTRL-1", "CTRL-2"), closed=True)
    ]

    third = scan("CTRL-3")
    assert third.message == f"CTRL-500/CTRL-3 packed in carton {SECOND_CARTON} (1 of 2)."
    closed = scan("CMD:CLOSE")
    assert closed.message == f"Carton {SECOND_CARTON} closed with 1 units. Label printed."
    assert [c.sscc for c in printer.containers] == [FIRST_CARTON, SECOND_CARTON]
    unit = plant.unit("CTRL-500", "CTRL-2")
    assert unit is not None and (unit.status, unit.container) == ("packed", FIRST_CARTON)


def test_a_unit_that_has_not_passed_is_not_packed(
    scan: Scan, plant: FakePlant, passed_controllers: Callable[[int, int], None]
) -> None:
    passed_controllers(0, 2)
    plant.add_unit("CTRL-500", "CTRL-4", "WO-1001", last_operation="30")
    result = scan(*PACKING, "CTRL-4")
    assert (result.outcome, result.message) == (
        "rejected",
        "CTRL-500/CTRL-4 is in_process, not passed; only passed units are packed.",
    )
    assert plant.state.cartons == {}


def test_closing_without_an_open_carton_is_rejected(scan: Scan) -> None:
    result = scan(*PACKING, "CMD:CLOSE")
    assert (result.outcome, result.message) == (
        "rejected",
        "No open carton for WO-1001. Scan a unit to pack first.",
    )
