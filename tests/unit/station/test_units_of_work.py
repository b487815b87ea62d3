"""Every scan is one unit of work: a lost race is judged again, a failed commit records nothing
and says so, and nothing after the commit can turn an accepted scan into a lost one."""

from __future__ import annotations

from collections.abc import Callable

from support.fakes import (
    FakeClock,
    FakeJournal,
    FakePlant,
    FakeTransactions,
    RecordingPrinter,
    Scan,
    station_with,
)
from tracestation.domain.check_digits import sscc
from tracestation.station.core import Station
from tracestation.station.ports import RaceLost, RecordNotSaved

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
NOT_SAVED = (
    "The scan could not be saved (database or disk is full). "
    "Nothing was recorded: scan it again; if this repeats, call a line lead."
)


def test_a_scan_that_loses_a_race_once_is_judged_again_and_recorded_once(
    scan: Scan, plant: FakePlant, journal: FakeJournal, transactions: FakeTransactions
) -> None:
    scan(*BOARD)
    begun = transactions.begun
    transactions.fail_next_commit(RaceLost("deadlock detected"))

    result = scan("LOT:CAP-220/C-7781")
    assert (result.outcome, result.message) == (
        "accepted",
        "2 ea of lot CAP-220/C-7781 installed in PCBA-100/PCB-1.",
    )
    assert transactions.begun - begun == 2, "judged twice"
    assert journal.kinds().count("lot_installed") == 1
    assert result.event_ids == (journal.entries[-1].event_id,)
    assert len(plant.installed_children("PCBA-100", "PCB-1")) == 1
    lot = plant.lot("CAP-220", "C-7781")
    assert lot is not None and lot.quantity == 4998, "taken from the lot once"


def test_a_scan_that_lost_a_race_is_judged_again_on_what_the_other_station_wrote(
    scan: Scan,
    plant: FakePlant,
    journal: FakeJournal,
    transactions: FakeTransactions,
    clock: FakeClock,
) -> None:
    plant.add_work_order("WO-3001", "CTRL-500", 2)
    other = station_with(plant, transactions=transactions.sibling("ST-2"), clock=clock)
    for raw in ("B-1002", "WO:WO-3001", "OPN:10", "CTRL-1"):
        other.scan(raw)
    scan("B-1001", "WO:WO-3001", "OPN:10")
    transactions.fail_next_commit(
        RaceLost("could not serialize access"), meanwhile=lambda: other.scan("CTRL-2")
    )

    result = scan("CTRL-3")
    assert (result.outcome, result.code) == ("rejected", "work_order_full")
    assert result.message == "Work order WO-3001 already has all 2 units. Call a line lead."
    assert plant.unit("CTRL-500", "CTRL-2") is not None
    assert plant.unit("CTRL-500", "CTRL-3") is None
    assert "unit_registered" not in journal.kinds()


def test_a_scan_that_keeps_losing_races_is_rejected_as_not_saved(
    scan: Scan, plant: FakePlant, transactions: FakeTransactions
) -> None:
    scan(*BOARD[:3])
    before = plant.snapshot()
    transactions.fail_next_commit(RaceLost("deadlock detected"), times=5)
    result = scan("PCB-1")
    assert (result.outcome, result.code) == ("rejected", "record_not_saved")
    assert result.message.startswith("The scan could not be saved (deadlock detected).")
    assert plant.snapshot() == before


def test_a_scan_whose_commit_fails_says_nothing_was_recorded_and_nothing_was(
    scan: Scan,
    station: Station,
    plant: FakePlant,
    journal: FakeJournal,
    transactions: FakeTransactions,
) -> None:
    scan(*BOARD[:3])
    before, entries, context = plant.snapshot(), list(journal.entries), station.context
    transactions.fail_next_commit(RecordNotSaved("database or disk is full"))

    result = scan("PCB-1")
    assert (result.outcome, result.code, result.message) == (
        "rejected",
        "record_not_saved",
        NOT_SAVED,
    )
    assert result.prompt == "Scan a new serial or CMD:NEW for PCBA-100."
    assert plant.snapshot() == before
    assert journal.entries == entries
    assert station.context == context
    rejected = journal.rejections[-1]
    assert (rejected.raw, rejected.code, rejected.operator) == (
        "PCB-1",
        "record_not_saved",
        "B-1001",
    )

    assert scan("PCB-1").code == "unit_registered", "scanning again works once the record does"


def test_a_failed_commit_leaves_the_station_on_the_work_order_and_unit_it_had(
    scan: Scan, station: Station, transactions: FakeTransactions
) -> None:
    scan(*BOARD)
    saved = dict(transactions.memory.saved)
    transactions.fail_next_commit(RecordNotSaved("database is locked"))

    result = scan("WO:WO-1001")
    assert (result.outcome, result.code) == ("rejected", "record_not_saved")
    assert station.context.work_order is not None
    assert station.context.work_order.number == "WO-2001"
    assert station.context.unit == ("PCBA-100", "PCB-1")
    assert transactions.memory.saved == saved
    assert scan("LOT:CAP-220/C-7781").outcome == "accepted", "the unit is still in work"


def test_a_carton_whose_commit_fails_leaves_no_carton_draws_no_number_and_prints_nothing(
    scan: Scan,
    plant: FakePlant,
    transactions: FakeTransactions,
    printer: RecordingPrinter,
    passed_controllers: Callable[[int, int], None],
) -> None:
    passed_controllers(1, 1)
    scan("B-1001", "WO:WO-1001", "OPN:40")
    transactions.fail_next_commit(RecordNotSaved("database or disk is full"))

    assert scan("CTRL-1").message == NOT_SAVED
    assert plant.state.cartons == {}
    assert transactions.identities.next_serial == 1
    assert printer.containers == []
    unit = plant.unit("CTRL-500", "CTRL-1")
    assert unit is not None and unit.status == "passed"

    packed = scan("CTRL-1")
    assert packed.code == "unit_packed_container_full"
    assert [c.sscc for c in printer.containers] == [sscc(0, "9506000", 1)]


def test_the_operator_gets_the_verdict_even_when_the_rejection_log_cannot_be_written(
    scan: Scan, transactions: FakeTransactions
) -> None:
    scan(*BOARD[:3])
    transactions.fail_next_commit(RecordNotSaved("database or disk is full"))
    transactions.rejection_log_fails = RecordNotSaved("database or disk is full")
    result = scan("PCB-1")
    assert (result.outcome, result.message) == ("rejected", NOT_SAVED)


def test_a_printer_fault_after_the_commit_leaves_the_scan_accepted_and_says_the_label_is_kept(
    scan: Scan,
    plant: FakePlant,
    journal: FakeJournal,
    printer: RecordingPrinter,
    passed_controllers: Callable[[int, int], None],
) -> None:
    passed_controllers(1, 1)
    scan("B-1001", "WO:WO-1001", "OPN:40")
    printer.fails_with = OSError("paper out")

    result = scan("CTRL-1")
    assert (result.outcome, result.code) == ("accepted", "unit_packed_container_full")
    assert result.message.endswith(
        "The label did not print (paper out); it is kept and printed when the printer answers."
    )
    assert result.notes == (("label_not_printed", {"detail": "paper out"}),)
    assert journal.kinds()[-3:] == ["container_opened", "unit_packed", "container_closed"]
    carton = plant.container(sscc(0, "9506000", 1))
    assert carton is not None and carton.closed and carton.units == ("CTRL-1",)


def test_a_plant_read_failing_after_the_commit_leaves_the_scan_accepted_with_its_prompt(
    scan: Scan, plant: FakePlant, journal: FakeJournal
) -> None:
    """The next prompt is read in the scan's own transaction: nothing after the commit
    needs the database for it."""
    scan(*BOARD)
    plant.break_outside_reads(ConnectionError("server closed the connection"))

    result = scan("LOT:CAP-220/C-7781")
    assert (result.outcome, result.code) == ("accepted", "lot_installed")
    assert result.prompt_code == "prompt_done"
    plant.break_outside_reads(None)
    assert journal.kinds()[-1] == "lot_installed"
    lot = plant.lot("CAP-220", "C-7781")
    assert lot is not None and lot.quantity == 4998


def test_a_carton_label_that_cannot_be_read_after_the_commit_is_a_label_fault_only(
    scan: Scan, plant: FakePlant, passed_controllers: Callable[[int, int], None]
) -> None:
    passed_controllers(1, 1)
    scan("B-1001", "WO:WO-1001", "OPN:40")
    plant.break_outside_reads(ConnectionError("server closed the connection"))

    result = scan("CTRL-1")
    assert result.outcome == "accepted"
    assert result.notes == (("label_not_printed", {"detail": "server closed the connection"}),)
    plant.break_outside_reads(None)
    carton = plant.container(sscc(0, "9506000", 1))
    assert carton is not None and carton.closed
