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

from sqlalchemy import Connection, bindparam, insert, select, text, update

from tracestation.domain.chain import GENESIS
from tracestation.domain.events import ConflictRaised, DomainEvent, NonconformanceOpened
from tracestation.station.ports import Clock
from tracestation.store.bulk import (
    by_key,
    copies,
    copy_text,
    insert_rows,
    keyed,
    on_postgresql,
    text_array,
)
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
from tracestation.store.unit_history import HISTORY, LINE_COLUMNS, Applied, note_history
from tracestation.sync.central import CENTRAL_ORDER
from tracestation.sync.outgoing import COPIED, Outgoing, outgoing

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
_DRAW_NUMBERS_MOVE_HEADS = text(
    "WITH moved AS (INSERT INTO station_heads (station, seq, hash, synced_seq) "
    "SELECT h.station, h.seq, h.hash, h.seq FROM unnest(CAST(:stations AS VARCHAR[]), "
    "CAST(:seqs AS INTEGER[]), CAST(:hashes AS VARCHAR[])) AS h(station, seq, hash) "
    "ON CONFLICT (station) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, "
    "synced_seq = EXCLUDED.synced_seq) "
    f"UPDATE plant_meta SET value = value + :count WHERE key = '{CENTRAL_ORDER}' RETURNING value"
)
_STATION_OF = select(EVENTS.c.station).where(EVENTS.c.id == bindparam("k_id"))
_PART = select(table_of(PartRow).c.number).where(table_of(PartRow).c.number == bindparam("k_part"))
_NONCONFORMING = ("unit", "lot")


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
    inside the caller's central transaction."""
    if rows:
        ingest_outgoing(c, outgoing(rows), clock, report)


def ingest_outgoing(c: Connection, batch: Outgoing, clock: Clock, report: IngestReport) -> None:
    """Append and apply `batch` inside the caller's central transaction.

    A batch costs a handful of statements, not a few per event: the chain is checked in memory
    against the stations' heads (only an event at or below its station's head can be central
    already, and only those are looked up), the new events are numbered at once and go in with
    one COPY (one INSERT off PostgreSQL) in chain order, and `apply_received_batch` applies
    them as sets, event by event only where one breaks a rule."""
    rows = batch.rows
    stations = sorted(batch.stations)
    heads = {h.station: (h.seq, h.hash) for h in c.execute(_HEADS, {"stations": stations})}
    fresh = set(stations) - set(heads)
    known = _known(c, [row.id for row in rows if row.seq <= heads.get(row.station, (0, ""))[0]])
    now = datetime.now(UTC)
    new: list[int] = []
    for index, row in enumerate(rows):
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
        new.append(index)
    _append(c, batch, new, _numbered_heads_moved(c, len(new), heads, fresh), now)
    report.pushed += len(new)
    parked = [_parked(rows[i], batch.unreadable[i], now) for i in new if i in batch.unreadable]
    if parked:
        c.execute(insert(PARKED), parked)
        report.parked += len(parked)
    received = [(i, event) for i in new if (event := batch.events[i]) is not None]
    applied = apply_received_batch(c, [event for _, event in received])
    breaches = [(rows[received[index][0]], breach) for index, breach in applied]
    _note_history(c, batch, received, all_new=len(new) == len(rows))
    if breaches:
        _raise_conflicts(c, breaches, clock, report)


def _known(c: Connection, ids: list[str]) -> set[str]:
    """Which of `ids` the centre has."""
    if not ids:
        return set()
    pg = on_postgresql(c)
    return set(c.scalars(_KNOWN[pg], keyed(pg, ("id",), {(i,) for i in ids})))


def _append(
    c: Connection, batch: Outgoing, new: list[int], numbers: list[int | None], now: datetime
) -> None:
    """The new events of `batch` into the central journal, in chain order: by COPY on
    PostgreSQL (the payload copied as the text the station stored)."""
    if copies(c):
        names = (*COPIED, "synced_at", "central_seq")
        at = now.isoformat()
        lines = (f"{batch.lines[i]}\t{at}\t{n}" for i, n in zip(new, numbers, strict=True))
        copy_text(c, EVENTS, names, lines)
        return
    dicts = [
        {**batch.values(i), "synced_at": now, "central_seq": number}
        for i, number in zip(new, numbers, strict=True)
    ]
    insert_rows(c, EVENTS, dicts)


def _note_history(
    c: Connection,
    batch: Outgoing,
    received: list[tuple[int, tuple[DomainEvent, Written]]],
    *,
    all_new: bool,
) -> None:
    """The per-unit history of the events applied: the rows the station-side thread formatted
    (`Outgoing.history`) sent by COPY when the whole batch was new (the usual case), else made
    here from what was applied."""
    if all_new and copies(c):
        copy_text(c, HISTORY, LINE_COLUMNS, (line for _event, line in batch.history))
        return
    note_history(
        c, [Applied(event, written, batch.rows[i].seq) for i, (event, written) in received]
    )


def _numbered_heads_moved(
    c: Connection, count: int, heads: dict[str, tuple[int, str]], fresh: set[str]
) -> list[int | None]:
    """`count` numbers of arrival (`_arrival_numbers`), with the stations' heads moved to
    `heads`: on PostgreSQL in one statement, one round trip."""
    if count == 0 or not on_postgresql(c):
        numbers = _arrival_numbers(c, count)
        _move_heads(c, heads, fresh)
        return numbers
    stations = sorted(heads)
    last = c.scalar(
        _DRAW_NUMBERS_MOVE_HEADS,
        {
            "count": count,
            "stations": text_array(stations),
            "seqs": text_array([heads[station][0] for station in stations]),
            "hashes": text_array([heads[station][1] for station in stations]),
        },
    )
    if last is None:
        return [None] * count
    return list(range(int(last) - count + 1, int(last) + 1))


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


def _parked(row: Any, reason: str, now: datetime) -> dict[str, Any]:
    return {
        "event_id": row.id,
        "station": row.station,
        "seq": row.seq,
        "reason": reason,
        "parked_at": now,
    }


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
