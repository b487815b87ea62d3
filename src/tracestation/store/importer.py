"""Master-data import: validate the whole file first, then write it in short transactions.

Nothing is written until every record has passed: a refused file changes nothing. The writing
then goes section by section (parts, routings, BOMs, work orders, operators, lots, defects), up
to `CHUNK` records per transaction, each transaction with one `MasterDataChanged` event for what it
changed, so a scan waiting for the write lock (SQLite has one writer) gets in between two of them
instead of waiting for the whole import. On SQLite the import also pauses after each transaction,
long enough for a waiting scan's next retry to find the lock free.

Idempotent: importing the same file again changes nothing and writes no event. An import that
stopped half-way (killed, the disk full) leaves whole transactions behind, each with its event;
importing the same file again finishes it. Lots already on record keep their quantity and status
(the station's own events own those after receipt).
"""

from __future__ import annotations

import hashlib
import socket
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, insert, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracestation.domain.events import MasterDataChanged
from tracestation.domain.masterdata import (
    FILE,
    MasterData,
    MasterDataError,
    OperatorRecord,
    read_master_data,
)
from tracestation.domain.masterdata_csv import CsvMasterData, looks_like_csv, read_csv
from tracestation.domain.masterdata_text import decoded_text, parse_master_data
from tracestation.station.clock import SystemClock
from tracestation.station.ports import Clock
from tracestation.store.database import writer
from tracestation.store.import_sections import (
    Change,
    read_known,
    read_pin_hashes,
    write_boms,
    write_defects,
    write_lots,
    write_operators,
    write_parts,
    write_routings,
    write_work_orders,
)
from tracestation.store.journal import JournalOnConnection, short_error
from tracestation.store.pins import Argon2Pins, hash_pin
from tracestation.store.tables import PlantMetaRow, table_of

MASTER_DATA = "master_data"
META = table_of(PlantMetaRow)
CHUNK = 500
T = TypeVar("T")
U = TypeVar("U")


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    station: str = ""
    sections: dict[str, Tally] = field(default_factory=dict)
    events: int = 0

    def tally(self, section: str) -> Tally:
        return self.sections.setdefault(section, Tally())

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated for t in self.sections.values())

    def to_json(self) -> dict[str, Any]:
        return {name: vars(t) for name, t in self.sections.items()}


class ImportInterrupted(RuntimeError):
    """The database refused a write half-way (another import at the same time, the disk full,
    the database gone). What was written before stays, each part with its event."""


@dataclass(frozen=True)
class MasterDataFile:
    """A master-data file read: the document in the JSON format's shape, and for a CSV file
    where each record came from."""

    document: Any
    csv: CsvMasterData | None = None

    def relabeled(self, error: MasterDataError) -> MasterDataError:
        """`error` with each record named as the file names it (a CSV file: its line)."""
        return self.csv.relabeled(error) if self.csv is not None else error


def load_file(path: Path) -> MasterDataFile:
    """The master data in `path`: JSON, or CSV of one kind of record (`domain.masterdata_csv`)
    when the file is named .csv/.tsv or holds no JSON object; `MasterDataError` says what is
    wrong with the file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise MasterDataError.single(FILE, None, _unreadable(path, error)) from None
    suffix = path.suffix.lower()
    if suffix != ".json":
        text = decoded_text(data)
        if suffix in (".csv", ".tsv") or looks_like_csv(text):
            read = read_csv(text, path.stem)
            return MasterDataFile(read.document, read)
    return MasterDataFile(parse_master_data(data))


def _unreadable(path: Path, error: OSError) -> str:
    """Why the file `path` cannot be read, and what to do."""
    where = path.expanduser().absolute()
    if isinstance(error, FileNotFoundError):
        return f"does not exist (looked for {where}). Check the file's name and folder"
    if isinstance(error, IsADirectoryError):
        return f"is a folder ({where}). Give a master-data file in it (.json or .csv)"
    if isinstance(error, PermissionError):
        return f"cannot be read: you may not read {where}. Ask its owner, or copy it elsewhere"
    return f"cannot be read ({error.strerror or type(error).__name__}: {where})"


def import_station_id(engine: Engine) -> str:
    """The journal chain of imports made on this computer into this database when no station
    is named: `IMPORT-<host>-<database>`, which no scanning station uses. `<database>` (8 hex
    digits of a hash of where the database is) keeps a centre and stations on one computer
    from writing chains of one name, which a centre would take for one chain broken."""
    host = socket.gethostname().split(".")[0].strip() or "localhost"
    url = engine.url
    where = f"{url.get_backend_name()}://{url.host or ''}:{url.port or ''}/{url.database or ''}"
    database = hashlib.sha256(where.encode("utf-8")).hexdigest()[:8]
    return f"IMPORT-{host[:40]}-{database}"


class DatabaseMasterData:
    """`MasterDataLoader` (tracestation.station.queries) on a database."""

    def __init__(self, engine: Engine, station: str | None = None) -> None:
        self.engine = engine
        self.station = station

    def load(self, document: Mapping[str, Any]) -> None:
        import_master_data(self.engine, document, station=self.station)


def import_master_data(
    engine: Engine,
    document: Any,
    *,
    station: str | None = None,
    source: str = "",
    clock: Clock | None = None,
) -> ImportReport:
    """Validate `document` against itself and the database (raises `MasterDataError` listing
    every problem, having written nothing), then write it in short transactions, journaled
    under `station` (default `import_station_id(engine)`). Raises `ImportInterrupted` when the
    database refuses a write half-way. Call it from one thread; it sleeps between writes."""
    with engine.connect() as c:
        known = read_known(c)
    data = read_master_data(document, known)
    chain = station or import_station_id(engine)
    return _Import(engine, chain, clock or SystemClock(), source[:200]).write(data)


def bump_master_data_version(s: Session | Connection) -> None:
    """Stations drop the master data they hold in memory when this number moves."""
    c = s.connection() if isinstance(s, Session) else s
    bumped = c.execute(update(META).where(META.c.key == MASTER_DATA).values(value=META.c.value + 1))
    if bumped.rowcount == 0:
        c.execute(insert(META).values(key=MASTER_DATA, value=1))


class _Import:
    def __init__(self, engine: Engine, station: str, clock: Clock, source: str) -> None:
        self.engine = writer(engine)
        self.station = station
        self.clock = clock
        self.source = source
        self.id = str(uuid.uuid4())
        self.report = ImportReport(station=station)
        self.pacer = _Pacer(engine.dialect.name == "sqlite")

    def write(self, data: MasterData) -> ImportReport:
        self._section("parts", data.parts, _as_is, lambda c, chunk, _: write_parts(c, chunk))
        self._section(
            "routings", data.routings, _as_is, lambda c, chunk, _: write_routings(c, chunk)
        )
        boms = list(data.boms.items())
        self._section("boms", boms, _as_is, lambda c, chunk, _: write_boms(c, chunk))
        self._section(
            "work_orders",
            data.work_orders,
            _as_is,
            lambda c, chunk, _: write_work_orders(c, chunk),
        )
        self._section(
            "operators",
            data.operators,
            self._with_pin_hashes,
            lambda c, chunk, _: write_operators(c, chunk),
        )
        self._section("lots", data.lots, _as_is, write_lots)
        self._section("defects", data.defects, _as_is, lambda c, chunk, _: write_defects(c, chunk))
        if self.report.changed:
            with self.engine.begin() as c:
                bump_master_data_version(c)
        return self.report

    def _section(
        self,
        name: str,
        records: Sequence[T],
        prepare: Callable[[Sequence[T]], Sequence[U]],
        write: Callable[[Connection, Sequence[U], datetime], list[Change]],
    ) -> None:
        """Writes `records` in chunks; `prepare` makes each chunk ready (outside the
        transaction) for `write`, which runs inside it."""
        created: dict[str, bool] = {}
        for start in range(0, len(records), CHUNK):
            chunk = prepare(records[start : start + CHUNK])
            for key, before, _ in self._transaction(name, chunk, write, done=start):
                created.setdefault(key, before is None)
        tally = self.report.tally(name)
        tally.created = sum(created.values())
        tally.updated = len(created) - tally.created
        tally.unchanged = max(0, len(records) - len(created))

    def _transaction(
        self,
        name: str,
        chunk: Sequence[U],
        write: Callable[[Connection, Sequence[U], datetime], list[Change]],
        *,
        done: int,
    ) -> list[Change]:
        self.pacer.before_writing()
        began = time.monotonic()
        try:
            with self.engine.begin() as c:
                now = self.clock.now()
                changes = write(c, chunk, now)
                if changes:
                    self._record(c, name, changes, now)
                    if name != "lots":  # stations keep the rest in memory (lots never)
                        bump_master_data_version(c)
        except SQLAlchemyError as error:
            raise ImportInterrupted(
                f"the import stopped at {name}[{done}] (the database said: "
                f"{short_error(error)}). What was written before is on record, with its "
                "events; import the file again to finish (what is already there is left as "
                "it is)"
            ) from error
        finally:
            self.pacer.wrote(time.monotonic() - began)
        return changes

    def _record(self, c: Connection, name: str, changes: list[Change], now: datetime) -> None:
        self.report.events += 1
        event = MasterDataChanged(
            section=name,
            changes=tuple({"before": before, "after": after} for _, before, after in changes),
            import_id=self.id,
            chunk=self.report.events,
            source=self.source,
        )
        JournalOnConnection(c, self.station, _At(now)).record([event], operator=None)

    def _with_pin_hashes(
        self, operators: Sequence[OperatorRecord]
    ) -> list[tuple[OperatorRecord, str | None]]:
        """Each operator with the PIN hash to keep: argon2 is slow on purpose, so this runs
        before the transaction, never holding the write lock. A PIN that still verifies
        against its hash keeps that hash."""
        with self.engine.connect() as c:
            on_record = read_pin_hashes(c, [op.badge for op in operators])
        pins = Argon2Pins()
        hashed: list[tuple[OperatorRecord, str | None]] = []
        for op in operators:
            current = on_record.get(op.badge)
            if op.pin is None:
                hashed.append((op, None))
            elif current is not None and pins.verify(current, op.pin):
                hashed.append((op, current))
            else:
                hashed.append((op, hash_pin(op.pin)))
        return hashed


def _as_is(records: Sequence[T]) -> Sequence[T]:
    return records


class _Pacer:
    """Leaves SQLite's write lock free after each of the import's transactions, as long as the
    transaction held it (within bounds), so a scan waiting on the lock gets in. A waiting
    connection retries after 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100, 100 ... ms (SQLite's
    busy handler): one that has waited as long as the transaction took retries within that
    long again, so the pause spans one of its retries. PostgreSQL locks rows, not the whole
    database: no pause there."""

    SHORTEST = 0.005
    LONGEST = 0.15

    def __init__(self, one_writer: bool) -> None:
        self.one_writer = one_writer
        self.held = 0.0

    def wrote(self, seconds: float) -> None:
        self.held = seconds

    def before_writing(self) -> None:
        if self.one_writer and self.held:
            time.sleep(min(max(self.held, self.SHORTEST), self.LONGEST))
            self.held = 0.0


@dataclass(frozen=True)
class _At:
    """The journal's clock for one transaction: the time its rows were written."""

    moment: datetime

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return self.moment.date()
