"""The hash chain that makes each station's journal tamper-evident.

Each event's hash covers its content and the previous event's hash, so altering, removing or
inserting an event breaks every later link.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainedEvent:
    id: str
    station: str
    seq: int
    time: str
    operator: str | None
    kind: str
    payload: dict[str, Any]
    reason: str | None
    signed_by: str | None
    prev_hash: str
    hash: str


def event_hash(
    *,
    id: str,
    station: str,
    seq: int,
    time: str,
    operator: str | None,
    kind: str,
    payload: dict[str, Any],
    reason: str | None,
    signed_by: str | None,
    prev_hash: str,
) -> str:
    body = json.dumps(
        [id, station, seq, time, operator, kind, payload, reason, signed_by, prev_hash],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    station: str
    seq: int
    event_id: str | None
    problem: str


def verify_chain(
    station: str, events: list[ChainedEvent], head: tuple[int, str] | None
) -> list[ChainBreak]:
    """Check one station's events (ordered by seq) against each other and the recorded head.

    `head` is the (seq, hash) the journal recorded for its last event; without it, removing the
    newest events would go unnoticed.
    """
    breaks: list[ChainBreak] = []
    previous_hash = GENESIS
    expected_seq = 1
    for event in events:
        if event.seq != expected_seq:
            problem = (
                f"events {expected_seq}..{event.seq - 1} are missing"
                if event.seq > expected_seq
                else f"sequence number {event.seq} appears out of order or twice"
            )
            breaks.append(ChainBreak(station, event.seq, event.id, problem))
        if event.prev_hash != previous_hash:
            breaks.append(
                ChainBreak(
                    station,
                    event.seq,
                    event.id,
                    "does not link to the event before it (an event was removed or inserted)",
                )
            )
        recomputed = event_hash(
            id=event.id,
            station=event.station,
            seq=event.seq,
            time=event.time,
            operator=event.operator,
            kind=event.kind,
            payload=event.payload,
            reason=event.reason,
            signed_by=event.signed_by,
            prev_hash=event.prev_hash,
        )
        if recomputed != event.hash:
            breaks.append(
                ChainBreak(
                    station, event.seq, event.id, "its content was altered after it was written"
                )
            )
        previous_hash = event.hash
        expected_seq = event.seq + 1
    if head is not None:
        last_seq, last_hash = head
        beyond = [e for e in events if e.seq > last_seq]
        if beyond:
            breaks.extend(
                ChainBreak(
                    station,
                    e.seq,
                    e.id,
                    f"was added after the journal's last event {last_seq}, outside the station",
                )
                for e in beyond
            )
        elif events and (events[-1].seq, events[-1].hash) != (last_seq, last_hash):
            breaks.append(
                ChainBreak(
                    station,
                    last_seq,
                    None,
                    f"the journal's head is event {last_seq} but the chain ends at "
                    f"{events[-1].seq} (events at the end were removed or replaced)",
                )
            )
        if not events and last_seq > 0:
            breaks.append(ChainBreak(station, last_seq, None, "every event of the station is gone"))
    return breaks
