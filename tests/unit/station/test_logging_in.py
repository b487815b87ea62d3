"""Badges: who is at the station, and nothing happens before someone is."""

from __future__ import annotations

from support.fakes import FakeJournal, FakePlant, FakeTransactions, Scan
from tracestation.domain.events import OperatorLoggedIn, OperatorLoggedOut
from tracestation.station.core import Station
from tracestation.station.ports import SavedWork


def test_a_badge_logs_the_operator_in_and_asks_for_a_work_order(
    scan: Scan, journal: FakeJournal
) -> None:
    result = scan("B-1001")
    assert (result.outcome, result.code, result.message) == (
        "accepted",
        "logged_in",
        "Welcome, Ana Pop.",
    )
    assert result.prompt == "Scan a work order (WO:...)."
    assert journal.events == [OperatorLoggedIn("B-1001")]


def test_work_scanned_before_a_badge_is_rejected_and_only_the_rejection_is_logged(
    scan: Scan, plant: FakePlant, journal: FakeJournal
) -> None:
    before = plant.snapshot()
    result = scan("WO:WO-2001")
    assert (result.outcome, result.code) == ("rejected", "not_logged_in")
    assert result.message == "Nobody is logged in. Scan your badge first."
    assert result.prompt == "Scan your badge."
    assert journal.entries == []
    assert plant.snapshot() == before
    assert [(r.station, r.operator, r.raw, r.code) for r in journal.rejections] == [
        ("ST-1", None, "WO:WO-2001", "not_logged_in")
    ]


def test_an_unknown_badge_is_rejected_by_name(scan: Scan, journal: FakeJournal) -> None:
    result = scan("B-7777")
    assert (result.outcome, result.code) == ("rejected", "unknown_badge")
    assert result.message == (
        "B-7777 is not a known badge. Scan your badge, or ask a line lead to add you."
    )
    assert journal.entries == []


def test_another_badge_switches_the_operator_and_logout_ends_the_session(
    scan: Scan, station: Station, journal: FakeJournal
) -> None:
    switched = scan("B-1001", "B-1002")
    assert switched.message == "Welcome, Mihai Dan."
    assert station.context.operator is not None
    assert station.context.operator.badge == "B-1002"
    logged_out = scan("CMD:LOGOUT")
    assert logged_out.message == "Mihai Dan logged out."
    assert station.context.operator is None
    assert journal.events == [
        OperatorLoggedIn("B-1001"),
        OperatorLoggedOut("B-1001"),
        OperatorLoggedIn("B-1002"),
        OperatorLoggedOut("B-1002"),
    ]
    assert scan("WO:WO-2001").code == "not_logged_in"


def test_the_same_badge_twice_keeps_the_session_and_records_nothing_more(
    scan: Scan, journal: FakeJournal
) -> None:
    result = scan("B-1001", "B-1001")
    assert (result.outcome, result.message) == ("accepted", "Ana Pop is already logged in.")
    assert journal.kinds() == ["operator_logged_in"]


def test_logging_in_picks_up_the_work_this_station_left(
    scan: Scan, station: Station, transactions: FakeTransactions
) -> None:
    transactions.memory.remember("ST-1", SavedWork("WO-2001", "10", None))
    result = scan("B-1001")
    assert result.message == (
        "Welcome, Ana Pop. Picking up where this station left off: "
        "WO-2001, operation 10 SMT assembly, unit -."
    )
    assert result.prompt == "Scan a new serial or CMD:NEW for PCBA-100."
    assert station.context.work_order is not None
    assert station.context.work_order.number == "WO-2001"
