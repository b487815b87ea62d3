"""What `bench/run.py` times on a plant, each measure beside its floor, in the same run.

- scans: an operator building sensors on the plant through `Station.scan` (the core the
  window, `replay` and the headless runner use) on a station running as `run --headless` runs
  it (its SQLite log checkpointed in the background), `time.perf_counter` around each call, the
  durable commit included; each scan alternates with the floor, a bare durable insert of one
  row on the same server (SQLite: a file beside the plant, WAL + synchronous=FULL; PostgreSQL:
  a database of its own, synchronous_commit as the server has it, recorded), so both see the
  same load;
- trace backward of a five-level unit, trace forward and recall of a lot reaching 5,000 units
  (at the smallest plant, the units of its first block), on a fresh ORM session each time,
  beside fetching the answer's rows by primary key (the links, units and lots of the tree;
  the units the forward trace lists; both scopes' units for the recall);
- labels: unit labels made from the record and rendered as PDF and as ZPL, per second.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from plants import CHAIN, OPERATOR, component, lot_code, scan_plan, serial
from sqlalchemy import ARRAY, Engine, Integer, bindparam, create_engine, func, select, text
from sqlalchemy.orm import Session

from tracestation.station.core import Station
from tracestation.store.tables import GenealogyLinkRow, LotRow, UnitRow, table_of
from tracestation.trace.genealogy import backward, forward_from_lot
from tracestation.trace.recall import recall_scope
from tracestation.wiring import running_station, station_on

UNITS, LINKS, LOTS = table_of(UnitRow), table_of(GenealogyLinkRow), table_of(LotRow)


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "count": len(ms),
        "p50_ms": round(percentile(ms, 0.50), 3),
        "p90_ms": round(percentile(ms, 0.90), 3),
        "p99_ms": round(percentile(ms, 0.99), 3),
        "max_ms": round(max(ms), 3),
    }


def ratio(value: float | None, floor: float | None) -> float | None:
    if value is None or not floor:
        return None
    return round(value / floor, 2)


# The floors: one row, durably ----------------------------------------------------------------


class SqliteFloor:
    """One row inserted and committed on a SQLite file with the station's settings."""

    def __init__(self, path: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("CREATE TABLE floor (id INTEGER PRIMARY KEY, at TEXT, raw TEXT)")
        self.settings = {"journal_mode": "wal", "synchronous": "FULL"}

    def insert(self, raw: str) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT INTO floor (at, raw) VALUES (datetime('now'), ?)", (raw,))
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


class PostgresFloor:
    """One row inserted and committed on PostgreSQL, in a database of its own."""

    def __init__(self, server_url: str) -> None:
        admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            if not c.scalar(text("SELECT 1 FROM pg_database WHERE datname = 'bench_floor'")):
                c.exec_driver_sql("CREATE DATABASE bench_floor")
        url = admin.url.set(database="bench_floor")
        admin.dispose()
        self.engine = create_engine(url)
        self.c = self.engine.connect()
        self.c.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS floor (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ, raw TEXT)"
        )
        self.c.commit()
        self.driver = self.c.connection.driver_connection
        self.settings = {
            "synchronous_commit": self.c.exec_driver_sql("SHOW synchronous_commit").scalar(),
            "fsync": self.c.exec_driver_sql("SHOW fsync").scalar(),
        }
        self.c.commit()

    def insert(self, raw: str) -> None:
        with self.driver.cursor() as cursor:
            cursor.execute("INSERT INTO floor (at, raw) VALUES (now(), %s)", (raw,))
        self.driver.commit()

    def close(self) -> None:
        self.c.close()
        self.engine.dispose()


# Scans --------------------------------------------------------------------------------------


def scans_beside_floor(
    engine: Engine, floor: Any, tag: str, units: int, *, running: bool = True
) -> dict[str, Any]:
    """`units` sensors built by scanning on the plant, each scan followed by one floor insert.

    The station runs as `run --headless` runs it (`wiring.running_station`: its SQLite log
    checkpointed by a thread of its own); `running=False`: the bare station (`station_on`),
    whose scans do SQLite's checkpoints themselves (`scan_checkpoints.py` compares the two)."""
    if running:
        with running_station(engine, f"BENCH-{tag}") as station:
            return _scans(station, floor, tag, units)
    return _scans(station_on(engine, f"BENCH-{tag}"), floor, tag, units)


def _scans(station: Station, floor: Any, tag: str, units: int) -> dict[str, Any]:
    first = station.scan(OPERATOR)
    if first.outcome.value != "accepted":
        raise SystemExit(f"the operator's log-in was {first.outcome.value}: {first.message}")
    scan_s: list[float] = []
    floor_s: list[float] = []
    refused: list[str] = []
    for raw in scan_plan(tag, units):
        t0 = time.perf_counter()
        result = station.scan(raw)
        t1 = time.perf_counter()
        floor.insert(raw)
        t2 = time.perf_counter()
        scan_s.append(t1 - t0)
        floor_s.append(t2 - t1)
        if result.outcome.value != "accepted":
            refused.append(f"{raw}: {result.message}")
    scan, bare = summary_ms(scan_s), summary_ms(floor_s)
    return {
        "scan": scan,
        "floor": {**bare, "settings": floor.settings},
        "p50_ratio": ratio(scan["p50_ms"], bare["p50_ms"]),
        "p99_ratio": ratio(scan["p99_ms"], bare["p99_ms"]),
        "refused": refused[:5],
        "refused_count": len(refused),
    }


# Trace and recall -----------------------------------------------------------------------------


def _timed(call: Callable[[], Any], repeats: int) -> tuple[list[float], Any]:
    times, answer = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        answer = call()
        times.append(time.perf_counter() - t0)
    return times, answer


def _on_session(engine: Engine, work: Callable[[Session], Any]) -> Callable[[], Any]:
    def call() -> Any:
        with Session(engine) as s:
            return work(s)

    return call


def _fetch(engine: Engine, table: Any, ids: Sequence[int]) -> Callable[[], int]:
    """The rows of `table` with these primary keys, the quickest way each database offers:
    one array parameter on PostgreSQL, an IN list on SQLite."""
    if engine.dialect.name == "postgresql":
        statement = select(table).where(
            table.c.id == func.any(bindparam("ids", type_=ARRAY(Integer)))
        )
        chunk = len(ids) or 1
    else:
        statement = select(table).where(table.c.id.in_(bindparam("ids", expanding=True)))
        chunk = 5000

    def call() -> int:
        with engine.connect() as c:
            return sum(
                len(c.execute(statement, {"ids": list(ids[i : i + chunk])}).all())
                for i in range(0, len(ids), chunk)
            )

    return call


def _ids_of(engine: Engine, units: list[dict[str, Any]]) -> list[int]:
    wanted = {(u["part"], u["serial"]) for u in units}
    found: list[int] = []
    statement = select(UNITS.c.id, UNITS.c.part, UNITS.c.serial).where(
        UNITS.c.serial.in_(bindparam("serials", expanding=True))
    )
    serials = sorted({s for _p, s in wanted})
    with engine.connect() as c:
        for i in range(0, len(serials), 5000):
            for row in c.execute(statement, {"serials": serials[i : i + 5000]}):
                if (row.part, row.serial) in wanted:
                    found.append(row.id)
    return found


def _tree_ids(engine: Engine, top: str) -> tuple[list[int], list[int], list[int]]:
    """The links, units and lots of a unit's as-built tree (what `backward` answers)."""
    links, units, lots = [], [], []
    with engine.connect() as c:
        root = c.scalar(select(UNITS.c.id).where(UNITS.c.serial == top))
        frontier = [root]
        units.append(root)
        while frontier:
            rows = c.execute(
                select(LINKS.c.id, LINKS.c.child_unit_id, LINKS.c.child_lot_id).where(
                    LINKS.c.parent_unit_id.in_(frontier)
                )
            ).all()
            links += [r.id for r in rows]
            lots += [r.child_lot_id for r in rows if r.child_lot_id is not None]
            frontier = [r.child_unit_id for r in rows if r.child_unit_id is not None]
            units += frontier
    return links, units, sorted(set(lots))


def trace_beside_floor(engine: Engine, repeats: int) -> dict[str, Any]:
    top = serial(CHAIN[0], 1)
    leaf = CHAIN[-1]
    part, lot = component(leaf, 1), lot_code(leaf, 1, 0)
    out: dict[str, Any] = {}

    times, _tree = _timed(_on_session(engine, lambda s: backward(s, top)), repeats)
    links, units, lots = _tree_ids(engine, top)

    def tree_floor() -> int:
        return sum(
            _fetch(engine, table, ids)()
            for table, ids in ((LINKS, links), (UNITS, units), (LOTS, lots))
        )

    floor_times, _rows = _timed(tree_floor, repeats)
    out["backward"] = _beside(times, floor_times, {"unit": top, "links": len(links)})

    times, forward = _timed(_on_session(engine, lambda s: forward_from_lot(s, lot, part)), repeats)
    ids = _ids_of(engine, forward["units"])
    floor_times, _rows = _timed(_fetch(engine, UNITS, ids), repeats)
    out["forward"] = _beside(times, floor_times, {"lot": lot, "units": len(forward["units"])})

    times, answer = _timed(_on_session(engine, lambda s: recall_scope(s, lot, part)), repeats)
    scoped = _ids_of(engine, answer["unit_scope"]["units"]) + _ids_of(
        engine, answer["lot_scope"]["units"]
    )
    floor_times, _rows = _timed(_fetch(engine, UNITS, scoped), repeats)
    out["recall"] = _beside(
        times,
        floor_times,
        {
            "lot": lot,
            "unit_scope": answer["unit_scope"]["count"],
            "lot_scope": answer["lot_scope"]["count"],
        },
    )
    return out


def _beside(times: list[float], floor: list[float], what: dict[str, Any]) -> dict[str, Any]:
    ms = round(statistics.median(times) * 1000, 2)
    floor_ms = round(statistics.median(floor) * 1000, 2)
    return {
        **what,
        "first_ms": round(times[0] * 1000, 2),
        "median_ms": ms,
        "floor_median_ms": floor_ms,
        "ratio": ratio(ms, floor_ms),
        "repeats": len(times),
    }


# Labels ----------------------------------------------------------------------------------------


def label_rates(engine: Engine, count: int) -> dict[str, Any]:
    """Unit labels made from the record (the plant's templates and dates) and rendered."""
    from tracestation.labels.printers import LabelMaker, render
    from tracestation.store.label_dates import DatabaseLabelDates
    from tracestation.store.plant import DatabasePlant

    plant = DatabasePlant(engine)
    maker = LabelMaker(plant, DatabaseLabelDates(engine))
    units = [plant.unit(CHAIN[0], serial(CHAIN[0], i)) for i in range(1, count + 1)]
    rates: dict[str, Any] = {}
    for fmt in ("zpl", "pdf"):
        t0 = time.perf_counter()
        size = sum(len(render(maker.unit(u), fmt)) for u in units if u is not None)
        seconds = time.perf_counter() - t0
        rates[fmt] = {
            "labels": count,
            "seconds": round(seconds, 3),
            "labels_per_s": round(count / seconds, 1),
            "bytes_each": size // count,
        }
    return rates
