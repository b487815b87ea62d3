"""A lead's PIN cannot be guessed: wrong tries are counted per badge on the record, across
overrides at the station and signed actions at the lead desk; at the limit the PIN locks until
its time runs out or another lead unlocks it. Every try that is not accepted is journaled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from support.fakes import FakeClock, FakeJournal, FakePins, FakePlant, FakeTransactions, Scan
from tracestation.domain.events import (
    PinFailuresCleared,
    PinLocked,
    PinRejected,
    PinUnlocked,
)
from tracestation.domain.model import Role
from tracestation.domain.pins import PinPolicy, PinState, local_time
from tracestation.station.core import Station
from tracestation.station.lead import LeadDesk, LeadSignatureRefused
from tracestation.station.ports import Signature

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
EXPIRED = "LOT:CAP-220/C-6001"
WRONG = ("PIN:1111", "PIN:2222", "PIN:3333", "PIN:4444", "PIN:5555")


@pytest.fixture
def desk(plant: FakePlant, transactions: FakeTransactions, clock: FakeClock) -> LeadDesk:
    return LeadDesk(plant, transactions, FakePins(), clock, PinPolicy())


@pytest.fixture
def second_lead(plant: FakePlant) -> str:
    plant.add_operator("B-9002", "Elena Ilie", Role.LEAD, pin="2468")
    return "B-9002"


def pin_events(journal: FakeJournal) -> list[object]:
    return [e for e in journal.events if e.kind.startswith("pin_")]


def until_text(clock: FakeClock, minutes: int = 30) -> str:
    """How the station says the lock's end: the local time of day, rounded up to the minute."""
    return local_time(clock.moment + timedelta(minutes=minutes), clock.moment)


def guess(station: Station, *pins: str) -> list[str]:
    return [station.scan(pin).message for pin in pins]


def test_pin_guessing_through_scans_stops_at_the_limit_and_every_try_is_journaled(
    scan: Scan, station: Station, plant: FakePlant, journal: FakeJournal, clock: FakeClock
) -> None:
    scan(*BOARD, EXPIRED, "B-9001")
    messages = guess(station, *WRONG)

    assert messages[3] == (
        "Wrong PIN for Ion Rus (1 of 5 tries left before it locks). Scan the PIN again."
    )
    assert messages[4] == (
        f"Wrong PIN for Ion Rus 5 times: the PIN is locked until {until_text(clock)}, "
        "or until another lead unlocks it. Another lead may sign."
    )
    rejected = [PinRejected("B-9001", "Ion Rus", n, 5, "waive lot_expired") for n in range(1, 6)]
    [locked] = [e for e in journal.events if isinstance(e, PinLocked)]
    assert pin_events(journal) == [*rejected, locked]
    assert (locked.badge, locked.failures) == ("B-9001", 5)
    assert [r.code for r in journal.rejections[-5:]] == ["override_bad_pin"] * 4 + [
        "override_pin_locked"
    ]
    assert {e.operator for e in journal.entries if e.event.kind.startswith("pin_")} == {"B-1001"}
    assert plant.pin_state("B-9001").failures == 5
    assert plant.state.deviations == []


def test_the_right_pin_of_a_locked_lead_is_refused_and_the_try_is_on_the_record(
    scan: Scan, station: Station, plant: FakePlant, journal: FakeJournal, clock: FakeClock
) -> None:
    scan(*BOARD, EXPIRED, "B-9001", *WRONG)
    until = until_text(clock)

    badge = scan("B-9001")
    assert (badge.outcome, badge.code) == ("rejected", "pin_locked")
    assert badge.message == (
        f"PIN of Ion Rus is locked after 5 wrong tries until {until}, or until another lead "
        "unlocks it. Another lead may sign."
    )
    # The lock may also land between the badge and the PIN (the CLI, another station).
    assert scan("PIN:4321").code == "override_needs_lead_badge"
    assert plant.state.deviations == []


def test_a_fresh_override_does_not_give_fresh_tries(
    scan: Scan, station: Station, plant: FakePlant, journal: FakeJournal
) -> None:
    scan(*BOARD, EXPIRED, "B-9001", "PIN:1111", "PIN:2222", "PIN:3333")
    assert scan("PCB-1").code == "unit_selected", "any other scan cancels the override"
    assert station.context.override is None

    scan(EXPIRED, "B-9001")
    messages = guess(station, "PIN:4444", "PIN:5555")
    assert messages[0].startswith("Wrong PIN for Ion Rus (1 of 5 tries left")
    assert messages[1].startswith("Wrong PIN for Ion Rus 5 times: the PIN is locked until")

    scan("PCB-1", EXPIRED)
    assert scan("B-9001").code == "pin_locked"
    assert [e.kind for e in pin_events(journal)] == ["pin_rejected"] * 5 + ["pin_locked"]
    assert plant.state.deviations == []


def test_a_pin_try_while_locked_is_recorded_and_not_counted(
    plant: FakePlant, transactions: FakeTransactions, clock: FakeClock, journal: FakeJournal
) -> None:
    desk = LeadDesk(plant, transactions, FakePins(), clock, PinPolicy(max_attempts=2))
    for pin in ("0000", "0001"):
        with pytest.raises(LeadSignatureRefused):
            desk.sign_in("B-9001", pin, "lot hold")

    with pytest.raises(LeadSignatureRefused, match="PIN of Ion Rus is locked after 2 wrong tries"):
        desk.sign_in("B-9001", "4321", "lot hold")

    assert pin_events(journal)[-1] == PinRejected(
        "B-9001", "Ion Rus", 2, 2, "lot hold", while_locked=True
    )
    assert plant.pin_state("B-9001").failures == 2


def test_the_lock_ends_by_time_and_the_next_try_records_the_unlock(
    scan: Scan, station: Station, plant: FakePlant, journal: FakeJournal, clock: FakeClock
) -> None:
    scan(*BOARD, EXPIRED, "B-9001", *WRONG)
    clock.moment += timedelta(minutes=29)
    scan("PCB-1", EXPIRED)
    assert scan("B-9001").code == "pin_locked", "29 minutes later it is still locked"

    clock.moment += timedelta(minutes=2)
    assert scan("B-9001").code == "override_lead"
    assert scan("PIN:4321").code == "override_pin_ok"
    assert scan("RSN:ENG-OK").code == "override_applied"

    assert pin_events(journal)[-1] == PinUnlocked("B-9001", "Ion Rus", "lockout_expired")
    assert plant.pin_state("B-9001") == PinState("B-9001")
    assert len(plant.state.deviations) == 1


def test_a_lock_that_ran_out_starts_the_count_again(
    scan: Scan, station: Station, plant: FakePlant, journal: FakeJournal, clock: FakeClock
) -> None:
    scan(*BOARD, EXPIRED, "B-9001", *WRONG)
    clock.moment += timedelta(minutes=31)
    scan("PCB-1", EXPIRED, "B-9001")

    assert scan("PIN:9999").message.startswith("Wrong PIN for Ion Rus (4 of 5 tries left")
    assert [e.kind for e in pin_events(journal)[-2:]] == ["pin_unlocked", "pin_rejected"]


def test_another_lead_unlocks_a_locked_pin_with_a_signed_event(
    scan: Scan,
    station: Station,
    desk: LeadDesk,
    plant: FakePlant,
    journal: FakeJournal,
    second_lead: str,
) -> None:
    scan(*BOARD, EXPIRED, "B-9001", *WRONG)
    elena = desk.sign_in(second_lead, "2468", "unlock the PIN of B-9001")

    done = desk.unlock_pin(elena, "B-9001", "forgot PIN, identity checked")

    assert done.event == PinUnlocked("B-9001", "Ion Rus", "lead", "B-9002", "Elena Ilie")
    entry = journal.entries[-1]
    assert (entry.reason, entry.signature) == (
        "forgot PIN, identity checked",
        Signature("B-9002", "unlocked the PIN of Ion Rus", "Elena Ilie"),
    )
    assert plant.pin_state("B-9001") == PinState("B-9001")
    scan("PCB-1", EXPIRED, "B-9001", "PIN:4321")
    assert scan("RSN:ENG-OK").code == "override_applied"


def test_a_lead_cannot_unlock_their_own_pin_nor_a_pin_that_is_not_locked(
    desk: LeadDesk, plant: FakePlant, journal: FakeJournal, second_lead: str
) -> None:
    ion = desk.sign_in("B-9001", "4321")
    with pytest.raises(Exception, match="Ion Rus cannot unlock their own PIN"):
        desk.unlock_pin(ion, "B-9001", "")
    with pytest.raises(Exception, match="The PIN of Elena Ilie \\(B-9002\\) is not locked"):
        desk.unlock_pin(ion, second_lead, "")
    assert journal.entries == []


def test_wrong_tries_at_the_lead_desk_and_at_scans_add_up_on_one_record(
    scan: Scan, station: Station, desk: LeadDesk, journal: FakeJournal, clock: FakeClock
) -> None:
    for pin in ("0000", "0001", "0002"):
        with pytest.raises(LeadSignatureRefused, match="Wrong PIN for Ion Rus"):
            desk.sign_in("B-9001", pin, "lot hold")

    scan(*BOARD, EXPIRED, "B-9001")
    assert guess(station, "PIN:1111")[0].startswith("Wrong PIN for Ion Rus (1 of 5 tries left")
    assert station.scan("PIN:2222").code == "override_pin_locked"

    with pytest.raises(LeadSignatureRefused) as refused:
        desk.sign_in("B-9001", "4321", "lot hold")
    assert refused.value.code == "pin_locked"
    assert refused.value.params["attempts"] == "5"
    assert [e.during for e in pin_events(journal) if isinstance(e, PinRejected)] == [
        "lot hold",
        "lot hold",
        "lot hold",
        "waive lot_expired",
        "waive lot_expired",
        "lot hold",
    ]


def test_the_right_pin_clears_the_wrong_tries_before_it(
    scan: Scan, station: Station, plant: FakePlant, journal: FakeJournal
) -> None:
    scan(*BOARD, EXPIRED, "B-9001", "PIN:1111", "PIN:2222")
    assert scan("PIN:4321").code == "override_pin_ok"

    assert pin_events(journal)[-1] == PinFailuresCleared("B-9001", "Ion Rus", 2)
    assert plant.pin_state("B-9001").failures == 0


def test_a_right_pin_with_no_wrong_tries_before_writes_nothing_about_the_pin(
    desk: LeadDesk, journal: FakeJournal
) -> None:
    desk.sign_in("B-9001", "4321")
    assert journal.entries == []


def test_the_limit_and_the_lockout_come_from_the_station_settings(plant: FakePlant) -> None:
    from dataclasses import replace

    from support.fakes import station_with
    from tracestation.station.env import StationSettings

    assert (
        StationSettings("ST-1").max_pin_attempts,
        StationSettings("ST-1").pin_lockout_minutes,
    ) == (
        5,
        30,
    )
    clock = FakeClock()
    settings = replace(StationSettings("ST-1"), max_pin_attempts=2, pin_lockout_minutes=5)
    station = station_with(plant, clock=clock, settings=settings)
    for raw in (*BOARD, EXPIRED, "B-9001"):
        station.scan(raw)
    assert station.scan("PIN:1111").message.startswith("Wrong PIN for Ion Rus (1 of 2 tries left")
    assert station.scan("PIN:2222").message.startswith(
        f"Wrong PIN for Ion Rus 2 times: the PIN is locked until {until_text(clock, 5)}"
    )


def test_the_time_a_lock_ends_is_shown_to_the_minute_rounded_up() -> None:
    now = datetime(2026, 11, 20, 14, 2, 10, tzinfo=UTC)
    local = now.astimezone()
    assert local_time(now + timedelta(minutes=30), now) == (
        (local + timedelta(minutes=31)).strftime("%H:%M")
    )
    on_the_minute = now.replace(second=0)
    assert local_time(on_the_minute + timedelta(minutes=30), on_the_minute) == (
        (on_the_minute.astimezone() + timedelta(minutes=30)).strftime("%H:%M")
    )
    assert len(local_time(now + timedelta(days=2), now)) == len("2026-11-22 14:33")
