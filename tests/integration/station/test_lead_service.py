"""The one way in for lead actions (`LeadService`, wired by `tracestation.wiring`): the window's
lead panel and the `lot` commands hand it the same requests and read the same typed outcomes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from support.snapshots import PIN_RECORD, journal_ids, kinds_added, record_snapshot
from tracestation.domain.events import LabelReprinted, LotSplit, LotStatusChanged
from tracestation.labels.printers import NoPrinter
from tracestation.station.lead import LeadDesk
from tracestation.station.lead_requests import (
    ChangeLotStatus,
    LeadResult,
    LeadSignature,
    OpenNonconformance,
    ReprintLabel,
    SplitLot,
)
from tracestation.station.lead_service import LeadService
from tracestation.station.ports import CommitUncertain, RecordNotSaved, RejectedScan, Transaction
from tracestation.store.pins import Argon2Pins
from tracestation.store.plant import DatabasePlant
from tracestation.store.tables import EventRow, LotRow, NonconformanceRow, PrintJobRow
from tracestation.store.unit_of_work import DatabaseTransactions, nonconformance_number
from tracestation.wiring import lead_service_on

LEAD = LeadSignature("B-9001", "4321")


def test_a_hold_answers_with_the_signed_event_and_its_journal_id(engine: Any, clock: Any) -> None:
    service = lead_service_on(engine, "LEAD-DESK-TEST", clock=clock)

    outcome = service.perform(ChangeLotStatus(LEAD, "LOT:SCREW-M3/L-2291", "hold", "NCR 77"))

    assert outcome.ok and outcome.result is LeadResult.LOT_STATUS_CHANGED
    assert isinstance(outcome.event, LotStatusChanged)
    assert (outcome.event.part, outcome.event.lot, outcome.event.status) == (
        "SCREW-M3",
        "L-2291",
        "hold",
    )
    assert outcome.signed_by == "B-9001" and outcome.params["name"] == "Ion Rus"
    with Session(engine) as s:
        row = s.scalars(select(EventRow).where(EventRow.kind == "lot_status_changed")).one()
        status = s.scalars(select(LotRow.status).where(LotRow.code == "L-2291")).one()
    assert (row.id, row.station, row.signed_by) == (outcome.event_id, "LEAD-DESK-TEST", "B-9001")
    assert status == "hold"


def test_a_split_names_the_lot_the_station_chose(engine: Any, clock: Any) -> None:
    service = lead_service_on(engine, "LEAD-DESK-TEST", clock=clock)

    outcome = service.perform(SplitLot(LEAD, "SCREW-M3/L-2291", "1000", "", "split"))

    assert outcome.result is LeadResult.LOT_SPLIT
    assert outcome.event == LotSplit("SCREW-M3", "L-2291", "L-2291-S1", Decimal("1000"))
    assert outcome.params["new_lot"] == "SCREW-M3/L-2291-S1"


def test_a_quantity_that_is_not_a_number_is_refused_by_code_and_writes_nothing(
    engine: Any, clock: Any
) -> None:
    service = lead_service_on(engine, "LEAD-DESK-TEST", clock=clock)
    before = record_snapshot(engine)

    outcome = service.perform(SplitLot(LEAD, "SCREW-M3/L-2291", "NaN", "", "split"))

    assert not outcome.ok
    assert (outcome.result, outcome.refusal, dict(outcome.params)) == (
        LeadResult.REFUSED,
        "not_a_quantity",
        {"text": "NaN"},
    )
    assert outcome.event is None and outcome.event_id is None
    assert record_snapshot(engine) == before


def test_a_wrong_pin_is_refused_before_the_request_is_read_and_only_the_try_is_recorded(
    engine: Any, clock: Any
) -> None:
    service = lead_service_on(engine, "LEAD-DESK-TEST", clock=clock)
    before, journal = record_snapshot(engine, skip=PIN_RECORD), journal_ids(engine)

    outcome = service.perform(
        ChangeLotStatus(LeadSignature("B-9001", "0000"), "not a label", "hold", "NCR")
    )

    assert (outcome.result, outcome.refusal) == (LeadResult.REFUSED, "wrong_pin")
    assert dict(outcome.params) == {"name": "Ion Rus", "left": "4", "limit": "5"}
    assert record_snapshot(engine, skip=PIN_RECORD) == before
    assert kinds_added(engine, journal) == ["pin_rejected"]


class _Unreachable:
    """A database that refuses every transaction (unplugged, disk full)."""

    @contextmanager
    def begin(self) -> Iterator[Transaction]:
        raise RecordNotSaved("database is locked")
        yield  # pragma: no cover

    def log_rejection(self, rejected: RejectedScan) -> None:
        raise RecordNotSaved("database is locked")


def test_a_database_fault_is_an_outcome_with_nothing_written(engine: Any) -> None:
    plant = DatabasePlant(engine)
    service = LeadService(LeadDesk(plant, _Unreachable(), Argon2Pins()), NoPrinter())

    outcome = service.perform(ChangeLotStatus(LEAD, "SCREW-M3/L-2291", "hold", "NCR 77"))

    assert (outcome.result, outcome.ok) == (LeadResult.NOT_SAVED, False)
    assert "locked" in outcome.detail


class _CutAtCommit:
    """A database whose connection breaks as each transaction asks to commit: whether the
    server committed is not known (`CommitUncertain`)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    @contextmanager
    def begin(self) -> Iterator[Transaction]:
        with self.inner.begin() as tx:
            tx.commit = _cut  # the block ends without committing, as a cut connection would
            yield tx

    def log_rejection(self, rejected: RejectedScan) -> None:
        self.inner.log_rejection(rejected)


def _cut() -> None:
    raise CommitUncertain("server closed the connection unexpectedly")


def test_a_lead_action_whose_commit_was_cut_off_is_told_it_may_be_done_not_to_run_it_again(
    engine: Any, clock: Any
) -> None:
    from tracestation.messages.lead_answers import LeadAnswer
    from tracestation.ui.lead.outcome_text import answer_to

    plant = DatabasePlant(engine)
    inner = DatabaseTransactions(engine, plant, "LEAD-DESK-TEST", clock)
    service = LeadService(LeadDesk(plant, _CutAtCommit(inner), Argon2Pins()), NoPrinter())

    outcome = service.perform(ChangeLotStatus(LEAD, "SCREW-M3/L-2291", "hold", "NCR 77"))

    assert (outcome.result, outcome.ok) == (LeadResult.MAYBE_SAVED, False)
    message, params = answer_to(outcome, str, str)
    assert message is LeadAnswer.MAYBE_SAVED
    assert message.render(params).startswith("Perhaps done: the connection to the database broke")
    assert "Nothing" not in message.render(params)


def test_a_reprint_of_a_serial_never_made_prints_nothing(engine: Any, clock: Any) -> None:
    printer = NoPrinter()
    service = lead_service_on(engine, "LEAD-DESK-TEST", clock=clock, printer=printer)

    outcome = service.perform(ReprintLabel(LEAD, "unit", "PCB-404"))

    assert (outcome.result, dict(outcome.params)) == (
        LeadResult.LABEL_SUBJECT_UNKNOWN,
        {"subject": "PCB-404"},
    )
    assert printer.printed == []


class _PrinterOff(NoPrinter):
    """A printer that answers nothing: every label fails."""

    def print_unit_label(self, unit: Any) -> None:
        raise OSError("printer off")

    def print_container_label(self, container: Any) -> None:
        raise OSError("printer off")


def _a_unit(engine: Any, clock: Any) -> str:
    """PART/SERIAL of a unit in the record, registered through the station's own scan."""
    from tracestation.wiring import station_on

    station = station_on(engine, "LEAD-DESK-TEST", clock=clock, printer=NoPrinter())
    for raw in ("B-1001", "WO:WO-2001", "OPN:10", "PCB-7"):
        station.scan(raw)
    return "PCBA-100/PCB-7"


def test_a_reprint_without_a_valid_pin_is_refused_and_prints_nothing(
    engine: Any, clock: Any
) -> None:
    unit = _a_unit(engine, clock)
    printer = NoPrinter()
    service = lead_service_on(engine, "LEAD-DESK-TEST", clock=clock, printer=printer)
    with Session(engine) as s:
        jobs_before = len(s.scalars(select(PrintJobRow)).all())

    outcome = service.perform(ReprintLabel(LeadSignature("B-9001", "0000"), "unit", unit))

    assert (outcome.result, outcome.refusal) == (LeadResult.REFUSED, "wrong_pin")
    assert printer.printed == []
    with Session(engine) as s:
        assert len(s.scalars(select(PrintJobRow)).all()) == jobs_before
        assert s.scalars(select(EventRow).where(EventRow.kind == "label_reprinted")).all() == []


def test_a_signed_reprint_records_the_event_with_the_leads_name_and_enqueues_a_job(
    engine: Any, clock: Any
) -> None:
    unit = _a_unit(engine, clock)
    service = lead_service_on(engine, "LEAD-DESK-TEST", clock=clock, printer=_PrinterOff())

    outcome = service.perform(ReprintLabel(LEAD, "unit", unit.split("/")[1]))

    assert outcome.ok and outcome.result is LeadResult.LABEL_REPRINTED
    assert outcome.event == LabelReprinted("unit", unit)
    assert outcome.params["name"] == "Ion Rus" and outcome.signed_by == "B-9001"
    assert outcome.params["printer_fault"] == "printer off"
    with Session(engine) as s:
        row = s.scalars(select(EventRow).where(EventRow.kind == "label_reprinted")).one()
        job = s.scalars(select(PrintJobRow).where(PrintJobRow.reprint_by == "B-9001")).one()
    assert (row.id, row.signed_by) == (outcome.event_id, "B-9001")
    assert (job.kind, job.subject, job.status) == ("unit", unit, "failed")


def test_two_stations_opening_nonconformances_by_scan_in_the_same_second_get_two_numbers(
    engine: Any, clock: Any
) -> None:
    numbers = []
    for station in ("LINE-1", "LINE-2", "LINE-1"):
        service = lead_service_on(engine, station, clock=clock)  # one clock: the same second
        request = OpenNonconformance(
            LEAD, "lot", "SCREW-M3/L-2291", "WRONG-THREAD", "SUSPECT", "scrap", ""
        )

        outcome = service.perform(request)

        assert outcome.result is LeadResult.NONCONFORMANCE_OPENED, outcome
        numbers.append(outcome.params["number"])
    assert numbers == ["NC-LINE-1-0001", "NC-LINE-2-0002", "NC-LINE-1-0003"]
    with Session(engine) as s:
        assert sorted(s.scalars(select(NonconformanceRow.number))) == sorted(numbers)


def test_offline_stations_counting_on_their_own_databases_still_give_different_numbers() -> None:
    long_a, long_b = "ASSEMBLY-LINE-NORTH-1", "ASSEMBLY-LINE-NORTH-2"

    assert nonconformance_number("LINE-1", 1) != nonconformance_number("LINE-2", 1)
    assert nonconformance_number(long_a, 1) != nonconformance_number(long_b, 1)
    assert len(nonconformance_number("S" * 64, 10**9)) <= 32  # the number's column
