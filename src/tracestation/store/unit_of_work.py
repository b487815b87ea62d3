"""One database transaction per scan or lead action: the station's unit of work.

`DatabaseTransactions.begin()` opens a writer transaction (SQLite: `BEGIN IMMEDIATE`, so stations
on one file take turns; PostgreSQL: READ COMMITTED with the plant's reads locking the rows a scan
may change). Inside it the plant, the journal with its projections, the work memory and the
identity counters all run on the one connection, so a scan's decision and what it writes commit
together or not at all.

Errors leave the `with` block as the station core's own words: `RaceLost` when another station
got there first (a deadlock, a serialization failure, a constraint of the schema), worth judging
again; `ConnectionLost` when the connection broke before the commit was asked for (nothing was
written, a new connection may do it); `RecordNotSaved` for anything else the database refused.

The units of work of one station run on one connection, kept between them: a scan checks
nothing out of the pool, and on PostgreSQL sends no pre-ping (`SELECT` of nothing) before its
work. A connection that died while kept (a server restart, a network cut) is found by the next
unit of work's first statement: that one leaves as `ConnectionLost` and the next opens a new
connection.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from tracestation.station.ports import (
    Clock,
    CommitUncertain,
    ConnectionLost,
    RaceLost,
    RecordNotSaved,
    RejectedScan,
)
from tracestation.store.database import writer
from tracestation.store.identity_blocks import SERIAL, SSCC, draw_from_block
from tracestation.store.journal import JournalOnConnection, short_error
from tracestation.store.plant import DatabasePlant
from tracestation.store.print_jobs import PrintJobsOnConnection
from tracestation.store.projections import ProjectionError
from tracestation.store.tables import ContainerRow, PlantMetaRow, table_of
from tracestation.store.work_memory import WorkMemoryOnConnection

META = table_of(PlantMetaRow)
SSCC_COUNTER = "sscc_serial"
NONCONFORMANCE_COUNTER = "nonconformance_serial"
_STATION_TAG_LENGTH = 12
_NEXT_SSCC = (
    update(META)
    .where(META.c.key == bindparam("k_key"))
    .values(value=META.c.value + 1)
    .returning(META.c.value)
)
# PostgreSQL's codes for "run it again": deadlock, serialization failure, lock not available.
_RETRYABLE_STATES = {"40P01", "40001", "55P03"}


class CounterOnConnection:
    """Identities allocated inside the scan's transaction: from the blocks the centre reserved
    for an offline station, else from counters in `plant_meta`, updated relative to themselves,
    so two stations on one database never draw the same number."""

    def __init__(self, connection: Connection, station: str) -> None:
        self.connection = connection
        self.station = station

    def next_container_serial(self) -> int:
        c = self.connection
        drawn = draw_from_block(c, SSCC, self.station)
        if drawn is not None:
            return drawn
        value = c.scalar(_NEXT_SSCC, {"k_key": SSCC_COUNTER})
        if value is None:
            # First carton on this database: start after any carton already recorded.
            # Two stations starting at once collide on the key and one is judged again.
            count = c.scalar(select(func.count()).select_from(table_of(ContainerRow))) or 0
            value = int(count) + 1
            c.execute(insert(META).values(key=SSCC_COUNTER, value=value))
        return int(value)

    def next_unit_number(self) -> int | None:
        return draw_from_block(self.connection, SERIAL, self.station)

    def next_nonconformance_number(self) -> str:
        c = self.connection
        value = c.scalar(_NEXT_SSCC, {"k_key": NONCONFORMANCE_COUNTER})
        if value is None:
            # Two stations starting at once collide on the key and one is run again.
            value = 1
            c.execute(insert(META).values(key=NONCONFORMANCE_COUNTER, value=value))
        return nonconformance_number(self.station, int(value))


def nonconformance_number(station: str, count: int) -> str:
    """`NC-<station>-<count>`: the station tells numbers from two databases apart (offline
    stations), the count those of one database. A long station id is shortened with a digest
    of it, so the number fits its column (32 characters)."""
    tag = station
    if len(station) > _STATION_TAG_LENGTH:
        tag = f"{station[:5]}~{hashlib.sha1(station.encode()).hexdigest()[:6]}"
    return f"NC-{tag}-{count:04d}"


class DatabaseTransaction:
    def __init__(self, connection: Connection, plant: DatabasePlant, station: str, clock: Clock):
        self.connection = connection
        journal = JournalOnConnection(connection, station, clock)
        self.plant = plant.within(connection, opening=journal.opening)
        journal.before_write = self.plant.forget_state
        journal.after_write = self.plant.note_written
        self.journal = journal
        self.memory = WorkMemoryOnConnection(connection)
        self.identities = CounterOnConnection(connection, station)
        self.print_jobs = PrintJobsOnConnection(connection, station, clock)
        self.committing = False  # from the moment the commit is asked for: maybe recorded

    def commit(self) -> None:
        self.committing = True
        self.connection.commit()


class DatabaseTransactions:
    """Units of work for one station on one database, on a connection kept between them
    (`close` lets it go). One thread uses it at a time."""

    def __init__(self, engine: Engine, plant: DatabasePlant, station: str, clock: Clock) -> None:
        self.engine = writer(engine)
        self.plant = plant
        self.station = station
        self.clock = clock
        self._kept: Connection | None = None

    @contextmanager
    def begin(self) -> Iterator[DatabaseTransaction]:
        tx: DatabaseTransaction | None = None
        try:
            connection = self._connection()
            connection.begin()
            try:
                tx = DatabaseTransaction(connection, self.plant, self.station, self.clock)
                yield tx
            finally:
                self._end(connection)
        except (SQLAlchemyError, ProjectionError) as error:
            raise as_record_error(error, committing=tx is not None and tx.committing) from error

    def _connection(self) -> Connection:
        if self._kept is None or self._kept.closed:
            self._kept = self.engine.connect()
        return self._kept

    def _end(self, connection: Connection) -> None:
        """Whatever was not committed is rolled back (a connection found broken forgets its
        transaction without a word to the server); one that cannot even do that is let go."""
        try:
            connection.rollback()  # also a transaction whose commit failed: it is forgotten
        except SQLAlchemyError:
            self.close()

    def close(self) -> None:
        kept, self._kept = self._kept, None
        if kept is not None:
            with suppress(SQLAlchemyError):
                kept.close()

    def log_rejection(self, rejected: RejectedScan) -> None:
        try:
            self._log_rejection(rejected)
        except ConnectionLost:  # nothing written: once more, on a new connection
            self._log_rejection(rejected)

    def _log_rejection(self, rejected: RejectedScan) -> None:
        with self.begin() as tx:
            tx.journal.log_rejection(rejected)
            tx.commit()


def as_record_error(error: Exception, *, committing: bool = False) -> RecordNotSaved:
    """What a database error means to the station: a lost race, a connection lost before the
    commit was asked for (`committing` False: nothing written) or after (may be written), or a
    record not saved."""
    if isinstance(error, IntegrityError | ProjectionError):
        return RaceLost(short_error(error))
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        if committing:
            return CommitUncertain(short_error(error))
        return ConnectionLost(short_error(error))
    if isinstance(error, DBAPIError):
        state = getattr(error.orig, "sqlstate", None)
        if state in _RETRYABLE_STATES:
            return RaceLost(short_error(error))
    return RecordNotSaved(short_error(error))
