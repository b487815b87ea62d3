"""Nonconformances signed by a lead: a defect code of the catalogue, a number the station
chooses when none is given, a lot put on hold in the same unit of work, and closing once."""

from __future__ import annotations

import pytest

from support.fakes import FakeClock, FakeJournal, FakePins, FakePlant, FakeTransactions
from tracestation.domain import events as ev
from tracestation.domain.model import LotStatus
from tracestation.station.lead import LeadDesk
from tracestation.station.lead_requests import (
    CloseNonconformance,
    LeadResult,
    LeadSignature,
    OpenNonconformance,
)
from tracestation.station.lead_service import LeadService
from tracestation.station.ports import RaceLost

SIGNED = LeadSignature("B-9001", "4321")


@pytest.fixture
def service(plant: FakePlant, transactions: FakeTransactions, clock: FakeClock) -> LeadService:
    desk = LeadDesk(plant, transactions, FakePins(), clock)
    return LeadService(desk, printer=None)  # type: ignore[arg-type]  # nothing prints here


def lot_nc(**changes: object) -> OpenNonconformance:
    values: dict[str, object] = {
        "signature": SIGNED,
        "subject_kind": "lot",
        "subject": "CAP-220/C-7781",
        "defect_code": "DAMAGED-PART",
        "description": "reel crushed in transit",
        "disposition": "use_as_is",
        "number": "",
        "hold": True,
    }
    values.update(changes)
    return OpenNonconformance(**values)  # type: ignore[arg-type]


def test_a_lots_nonconformance_puts_it_on_hold_in_the_same_step(
    service: LeadService, plant: FakePlant, journal: FakeJournal
) -> None:
    outcome = service.perform(lot_nc())
    assert outcome.result is LeadResult.NONCONFORMANCE_OPENED
    assert outcome.params["number"] == "NC-ST-0001"  # the station's own next number
    lot = plant.lot("CAP-220", "C-7781")
    assert lot is not None and lot.status is LotStatus.HOLD
    assert lot.status_reason == "NC NC-ST-0001: DAMAGED-PART"
    opened, held = journal.entries[-2:]
    assert isinstance(opened.event, ev.NonconformanceOpened)
    assert isinstance(held.event, ev.LotStatusChanged) and held.event.status == "hold"
    assert [e.signature.meaning for e in (opened, held) if e.signature] == [
        "nonconformance use_as_is",
        "lot hold for nonconformance NC-ST-0001",
    ]
    assert service.perform(lot_nc()).params["number"] == "NC-ST-0002"  # held already: no hold


def test_a_nonconformance_that_lost_a_race_is_run_again_and_its_number_taken_once(
    service: LeadService, plant: FakePlant, journal: FakeJournal, transactions: FakeTransactions
) -> None:
    before = len(journal.entries)
    transactions.fail_next_commit(RaceLost("deadlock detected"))
    assert service.perform(lot_nc(number="NC-7")).ok  # run again after the lost race
    assert [e.event.kind for e in journal.entries[before:]] == [
        "nonconformance_opened",
        "lot_status_changed",
    ]
    again = service.perform(lot_nc(number="NC-7"))
    assert (again.result, again.refusal) == (LeadResult.REFUSED, "nc_exists")


@pytest.mark.parametrize(
    ("changes", "refusal"),
    [
        ({"defect_code": "GREMLINS"}, "defect_not_in_catalogue"),
        ({"defect_code": " "}, "defect_required"),
        ({"subject_kind": "unit", "subject": "PCBA-100/PCB-9"}, "hold_is_for_lots"),
        ({"disposition": "burn"}, "bad_disposition"),
        ({"subject": "CAP-220/NOPE"}, "lot_not_recorded"),
    ],
)
def test_a_nonconformance_that_cannot_be_opened_writes_nothing(
    service: LeadService, journal: FakeJournal, changes: dict[str, object], refusal: str
) -> None:
    before = [e.event.kind for e in journal.entries]
    outcome = service.perform(lot_nc(**changes))
    assert (outcome.result, outcome.refusal) == (LeadResult.REFUSED, refusal)
    # only the signing may be on record (it is: a right PIN writes nothing)
    assert [e.event.kind for e in journal.entries] == before


def test_without_a_catalogue_any_defect_code_is_taken(
    service: LeadService, plant: FakePlant
) -> None:
    plant.defects.clear()
    assert service.perform(lot_nc(defect_code="CRUSHED", hold=False)).ok


def test_a_nonconformance_is_closed_once_with_a_signed_note(
    service: LeadService, journal: FakeJournal, plant: FakePlant
) -> None:
    service.perform(lot_nc(number="NC-9"))
    closed = service.perform(CloseNonconformance(SIGNED, "NC-9", "reel replaced by supplier"))
    assert closed.result is LeadResult.NONCONFORMANCE_CLOSED
    assert journal.events[-1] == ev.NonconformanceClosed("NC-9", "reel replaced by supplier")
    found = plant.nonconformance("NC-9")
    assert found is not None and found.status == "closed"
    twice = service.perform(CloseNonconformance(SIGNED, "NC-9", "again"))
    assert (twice.result, twice.refusal) == (LeadResult.REFUSED, "nc_not_open")
    unknown = service.perform(CloseNonconformance(SIGNED, "NC-404", "x"))
    assert unknown.refusal == "nc_not_found"
