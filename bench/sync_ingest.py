"""Benchmark: a station's journal pushed to a central PostgreSQL, beside COPY of the same rows.

Builds a station SQLite with a real journal of about 50,000 events: the plant of
`recall_classic.py` (boards with a capacitor lot, units around a board, tests, cartons of 10)
scanned through the real station core (`tracestation.wiring.station_on`, `Station.scan`), so every
event is hash-chained and projectable. The build runs with `synchronous=OFF` for speed (it is the
input, not what is measured) and is kept in `out/` for `--reuse`.

Then, in the same run, on the PostgreSQL server at `--pg`:

- COPY: the journal's rows read from the station file and written with psycopg's `cursor.copy`
  into the `events` table of a freshly migrated database (same columns, indexes and
  constraints; no central order trigger), one transaction; then, for comparison, into a
  prepared centre's (with the trigger that numbers `central_seq`), in one transaction and in
  one per `--batch` rows;
- push: `push_journal` from a fresh copy of the station file (its own `synchronous=FULL`
  settings) into a fresh centre (`open_database`, `prepare_central`, master data imported), then
  `sync_with` (push finds nothing, pull runs);

events per second for each, push / COPY, statements sent to the centre per batch, and the
central state: as many events as the station has, `verify_journal` clean, no conflicts, nothing
parked, and the central projections (units, lots, genealogy links, tests, consumptions,
cartons) equal to the station's own.

COPY (migrated table, centre by batch) and push run side by side in `--repeat` rounds (default
3), each into fresh databases, so that both meet the same load; the medians are reported and every
round's rates are kept. Results are merged into `results/sync_ingest.json` under `--label`, so
one file holds the figures before and after a change.

    .venv/bin/python bench/sync_ingest.py --label after            # ~50,000 events
    .venv/bin/python bench/sync_ingest.py --units 500 --label quick  # a quick look
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy
from sqlalchemy import Engine, create_engine, event, func, select, text
from sqlalchemy.orm import aliased

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from recall_classic import faulty_positions, master_data, phases  # noqa: E402

import tracestation  # noqa: E402
from tracestation.labels.printers import NoPrinter  # noqa: E402
from tracestation.store.audit import verify_journal  # noqa: E402
from tracestation.store.database import create_station_engine, open_database  # noqa: E402
from tracestation.store.importer import import_master_data  # noqa: E402
from tracestation.store.tables import (  # noqa: E402
    ConsumptionRow,
    ContainerRow,
    EventRow,
    GenealogyLinkRow,
    LotRow,
    TestRecordRow,
    UnitRow,
    table_of,
)
from tracestation.sync.central import prepare_central  # noqa: E402
from tracestation.sync.push import push_journal  # noqa: E402
from tracestation.sync.session import sync_with  # noqa: E402
from tracestation.wiring import station_on  # noqa: E402

STATION = "BENCH-1"
PG = os.environ.get("TRACESTATION_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
EVENTS = table_of(EventRow)
# The batch `tracestation sync` pushes in (`push_journal`'s default).
PUSH_BATCH: int = inspect.signature(push_journal).parameters["batch"].default
COPIED = [column.key for column in EVENTS.c if column.key != "central_seq"]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the station journal ------------------------------------------------------------------


def build_station(path: Path, units: int) -> dict[str, Any]:
    """Scan the plant through the station core into a fresh SQLite file."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = open_database(str(path))
    event.listen(engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA synchronous=OFF"))
    engine.dispose()  # reconnect with the pragma above
    import_master_data(engine, master_data(units))
    station = station_on(engine, STATION, printer=NoPrinter())
    faulty = faulty_positions(units, max(1, round(units * 140 / 5000)))
    started, scans = time.perf_counter(), 0
    for name, raws in phases(units, faulty):
        for raw in raws:
            result = station.scan(raw)
            if result.outcome.value != "accepted":
                raise SystemExit(
                    f"{name}: scan {raw!r} was {result.outcome.value}: {result.message}"
                )
            scans += 1
            if scans % 10000 == 0:
                log(f"  built {scans} scans, {scans / (time.perf_counter() - started):.0f}/s")
    seconds = time.perf_counter() - started
    with engine.connect() as c:
        events = c.scalar(select(func.count()).select_from(EVENTS))
        kinds = dict(c.execute(select(EVENTS.c.kind, func.count()).group_by(EVENTS.c.kind)).all())
    engine.dispose()
    return {
        "units": units,
        "scans": scans,
        "events": events,
        "kinds": kinds,
        "build_seconds": round(seconds, 1),
        "bytes": path.stat().st_size,
    }


def station_file(out: Path, units: int, reuse: bool) -> tuple[Path, dict[str, Any]]:
    template = out / f"sync_ingest_station_{units}.sqlite"
    about = template.with_suffix(".json")
    if reuse and template.exists() and about.exists():
        log(f"reusing {template}")
        return template, json.loads(about.read_text())
    log(f"building the station journal ({units} units) in {template}")
    built = build_station(template, units)
    about.write_text(json.dumps(built, indent=2) + "\n")
    return template, built


def working_copy(template: Path, out: Path) -> Path:
    """A fresh copy of the station file, never pushed anywhere."""
    copy = out / "sync_ingest_push.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, copy)
    return copy


# --- central databases --------------------------------------------------------------------


@contextmanager
def fresh_database(prefix: str, keep: bool) -> Iterator[str]:
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG.rsplit("/", 1)[0] + f"/{name}"
    finally:
        if keep:
            log(f"kept database {name}")
        else:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def psycopg_dsn(url: str) -> str:
    return sqlalchemy.engine.make_url(url).set(drivername="postgresql").render_as_string(False)


def time_copy(station: Path, url: str, prepare: bool, batch: int | None = None) -> dict[str, Any]:
    """Read the journal's rows and COPY them into the centre's `events`: in one transaction, or
    one per `batch` rows (as push commits)."""
    central = open_database(url)
    if prepare:
        prepare_central(central)
    central.dispose()
    local = create_station_engine(f"sqlite:///{station}")
    started = time.perf_counter()
    with local.connect() as c:
        rows = c.execute(
            select(*(EVENTS.c[k] for k in COPIED)).order_by(EVENTS.c.station, EVENTS.c.seq)
        ).all()
    read = time.perf_counter() - started
    now = datetime.now(UTC)
    step = batch or len(rows) or 1
    with psycopg.connect(psycopg_dsn(url)) as pg:
        for start in range(0, len(rows), step):
            with pg.cursor() as cur:
                columns = ", ".join(COPIED)
                with cur.copy(f"COPY events ({columns}) FROM STDIN") as copy:
                    for row in rows[start : start + step]:
                        values = row._mapping
                        copy.write_row(
                            [
                                *(
                                    json.dumps(values[k]) if k == "payload" else values[k]
                                    for k in COPIED
                                    if k != "synced_at"
                                ),
                                now,
                            ]
                        )
            pg.commit()
        count = pg.execute("SELECT count(*), count(central_seq) FROM events").fetchone()
    seconds = time.perf_counter() - started
    local.dispose()
    assert count is not None
    target = "prepared centre (central_seq trigger)" if prepare else "migrated database"
    return {
        "target": target + (f", a transaction per {batch} rows" if batch else ", one transaction"),
        "events": count[0],
        "numbered": count[1],
        "seconds": round(seconds, 3),
        "read_seconds": round(read, 3),
        "events_per_second": round(count[0] / seconds, 1),
    }


class StatementCounter:
    """Statements sent to the centre: through SQLAlchemy (an executemany counts once, as psycopg
    pipelines it) and COPY commands run on the driver's cursor."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        self.copies = 0
        event.listen(engine, "before_cursor_execute", self._seen)
        original = psycopg.Cursor.copy

        def copy(cursor: Any, *args: Any, **kwargs: Any) -> Any:
            self.copies += 1
            return original(cursor, *args, **kwargs)

        psycopg.Cursor.copy = copy  # type: ignore[method-assign]

    def _seen(self, *_args: Any) -> None:
        self.count += 1


def time_push(template: Path, out: Path, url: str, units: int, batch: int) -> dict[str, Any]:
    station_path = working_copy(template, out)
    local = open_database(str(station_path))  # the station's own settings: synchronous=FULL
    central = open_database(url)
    prepare_central(central)
    import_master_data(central, master_data(units))
    central.dispose()
    statements = StatementCounter(central)
    log(f"pushing to {url.rsplit('/', 1)[1]} ...")
    started = time.perf_counter()
    pushed = push_journal(local, central, batch=batch)
    push_seconds = time.perf_counter() - started
    push_statements, push_copies = statements.count, statements.copies
    started = time.perf_counter()
    synced = sync_with(local, central, {STATION})
    sync_seconds = time.perf_counter() - started
    state = central_state(local, central)
    local.dispose()
    central.dispose()
    batches = -(-pushed.pushed // batch) if pushed.pushed else 0
    return {
        "batch": batch,
        "batches": batches,
        "pushed": pushed.pushed,
        "seconds": round(push_seconds, 3),
        "events_per_second": round(pushed.pushed / push_seconds, 1),
        "statements_to_centre": push_statements + push_copies,
        "of_which_copy": push_copies,
        "statements_per_batch": (
            round((push_statements + push_copies) / batches, 1) if batches else None
        ),
        "conflicts": len(pushed.conflicts),
        "parked": pushed.parked,
        "sync_after": {
            "seconds": round(sync_seconds, 3),
            "pushed": synced.push.pushed,
            "pulled": synced.pulled.events,
            "pending": synced.pending,
            "open_conflicts": len(synced.conflicts),
        },
        "central_state": state,
    }


# --- the central state check --------------------------------------------------------------


def projections(engine: Engine) -> dict[str, Counter[tuple[Any, ...]]]:
    units, lots = table_of(UnitRow), table_of(LotRow)
    links, tests = table_of(GenealogyLinkRow), table_of(TestRecordRow)
    consumptions, containers = table_of(ConsumptionRow), table_of(ContainerRow)
    parent, child = aliased(units), aliased(units)

    def q(x: Any) -> Any:
        return Decimal(x).normalize() if x is not None else None

    with engine.connect() as c:
        return {
            "units": Counter(
                tuple(r)
                for r in c.execute(
                    select(
                        units.c.part,
                        units.c.serial,
                        units.c.work_order,
                        units.c.status,
                        units.c.last_operation,
                        units.c.container,
                    )
                )
            ),
            "lots": Counter(
                (r.part, r.code, q(r.quantity), r.status)
                for r in c.execute(select(lots.c.part, lots.c.code, lots.c.quantity, lots.c.status))
            ),
            "links": Counter(
                (r.p, r.ch, r.lot, q(r.qty), r.operation, r.installed_event, r.contested_by)
                for r in c.execute(
                    select(
                        parent.c.serial.label("p"),
                        child.c.serial.label("ch"),
                        lots.c.code.label("lot"),
                        links.c.qty,
                        links.c.operation,
                        links.c.installed_event,
                        links.c.contested_by,
                    )
                    .join(parent, parent.c.id == links.c.parent_unit_id)
                    .outerjoin(child, child.c.id == links.c.child_unit_id)
                    .outerjoin(lots, lots.c.id == links.c.child_lot_id)
                )
            ),
            "test_records": Counter(
                tuple(r)
                for r in c.execute(
                    select(
                        units.c.serial,
                        tests.c.test,
                        tests.c.operation,
                        tests.c.passed,
                        tests.c.station,
                        tests.c.operator,
                        tests.c.event_id,
                    ).join(units, units.c.id == tests.c.unit_id)
                )
            ),
            "consumptions": Counter(
                (r.work_order, r.code, q(r.qty), r.operation, r.source, r.event_id)
                for r in c.execute(
                    select(
                        consumptions.c.work_order,
                        lots.c.code,
                        consumptions.c.qty,
                        consumptions.c.operation,
                        consumptions.c.source,
                        consumptions.c.event_id,
                    ).join(lots, lots.c.id == consumptions.c.lot_id)
                )
            ),
            "containers": Counter(
                tuple(r)
                for r in c.execute(
                    select(
                        containers.c.sscc,
                        containers.c.work_order,
                        containers.c.capacity,
                        containers.c.packed,
                        containers.c.closed,
                        containers.c.station,
                    )
                )
            ),
        }


def central_state(local: Engine, central: Engine) -> dict[str, Any]:
    """The station's events all central, once each; the centre's own, if any (say, a master-data
    import on the record), pulled back by the sync; chains and projections as the station's."""
    own = select(func.count()).select_from(EVENTS).where(EVENTS.c.station == STATION)
    with local.connect() as c:
        local_events = c.scalar(select(func.count()).select_from(EVENTS))
        local_own = c.scalar(own)
    with central.connect() as c:
        central_events = c.scalar(select(func.count()).select_from(EVENTS))
        central_own = c.scalar(own)
        numbered = c.scalar(select(func.count(func.distinct(EVENTS.c.central_seq))))
    counted, breaks = verify_journal(central)
    mine, theirs = projections(local), projections(central)
    differing = sorted(name for name in mine if mine[name] != theirs[name])
    return {
        "station_events": local_own,
        "central_events_of_the_station": central_own,
        "all_events_station": local_events,
        "all_events_central": central_events,
        "central_seq_distinct": numbered,
        "verified": counted,
        "chain_breaks": len(breaks),
        "projection_rows": {name: sum(rows.values()) for name, rows in theirs.items()},
        "projections_differing": differing,
        "ok": local_own == central_own == counted.get(STATION)
        and local_events == central_events == numbered == sum(counted.values())
        and not breaks
        and not differing,
    }


# --- the run ------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "sqlalchemy": sqlalchemy.__version__,
        "psycopg": psycopg.__version__,
        "sqlite": sqlite3.sqlite_version,
    }
    if hasattr(os, "getloadavg"):
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    with create_engine(PG).connect() as c:
        info["postgresql"] = c.scalar(text("SHOW server_version"))
    try:  # the code that runs (a worktree of another commit on PYTHONPATH, say)
        git = ["git", "-C", str(Path(tracestation.__file__).parent)]
        info["commit"] = subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            [*git, "status", "--porcelain", "--", "."],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        info["src_modified"] = bool(dirty)
    except (OSError, subprocess.CalledProcessError):
        info["commit"] = None
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--units", type=int, default=5440, help="finished units (and boards); 5440 → ~50,000 events"
    )
    parser.add_argument(
        "--batch", type=int, default=PUSH_BATCH, help=f"push batch size (push's: {PUSH_BATCH})"
    )
    parser.add_argument("--label", default="latest", help="key of this run in the results file")
    parser.add_argument("--reuse", action="store_true", help="reuse a station file of this scale")
    parser.add_argument("--keep", action="store_true", help="keep the central databases")
    parser.add_argument("--note", default="", help="what code ran, recorded with the run")
    parser.add_argument(
        "--repeat", type=int, default=3, help="rounds of COPY and push; the medians are reported"
    )
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--output", type=Path, default=HERE / "results" / "sync_ingest.json")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    info = machine()
    template, built = station_file(args.out, args.units, args.reuse)
    log(f"station journal: {built['events']} events")
    with fresh_database("ts_bench_copy_centre", args.keep) as url:
        copy_centre = time_copy(template, url, prepare=True)
    log(
        f"COPY into a prepared centre, one transaction: {copy_centre['events_per_second']} events/s"
    )
    rounds = []
    for n in range(1, args.repeat + 1):
        # COPY and push side by side in each round, so that both meet the same load.
        with fresh_database("ts_bench_copy", args.keep) as url:
            copy_plain = time_copy(template, url, prepare=False)
        log(f"round {n}: COPY {copy_plain['events_per_second']} events/s")
        with fresh_database("ts_bench_copy_batched", args.keep) as url:
            copy_batched = time_copy(template, url, prepare=True, batch=args.batch)
        log(f"round {n}: COPY into a centre by batch {copy_batched['events_per_second']} events/s")
        with fresh_database("ts_bench_centre", args.keep) as url:
            push = time_push(template, args.out, url, args.units, args.batch)
        log(f"round {n}: push {push['events_per_second']} events/s")
        rounds.append((copy_plain, copy_batched, push))
    if hasattr(os, "getloadavg"):
        info["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]

    def median_of(i: int) -> dict[str, Any]:
        ordered = sorted((r[i] for r in rounds), key=lambda x: float(x["events_per_second"]))
        return ordered[len(ordered) // 2]

    copy_plain, copy_batched, push = median_of(0), median_of(1), median_of(2)
    ratios = [r[2]["events_per_second"] / r[0]["events_per_second"] for r in rounds]
    run = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": args.note,
        "code": str(Path(tracestation.__file__).parent),
        "machine": info,
        "journal": built,
        "rounds": [
            {
                "copy_events_per_second": r[0]["events_per_second"],
                "copy_into_centre_by_batch_events_per_second": r[1]["events_per_second"],
                "push_events_per_second": r[2]["events_per_second"],
                "push_vs_copy": round(ratio, 4),
                "central_state_ok": r[2]["central_state"]["ok"],
            }
            for r, ratio in zip(rounds, ratios, strict=True)
        ],
        "copy": copy_plain,
        "copy_into_centre": copy_centre,
        "copy_into_centre_by_batch": copy_batched,
        "push": push,
        "push_vs_copy": round(statistics.median(ratios), 4),
        "goal": {
            "at_least_share_of_copy": 0.25,
            "at_least_events_per_second": 5000,
            "met": statistics.median(ratios) >= 0.25 and push["events_per_second"] >= 5000,
        },
    }
    results: dict[str, Any] = {"benchmark": "sync_ingest", "runs": {}}
    if args.output.exists():
        results = json.loads(args.output.read_text(encoding="utf-8"))
    results["runs"][args.label] = run
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(args.label, run)
    print(f"\nwritten to {args.output} under {args.label!r}")
    return 0 if all(r[2]["central_state"]["ok"] for r in rounds) else 1


def print_table(label: str, r: dict[str, Any]) -> None:
    p, s = r["push"], r["push"]["central_state"]
    rows = [
        ("journal", f"{r['journal']['events']} events ({r['journal']['units']} units)"),
        (
            "COPY, migrated events table",
            f"{r['copy']['seconds']} s, {r['copy']['events_per_second']} events/s",
        ),
        (
            "COPY, prepared centre",
            f"{r['copy_into_centre']['seconds']} s, "
            f"{r['copy_into_centre']['events_per_second']} events/s",
        ),
        (
            f"COPY, prepared centre, by {p['batch']}",
            f"{r['copy_into_centre_by_batch']['seconds']} s, "
            f"{r['copy_into_centre_by_batch']['events_per_second']} events/s",
        ),
        ("push_journal", f"{p['seconds']} s, {p['events_per_second']} events/s"),
        ("push / COPY", f"{r['push_vs_copy']:.1%} (median of {len(r['rounds'])} rounds)"),
        ("statements per batch", f"{p['statements_per_batch']} ({p['batches']} batches)"),
        (
            "sync_with afterwards",
            f"{p['sync_after']['seconds']} s, pending {p['sync_after']['pending']}",
        ),
        ("conflicts / parked", f"{p['conflicts']} / {p['parked']}"),
        (
            "central state",
            f"{s['central_events_of_the_station']} of the station's events, "
            f"{s['chain_breaks']} chain breaks, "
            f"projections differing: {', '.join(s['projections_differing']) or 'none'}",
        ),
        ("goal met", "yes" if r["goal"]["met"] else "no"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"\nsync_ingest [{label}] on {r['machine']['platform']}, {r['date']}")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")


if __name__ == "__main__":
    raise SystemExit(main())
