"""An expired lot needs a line lead: badge, PIN and reason waive it and record a deviation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from support.snapshots import PIN_RECORD, journal_ids, kinds_added, record_snapshot
from tracestation.store.tables import DeviationRow, EventRow, GenealogyLinkRow

EXPIRED = "LOT:CAP-220/C-6001"
BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")


def outcomes(station: Any, *raws: str) -> list[str]:
    return [station.scan(raw).outcome.value for raw in raws]


def test_an_expired_lot_needs_an_override_and_writes_nothing_yet(
    engine: Any, scan: Any, station: Any
) -> None:
    scan(*BOARD)
    before = record_snapshot(engine)
    result = station.scan(EXPIRED)
    assert result.outcome == "needs_override"
    assert "expired on 2026-01-31" in result.message
    assert "line lead" in result.prompt
    assert record_snapshot(engine) == before


def test_a_lead_badge_pin_and_reason_sign_the_override_and_record_a_deviation(
    engine: Any, scan: Any, station: Any
) -> None:
    scan(*BOARD)
    assert outcomes(station, EXPIRED, "B-9001", "PIN:4321", "RSN:ENG-OK") == [
        "needs_override",
        "accepted",
        "accepted",
        "accepted",
    ]
    with Session(engine) as s:
        deviation = s.scalars(select(DeviationRow)).one()
        installed = s.scalars(select(EventRow).where(EventRow.kind == "lot_installed")).one()
        assert s.scalars(select(GenealogyLinkRow)).one().qty == 2
    assert (deviation.rule, deviation.subject, deviation.reason, deviation.lead) == (
        "lot_expired",
        "CAP-220/C-6001",
        "ENG-OK",
        "B-9001",
    )
    assert (installed.signed_by, installed.reason, installed.operator) == (
        "B-9001",
        "ENG-OK",
        "B-1001",
    )
    assert station.context.operator.badge == "B-1001", "the operator stays logged in"


def test_the_reason_may_come_before_the_lead_signs(station: Any, scan: Any) -> None:
    scan(*BOARD)
    assert outcomes(station, EXPIRED, "RSN:ENG-OK", "B-9001", "PIN:4321")[-1] == "accepted"


def test_a_wrong_pin_is_rejected_and_changes_nothing_but_the_record_of_the_try(
    engine: Any, station: Any, scan: Any
) -> None:
    scan(*BOARD)
    before, journal = record_snapshot(engine, skip=PIN_RECORD), journal_ids(engine)
    results = [station.scan(raw) for raw in (EXPIRED, "B-9001", "PIN:1111", "PIN:2222", "PIN:3333")]
    assert [r.outcome.value for r in results] == [
        "needs_override",
        "accepted",
        "rejected",
        "rejected",
        "rejected",
    ]
    assert "Wrong PIN for Ion Rus (2 of 5 tries left" in results[4].message
    assert record_snapshot(engine, skip=PIN_RECORD) == before
    assert kinds_added(engine, journal) == ["pin_rejected", "pin_rejected", "pin_rejected"]


def test_an_operator_badge_cannot_sign_an_override(station: Any, scan: Any) -> None:
    scan(*BOARD)
    station.scan(EXPIRED)
    switched = station.scan("B-1002")
    assert "Override cancelled" in switched.message
    assert station.context.override is None


def test_any_other_scan_cancels_the_pending_override_and_is_handled_normally(
    engine: Any, station: Any, scan: Any
) -> None:
    scan(*BOARD)
    station.scan(EXPIRED)
    result = station.scan("LOT:CAP-220/C-7781")
    assert result.outcome == "accepted"
    assert result.message.startswith("Override cancelled.")
    assert result.notes == (("override_cancelled", {}),)
    with Session(engine) as s:
        assert s.scalars(select(DeviationRow)).all() == []


def test_a_hold_cannot_be_waived_by_a_lead_at_the_station(station: Any, scan: Any) -> None:
    scan("B-1001", "WO:WO-1001", "OPN:10", "CTRL-1", "OPN:20", "CTRL-1")
    result = station.scan("LOT:SCREW-M3/L-2288")
    assert result.outcome == "rejected"
    assert station.context.override is None
