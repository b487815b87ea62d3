"""The central ingest: every well-chained event a station sends is appended and applied.

What physically happened at a station is never refused. An event that continues its station's
chain is appended (numbered in order of arrival, `central_seq`), applied to the central
projections as far as it fits (`store.received_batch`), and every rule it broke is raised as a
conflict: a `ConflictRaised` event in the centre's own chain (`CENTRAL`), with a
`NonconformanceOpened` when its subject is a unit or a lot of a known part, which stations pull
like any other. An event the centre cannot read at all is kept in
the journal and listed in `parked_events`, and the events after it go on. Only an event that does
not continue its station's chain (another database using the same station id, a tampered
journal) stops that station's push, with the reason.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from tracestation.domain.chain import GENESIS
from tracestation.domain.events import ConflictRaised, DomainEvent, NonconformanceOpened, event_from
from tracestation.station.ports import Clock
from tracestation.store.bulk import by_key, insert_rows, keyed, on_postgresql
from tracestation.store.journal import JournalOnConnection
from tracestation.store.projections import Written
from tracestation.store.received import Breach
from tracestation.store.received_batch import apply_received_batch
from tracestation.store.tables import (
    EventRow,
    ParkedEventRow,
    PartRow,
    PlantMetaRow,
    StationHeadRow,
    table_of,
)
from tracestation.store.unit_history import Applied, note_history
from tracestation.sync.central import CENTRAL_ORDER

CENTRAL_STATION = "CENTRAL"
EVENTS = table_of(EventRow)
HEADS = table_of(StationHeadRow)
PARKED = table_of(ParkedEventRow)
META = table_of(PlantMetaRow)
_KNOWN = {
    True: by_key("events", ("id",), "u.id"),
    False: select(EVENTS.c.id).where(EVENTS.c.id.in_(bindparam("keys", expanding=True))),
}
_HEADS = (
    select(HEADS.c.station, HEADS.c.seq, HEADS.c.hash)
    .where(HEADS.c.station.in_(bindparam("stations", expanding=True)))
    .with_for_update()
)
_DRAW_NUMBERS = (
    update(META)
    .where(META.c.key == CENTRAL_ORDER)
    .values(value=META.c.value + bindparam("count"))
    .returning(META.c.value)
)
_STATION_OF = select(EVENTS.c.station).where(EVENTS.c.id == bindparam("k_id"))
_PART = select(table_of(PartRow).c.number).where(table_of(PartRow).c.number == bindparam("k_part"))
_NONCONFORMING = ("unit", "lot")
_COPIED = [column.key for column in EVENTS.c if column.key not in ("synced_at", "central_seq")]


class ChainBroken(RuntimeError):
    """A station's event does not continue its chain at the centre; nothing of the batch was
    kept."""


@dataclass
class IngestReport:
    pushed: int = 0
    already_central: int = 0
    parked: int = 0
    conflicts: list[dict[str, str]] = field(default_factory=list)
    stations: set[str] = field(default_factory=set)


def ingest(c: Connection, rows: Sequence[Any], clock: Clock, report: IngestReport) -> None:
    """Append and apply `rows` (events of one or more stations, each station's in chain order)
    inside the caller's central transaction.

    A batch costs a handful of statements, not a few per event: the chain is checked in memory,
    the new events are numbered at once and go in with one COPY (one INSERT off PostgreSQL) in
    chain order, and `apply_received_batch` applies them as sets, event by event only where one
    breaks a rule."""
    if not rows:
        return
    pg = on_postgresql(c)
    known = set(c.scalars(_KNOWN[pg], keyed(pg, ("id",), {(row.id,) for row in rows})))
    stations = sorted({row.station for row in rows})
    heads = {h.station: (h.seq, h.hash) for h in c.execute(_HEADS, {"stations": stations})}
    fresh = set(stations) - set(heads)
    now = datetime.now(UTC)
    new: list[Any] = []
    for row in rows:
        report.stations.add(row.station)
        if row.id in known:
            report.already_central += 1
            continue
        seq, last_hash = heads.get(row.station, (0, GENESIS))
        if row.seq != seq + 1 or row.prev_hash != last_hash:
            raise ChainBroken(
                f"station {row.station}: the central journal ends at event {seq}, and event "
                f"{row.seq} ({row.id}) does not follow it. Check that no other station uses the "
                f"id {row.station}, then run `tracestation audit verify` on both databases."
            )
        heads[row.station] = (row.seq, row.hash)
        new.append(row)
    numbers = _arrival_numbers(c, len(new))
    insert_rows(
        c,
        EVENTS,
        [
            {**{k: getattr(row, k) for k in _COPIED}, "synced_at": now, "central_seq": number}
            for row, number in zip(new, numbers, strict=True)
        ],
    )
    report.pushed += len(new)
    received: list[tuple[Any, DomainEvent, Written]] = []
    parked: list[dict[str, Any]] = []
    for row in new:
        event = _readable(row, now, parked)
        if event is not None:
            written = Written(
                row.id, datetime.fromisoformat(row.time), row.station, row.operator, row.signed_by
            )
            received.append((row, event, written))
    if parked:
        c.execute(insert(PARKED), parked)
        report.parked += len(parked)
    applied = apply_received_batch(c, [(event, written) for _, event, written in received])
    breaches = [(received[index][0], breach) for index, breach in applied]
    note_history(c, [Applied(event, written, row.seq) for row, event, written in received])
    _move_heads(c, heads, fresh)
    if breaches:
        _raise_conflicts(c, breaches, clock, report)


def _arrival_numbers(c: Connection, count: int) -> list[int | None]:
    """`count` numbers of arrival, in order, drawn at once from the counter the centre's order
    trigger draws from one at a time (`sync.central`), under the same row lock, held to the
    commit, so they follow the commit order as the trigger's do (the trigger leaves an event
    that has its number alone). None each where the database keeps no such counter: the
    trigger, if any, would number nothing there either."""
    if count == 0:
        return []
    last = c.scalar(_DRAW_NUMBERS, {"count": count})
    if last is None:
        return [None] * count
    return list(range(int(last) - count + 1, int(last) + 1))


def _readable(row: Any, now: datetime, parked: list[dict[str, Any]]) -> DomainEvent | None:
    """The event `row` holds, or None with the row added to `parked`."""
    try:
        return event_from(row.kind, dict(row.payload))
    except (ValueError, TypeError, KeyError, ArithmeticError) as error:
        parked.append(
            {
                "event_id": row.id,
                "station": row.station,
                "seq": row.seq,
                "reason": f"{type(error).__name__}: {error}"[:1000],
                "parked_at": now,
            }
        )
        return None


def _move_heads(c: Connection, heads: dict[str, tuple[int, str]], fresh: set[str]) -> None:
    for station, (seq, digest) in heads.items():
        values = {"seq": seq, "hash": digest, "synced_seq": seq}
        if station in fresh:
            c.execute(insert(HEADS).values(station=station, **values))
        else:
            c.execute(update(HEADS).where(HEADS.c.station == station).values(**values))


def _raise_conflicts(
    c: Connection, breaches: list[tuple[Any, Breach]], clock: Clock, report: IngestReport
) -> None:
    events: list[DomainEvent] = []
    for row, breach in breaches:
        conflict = str(uuid.uuid4())
        stations = {row.station}
        if breach.other_event:
            other = c.scalar(_STATION_OF, {"k_id": breach.other_event})
            if other:
                stations.add(other)
        # A nonconformance is against a unit or a lot of a part the centre knows; a conflict
        # about anything else (a carton, an unknown part) carries none and says so.
        carried = breach.subject_kind in _NONCONFORMING
        known_part = carried and c.scalar(_PART, {"k_part": breach.part}) is not None
        number = f"NC-{conflict[:8].upper()}" if known_part else ""
        events.append(
            ConflictRaised(
                conflict,
                breach.kind,
                breach.subject_kind,
                breach.part,
                breach.subject,
                row.id,
                breach.other_event,
                tuple(sorted(stations)),
                breach.detail,
                number,
            )
        )
        if number:
            events.append(_nonconformance(number, conflict, row.station, breach))
        report.conflicts.append(
            {
                "id": conflict,
                "kind": breach.kind,
                "subject": f"{breach.part}/{breach.subject}",
                "stations": ", ".join(sorted(stations)),
                "nonconformance": number,
            }
        )
    JournalOnConnection(c, CENTRAL_STATION, clock).record(events, operator=None)


def _nonconformance(number: str, conflict: str, station: str, breach: Breach) -> DomainEvent:
    return NonconformanceOpened(
        number,
        breach.subject_kind,
        breach.part,
        breach.subject,
        breach.kind,
        f"Conflict {conflict} from {station}: {breach.detail}",
        "pending",
    )
