"""Edits of a database as someone with write access to it would make them, to show that `audit
verify` notices: plain SQL on a DB-API or SQLAlchemy connection, hashes recomputed with the
same function the journal uses (anyone can read it in the source).

Every function takes `run(sql, params) -> rows`, running one statement with `:name` parameters
(sqlite3 takes them as they are; `sqlalchemy_runner` wraps a SQLAlchemy connection)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, text

from tracestation.domain.chain import GENESIS, event_hash

Run = Callable[[str, dict[str, Any]], Sequence[Any]]

# The state tables that name events (foreign keys to events.id): an attacker removing an event
# removes what points at it too.
_POINTING = (
    ("genealogy_links", "installed_event"),
    ("genealogy_links", "removed_event"),
    ("consumptions", "event_id"),
    ("lot_lineage", "event_id"),
    ("lot_dispositions", "event_id"),
    ("deviations", "event_id"),
    ("nonconformances", "event_id"),
)


def sqlite_runner(connection: Any) -> Run:
    """Rows come back with their columns as attributes, as SQLAlchemy's do."""

    def run(sql: str, params: dict[str, Any]) -> Sequence[Any]:
        cursor = connection.execute(sql, params)
        if cursor.description is None:
            return []
        names = [column[0] for column in cursor.description]
        return [SimpleNamespace(**dict(zip(names, row, strict=True))) for row in cursor]

    return run


def sqlalchemy_runner(connection: Connection) -> Run:
    def run(sql: str, params: dict[str, Any]) -> Sequence[Any]:
        result = connection.execute(text(sql), params)
        return result.fetchall() if result.returns_rows else []

    return run


def events_of(run: Run, station: str) -> list[Any]:
    return list(
        run(
            "SELECT id, station, seq, time, operator, kind, payload, reason, signed_by, "
            "prev_hash, hash FROM events WHERE station = :s ORDER BY seq",
            {"s": station},
        )
    )


def _payload(value: Any) -> dict[str, Any]:
    return json.loads(value) if isinstance(value, str) else dict(value)


def rehash_from(run: Run, station: str, seq: int) -> None:
    """Recompute the chain of `station` from event `seq` on and move its head to match, so the
    chain verifies again."""
    events = events_of(run, station)
    previous = GENESIS
    for event in events:
        if event.seq >= seq:
            digest = event_hash(
                id=event.id,
                station=event.station,
                seq=event.seq,
                time=event.time,
                operator=event.operator,
                kind=event.kind,
                payload=_payload(event.payload),
                reason=event.reason,
                signed_by=event.signed_by,
                prev_hash=previous,
            )
            run(
                "UPDATE events SET prev_hash = :p, hash = :h WHERE id = :i",
                {"p": previous, "h": digest, "i": event.id},
            )
            previous = digest
        else:
            previous = event.hash
    last = events[-1].seq if events else 0
    run(
        "UPDATE station_heads SET seq = :q, hash = :h WHERE station = :s",
        {"q": last, "h": previous, "s": station},
    )


def delete_events(run: Run, ids: Sequence[str]) -> None:
    """Remove events and what points at them (test records with their measurements too)."""
    for event_id in ids:
        for table, column in _POINTING:
            run(f"DELETE FROM {table} WHERE {column} = :i", {"i": event_id})
        run(
            "DELETE FROM measurements WHERE test_record_id IN "
            "(SELECT id FROM test_records WHERE event_id = :i)",
            {"i": event_id},
        )
        run("DELETE FROM test_records WHERE event_id = :i", {"i": event_id})
        run("DELETE FROM events WHERE id = :i", {"i": event_id})


def delete_last_event_and_move_the_head_back(run: Run, station: str) -> Any:
    """The newest event of `station` gone, and `station_heads` pointing at the one before."""
    events = events_of(run, station)
    last = events[-1]
    delete_events(run, [last.id])
    before = events[-2]
    run(
        "UPDATE station_heads SET seq = :q, hash = :h WHERE station = :s",
        {"q": before.seq, "h": before.hash, "s": station},
    )
    return last


def edit_an_event_and_rehash(run: Run, station: str, kind: str, change: dict[str, Any]) -> Any:
    """The first `kind` event of `station` says something else, and the chain verifies."""
    target = next(e for e in events_of(run, station) if e.kind == kind)
    payload = {**_payload(target.payload), **change}
    run(
        "UPDATE events SET payload = :p WHERE id = :i",
        {"p": json.dumps(payload), "i": target.id},
    )
    rehash_from(run, station, target.seq)
    return target


def delete_a_whole_chain(run: Run, station: str) -> list[Any]:
    """Every event of `station` gone, and its head with them."""
    events = events_of(run, station)
    delete_events(run, [e.id for e in reversed(events)])
    run("DELETE FROM station_heads WHERE station = :s", {"s": station})
    return events
