"""New serials become units at the first operation of their work order, up to its quantity."""

from __future__ import annotations

from datetime import timedelta

import pytest

from support.fakes import FakeClock, FakeJournal, FakePlant, RecordingPrinter, Scan
from tracestation.domain.events import OperationCompleted, UnitRegistered
from tracestation.domain.model import Unit

KITTING_SMALL_ORDER = ("B-1001", "WO:WO-3001", "OPN:10")


@pytest.fixture(autouse=True)
def small_order(plant: FakePlant) -> None:
    plant.add_work_order("WO-3001", "CTRL-500", 2)


def test_serials_register_as_units_up_to_the_work_order_quantity_and_no_further(
    scan: Scan, plant: FakePlant, journal: FakeJournal
) -> None:
    scan(*KITTING_SMALL_ORDER)
    first, second = scan("CTRL-1"), scan("CTRL-2")
    assert [first.code, second.code] == ["unit_registered", "unit_registered"]
    assert second.message == "New unit CTRL-500/CTRL-2 registered on WO-3001."
    assert journal.events[-2:] == [
        UnitRegistered("CTRL-500", "CTRL-2", "WO-3001", "10"),
        OperationCompleted("CTRL-500", "CTRL-2", "WO-3001", "10"),
    ]
    entries = len(journal.entries)

    beyond = scan("CTRL-3")
    assert (beyond.outcome, beyond.code) == ("rejected", "work_order_full")
    assert beyond.message == "Work order WO-3001 already has all 2 units. Call a line lead."
    assert plant.unit("CTRL-500", "CTRL-3") is None
    assert plant.unit_count("WO-3001") == 2
    assert len(journal.entries) == entries


def test_a_registered_unit_passing_its_kitting_step_is_ready_for_assembly(
    scan: Scan, plant: FakePlant
) -> None:
    scan(*KITTING_SMALL_ORDER, "CTRL-1")
    unit = plant.unit("CTRL-500", "CTRL-1")
    assert unit is not None
    assert (unit.work_order, unit.status, unit.last_operation) == ("WO-3001", "in_process", "10")


def test_an_unknown_serial_at_a_later_operation_is_not_registered(
    scan: Scan, plant: FakePlant
) -> None:
    result = scan("B-1001", "WO:WO-3001", "OPN:30", "CTRL-9")
    assert (result.outcome, result.code) == ("rejected", "unknown_serial")
    assert result.message.startswith("CTRL-9 is not a known unit here.")
    assert plant.unit("CTRL-500", "CTRL-9") is None


def test_a_garbage_scan_while_building_is_not_called_an_unknown_unit_to_finish(
    scan: Scan, plant: FakePlant
) -> None:
    scan(*KITTING_SMALL_ORDER, "CTRL-1")
    scan("OPN:20", "CTRL-1")
    garbage = scan("~~ #%&*! ~~")
    assert (garbage.outcome, garbage.code) == ("rejected", "unreadable_while_building")
    assert garbage.message == (
        "~~ #%&*! ~~ is not a label this station reads (not a unit, lot or station code). "
        "Scan the label again; CTRL-500/CTRL-1 stays open."
    )
    assert "Finish" not in garbage.message
    unknown = scan("CTRL-404")
    assert unknown.code == "unknown_serial_while_building", "a serial's shape is still a serial"


def test_cmd_new_assigns_the_next_serial_and_prints_its_label(
    scan: Scan, plant: FakePlant, printer: RecordingPrinter
) -> None:
    result = scan("B-1001", "WO:WO-2001", "OPN:10", "CMD:NEW")
    assert (result.outcome, result.code) == ("accepted", "serial_assigned")
    assert result.message == ("Serial assigned: PCBA-100/WO-2001-00001 on WO-2001. Label printed.")
    assert printer.units == [Unit("PCBA-100", "WO-2001-00001", "WO-2001")]
    assert plant.unit("PCBA-100", "WO-2001-00001") is not None


def test_the_same_serial_read_twice_within_a_second_registers_one_unit(
    scan: Scan, clock: FakeClock, journal: FakeJournal
) -> None:
    scan(*KITTING_SMALL_ORDER)
    clock.tick = timedelta(milliseconds=100)
    scan("CTRL-1")
    twice = scan("CTRL-1")
    assert (twice.outcome, twice.message) == (
        "rejected",
        "The same scan (CTRL-1) was read twice within a second; it counts once.",
    )
    assert journal.kinds().count("unit_registered") == 1
