"""PIN lockout on a real database: wrong tries are journaled in the scan's own unit of work (with
its rejected-scan row), counted per badge in `pin_states` across overrides, stations and the lead
desk, and the lock ends by time or by another lead's signed unlock. Signatures carry the printed
name and the meaning into the journal and the trace."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from support.snapshots import PIN_RECORD, record_snapshot
from tracestation.domain import events as ev
from tracestation.station.lead_requests import (
    ChangeLotStatus,
    LeadResult,
    LeadSignature,
    UnlockPin,
)
from tracestation.store.journal import DatabaseJournal
from tracestation.store.tables import EventRow, PinStateRow, RejectedScanRow
from tracestation.wiring import lead_service_on, station_on

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
EXPIRED = "LOT:CAP-220/C-6001"
WRONG = ("PIN:1111", "PIN:2222", "PIN:3333", "PIN:4444", "PIN:5555")
HOLD = ("LOT:SCREW-M3/L-2291", "hold", "NCR 77")
LEAD_RIGHT = LeadSignature("B-9001", "4321")


@pytest.fixture
def plant_document(plant_document: dict[str, Any]) -> dict[str, Any]:
    plant_document["operators"].append(
        {"badge": "B-9002", "name": "Elena Ilie", "role": "lead", "pin": "2468"}
    )
    return plant_document


def events_of(engine: Any, prefix: str = "pin_") -> list[EventRow]:
    with Session(engine) as s:
        rows = s.scalars(select(EventRow).order_by(EventRow.time, EventRow.seq)).all()
        return [r for r in rows if r.kind.startswith(prefix)]


def pin_row(engine: Any, badge: str = "B-9001") -> PinStateRow | None:
    with Session(engine) as s:
        return s.get(PinStateRow, badge)


def test_pin_guessing_through_scans_stops_at_the_limit_and_is_journaled(
    engine: Any, station: Any, scan: Any
) -> None:
    scan(*BOARD, EXPIRED, "B-9001")
    before = record_snapshot(engine, skip=PIN_RECORD)

    results = [station.scan(raw) for raw in WRONG]

    assert [r.outcome.value for r in results] == ["rejected"] * 5
    assert [r.code for r in results] == ["override_bad_pin"] * 4 + ["override_pin_locked"]
    assert "the PIN is locked until" in results[4].message
    pins = events_of(engine)
    assert [e.kind for e in pins] == ["pin_rejected"] * 5 + ["pin_locked"]
    assert [e.payload["failures"] for e in pins[:5]] == [1, 2, 3, 4, 5]
    assert {(e.station, e.operator, e.payload["badge"], e.payload["name"]) for e in pins} == {
        ("ST-1", "B-1001", "B-9001", "Ion Rus")
    }
    assert all("4321" not in str(e.payload) and "1111" not in str(e.payload) for e in pins)
    with Session(engine) as s:
        codes = s.scalars(select(RejectedScanRow.code).order_by(RejectedScanRow.id)).all()
    assert codes[-5:] == ["override_bad_pin"] * 4 + ["override_pin_locked"]
    row = pin_row(engine)
    assert row is not None and row.failures == 5 and row.locked_until is not None
    assert record_snapshot(engine, skip=PIN_RECORD) == before, "nothing else was written"


def test_rescanning_the_lot_and_the_badge_gives_no_fresh_tries_and_the_right_pin_is_refused(
    engine: Any, station: Any, scan: Any
) -> None:
    scan(*BOARD, EXPIRED, "B-9001", "PIN:1111", "PIN:2222", "PIN:3333")
    scan("PCB-1", EXPIRED, "B-9001")
    assert station.scan("PIN:4444").message.startswith("Wrong PIN for Ion Rus (1 of 5 tries")
    assert station.scan("PIN:5555").code == "override_pin_locked"

    scan("PCB-1", EXPIRED)
    badge = station.scan("B-9001")
    assert (badge.outcome.value, badge.code) == ("rejected", "pin_locked")
    assert badge.message.startswith("PIN of Ion Rus is locked after 5 wrong tries until ")
    assert badge.message.endswith(", or until another lead unlocks it. Another lead may sign.")
    assert station.scan("PIN:4321").outcome.value == "rejected"
    assert events_of(engine, "deviation") == []


def test_a_lock_set_at_a_station_refuses_the_right_pin_at_the_lead_desk_and_the_other_way(
    engine: Any, station: Any, scan: Any, clock: Any
) -> None:
    desk = lead_service_on(engine, "LEAD-DESK-TEST", clock=clock)
    for pin in ("0000", "0001", "0002"):
        outcome = desk.perform(ChangeLotStatus(LeadSignature("B-9001", pin), *HOLD))
        assert outcome.refusal == "wrong_pin"
    scan(*BOARD, EXPIRED, "B-9001")
    assert station.scan("PIN:1111").message.startswith("Wrong PIN for Ion Rus (1 of 5 tries")
    assert station.scan("PIN:2222").code == "override_pin_locked"

    outcome = desk.perform(ChangeLotStatus(LeadSignature("B-9001", "4321"), *HOLD))

    assert (outcome.result, outcome.refusal) == (LeadResult.REFUSED, "pin_locked")
    assert outcome.params["attempts"] == "5"
    assert {e.station for e in events_of(engine)} == {"LEAD-DESK-TEST", "ST-1"}
    assert events_of(engine, "lot_status") == []


def test_the_lock_ends_by_time_and_the_unlock_is_on_the_record(
    engine: Any, station: Any, scan: Any, clock: Any
) -> None:
    scan(*BOARD, EXPIRED, "B-9001", *WRONG)
    clock.moment += timedelta(minutes=31)

    scan("PCB-1", EXPIRED, "B-9001", "PIN:4321")
    applied = station.scan("RSN:ENG-OK")

    assert applied.code == "override_applied"
    unlocked = events_of(engine)[-1]
    assert (unlocked.kind, unlocked.payload["cause"]) == ("pin_unlocked", "lockout_expired")
    row = pin_row(engine)
    assert row is not None and (row.failures, row.locked_until) == (0, None)


def test_another_lead_unlocks_the_pin_with_a_signed_event(
    engine: Any, station: Any, scan: Any, clock: Any
) -> None:
    scan(*BOARD, EXPIRED, "B-9001", *WRONG)
    desk = lead_service_on(engine, "LEAD-DESK-TEST", clock=clock)

    own = desk.perform(UnlockPin(LeadSignature("B-9001", "4321"), "B-9001"))
    assert own.refusal == "pin_locked", "the locked lead cannot sign at all"
    done = desk.perform(UnlockPin(LeadSignature("B-9002", "2468"), "B-9001", "identity checked"))

    assert done.result is LeadResult.PIN_UNLOCKED
    assert dict(done.params) == {"badge": "B-9001", "locked_name": "Ion Rus", "name": "Elena Ilie"}
    unlocked = events_of(engine)[-1]
    assert (unlocked.kind, unlocked.signed_by, unlocked.reason) == (
        "pin_unlocked",
        "B-9002",
        "identity checked",
    )
    assert unlocked.payload["signature_name"] == "Elena Ilie"
    assert unlocked.payload["signature_meaning"] == "unlocked the PIN of Ion Rus"
    scan("PCB-1", EXPIRED, "B-9001", "PIN:4321")
    assert station.scan("RSN:ENG-OK").code == "override_applied"


def test_pin_events_of_another_station_apply_to_this_record_whatever_it_holds(
    engine: Any, station: Any, scan: Any, clock: Any
) -> None:
    other = DatabaseJournal(engine, "ST-2", clock)
    other.record(
        [ev.PinUnlocked("B-9001", "Ion Rus", "lead", "B-9002", "Elena Ilie")], operator=None
    )
    until = (clock.moment + timedelta(minutes=30)).isoformat()
    other.record(
        [
            ev.PinRejected("B-9001", "Ion Rus", 1, 1, "lot hold"),
            ev.PinLocked("B-9001", "Ion Rus", 1, until),
        ],
        operator="B-9001",
    )

    scan(*BOARD, EXPIRED)
    assert station.scan("B-9001").code == "pin_locked", "a lock from ST-2 holds here"


def test_a_signed_deviation_shows_the_printed_name_and_meaning_in_trace(
    engine: Any, scan: Any
) -> None:
    from tracestation.trace.genealogy import backward
    from tracestation.trace.recall import lot_deviations

    scan(*BOARD, EXPIRED, "B-9001", "PIN:4321", "RSN:ENG-OK")

    with Session(engine) as s:
        tree = backward(s, "PCB-1", "PCBA-100")
        deviations = lot_deviations(s, "C-6001", "CAP-220")
    [child] = tree["children"]
    signature = child["signature"]
    assert (signature["badge"], signature["name"], signature["meaning"], signature["reason"]) == (
        "B-9001",
        "Ion Rus",
        "waived lot_expired",
        "ENG-OK",
    )
    assert signature["time"].startswith("2026-11-20T08:")
    [deviation] = deviations
    assert (deviation["rule"], deviation["work_order"], deviation["signature"]["name"]) == (
        "lot_expired",
        "WO-2001",
        "Ion Rus",
    )
    assert deviation["signature"]["meaning"] == "waived lot_expired"


def test_an_event_signed_before_names_were_recorded_shows_the_badges_name_from_master_data(
    engine: Any, clock: Any
) -> None:
    from tracestation.store.signatures import signatures_for

    journal = DatabaseJournal(engine, "LEAD-DESK", clock)
    [event_id] = journal.record(
        [ev.LotStatusChanged("SCREW-M3", "L-2291", "hold", "released", "NCR")],
        operator="B-9001",
    )
    with engine.begin() as c:
        row = c.execute(select(EventRow.payload).where(EventRow.id == event_id)).scalar_one()
        c.execute(
            EventRow.__table__.update()
            .where(EventRow.id == event_id)
            .values(signed_by="B-9001", payload={**row, "signature_meaning": "lot hold"})
        )
    with engine.connect() as c:
        signature = signatures_for(c, [event_id])[event_id]
    assert (signature.name, signature.meaning) == ("Ion Rus", "lot hold")


@pytest.mark.postgres
def test_two_stations_and_the_lead_desk_on_one_postgresql_count_one_badges_tries_together(
    plant_document: dict[str, Any], clock: Any
) -> None:
    from support.central_db import central_database

    with central_database(plant_document, prepared=False) as (_url, engine):
        first, second = (station_on(engine, name, clock=clock) for name in ("PG-1", "PG-2"))
        desk = lead_service_on(engine, "LEAD-DESK-PG", clock=clock)
        for station, serial in ((first, "PCB-A"), (second, "PCB-B")):
            for raw in ("B-1001", "WO:WO-2001", "OPN:10", serial, EXPIRED, "B-9001"):
                station.scan(raw)
        assert first.scan("PIN:1111").code == "override_bad_pin"
        assert second.scan("PIN:2222").code == "override_bad_pin"
        assert desk.perform(ChangeLotStatus(LeadSignature("B-9001", "0"), *HOLD)).ok is False
        assert first.scan("PIN:3333").message.startswith("Wrong PIN for Ion Rus (1 of 5 tries")
        assert second.scan("PIN:4444").code == "override_pin_locked"

        assert first.scan("PIN:4321").code == "pin_locked"
        refused = desk.perform(ChangeLotStatus(LEAD_RIGHT, *HOLD))
        assert refused.refusal == "pin_locked"
        row = pin_row(engine)
        assert row is not None and row.failures == 5 and row.locked_until is not None
        assert [e.kind for e in events_of(engine)].count("pin_rejected") == 7
