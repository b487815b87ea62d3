"""A batch of a database's events on its way to a centre: read, and made ready to write.

Reading a batch from the station's database and turning its rows into events and the values
the centre's COPY takes is work for the push's station-side thread (`sync.push`), done while
the centre writes the batch before it; what is left for the central transaction is the checks
and the writes (`sync.ingest`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    JSON,
    Engine,
    String,
    Text,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    select,
    tuple_,
    type_coerce,
)

from tracestation.domain.events import DomainEvent, event_from
from tracestation.store.bulk import copy_line
from tracestation.store.projections import Written
from tracestation.store.tables import EventRow, SyncTargetRow, table_of
from tracestation.store.unit_history import Applied, history_lines

EVENTS = table_of(EventRow)
TARGETS = table_of(SyncTargetRow)
# The columns a centre copies from a station's journal, in the table's order; a centre sets
# `synced_at` and `central_seq` itself.
COPIED = tuple(column.key for column in EVENTS.c if column.key not in ("synced_at", "central_seq"))
_PAYLOAD = COPIED.index("payload")
_ID, _STATION, _SEQ, _TIME, _OPERATOR, _KIND, _SIGNED_BY = map(
    COPIED.index, ("id", "station", "seq", "time", "operator", "kind", "signed_by")
)


def unsent(*columns: Any) -> Any:
    """`columns` of this database's events the centre (the bound parameter `central`, its id)
    does not have yet, by the cursor kept for it."""
    return (
        select(*columns)
        .outerjoin(
            TARGETS,
            and_(
                TARGETS.c.station == EVENTS.c.station,
                TARGETS.c.central == bindparam("central"),
            ),
        )
        .where((TARGETS.c.pushed_seq.is_(None)) | (EVENTS.c.seq > TARGETS.c.pushed_seq))
    )


def _copy_field(key: str) -> Any:
    """The column `key` as a field of COPY's text format, less the escapes of tabs and line
    breaks (`_line` checks that there are none): NULL as \\N, a backslash doubled."""
    column = EVENTS.c[key]
    typed = isinstance(column.type, String | JSON)
    value = func.replace(type_coerce(column, Text) if typed else cast(column, Text), _ONE, _TWO)
    return func.coalesce(value, _NULL)


_ONE: Any = literal_column("'\\'")
_TWO: Any = literal_column("'\\\\'")
_NULL: Any = literal_column("'\\N'")
_TAB: Any = literal_column("'\t'")


def _joined(fields: list[Any]) -> Any:
    """`fields` joined by tabs (by `||`: SQLite's concat_ws is younger than some stations')."""
    line = fields[0]
    for field in fields[1:]:
        line = line.op("||")(_TAB).op("||")(field)
    return line


# The payload as the text the station stored: parsed once here, and copied to the centre as is;
# and the row as a line of COPY's text format, made by SQLite while the push's other thread
# holds Python's lock (`sqlite3` lets go of it while a statement runs).
_COLUMNS = [
    *(
        type_coerce(EVENTS.c[key], Text).label(key) if key == "payload" else EVENTS.c[key]
        for key in COPIED
    ),
    _joined([_copy_field(key) for key in COPIED]).label("line"),
]
_BY_CHAIN = (EVENTS.c.station, EVENTS.c.seq)
_FIRST = unsent(*_COLUMNS).order_by(*_BY_CHAIN).limit(bindparam("batch"))
_NEXT = (
    unsent(*_COLUMNS)
    # As a row value, which the index on (station, seq) is searched from; as `station > :s OR
    # (station = :s AND seq > :q)` SQLite scanned the index from its start for every batch.
    .where(tuple_(*_BY_CHAIN) > tuple_(bindparam("after_station"), bindparam("after_seq")))
    .order_by(*_BY_CHAIN)
    .limit(bindparam("batch"))
)


class JournalRow(NamedTuple):
    """A journal row as `read_outgoing` reads it: the columns of `COPIED` (the payload as the
    stored text), and the row as a line of COPY's text format. A tuple, not the database
    result's row: the push reads a dozen fields of each of thousands of rows, and a field of a
    tuple is read in a tenth of the time."""

    id: str
    station: str
    seq: int
    time: str
    operator: str | None
    kind: str
    payload: str
    reason: str | None
    signed_by: str | None
    prev_hash: str
    hash: str
    line: str | None = None


assert JournalRow._fields[: len(COPIED)] == COPIED, "JournalRow must follow the events table"


@dataclass(frozen=True)
class Outgoing:
    """Journal rows (each station's in chain order) with what the centre makes of each: its
    event and how it was written, or why it cannot be read (`unreadable`, by index), and its
    payload parsed (`payloads`).

    Formatted ahead for COPY, so that the central transaction only sends them: each row's
    `COPIED` values as a line of COPY's text format, the payload as JSON text (`lines`), and
    the per-unit history rows of the readable events (`history`: event id and line, columns
    `LINE_COLUMNS`). `last` holds each station's last event in it."""

    rows: Sequence[Any]
    events: list[tuple[DomainEvent, Written] | None]
    unreadable: dict[int, str]
    payloads: list[Any]
    lines: list[str]
    history: list[tuple[str, str]]
    last: dict[str, int]

    @property
    def stations(self) -> frozenset[str]:
        return frozenset(self.last)

    def sent(self) -> dict[str, int]:
        """Each station's last event in the batch."""
        return dict(self.last)

    def values(self, index: int) -> dict[str, Any]:
        """The row at `index` as the centre's journal takes it (`COPIED`, the payload parsed):
        for a centre that does not copy."""
        row = self.rows[index]
        return {**{key: getattr(row, key) for key in COPIED}, "payload": self.payloads[index]}


def outgoing(rows: Sequence[Any]) -> Outgoing:
    """`rows` (with the columns of `COPIED`; a payload as stored text or already parsed; and,
    read by `read_outgoing`, the row as a line of COPY's text format, `line`) made ready for
    `sync.ingest`."""
    events: list[tuple[DomainEvent, Written] | None] = []
    unreadable: dict[int, str] = {}
    payloads: list[Any] = []
    lines: list[str] = []
    last: dict[str, int] = {}
    for index, row in enumerate(rows):
        stored = row.payload
        payload = json.loads(stored) if isinstance(stored, str) else stored
        payloads.append(payload)
        lines.append(_line(row, stored))
        last[row.station] = row.seq  # each station's rows come in chain order
        try:
            event = event_from(row.kind, payload if type(payload) is dict else dict(payload))
        except (ValueError, TypeError, KeyError, ArithmeticError) as error:
            unreadable[index] = f"{type(error).__name__}: {error}"[:1000]
            events.append(None)
            continue
        time = datetime.fromisoformat(row.time)
        events.append((event, Written(row.id, time, row.station, row.operator, row.signed_by)))
    applied = [
        Applied(item[0], item[1], row.seq)
        for row, item in zip(rows, events, strict=True)
        if item is not None
    ]
    # The fields a history row takes from its event, cut from the event's own line (already in
    # COPY's text format, its time as the station stored it).
    written: dict[str, tuple[str, str]] = {}
    for row, line in zip(rows, lines, strict=True):
        f = line.split("\t", _SIGNED_BY + 1)
        written[row.id] = (
            f"{f[_ID]}\t{f[_STATION]}\t{f[_SEQ]}\t{f[_KIND]}",
            f"{f[_OPERATOR]}\t{f[_SIGNED_BY]}\t{f[_TIME]}",
        )
    history = history_lines(applied, written)
    return Outgoing(rows, events, unreadable, payloads, lines, history, last)


_FIELDS = len(COPIED)


def _line(row: Any, stored: Any) -> str:
    """The row's `COPIED` values as a line of COPY's text format: as SQLite made it
    (`_COLUMNS`) where it holds no tab or line break of its own (any text can: they are
    escaped then), else formatted here."""
    made: str = getattr(row, "line", None) or ""
    if made.count("\t") == _FIELDS - 1 and "\n" not in made and "\r" not in made:
        return made
    values = [getattr(row, key) for key in COPIED]
    values[_PAYLOAD] = stored if isinstance(stored, str) else json.dumps(stored)
    return copy_line(values)


def read_outgoing(
    local: Engine, centre: str, batch: int, after: tuple[str, int] | None
) -> Outgoing | None:
    """The next `batch` events `centre` lacks, after the event `after` (station, seq) when the
    cursor may not have moved past it yet; None when there are none."""
    with local.connect() as c:
        if after is None:
            rows = c.execute(_FIRST, {"central": centre, "batch": batch}).all()
        else:
            station, seq = after
            parameters = {"after_station": station, "after_seq": seq}
            rows = c.execute(_NEXT, {"central": centre, "batch": batch, **parameters}).all()
    return outgoing([JournalRow._make(row) for row in rows]) if rows else None
