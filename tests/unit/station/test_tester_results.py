"""Tester results into the record, on the fakes: one file, one unit of work; a failed result
sends the unit to rework as CMD:FAIL does; a refused file writes nothing; the same file twice
adds nothing."""

from __future__ import annotations

from support.fakes import FakePlant, FakeTransactions
from tracestation.domain import events as ev
from tracestation.domain.model import UnitStatus
from tracestation.station.ports import CommitUncertain, ConnectionLost
from tracestation.station.tester_results import FileImport, TesterResults

HEADER = "serial,test,measurement,value,unit,low,high,result,tested_at\n"
GOOD = (
    HEADER
    + "PCB-1,In-circuit test,R1,10.02,kOhm,9.9,10.1,PASS,2026-11-30T10:15:00Z\n"
    + "PCBA-100/PCB-2,20,Supply,5.61,V,4.75,5.25,,2026-11-30T10:16:00Z\n"
).encode()


def boards(plant: FakePlant) -> None:
    for serial in ("PCB-1", "PCB-2"):
        plant.add_unit("PCBA-100", serial, "WO-2001", last_operation="10")


def test_results_attach_to_the_units_and_a_failed_one_goes_to_rework(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    boards(plant)
    outcome = TesterResults(transactions).record("ict-001.csv", GOOD)
    assert (outcome.status, outcome.tests, outcome.failed, outcome.measurements) == (
        FileImport.IMPORTED,
        2,
        1,
        2,
    )
    recorded = [e for e in transactions.journal.events if isinstance(e, ev.TesterResultRecorded)]
    assert [(e.serial, e.operation, e.test, e.passed) for e in recorded] == [
        ("PCB-1", "20", "In-circuit test", True),
        ("PCB-2", "20", "20", False),  # the test named by its operation's code
    ]
    assert recorded[0].measurements == (
        {
            "name": "R1",
            "value": "10.02",
            "unit": "kOhm",
            "low": "9.9",
            "high": "10.1",
            "passed": True,
        },
    )
    assert recorded[0].source == "ict-001.csv" and len(recorded[0].content_hash) == 64
    assert plant.unit("PCBA-100", "PCB-1").status is UnitStatus.PASSED  # type: ignore[union-attr]
    assert plant.unit("PCBA-100", "PCB-2").status is UnitStatus.FAILED  # type: ignore[union-attr]


def test_the_same_file_imported_again_adds_nothing(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    boards(plant)
    results = TesterResults(transactions)
    results.record("ict-001.csv", GOOD)
    count = len(transactions.journal.entries)
    again = results.record("renamed.csv", GOOD)
    assert again.status is FileImport.ALREADY_IMPORTED
    assert len(transactions.journal.entries) == count


def test_a_file_naming_an_unknown_unit_is_refused_whole(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    boards(plant)
    data = GOOD + b"PCB-404,In-circuit test,R1,10,kOhm,9.9,10.1,,\n"
    outcome = TesterResults(transactions).record("ict.csv", data)
    assert outcome.status is FileImport.REFUSED
    assert outcome.problems == ("row 4: PCB-404 is not a known unit",)
    assert transactions.journal.entries == []  # not even the good rows before it
    assert plant.unit("PCBA-100", "PCB-1").status is UnitStatus.IN_PROCESS  # type: ignore[union-attr]


def test_a_unit_not_at_its_test_is_refused_as_the_station_would(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    plant.add_unit("PCBA-100", "PCB-1", "WO-2001")  # not built yet: its next step is 10
    data = HEADER.encode() + b"PCB-1,In-circuit test,R1,10,kOhm,9.9,10.1,,\n"
    outcome = TesterResults(transactions).record("ict.csv", data)
    assert outcome.status is FileImport.REFUSED
    assert "its next operation is 10 SMT assembly" in outcome.problems[0]


def test_a_failed_result_may_name_its_defect_from_the_catalogue(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    boards(plant)
    data = (
        b'{"serial": "PCB-1", "test": "In-circuit test", "result": "FAIL", "defect": "COLD-JOINT"}'
    )
    assert TesterResults(transactions).record("r.json", data).status is FileImport.IMPORTED
    assert transactions.journal.events[-1] == ev.DefectRecorded(
        "PCBA-100", "PCB-1", "WO-2001", "20", "COLD-JOINT", "test"
    )
    unknown = data.replace(b"COLD-JOINT", b"GREMLINS").replace(b"PCB-1", b"PCB-2")
    refused = TesterResults(transactions).record("r2.json", unknown)
    assert refused.problems == ("results[0]: defect GREMLINS is not in the defect catalogue",)


def test_a_file_whose_commit_may_have_landed_says_so_and_is_kept_to_import_again(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    boards(plant)
    transactions.fail_next_commit(CommitUncertain("server closed the connection"))
    results = TesterResults(transactions)

    outcome = results.record("ict-001.csv", GOOD)

    assert outcome.status is FileImport.NOT_SAVED
    assert transactions.begun == 1, "not imported again blindly: it may be on record"
    (problem,) = outcome.problems
    assert "may or may not be on record" in problem and "nothing was written" not in problem
    assert results.record("ict-001.csv", GOOD).status is FileImport.IMPORTED


def test_a_file_whose_connection_was_lost_before_the_commit_is_imported_on_a_new_one(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    boards(plant)
    transactions.fail_next_commit(ConnectionLost("server closed the connection"))

    outcome = TesterResults(transactions).record("ict-001.csv", GOOD)

    assert (outcome.status, transactions.begun) == (FileImport.IMPORTED, 2)
