"""The journal's hash chain notices altered, removed and inserted events."""

from __future__ import annotations

import dataclasses

from tracestation.domain.chain import GENESIS, ChainedEvent, event_hash, verify_chain


def chain(n: int) -> list[ChainedEvent]:
    events, prev = [], GENESIS
    for seq in range(1, n + 1):
        fields = dict(
            id=f"e{seq}",
            station="ST-1",
            seq=seq,
            time=f"2026-11-21T08:00:0{seq}",
            operator="B-1",
            kind="unit_registered",
            payload={"serial": f"S{seq}"},
            reason=None,
            signed_by=None,
            prev_hash=prev,
        )
        digest = event_hash(**fields)  # type: ignore[arg-type]
        events.append(ChainedEvent(**fields, hash=digest))  # type: ignore[arg-type]
        prev = digest
    return events


def test_an_intact_chain_has_no_breaks() -> None:
    events = chain(4)
    assert verify_chain("ST-1", events, (4, events[-1].hash)) == []


def test_an_altered_payload_is_noticed() -> None:
    events = chain(4)
    events[1] = dataclasses.replace(events[1], payload={"serial": "FORGED"})
    breaks = verify_chain("ST-1", events, (4, events[-1].hash))
    assert [(b.seq, b.problem) for b in breaks] == [
        (2, "its content was altered after it was written")
    ]


def test_a_removed_event_is_noticed() -> None:
    events = chain(4)
    del events[1]
    problems = " ".join(b.problem for b in verify_chain("ST-1", events, (4, events[-1].hash)))
    assert "missing" in problems and "does not link" in problems


def test_an_inserted_event_is_noticed_even_with_a_valid_hash_of_its_own() -> None:
    events = chain(3)
    forged_fields = dict(
        id="x",
        station="ST-1",
        seq=2,
        time="t",
        operator=None,
        kind="k",
        payload={},
        reason=None,
        signed_by=None,
        prev_hash=events[0].hash,
    )
    forged = ChainedEvent(**forged_fields, hash=event_hash(**forged_fields))  # type: ignore[arg-type]
    events.insert(1, forged)
    assert verify_chain("ST-1", events, (3, events[-1].hash))


def test_a_removed_last_event_is_noticed_through_the_recorded_head() -> None:
    events = chain(3)
    head = (3, events[-1].hash)
    assert verify_chain("ST-1", events[:-1], head)
