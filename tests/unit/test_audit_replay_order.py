"""The order `audit verify` replays a journal in, and how it names a difference: no database."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from tracestation.store.audit_rebuild import replay_order
from tracestation.store.audit_state import compare


def event(station: str, seq: int, minute: int, central_seq: int | None = None) -> Any:
    return SimpleNamespace(
        station=station,
        seq=seq,
        time=f"2026-11-30T06:{minute:02d}:00+00:00",
        central_seq=central_seq,
    )


def names(rows: list[Any]) -> list[str]:
    return [f"{r.station}{r.seq}" for r in rows]


def test_a_centre_replays_in_its_order_of_arrival_whatever_the_times_say() -> None:
    rows = [event("A", 1, 30, central_seq=2), event("B", 1, 10, central_seq=3), event("A", 2, 5, 1)]

    ordered, exact = replay_order(rows)

    assert names(ordered) == ["A2", "A1", "B1"] and exact


def test_one_database_replays_by_time_and_each_chain_in_its_own_order() -> None:
    rows = [event("A", 1, 1), event("A", 2, 9), event("B", 1, 5), event("A", 3, 4)]

    ordered, exact = replay_order(rows)

    assert names(ordered) == ["A1", "B1", "A2", "A3"], "A3 never before A2, though earlier"
    assert exact


def test_a_station_merges_its_own_events_by_time_with_pulled_ones_in_the_centres_order() -> None:
    rows = [
        event("ME", 1, 2),
        event("ME", 2, 8),
        event("A", 1, 1, central_seq=1),
        event("A", 2, 6, central_seq=2),
    ]

    ordered, exact = replay_order(rows)

    assert names(ordered) == ["A1", "ME1", "A2", "ME2"] and not exact


def test_a_difference_names_the_row_by_its_natural_key_and_what_the_journal_makes() -> None:
    live = {"link": {"E1": {"parent": "CTRL/2", "child": "PCB/1"}}, "unit": {}}
    expected = {"link": {"E1": {"parent": "CTRL/1", "child": "PCB/1"}}, "unit": {"PCB/9": {}}}

    moved, missing = compare(live, expected, "journal")

    assert (moved.subject, moved.key, moved.field) == ("link", "E1", "parent")
    assert "parent is 'CTRL/2' here; the journal's events make 'CTRL/1'" in moved.problem
    assert "CTRL/1 <- PCB/1" in moved.problem
    assert (missing.subject, missing.key, missing.live) == ("unit", "PCB/9", None)
    assert missing.problem.endswith("missing here; the journal's events make it")
