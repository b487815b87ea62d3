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
from typing import Any

from sqlalchemy import Engine, Row, Text, and_, bindparam, or_, select, type_coerce

from tracestation.domain.events import DomainEvent, event_from
from tracestation.store.bulk import copy_line
from tracestation.store.projections import Written
from tracestation.store.tables import EventRow, SyncTargetRow, table_of
from tracestation.store.unit_history import Applied, history_rows

EVENTS = table_of(EventRow)
TARGETS = table_of(SyncTargetRow)
# The columns a centre copies from a station's journal, in the table's order; a centre sets
# `synced_at` and `central_seq` itself.
COPIED = tuple(column.key for column in EVENTS.c if column.key not in ("synced_at", "central_seq"))
_PAYLOAD = COPIED.index("payload")


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


# The payload as the text the station stored: parsed once here, and copied to the centre as is.
_COLUMNS = [
    type_coerce(EVENTS.c[key], Text).label(key) if key == "payload" else EVENTS.c[key]
    for key in COPIED
]
_BY_CHAIN = (EVENTS.c.station, EVENTS.c.seq)
_FIRST = unsent(*_COLUMNS).order_by(*_BY_CHAIN).limit(bindparam("batch"))
_NEXT = (
    unsent(*_COLUMNS)
    .where(
        or_(
            EVENTS.c.station > bindparam("after_station"),
            and_(
                EVENTS.c.station == bindparam("after_station"),
                EVENTS.c.seq > bindparam("after_seq"),
            ),
        )
    )
    .order_by(*_BY_CHAIN)
    .limit(bindparam("batch"))
)


@dataclass(frozen=True)
class Outgoing:
    """Journal rows (each station's in chain order) with what the centre makes of each: its
    event and how it was written, or why it cannot be read (`unreadable`, by index), and the
    values of its row in the centre's journal (`COPIED`, the payload as JSON text).

    Formatted ahead for COPY (`store.bulk.copy_line`), so that the central transaction only
    sends them: each row's `COPIED` values (`lines`), and the per-unit history rows of the
    readable events (`history`: event id and line, columns `HISTORY_COLUMNS`)."""

    rows: Sequence[Any]
    events: list[tuple[DomainEvent, Written] | None]
    unreadable: dict[int, str]
    values: list[tuple[Any, ...]]
    payloads: list[Any]
    lines: list[str]
    history: list[tuple[str, str]]

    @property
    def stations(self) -> set[str]:
        return {row.station for row in self.rows}

    def sent(self) -> dict[str, int]:
        """Each station's last event in the batch."""
        last: dict[str, int] = {}
        for row in self.rows:
            last[row.station] = max(last.get(row.station, 0), row.seq)
        return last


def outgoing(rows: Sequence[Any]) -> Outgoing:
    """`rows` (with the columns of `COPIED`; a payload as stored text or already parsed) made
    ready for `sync.ingest`."""
    events: list[tuple[DomainEvent, Written] | None] = []
    unreadable: dict[int, str] = {}
    values: list[tuple[Any, ...]] = []
    payloads: list[Any] = []
    for index, row in enumerate(rows):
        stored = row.payload
        payload = json.loads(stored) if isinstance(stored, str) else stored
        text = stored if isinstance(stored, str) else json.dumps(stored)
        payloads.append(payload)
        # A row read by `read_outgoing` holds the columns of `COPIED` in order.
        copied = list(row) if isinstance(row, Row) else [getattr(row, k) for k in COPIED]
        copied[_PAYLOAD] = text
        values.append(tuple(copied))
        try:
            event = event_from(row.kind, dict(payload))
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
    # A history row's keys are in the order of `HISTORY_COLUMNS`.
    history = [(h["event_id"], copy_line(list(h.values()))) for h in history_rows(applied)]
    lines = [copy_line(copied) for copied in values]
    return Outgoing(rows, events, unreadable, values, payloads, lines, history)


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
    return outgoing(rows) if rows else None
