"""Defect codes at the station: a failed test is its own verdict and asks for its defect,
scanned as DEF:<code> from the catalogue in master data; a part taken out in rework may be
given one too."""

from __future__ import annotations

from support.fakes import FakeJournal, FakePlant, Scan
from tracestation.domain import events as ev
from tracestation.station.verdicts import VerdictKind

TESTING = ("B-1001", "WO:WO-2001", "OPN:20")
BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")


def board_built(scan: Scan) -> None:
    scan(*BOARD, "LOT:CAP-220/C-7781", "CMD:DONE")


def test_a_failed_test_is_its_own_verdict_and_the_station_asks_for_its_defect(
    scan: Scan,
) -> None:
    board_built(scan)
    failed = scan("OPN:20", "PCB-1", "CMD:FAIL")
    assert failed.outcome == "accepted"  # recorded, as the journal says
    assert failed.kind is VerdictKind.TEST_FAILED
    assert failed.to_json()["verdict"] == "test_failed"
    assert failed.prompt == "Scan the defect code (DEF:...) of PCBA-100/PCB-1's failed test."
    waiting = scan("CMD:PASS")
    assert (waiting.kind, waiting.code) == (VerdictKind.REJECTED, "defect_code_needed")


def test_a_pass_is_an_accepted_verdict_not_a_failed_one(scan: Scan) -> None:
    board_built(scan)
    passed = scan("OPN:20", "PCB-1", "CMD:PASS")
    assert passed.kind is VerdictKind.ACCEPTED
    assert passed.prompt == "Scan the unit to test."


def test_scanning_the_defect_code_records_it_on_the_failed_test(
    scan: Scan, journal: FakeJournal, plant: FakePlant
) -> None:
    board_built(scan)
    scan("OPN:20", "PCB-1", "CMD:FAIL")
    recorded = scan("DEF:SOLDER-BRIDGE")
    assert (recorded.outcome, recorded.message) == (
        "accepted",
        "Defect SOLDER-BRIDGE (Solder bridge between pins) recorded for PCBA-100/PCB-1; "
        "take it to rework.",
    )
    assert recorded.kind is VerdictKind.ACCEPTED
    assert journal.events[-2:] == [
        ev.TestRecorded("PCBA-100", "PCB-1", "WO-2001", "20", "In-circuit test", False),
        ev.DefectRecorded("PCBA-100", "PCB-1", "WO-2001", "20", "SOLDER-BRIDGE", "test", None),
    ]
    assert [(d.serial, d.defect_code, d.source) for d in plant.state.defects] == [
        ("PCB-1", "SOLDER-BRIDGE", "test")
    ]
    assert recorded.prompt == "Scan the unit to test."


def test_with_a_catalogue_the_next_unit_waits_until_the_failed_ones_defect_is_scanned(
    scan: Scan, plant: FakePlant
) -> None:
    board_built(scan)
    scan("OPN:20", "PCB-1", "CMD:FAIL")
    plant.add_unit("PCBA-100", "PCB-9", "WO-2001", last_operation="10")
    refused = scan("PCB-9")
    assert (refused.outcome, refused.code) == ("rejected", "defect_code_needed")
    assert refused.message == (
        "PCBA-100/PCB-1 failed its test: scan its defect code (DEF:...) from the defect-code "
        "sheet first, or CMD:CANCEL."
    )
    assert scan("CMD:PASS").code == "defect_code_needed"
    assert scan("DEF:COLD-JOINT").outcome == "accepted"
    assert scan("PCB-9").code == "unit_ready_for_test"


def test_cancel_leaves_the_failed_unit_without_a_defect_for_a_lead_to_give(
    scan: Scan, journal: FakeJournal
) -> None:
    board_built(scan)
    scan("OPN:20", "PCB-1", "CMD:FAIL")
    assert scan("CMD:CANCEL").outcome == "accepted"
    assert "defect_recorded" not in journal.kinds()
    assert scan("DEF:COLD-JOINT").code == "no_defect_asked"


def test_a_code_not_in_the_catalogue_is_refused_and_asked_again(
    scan: Scan, journal: FakeJournal
) -> None:
    board_built(scan)
    scan("OPN:20", "PCB-1", "CMD:FAIL")
    unknown = scan("DEF:GREMLINS")
    assert (unknown.outcome, unknown.code) == ("rejected", "unknown_defect")
    assert "not in the defect catalogue" in unknown.message
    assert unknown.prompt == "Scan the defect code (DEF:...) of PCBA-100/PCB-1's failed test."
    assert "defect_recorded" not in journal.kinds()


def test_without_a_catalogue_the_defect_is_asked_for_but_the_next_unit_may_go_on(
    scan: Scan, plant: FakePlant, journal: FakeJournal
) -> None:
    plant.defects.clear()
    board_built(scan)
    scan("OPN:20", "PCB-1", "CMD:FAIL")
    plant.add_unit("PCBA-100", "PCB-9", "WO-2001", last_operation="10")
    assert scan("PCB-9").code == "unit_ready_for_test"
    assert "defect_recorded" not in journal.kinds()


def test_a_part_taken_out_in_rework_carries_the_defect_scanned_after_it(
    scan: Scan, journal: FakeJournal
) -> None:
    board_built(scan)
    scan("OPN:20", "PCB-1", "CMD:FAIL", "DEF:DAMAGED-PART")
    removed = scan("OPN:10", "PCB-1", "CMD:REMOVE", "LOT:CAP-220/C-7781")
    assert removed.code == "child_removed"
    assert removed.prompt == (
        "Scan the defect code (DEF:...) of CAP-220/C-7781, or the replacement for PCBA-100/PCB-1."
    )
    installed_by = next(
        entry.event_id for entry in journal.entries if entry.event.kind == "lot_installed"
    )
    given = scan("DEF:DAMAGED-PART")
    assert given.message == (
        "Defect DAMAGED-PART (Component damaged) recorded for CAP-220/C-7781 taken out of "
        "PCBA-100/PCB-1."
    )
    event = journal.events[-1]
    assert isinstance(event, ev.DefectRecorded)
    assert (event.source, event.operation, event.defect_code) == ("removal", "10", "DAMAGED-PART")
    assert event.reference == installed_by
    assert scan("LOT:CAP-220/C-7781").code == "lot_installed"


def test_a_removal_needs_no_defect_the_replacement_goes_straight_in(
    scan: Scan, journal: FakeJournal
) -> None:
    board_built(scan)
    scan("OPN:20", "PCB-1", "CMD:FAIL", "DEF:DAMAGED-PART")
    scan("OPN:10", "PCB-1", "CMD:REMOVE", "LOT:CAP-220/C-7781")
    assert scan("LOT:CAP-220/C-7781").code == "lot_installed"
    assert scan("DEF:DAMAGED-PART").code == "no_defect_asked"
    assert journal.kinds().count("defect_recorded") == 1
