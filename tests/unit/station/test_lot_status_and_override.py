"""Lots that may not be used: a hold is final at the station; an expired lot needs a lead,
whose badge, PIN and reason waive it and record a deviation."""

from __future__ import annotations

from decimal import Decimal

from support.fakes import FakeJournal, FakePlant, Scan
from tracestation.domain.events import DeviationRecorded, LotInstalled
from tracestation.station.core import Station
from tracestation.station.ports import Signature

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
EXPIRED = "LOT:CAP-220/C-6001"
SIGN = ("B-9001", "PIN:4321", "RSN:ENG-OK")


def codes(station: Station, *raws: str) -> list[str]:
    return [station.scan(raw).code for raw in raws]


def test_a_lot_on_hold_is_rejected_saying_since_when_and_why_and_records_nothing(
    scan: Scan, station: Station, plant: FakePlant, journal: FakeJournal
) -> None:
    plant.add_unit("CTRL-500", "CTRL-1", "WO-1001", last_operation="10")
    scan("B-1001", "WO:WO-1001", "OPN:20", "CTRL-1")
    before, entries = plant.snapshot(), list(journal.entries)

    result = scan("LOT:SCREW-M3/L-2288")
    assert (result.outcome, result.code) == ("rejected", "lot_on_hold")
    assert result.message == (
        "Lot L-2288 of SCREW-M3 is on hold since 2026-11-19 (reason: hold in the master data). "
        "Scan another lot or call a line lead."
    )
    assert plant.snapshot() == before
    assert journal.entries == entries
    assert journal.rejections[-1].code == "lot_on_hold"
    assert station.context.override is None, "a lead cannot waive a hold at the station"


def test_an_expired_lot_asks_for_a_line_lead_and_records_nothing_yet(
    scan: Scan, plant: FakePlant, journal: FakeJournal
) -> None:
    scan(*BOARD)
    before, entries = plant.snapshot(), list(journal.entries)
    result = scan(EXPIRED)
    assert (result.outcome, result.code) == ("needs_override", "lot_expired")
    assert result.message == (
        "Lot C-6001 of CAP-220 expired on 2026-01-31. A line lead may override: badge, PIN, reason."
    )
    assert result.prompt == (
        "Needs a line lead: badge, PIN and reason code (RSN:...), or scan anything else to cancel."
    )
    assert plant.snapshot() == before
    assert journal.entries == entries


def test_a_lead_badge_pin_and_reason_waive_the_expiry_and_record_a_signed_deviation(
    scan: Scan, station: Station, plant: FakePlant, journal: FakeJournal
) -> None:
    scan(*BOARD)
    entries = len(journal.entries)
    assert codes(station, EXPIRED, *SIGN) == [
        "lot_expired",
        "override_lead",
        "override_pin_ok",
        "override_applied",
    ]
    new = journal.entries[entries:]
    assert [entry.event for entry in new] == [
        LotInstalled("PCBA-100", "PCB-1", "CAP-220", "C-6001", Decimal(2), "WO-2001", "10"),
        DeviationRecorded("lot_expired", "CAP-220/C-6001", "WO-2001", "ENG-OK", "B-9001"),
    ]
    assert {(e.operator, e.reason, e.signature) for e in new} == {
        ("B-1001", "ENG-OK", Signature("B-9001", "waived lot_expired", "Ion Rus"))
    }
    [deviation] = plant.state.deviations
    assert (deviation.subject, deviation.lead, deviation.station) == (
        "CAP-220/C-6001",
        "B-9001",
        "ST-1",
    )
    lot = plant.lot("CAP-220", "C-6001")
    assert lot is not None and lot.quantity == 198
    assert station.context.operator is not None
    assert station.context.operator.badge == "B-1001", "the operator stays logged in"
    assert station.context.override is None


def test_the_signing_scans_say_what_comes_next(scan: Scan) -> None:
    scan(*BOARD, EXPIRED)
    assert scan("B-9001").message == "Lead Ion Rus: scan your PIN."
    assert scan("PIN:4321").message == "PIN accepted, Ion Rus. Scan the reason code (RSN:...)."
    assert scan("RSN:ENG-OK").message == (
        "Override signed by Ion Rus (lot_expired waived); deviation recorded."
    )


def test_a_wrong_pin_is_refused_saying_how_many_tries_are_left_and_keeps_the_override(
    scan: Scan, station: Station, plant: FakePlant
) -> None:
    scan(*BOARD, EXPIRED, "B-9001")
    before = plant.snapshot()
    results = [station.scan(raw) for raw in ("PIN:1111", "PIN:2222")]
    assert [r.message for r in results] == [
        "Wrong PIN for Ion Rus (4 of 5 tries left before it locks). Scan the PIN again.",
        "Wrong PIN for Ion Rus (3 of 5 tries left before it locks). Scan the PIN again.",
    ]
    assert all(r.outcome == "rejected" for r in results)
    assert station.context.override is not None, "the lead may still give the right PIN"
    assert scan("PIN:4321").code == "override_pin_ok"
    assert plant.snapshot().lots == before.lots
    assert plant.state.deviations == []


def test_a_pin_before_the_lead_badge_is_refused(scan: Scan) -> None:
    result = scan(*BOARD, EXPIRED, "PIN:4321")
    assert (result.outcome, result.message) == (
        "rejected",
        "A line lead scans the badge before the PIN.",
    )


def test_any_other_scan_cancels_the_pending_override_and_is_judged_as_usual(
    scan: Scan, plant: FakePlant
) -> None:
    scan(*BOARD, EXPIRED)
    result = scan("LOT:CAP-220/C-7781")
    assert result.outcome == "accepted"
    assert result.message == (
        "Override cancelled. 2 ea of lot CAP-220/C-7781 installed in PCBA-100/PCB-1."
    )
    assert plant.state.deviations == []
