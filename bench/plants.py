"""Synthetic plants of realistic shape for `bench/run.py`, bulk-loaded through the projections.

The shape, for N units (every serialised item counts as a unit, whatever its level):

- a gateway of five levels, `GW` > `CTL` > `MOD` > `BRD` > `SNS`, built in blocks of 1,000
  (half of the units); each level installs the level below it and nine lots (`SNS`, the leaf,
  installs ten), is tested, and the gateways are packed 10 to a carton;
- a meter of two levels, `MTR` > `PCB` (the other half), built in blocks of 1,000 meters, packed
  20 to a carton;
- each lot feeds the 1,000 units of its block at its level: a lot of a sensor component reaches
  5,000 units (its sensors and the board, module, controller and gateway each went into);
- rework: one meter board in 100 fails its test, a lot it holds is removed and another installed,
  the board is reworked and passes.

So ten genealogy links per unit: about 10 million at 1,000,000 units, in about 13 million events.

The events are the ones the station writes when operators scan (`UnitRegistered`, `LotInstalled`,
`ChildUnitInstalled`, `OperationCompleted`, `TestRecorded`, `ChildRemoved`, `ContainerOpened`,
`UnitPacked`, `ContainerClosed`), hash-chained per station as the journal chains them, and
applied by `apply_received_batch`, the projection code the central ingest uses (it plays a run of
events on the rows in memory and writes each table in a statement or two; it is kept in step with
the station's own `project`). Nothing is replayed scan by scan: a plant of 1,000,000 units builds
in minutes, not days.

The events' ids are time-ordered (`event_id`, the shape of UUIDv7: the event's time in the high
bits, random low bits; still valid UUID text), not the station's uuid4: with random ids every
index keyed by an event id takes its inserts at random pages, and past ten million events the
build slowed five-fold once those indexes outgrew the cache.

Built plants are cached: SQLite files under `bench/out/plants/` (ignored by git), PostgreSQL
databases named `bench_plant_<units>_v<VERSION>`; a build that did not finish is not kept.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, insert, select, text

from tracestation.domain import events as ev
from tracestation.domain.chain import GENESIS, event_hash
from tracestation.domain.check_digits import sscc
from tracestation.store.bulk import insert_rows
from tracestation.store.database import open_database
from tracestation.store.importer import import_master_data
from tracestation.store.projections import Written
from tracestation.store.received_batch import apply_received_batch
from tracestation.store.tables import EventRow, PlantMetaRow, StationHeadRow, table_of

VERSION = 2  # 2: time-ordered event ids (`event_id`)
BLOCK = 1_000
CHAIN = ("GW", "CTL", "MOD", "BRD", "SNS")  # top to leaf: five levels
METER = ("MTR", "PCB")
LOT_LINES = 9  # lots each non-leaf level installs; a leaf installs one more
OPERATOR = "B-2001"
SCAN_WO = "WO-SCAN"
BASE_TIME = datetime(2026, 1, 5, 6, 0, tzinfo=UTC)
EVENTS = table_of(EventRow)
HEADS = table_of(StationHeadRow)
META = table_of(PlantMetaRow)
HERE = Path(__file__).resolve().parent
CACHE = HERE / "out" / "plants"


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Shape:
    units: int

    @property
    def chains(self) -> int:
        return self.units // 10

    @property
    def meters(self) -> int:
        return (self.units - 5 * self.chains) // 2

    def blocks(self, count: int) -> int:
        return -(-count // BLOCK)


def lines_of(part: str) -> int:
    return LOT_LINES + (1 if part in (CHAIN[-1], METER[-1]) else 0)


def component(part: str, line: int) -> str:
    return f"C-{part}-{line:02d}"


def lot_code(part: str, line: int, block: int) -> str:
    return f"L-{part}{line:02d}-{block:04d}"


def scan_lot(part: str, line: int) -> str:
    return f"L-{part}{line:02d}-SCAN"


def serial(part: str, i: int) -> str:
    return f"{part}-{i:07d}"


def work_order(part: str, block: int) -> str:
    return f"WO-{part}-{block:04d}"


# The plant's master data ------------------------------------------------------------------


def master_data(shape: Shape) -> dict[str, Any]:
    serial_parts = [*CHAIN, *METER]
    names = {
        "GW": "Gateway",
        "CTL": "Controller",
        "MOD": "Radio module",
        "BRD": "Sensor board",
        "SNS": "Sensor",
        "MTR": "Meter",
        "PCB": "Meter board",
    }
    parts = [
        {"number": p, "description": names[p], "tracking": "serial", "uom": "ea"}
        for p in serial_parts
    ]
    boms, lots, orders = [], [], []
    for p in serial_parts:
        lines = []
        child = _child_of(p)
        if child:
            lines.append({"part": child, "qty": 1, "operation": "10"})
        for n in range(1, lines_of(p) + 1):
            parts.append(
                {
                    "number": component(p, n),
                    "description": f"Component {n} of {names[p]}",
                    "tracking": "lot",
                    "uom": "ea",
                }
            )
            lines.append({"part": component(p, n), "qty": 1, "operation": "10"})
            count = shape.chains if p in CHAIN else shape.meters
            for b in range(shape.blocks(count)):
                lots.append(_lot(component(p, n), lot_code(p, n, b), 2 * BLOCK))
            lots.append(_lot(component(p, n), scan_lot(p, n), 10_000_000))
        boms.append({"parent": p, "lines": lines})
        count = shape.chains if p in CHAIN else shape.meters
        orders += [
            {"number": work_order(p, b), "part": p, "quantity": BLOCK}
            for b in range(shape.blocks(count))
        ]
    orders.append({"number": SCAN_WO, "part": CHAIN[-1], "quantity": 10_000_000})
    return {
        "parts": parts,
        "routings": [_routing(p) for p in serial_parts],
        "boms": boms,
        "work_orders": orders,
        "operators": [{"badge": OPERATOR, "name": "Dana Ilie", "role": "operator"}],
        "lots": lots,
    }


def _child_of(part: str) -> str | None:
    for chain in (CHAIN, METER):
        if part in chain[:-1]:
            return chain[chain.index(part) + 1]
    return None


def _lot(part: str, code: str, quantity: int) -> dict[str, Any]:
    return {"part": part, "lot": code, "quantity": quantity, "expiry": "2099-12-31"}


def pack_qty(part: str) -> int | None:
    return {"GW": 10, "MTR": 20}.get(part)


def _routing(part: str) -> dict[str, Any]:
    operations = [
        {"code": "10", "name": "Assembly", "kind": "assemble"},
        {"code": "20", "name": "Test", "kind": "test"},
    ]
    if pack_qty(part):
        operations.append(
            {"code": "30", "name": "Pack", "kind": "pack", "pack_qty": pack_qty(part)}
        )
    return {"part": part, "operations": operations}


# The events, in the order the line makes them ----------------------------------------------


def production(shape: Shape) -> Iterator[tuple[str, ev.DomainEvent]]:
    """(station, event) for the whole plant: block by block, each level before the one above."""
    cartons = iter(range(1, 10**9))
    for b in range(shape.blocks(shape.chains)):
        first, last = b * BLOCK + 1, min(shape.chains, (b + 1) * BLOCK)
        for level in reversed(CHAIN):
            yield from _level(level, b, range(first, last + 1), cartons, rework=False)
    for b in range(shape.blocks(shape.meters)):
        first, last = b * BLOCK + 1, min(shape.meters, (b + 1) * BLOCK)
        for level in reversed(METER):
            yield from _level(level, b, range(first, last + 1), cartons, rework=level == "PCB")


def _level(
    part: str, block: int, numbers: range, cartons: Iterator[int], *, rework: bool
) -> Iterator[tuple[str, ev.DomainEvent]]:
    station, wo, child = f"ST-{part}", work_order(part, block), _child_of(part)
    assembly_events: list[ev.DomainEvent] = []
    for i in numbers:
        s = serial(part, i)
        assembly_events = [ev.UnitRegistered(part, s, wo, "10")]
        if child:
            assembly_events.append(
                ev.ChildUnitInstalled(part, s, child, serial(child, i), wo, "10")
            )
        for n in range(1, lines_of(part) + 1):
            assembly_events.append(
                ev.LotInstalled(
                    part, s, component(part, n), lot_code(part, n, block), Decimal(1), wo, "10"
                )
            )
        assembly_events.append(ev.OperationCompleted(part, s, wo, "10"))
        for event in assembly_events:
            yield station, event
    test_station = f"ST-{part}-TEST"
    for i in numbers:
        s = serial(part, i)
        if rework and i % 100 == 50:
            yield test_station, ev.TestRecorded(part, s, wo, "20", "Test", False)
            yield from _reworked(part, s, block, wo)
        yield test_station, ev.TestRecorded(part, s, wo, "20", "Test", True)
    capacity = pack_qty(part)
    if capacity is None:
        return
    pack_station = f"ST-{part}-PACK"
    packed = 0
    carton = ""
    for i in numbers:
        if packed == 0:
            carton = sscc(0, "0950600", next(cartons))
            yield pack_station, ev.ContainerOpened(carton, wo, part, capacity)
        yield pack_station, ev.UnitPacked(carton, part, serial(part, i), wo, "30")
        packed += 1
        if packed == capacity:
            yield pack_station, ev.ContainerClosed(carton, packed)
            packed = 0


REWORK_MARK = "rework-of:"


def _reworked(part: str, s: str, block: int, wo: str) -> Iterator[tuple[str, ev.DomainEvent]]:
    """The failed board comes back to assembly: its first component is taken off and another
    from the same lot goes on. The removal names the install's event id, known only once the
    journal wrote it: the builder fills it in for `REWORK_MARK`."""
    station = f"ST-{part}-REWORK"
    line, code = 1, lot_code(part, 1, block)
    yield (
        station,
        ev.ChildRemoved(
            part, s, f"{REWORK_MARK}{s}", component(part, line), None, code, Decimal(1), "10"
        ),
    )
    yield station, ev.LotInstalled(part, s, component(part, line), code, Decimal(1), wo, "10")
    yield station, ev.OperationCompleted(part, s, wo, "10", rework=True)


def scan_plan(tag: str, units: int) -> list[str]:
    """What an operator scans to build `units` sensors on the scan work order (after logging
    in): the work order, the operation, then per sensor its serial, its ten lots and CMD:DONE."""
    leaf = CHAIN[-1]
    lots = [f"LOT:{component(leaf, n)}/{scan_lot(leaf, n)}" for n in range(1, lines_of(leaf) + 1)]
    plan = [f"WO:{SCAN_WO}", "OPN:10"]
    for i in range(units):
        plan += [f"{leaf}-{tag}-{i:05d}", *lots, "CMD:DONE"]
    return plan


# Writing: the journal's rows, then the projections -----------------------------------------


_EVENT_COLUMNS = (
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
_INSERT_EVENT_SQL = (
    f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})"
)
_FIELDS: dict[type, tuple[str, ...]] = {}


def payload(event: ev.DomainEvent) -> dict[str, Any]:
    """`event.payload()` for the flat events of a plant, without `dataclasses.asdict`'s deep
    copy (a third of the build's time)."""
    names = _FIELDS.get(type(event))
    if names is None:
        names = _FIELDS[type(event)] = tuple(f.name for f in dataclasses.fields(event))
    return {
        name: format(value.normalize(), "f") if isinstance(value, Decimal) else value
        for name in names
        for value in (getattr(event, name),)
    }


def event_id(moment: datetime) -> str:
    """A time-ordered UUID for an event of the plant, in the shape of UUIDv7 (RFC 9562): the
    event's time in milliseconds in the top 48 bits, then the version (7), 74 random bits and
    the variant. The plant's events are a millisecond or more apart, so their ids increase
    with the journal and every index keyed by an event id grows at its end instead of at
    random pages (which a plant of a million units outgrows the cache with: the build slowed
    five-fold). Still valid UUID text; the station itself writes uuid4."""
    millis = int(moment.timestamp() * 1000)
    bits = (millis << 80) | (0x7 << 76) | (0b10 << 62) | _random_bits()
    return str(uuid.UUID(int=bits))


def _random_bits() -> int:
    """74 random bits laid out around the version and variant fields of a UUIDv7."""
    r = int.from_bytes(os.urandom(10))
    return ((r >> 62) & 0xFFF) << 64 | (r & ((1 << 62) - 1))


class Loader:
    """Appends events to each station's chain as `JournalOnConnection.record` does, and applies
    them with `apply_received_batch`, `batch` events at a time."""

    def __init__(self, c: Connection, batch: int = 20_000) -> None:
        self.c = c
        self.batch = batch
        self.heads: dict[str, tuple[int, str]] = {}
        self.pending: list[tuple[str, ev.DomainEvent]] = []
        self.installs: dict[str, str] = {}  # a reworked unit's serial -> its first install
        self.count = 0
        self.moment = BASE_TIME

    def add(self, station: str, event: ev.DomainEvent) -> None:
        self.pending.append((station, event))
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        rows: list[dict[str, Any]] = []
        received: list[tuple[ev.DomainEvent, Written]] = []
        for station, event in self.pending:
            if isinstance(event, ev.ChildRemoved) and event.installed_event.startswith(REWORK_MARK):
                first = self.installs[event.installed_event[len(REWORK_MARK) :]]
                event = ev.ChildRemoved(
                    event.parent_part,
                    event.parent_serial,
                    first,
                    event.child_part,
                    event.child_serial,
                    event.lot,
                    event.qty,
                    event.operation,
                )
            seq, prev = self.heads.get(station, (0, GENESIS))
            self.moment += timedelta(milliseconds=350)
            row: dict[str, Any] = {
                "id": event_id(self.moment),
                "station": station,
                "seq": seq + 1,
                "time": self.moment.isoformat(timespec="microseconds"),
                "operator": OPERATOR,
                "kind": event.kind,
                "payload": payload(event),
                "reason": None,
                "signed_by": None,
                "prev_hash": prev,
            }
            row["hash"] = event_hash(**row)
            row["synced_at"] = None
            self.heads[station] = (seq + 1, row["hash"])
            rows.append(row)
            received.append((event, Written(row["id"], self.moment, station, OPERATOR, None)))
            if (
                isinstance(event, ev.LotInstalled)
                and event.parent_part == METER[-1]
                and event.part == component(METER[-1], 1)
                and event.operation == "10"
                and event.parent_serial not in self.installs
            ):
                self.installs[event.parent_serial] = row["id"]
        if self.c.dialect.name == "sqlite":
            # The column's own JSON encoding, without SQLAlchemy's per-row processing.
            self.c.connection.driver_connection.executemany(
                _INSERT_EVENT_SQL,
                [
                    (
                        *(r[name] for name in _EVENT_COLUMNS[:6]),
                        json.dumps(r["payload"]),
                        *(r[name] for name in _EVENT_COLUMNS[7:]),
                    )
                    for r in rows
                ],
            )
        else:
            insert_rows(self.c, EVENTS, rows)
        breaches = apply_received_batch(self.c, received)
        if breaches:
            index, breach = breaches[0]
            raise RuntimeError(f"the plant broke a rule at {received[index][0]}: {breach}")
        self.count += len(rows)
        self.pending.clear()

    def finish(self) -> None:
        self.flush()
        self.c.execute(
            insert(HEADS),
            [{"station": s, "seq": seq, "hash": h} for s, (seq, h) in self.heads.items()],
        )


def build(engine: Engine, shape: Shape, commit_every: int = 200_000) -> dict[str, Any]:
    started = time.perf_counter()
    import_master_data(engine, master_data(shape))
    log(f"master data imported in {time.perf_counter() - started:.1f} s")
    with engine.connect() as c:
        sqlite = c.dialect.name == "sqlite"
        if sqlite:
            c.connection.driver_connection.execute("PRAGMA synchronous=OFF")
            c.connection.driver_connection.execute("PRAGMA cache_size=-1000000")
        c.begin()
        loader = Loader(c)
        last = 0
        for station, event in production(shape):
            loader.add(station, event)
            if loader.count - last >= commit_every:
                c.commit()
                c.begin()
                last = loader.count
                rate = loader.count / (time.perf_counter() - started)
                log(f"  {shape.units:,} units: {loader.count:,} events, {rate:,.0f} events/s")
        loader.finish()
        c.execute(insert(META).values(key="bench_plant", value=shape.units))
        c.commit()
        counts = {
            name: c.scalar(text(f"SELECT count(*) FROM {name}"))
            for name in ("units", "genealogy_links", "lots", "containers", "events")
        }
        c.rollback()
        if sqlite:
            c.connection.driver_connection.execute("PRAGMA synchronous=FULL")
    seconds = time.perf_counter() - started
    log(f"built {counts} in {seconds:.0f} s")
    return {"seconds": round(seconds, 1), "version": VERSION, **counts}


def sqlite_plant(units: int, cache: Path = CACHE) -> Path:
    """The SQLite file of the plant of `units`, built once and kept in `cache`."""
    path = cache / f"plant-{units}-v{VERSION}.sqlite"
    if path.exists():
        return path
    cache.mkdir(parents=True, exist_ok=True)
    building = path.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    engine = open_database(str(building))
    built = build(engine, Shape(units))
    with engine.connect() as c:
        c.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    (cache / f"plant-{units}-v{VERSION}.json").write_text(f"{built}\n", encoding="utf-8")
    shutil.move(str(building), str(path))
    return path


def postgres_plant(units: int, server_url: str) -> str:
    """The URL of the PostgreSQL database of the plant of `units` on the server at
    `server_url` (any database on it), built once and kept."""
    name = f"bench_plant_{units}_v{VERSION}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as c:
        exists = c.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
    if exists:
        admin.dispose()
        return url
    building = f"{name}_building"
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{building}"')
        c.exec_driver_sql(f'CREATE DATABASE "{building}"')
    engine = open_database(admin.url.set(database=building).render_as_string(hide_password=False))
    build(engine, Shape(units))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("ANALYZE")  # what autovacuum does soon after a load
    engine.dispose()
    with admin.connect() as c:
        c.exec_driver_sql(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    admin.dispose()
    return url


def plant_units(c: Connection) -> int | None:
    return c.scalar(select(META.c.value).where(META.c.key == "bench_plant"))
