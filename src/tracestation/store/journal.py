"""The journal: each station's hash-chained event log, written with its projections.

`record` is the only way state changes. It writes the events, their projections and the station's
chain head in one transaction and returns only after the commit, so "accepted" means durable.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, true, update
from sqlalchemy.exc import SQLAlchemyError

from tracestation.domain.chain import GENESIS, event_hash
from tracestation.domain.events import DomainEvent
from tracestation.station.ports import Clock, RecordNotSaved, RejectedScan, Signature
from tracestation.store.database import writer
from tracestation.store.projections import Projected, ProjectionError, Written, project
from tracestation.store.tables import (
    EventRow,
    PlantMetaRow,
    RejectedScanRow,
    StationHeadRow,
    UnitRow,
    table_of,
)
from tracestation.store.unit_history import Applied, note_history

EVENTS = table_of(EventRow)
HEADS = table_of(StationHeadRow)
REJECTED = table_of(RejectedScanRow)
_HEAD = (
    select(HEADS.c.seq, HEADS.c.hash)
    .where(HEADS.c.station == bindparam("station"))
    .with_for_update()
)
META = table_of(PlantMetaRow)
_MASTER_DATA_VERSION = select(META.c.value).where(META.c.key == "master_data")
# The scan's first statement: the station's chain head, locked for the events the scan may
# write, with the master data's version the plant checks its cache against.
_HEAD_AND_VERSION = (
    select(HEADS.c.seq, HEADS.c.hash, _MASTER_DATA_VERSION.scalar_subquery().label("version"))
    .where(HEADS.c.station == bindparam("station"))
    .with_for_update(of=HEADS)
)
UNITS = table_of(UnitRow)
# The same, with the unit in work, locked too (its open links are read after, by a statement
# of their own, so they are those committed by whoever held the unit before).
_HEAD_VERSION_AND_UNIT = (
    select(
        HEADS.c.seq,
        HEADS.c.hash,
        _MASTER_DATA_VERSION.scalar_subquery().label("version"),
        UNITS,
    )
    .select_from(HEADS.join(UNITS, true()))
    .where(
        HEADS.c.station == bindparam("station"),
        UNITS.c.part == bindparam("part"),
        UNITS.c.serial == bindparam("serial"),
    )
    .with_for_update(of=[HEADS, UNITS])
)
_INSERT_EVENT = insert(EVENTS)
# PostgreSQL: the station's head moves in the statement that writes its last event.
_JOURNAL_COLUMNS = (
    "id",
    "station",
    "seq",
    "time",
    "operator",
    "kind",
    "payload",
    "reason",
    "signed_by",
    "prev_hash",
    "hash",
    "synced_at",
)
# Its parameters are all named apart from the columns (e_<column>), so neither statement takes
# the other's for its own columns.
_INSERT_EVENT_MOVING_HEAD = (
    insert(EVENTS)
    .values({name: bindparam(f"e_{name}") for name in _JOURNAL_COLUMNS})
    .add_cte(
        update(HEADS)
        .where(HEADS.c.station == bindparam("k_station"))
        .values(seq=bindparam("v_seq"), hash=bindparam("v_hash"))
        .cte("moved_head")
    )
)
_MOVE_HEAD = (
    update(HEADS)
    .where(HEADS.c.station == bindparam("k_station"))
    .values(seq=bindparam("v_seq"), hash=bindparam("v_hash"))
)


class JournalOnConnection:
    """The station's journal inside a unit of work: appends on its connection, commits nothing.
    Database errors pass through to the unit of work, which says what they mean."""

    def __init__(
        self,
        connection: Connection,
        station: str,
        clock: Clock,
        before_write: Callable[[], None] | None = None,
        after_write: Callable[[Sequence[Projected]], None] | None = None,
    ) -> None:
        self.connection = connection
        self.station = station
        self.clock = clock
        self.before_write = before_write
        self.after_write = after_write
        # The chain head as this transaction holds it: unread, none yet, or (seq, hash).
        self._head: tuple[int, str] | None = None
        self._head_read = False

    def opening(self, unit: tuple[str, str] | None) -> tuple[int | None, Any | None]:
        """The unit of work's first statement: the master data's version, read with the
        station's chain head (locked, so the scan's events need no read of their own) and the
        row of `unit`, the unit in work, locked (None when there is none)."""
        if unit is not None:
            part, serial = unit
            row = self.connection.execute(
                _HEAD_VERSION_AND_UNIT, {"station": self.station, "part": part, "serial": serial}
            ).first()
            if row is not None:
                self._head, self._head_read = (int(row.seq), str(row.hash)), True
                return (None if row.version is None else int(row.version)), row
        return self.master_data_version(), None

    def master_data_version(self) -> int | None:
        """The master data's version, read with the station's chain head (locked)."""
        row = self.connection.execute(_HEAD_AND_VERSION, {"station": self.station}).first()
        if row is None:  # the station's first event is still to come
            self._head, self._head_read = None, True
            value = self.connection.scalar(_MASTER_DATA_VERSION)
            return None if value is None else int(value)
        self._head, self._head_read = (int(row.seq), str(row.hash)), True
        return None if row.version is None else int(row.version)

    def record(
        self,
        events: Sequence[DomainEvent],
        *,
        operator: str | None,
        reason: str | None = None,
        signature: Signature | None = None,
        manual: bool = False,
    ) -> list[str]:
        c = self.connection
        if self.before_write is not None:
            self.before_write()
        ids: list[str] = []
        applied: list[Applied] = []
        projected: list[Projected] = []
        if not self._head_read:
            found = c.execute(_HEAD, {"station": self.station}).first()
            self._head = (int(found.seq), str(found.hash)) if found else None
            self._head_read = True
        head = self._head
        seq, prev_hash = head if head is not None else (0, GENESIS)
        moves_head = c.dialect.name == "postgresql"
        last, head_moved = seq + len(events), False
        now = self.clock.now()
        time = now.isoformat(timespec="microseconds")
        signed_by = signature.badge if signature else None
        for event in events:
            seq += 1
            event_id = str(uuid.uuid4())
            payload = event.payload()
            if signature is not None:
                # What the signature means and the signer's printed name as it was when signing
                # (21 CFR 11.50); the time is the event's.
                payload = {
                    **payload,
                    "signature_meaning": signature.meaning,
                    "signature_name": signature.name,
                }
            if manual:
                payload = {**payload, "entry": "manual"}
            row: dict[str, Any] = {
                "id": event_id,
                "station": self.station,
                "seq": seq,
                "time": time,
                "operator": operator,
                "kind": event.kind,
                "payload": payload,
                "reason": reason,
                "signed_by": signed_by,
                "prev_hash": prev_hash,
            }
            digest = event_hash(**row)
            values = {**row, "hash": digest, "synced_at": None}
            if head is not None and moves_head and seq == last:
                moved = {"k_station": self.station, "v_seq": seq, "v_hash": digest}
                named = {f"e_{name}": value for name, value in values.items()}
                c.execute(_INSERT_EVENT_MOVING_HEAD, {**named, **moved})
                head_moved = True
            else:
                c.execute(_INSERT_EVENT, values)
            written = Written(event_id, now, self.station, operator, signed_by)
            link = project(event, c, written)
            applied.append(Applied(event, written, seq))
            projected.append(Projected(event, event_id, link))
            prev_hash = digest
            ids.append(event_id)
        note_history(c, applied)
        if head is None:
            # Two processes writing a station's first event both insert its head: the
            # second fails on the key and its unit of work is judged again.
            c.execute(insert(HEADS).values(station=self.station, seq=seq, hash=prev_hash))
        elif not head_moved:
            c.execute(_MOVE_HEAD, {"k_station": self.station, "v_seq": seq, "v_hash": prev_hash})
        self._head = (seq, prev_hash)
        if self.after_write is not None:
            self.after_write(projected)
        return ids

    def log_rejection(self, rejected: RejectedScan) -> None:
        self.connection.execute(
            insert(REJECTED).values(
                station=rejected.station,
                time=rejected.time,
                operator=rejected.operator,
                raw=rejected.raw[:4096],
                code=rejected.code,
                message=rejected.message,
            )
        )


class DatabaseJournal:
    """The journal on its own: each call is a transaction of its own (tools and tests)."""

    def __init__(self, engine: Engine, station: str, clock: Clock) -> None:
        self.engine = writer(engine)
        self.station = station
        self.clock = clock

    def record(
        self,
        events: Sequence[DomainEvent],
        *,
        operator: str | None,
        reason: str | None = None,
        signature: Signature | None = None,
        manual: bool = False,
    ) -> list[str]:
        try:
            with self.engine.begin() as c:
                return JournalOnConnection(c, self.station, self.clock).record(
                    events, operator=operator, reason=reason, signature=signature, manual=manual
                )
        except (SQLAlchemyError, ProjectionError) as error:
            raise RecordNotSaved(short_error(error)) from error

    def log_rejection(self, rejected: RejectedScan) -> None:
        try:
            with self.engine.begin() as c:
                JournalOnConnection(c, self.station, self.clock).log_rejection(rejected)
        except SQLAlchemyError as error:
            raise RecordNotSaved(short_error(error)) from error


def short_error(error: Exception) -> str:
    text = str(getattr(error, "orig", None) or error)
    return text.splitlines()[0][:200] if text else type(error).__name__
