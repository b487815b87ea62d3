"""The operator's hot path, scan to verdict: SQL statements per scan kind, time beside the
durable-insert floor, and a profile of `Station.scan` (issue 13 part 5).

    python bench/scan_path.py count [--pg URL]           # statements per scan kind, listed
    python bench/scan_path.py measure --units 10000 [--scan-units 150] [--label after]
    python bench/scan_path.py profile --units 10000 --out bench/results/profiles/scan-x.txt

`count` builds the `peer-2k` master data (bench/peer2k_station.py) in a scratch SQLite file
(and, with `--pg`, a scratch PostgreSQL database, dropped afterwards) and counts the cursor
executions (`before_cursor_execute`, BEGIN included: the driver's own BEGIN is counted by a
`begin` listener) of each scan of a lot-into-serial install (serial, lot, `CMD:DONE`) and a
serial-into-serial install (serial, child serial, `CMD:DONE`), after the station has warmed up;
on PostgreSQL also the round trips on the wire, from libpq's trace of each connection (what the
engine's events do not see: the pool's pre-ping, the driver's BEGIN).
`measure` scans sensors on the bench plant of `--units` (bench/plants.py: SQLite file and
PostgreSQL database, built once) through `Station.scan`, each scan followed by the floor (a
durable one-row insert), as `bench/run.py` does, and merges the figures into
`results/scan_path.json` under `--label`. `profile` runs pyinstrument around the same scans.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import plants  # noqa: E402
from measures import PostgresFloor, SqliteFloor, scans_beside_floor  # noqa: E402
from peer2k_station import OPERATOR, master_data  # noqa: E402
from sqlalchemy import Engine, create_engine, event  # noqa: E402

DEFAULT_PG = os.environ.get(
    "TRACESTATION_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
RESULTS = HERE / "results" / "scan_path.json"


class Statements:
    """Every statement the engine sends, in order: the SQL's first words, BEGIN included."""

    def __init__(self, engine: Engine) -> None:
        self.seen: list[str] = []
        event.listen(engine, "before_cursor_execute", self._statement)
        if engine.dialect.name != "sqlite":  # SQLite's BEGIN IMMEDIATE is a cursor execution
            event.listen(engine, "begin", self._begin)
        event.listen(engine, "commit", self._commit)

    def _statement(self, _c: Any, _cursor: Any, sql: str, *_rest: Any) -> None:
        self.seen.append(" ".join(sql.split())[:110])

    def _begin(self, _c: Any) -> None:
        self.seen.append("(BEGIN, sent by the driver)")

    def _commit(self, _c: Any) -> None:
        self.seen.append("(COMMIT)")

    @contextmanager
    def counting(self) -> Iterator[list[str]]:
        start = len(self.seen)
        found: list[str] = []
        yield found
        found.extend(self.seen[start:])


class WireTrace:
    """PostgreSQL only: what went over the wire, from libpq's own trace of every connection the
    engine opens from now on. A round trip is a message the client waits for an answer to; each
    ends with the server's ReadyForQuery. This sees what the engine's events do not: the pool's
    pre-ping (an empty query, `;`) at checkout, and the driver's BEGIN."""

    def __init__(self, engine: Engine, folder: Path) -> None:
        self.path = folder / "wire-trace.txt"
        self.file = self.path.open("a", encoding="utf-8")
        self.read_to = 0
        self.traced: list[Any] = []
        event.listen(engine, "connect", self._trace)
        engine.dispose()  # connections open again, traced

    def _trace(self, dbapi_connection: Any, _record: Any) -> None:
        from psycopg import pq

        dbapi_connection.pgconn.trace(self.file.fileno())
        dbapi_connection.pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS)
        self.traced.append(dbapi_connection)

    def _flush(self) -> None:
        # libpq buffers its trace; ending a trace flushes it (then it starts again).
        for connection in list(self.traced):
            if connection.closed:
                self.traced.remove(connection)
                continue
            connection.pgconn.untrace()
            self._trace(connection, None)
            self.traced.pop()

    def since_last(self) -> list[str]:
        """The round trips since the last call, each named by the first message the client
        sent in it (`Query "BEGIN"`, `Parse "SELECT ..."`, `Bind` of a prepared statement)."""
        self._flush()
        with self.path.open(encoding="utf-8") as f:
            f.seek(self.read_to)
            lines = f.read().splitlines()
            self.read_to = f.tell()
        trips: list[str] = []
        opening: str | None = None
        for line in lines:
            fields = line.split("\t")
            if len(fields) < 4:
                continue
            side, kind, rest = fields[0], fields[2], " ".join(fields[3].split())
            if side == "F" and opening is None and kind in ("Query", "Parse", "Bind"):
                opening = f"{kind} {rest[:100]}"
            if side == "B" and kind == "ReadyForQuery":
                trips.append(opening or "?")
                opening = None
        return trips


def _scan_kinds(engine: Engine, scratch: Path) -> dict[str, Any]:
    from tracestation.store.importer import import_master_data
    from tracestation.wiring import station_on

    import_master_data(engine, master_data())
    station = station_on(engine, "COUNT")
    statements = Statements(engine)
    wire = WireTrace(engine, scratch) if engine.dialect.name == "postgresql" else None
    out: dict[str, Any] = {}

    def run(kind: str, raw: str) -> None:
        if wire is not None:
            wire.since_last()
        with statements.counting() as seen:
            result = station.scan(raw)
        if result.outcome.value != "accepted":
            raise SystemExit(f"{raw}: {result.outcome.value}: {result.message}")
        executions = [sql for sql in seen if not sql.startswith("(")]
        out[kind] = {"count": len(executions), "round_trips": len(seen), "statements": seen}
        if wire is not None:
            trips = wire.since_last()
            # psycopg prepares a statement on its fifth run, in a round trip of its own: once
            # per connection and statement, not per scan.
            steady = [t for t in trips if not t.startswith('Parse "_pg3_')]
            out[kind] |= {"wire_round_trips": len(steady), "wire": trips}

    for raw in (OPERATOR, "WO:WO-SUB", "OPN:10"):
        run("warm-up", raw)
    # The first install warms the station up (master data read once); the second is counted.
    for i, kind in ((1, None), (2, "lot-into-serial")):
        for step, raw in (
            ("serial (new unit)", f"S{i:04d}"),
            ("lot", f"LOT:CAP/B{1:02d}"),
            ("CMD:DONE", "CMD:DONE"),
        ):
            if kind is None:
                run("warm-up", raw)
            else:
                run(f"{kind}: {step}", raw)
    for raw in ("WO:WO-FG", "OPN:10"):
        run("warm-up", raw)
    for i, kind in ((1, None), (2, "serial-into-serial")):
        for step, raw in (
            ("serial (new unit)", f"F{i:04d}"),
            ("child serial", f"S{i:04d}"),
            ("CMD:DONE", "CMD:DONE"),
        ):
            if kind is None:
                run("warm-up", raw)
            else:
                run(f"{kind}: {step}", raw)
    out.pop("warm-up")
    return out


def count(args: argparse.Namespace) -> dict[str, Any]:
    from tracestation.store.database import open_database

    stores: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch:
        engine = open_database(str(Path(scratch) / "count.sqlite"))
        stores["sqlite"] = _scan_kinds(engine, Path(scratch))
        engine.dispose()
    if args.pg:
        admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
        name = args.pg_database
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            c.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            url = admin.url.set(database=name).render_as_string(hide_password=False)
            engine = open_database(url)
            with tempfile.TemporaryDirectory() as scratch:
                stores["postgresql"] = _scan_kinds(engine, Path(scratch))
            engine.dispose()
        finally:
            with admin.connect() as c:
                c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.dispose()
    for store, kinds in stores.items():
        print(f"== {store}", file=sys.stderr)
        for kind, seen in kinds.items():
            wire = f", {seen['wire_round_trips']} on the wire" if "wire" in seen else ""
            print(
                f"-- {kind}: {seen['count']} cursor executions, {seen['round_trips']} round "
                f"trips{wire}",
                file=sys.stderr,
            )
            for sql in seen.get("wire") or seen["statements"]:
                print(f"     {sql}", file=sys.stderr)
    return {
        store: {
            "cursor_executions": {kind: seen["count"] for kind, seen in kinds.items()},
            "round_trips": {kind: seen["round_trips"] for kind, seen in kinds.items()},
            "wire_round_trips": {
                kind: seen["wire_round_trips"] for kind, seen in kinds.items() if "wire" in seen
            },
            "statements": {kind: seen["statements"] for kind, seen in kinds.items()},
            "wire": {kind: seen["wire"] for kind, seen in kinds.items() if "wire" in seen},
        }
        for store, kinds in stores.items()
    }


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def measure(args: argparse.Namespace) -> dict[str, Any]:
    from tracestation.store.database import open_database

    tag = datetime.now(UTC).strftime("%H%M%S")
    out: dict[str, Any] = {"units": args.units, "scan_units": args.scan_units}
    out["load_start"] = _load()
    engine = open_database(str(plants.sqlite_plant(args.units)))
    floor = SqliteFloor(HERE / "out" / "scan_path_floor.sqlite")
    try:
        out["sqlite"] = scans_beside_floor(engine, floor, f"Q{tag}", args.scan_units)
    finally:
        floor.close()
        engine.dispose()
    if args.pg:
        engine = open_database(plants.postgres_plant(args.units, args.pg))
        pg_floor = PostgresFloor(args.pg)
        try:
            out["postgresql"] = scans_beside_floor(engine, pg_floor, f"R{tag}", args.scan_units)
        finally:
            pg_floor.close()
            engine.dispose()
    out["load_end"] = _load()
    for store in ("sqlite", "postgresql"):
        if store in out:
            s = out[store]
            print(
                f"{store}: scan p50 {s['scan']['p50_ms']} p99 {s['scan']['p99_ms']} ms, floor "
                f"p50 {s['floor']['p50_ms']} p99 {s['floor']['p99_ms']} ms, p99 ratio "
                f"{s['p99_ratio']}, refused {s['refused_count']}",
                file=sys.stderr,
            )
    return out


def profile(args: argparse.Namespace) -> dict[str, Any]:
    from pyinstrument import Profiler

    from tracestation.store.database import open_database
    from tracestation.wiring import station_on

    tag = datetime.now(UTC).strftime("%H%M%S")
    url = (
        plants.postgres_plant(args.units, args.pg)
        if args.store == "postgresql"
        else str(plants.sqlite_plant(args.units))
    )
    engine = open_database(url)
    station = station_on(engine, f"PROF-{tag}")
    station.scan(plants.OPERATOR)
    plan = plants.scan_plan(f"X{tag}", args.scan_units)
    for raw in plan[:2]:
        station.scan(raw)
    load = _load()
    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    with profiler:
        for raw in plan[2:]:
            station.scan(raw)
    seconds = time.perf_counter() - started
    engine.dispose()
    head = (
        f"# Station.scan, {len(plan) - 2} scans ({args.scan_units} sensors: serial, ten lots, "
        f"CMD:DONE) on the {args.units:,}-unit plant, {args.store}; {seconds:.2f} s wall; "
        f"load average {load}\n"
    )
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(head + text, encoding="utf-8")
    print(head + text, file=sys.stderr)
    return {"seconds": seconds, "scans": len(plan) - 2, "load": load}


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("what", choices=("count", "measure", "profile"))
    parser.add_argument("--pg", default=None, help="PostgreSQL server URL (any database)")
    parser.add_argument(
        "--pg-database", default="scan_path_count", help="count: the scratch database's name"
    )
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--scan-units", type=int, default=150)
    parser.add_argument("--store", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--label", default=None, help="merge into results/scan_path.json")
    parser.add_argument("--out", type=Path, help="profile: text file")
    args = parser.parse_args()
    if args.pg == "default":
        args.pg = DEFAULT_PG
    found = {"count": count, "measure": measure, "profile": profile}[args.what](args)
    found = {
        "what": args.what,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "code": _code(),
        **found,
    }
    if args.label:
        results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        results[args.label] = found
        RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    else:
        print(json.dumps(found, indent=1))
    return 0


def _code() -> str:
    """Which tree's code ran: the commit of the folder `tracestation` was imported from."""
    import subprocess

    import tracestation

    folder = Path(tracestation.__file__).resolve().parent
    done = subprocess.run(
        ["git", "-C", str(folder), "log", "-1", "--format=%h %s"],
        capture_output=True,
        text=True,
        check=False,
    )
    return f"{folder}: {done.stdout.strip()[:80]}"


def _commit() -> str:
    import subprocess

    done = subprocess.run(
        ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip()


if __name__ == "__main__":
    raise SystemExit(main())
