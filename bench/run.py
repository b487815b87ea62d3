"""The benchmarks of issue 13 in one run: plants of 10,000, 100,000 and 1,000,000 units, each
figure beside its floor, measured in the same run.

    python bench/run.py                      # all three sizes, SQLite and PostgreSQL
    python bench/run.py --sizes 10000,100000 # some sizes
    python bench/run.py --quick --json       # the small plant, one JSON object, < 2 minutes

Plants are built once (`bench/plants.py`) and kept in `bench/out/plants/` and in PostgreSQL
databases `bench_plant_<units>_v<N>`; each run adds a few hundred scanned sensors to them.
What is measured, at each size: scans (`bench/measures.py`) on SQLite and on PostgreSQL beside a
bare durable insert, trace backward/forward and recall beside fetching their rows by primary key,
cold start to scan-ready (headless and window, `bench/startup.py`) with resident memory; once:
label rates, central ingest beside COPY (`bench/sync_ingest.py`), and in a full run the window's
scan to painted verdict (`bench/scan_to_verdict.py`). Results: `bench/results/run.json` (full
runs), or stdout with `--json`. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import plants  # noqa: E402
from measures import (  # noqa: E402
    PostgresFloor,
    SqliteFloor,
    label_rates,
    scans_beside_floor,
    trace_beside_floor,
)
from plants import log  # noqa: E402

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SIZES = (10_000, 100_000, 1_000_000)


def machine() -> dict[str, Any]:
    import sqlalchemy

    info: dict[str, Any] = {
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    try:
        info["commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=HERE,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        info["commit"] = None
    return info


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def postgres_reachable(url: str) -> str | None:
    """The server's version when `url` answers, else None."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as c:
            return str(c.scalar(text("SHOW server_version")))
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def run_tag() -> str:
    return f"{int(time.time()) % 10**7:07d}"


def measure_store(
    engine: Any, floor: Any, tag: str, scan_units: int, repeats: int
) -> dict[str, Any]:
    out = scans_beside_floor(engine, floor, tag, scan_units)
    log(
        f"    scans p50 {out['scan']['p50_ms']} / p99 {out['scan']['p99_ms']} ms; floor p99 "
        f"{out['floor']['p99_ms']} ms ({out['p99_ratio']}x)"
    )
    out["trace"] = trace_beside_floor(engine, repeats)
    r = out["trace"]["recall"]
    log(
        f"    recall {r['median_ms']} ms for {r['unit_scope']} units, "
        f"floor {r['floor_median_ms']} ms"
    )
    return out


def cold_start(mode: str, db: Path, units: int) -> dict[str, Any]:
    """A fresh process to scan-ready on `db`, then `units` sensors scanned; its memory."""
    station = f"COLD-{mode[0].upper()}{run_tag()}"
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.time()
    done = subprocess.run(
        [sys.executable, str(HERE / "startup.py"), mode, str(db), station, str(units)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:300]}
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "platform": env["QT_QPA_PLATFORM"] if mode == "window" else None,
        "seconds": round(answer.pop("ready_at") - started, 3),
        **answer,
    }


def sync_ingest(units: int, repeat: int) -> dict[str, Any]:
    """`bench/sync_ingest.py` in a process of its own: push beside COPY of the same rows."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "sync.json"
        done = subprocess.run(
            [
                sys.executable,
                str(HERE / "sync_ingest.py"),
                "--units",
                str(units),
                "--repeat",
                str(repeat),
                "--reuse",
                "--label",
                "run",
                "--out",
                str(HERE / "out" / f"sync-{units}"),
                "--output",
                str(output),
            ],
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        if not output.exists():
            return {"error": (done.stderr.strip().splitlines() or ["failed"])[-1][:300]}
        run = json.loads(output.read_text(encoding="utf-8"))["runs"]["run"]
    return {
        "events": run["journal"]["events"],
        "push_events_per_s": run["push"]["events_per_second"],
        "copy_events_per_s": run["copy"]["events_per_second"],
        "push_vs_copy": run["push_vs_copy"],
        "rounds": run["rounds"],
        "central_state_ok": all(r["central_state_ok"] for r in run["rounds"]),
    }


def window_verdict(units: int, scans: int) -> dict[str, Any]:
    """`bench/scan_to_verdict.py`: scan to painted verdict in the real window."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "window.json"
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        subprocess.run(
            [
                sys.executable,
                str(HERE / "scan_to_verdict.py"),
                "--units",
                str(units),
                "--scans",
                str(scans),
                "--db",
                str(Path(scratch) / "window.sqlite"),
                "--out",
                str(output),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=1800,
            check=False,
        )
        if not output.exists():
            return {"error": "scan_to_verdict.py wrote no result"}
        found = json.loads(output.read_text(encoding="utf-8"))
    return {
        "platform": env["QT_QPA_PLATFORM"],
        "units": units,
        "scans": scans,
        **{
            key: found[key]
            for key in ("scan_to_painted_verdict_ms", "station_scan_ms", "window_share_ms")
        },
        "target_met": found["target_met"],
    }


def measure_size(units: int, args: argparse.Namespace, pg_url: str | None) -> dict[str, Any]:
    tag = run_tag()
    log(f"plant of {units:,} units")
    path = args.plant or plants.sqlite_plant(units, args.plants or args.out / "plants")
    from tracestation.store.database import open_database

    engine = open_database(str(path))
    out: dict[str, Any] = {"units": units, "plant": _plant_counts(engine)}
    log("  SQLite")
    args.out.mkdir(parents=True, exist_ok=True)  # with --plants elsewhere, nothing made it
    floor = SqliteFloor(args.out / "floor.sqlite")
    try:
        out["sqlite"] = measure_store(engine, floor, f"S{tag}", args.scan_units, args.repeats)
    finally:
        floor.close()
    if args.labels:
        out["labels"] = label_rates(engine, args.labels)
        log(f"  labels {out['labels']}")
    engine.dispose()
    if pg_url and not args.plant:
        log("  PostgreSQL")
        pg_engine = open_database(plants.postgres_plant(units, pg_url))
        pg_floor = PostgresFloor(pg_url)
        try:
            out["postgresql"] = measure_store(
                pg_engine, pg_floor, f"P{tag}", args.scan_units, args.repeats
            )
        finally:
            pg_floor.close()
            pg_engine.dispose()
    out["cold_start"] = {}
    for mode in ("headless",) if args.no_window else ("headless", "window"):
        # The window's scans are typed into it as a wedge types them: ten sensors are enough.
        units = args.memory_units if mode == "headless" else min(args.memory_units, 10)
        out["cold_start"][mode] = cold_start(mode, path, units)
        log(f"  cold start {mode}: {out['cold_start'][mode]}")
    return out


def _units_in(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM units").fetchone()[0])


def _plant_counts(engine: Any) -> dict[str, int]:
    from sqlalchemy import text

    with engine.connect() as c:
        return {
            name: int(c.scalar(text(f"SELECT count(*) FROM {name}")) or 0)
            for name in ("units", "genealogy_links", "events")
        }


def headline(results: dict[str, Any]) -> dict[str, Any]:
    """The figures `--json` promises, from the smallest plant measured."""
    first = results["sizes"][min(results["sizes"], key=int)]
    lite = first["sqlite"]
    sync = results.get("sync") or {}
    headless = first["cold_start"].get("headless", {})
    window = first["cold_start"].get("window", {})
    return {
        "units": first["units"],
        "scan_p50_ms": lite["scan"]["p50_ms"],
        "scan_p99_ms": lite["scan"]["p99_ms"],
        "scan_floor_p99_ms": lite["floor"]["p99_ms"],
        "recall_ms": lite["trace"]["recall"]["median_ms"],
        "recall_floor_ms": lite["trace"]["recall"]["floor_median_ms"],
        "recall_units": lite["trace"]["recall"]["unit_scope"],
        "pg_scan_p99_ms": first.get("postgresql", {}).get("scan", {}).get("p99_ms"),
        "pg_scan_floor_p99_ms": first.get("postgresql", {}).get("floor", {}).get("p99_ms"),
        "sync_events_per_s": sync.get("push_events_per_s"),
        "copy_events_per_s": sync.get("copy_events_per_s"),
        "cold_start_s": headless.get("seconds"),
        "window_cold_start_s": window.get("seconds"),
        "rss_mb": headless.get("rss_mb"),
        "window_rss_mb": window.get("rss_mb"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--quick", action="store_true", help="the small plant, fewer repeats")
    parser.add_argument("--json", action="store_true", help="print one JSON object to stdout")
    parser.add_argument("--units", type=int, help="one plant of this many units (tests)")
    parser.add_argument("--pg", default=os.environ.get("TRACESTATION_TEST_PG", DEFAULT_PG))
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--scan-units", type=int, help="sensors scanned per store (12 scans each)")
    parser.add_argument("--repeats", type=int, help="repeats of each trace")
    parser.add_argument("--sync-units", type=int, help="sync_ingest.py --units")
    parser.add_argument("--output", type=Path, help="results file (default: results/run.json)")
    parser.add_argument(
        "--out", type=Path, default=HERE / "out", help="scratch: built plants, the floor's file"
    )
    parser.add_argument(
        "--plants", type=Path, help="where the SQLite plants are kept (default: OUT/plants)"
    )
    parser.add_argument("--no-window", action="store_true", help="no window start-up (no Qt)")
    parser.add_argument(
        "--no-sync", action="store_true", help="no central ingest beside COPY (sync_ingest.py)"
    )
    parser.add_argument(
        "--no-verdict",
        action="store_true",
        help="no scan to painted verdict (it runs on a database of its own, not the plant)",
    )
    parser.add_argument(
        "--plant",
        type=Path,
        help="measure this SQLite plant file as it is (e.g. a build stopped midway); SQLite only",
    )
    args = parser.parse_args(argv)
    quick = args.quick or args.units is not None
    sizes = [args.units] if args.units else [int(s) for s in args.sizes.split(",")]
    if args.plant:
        sizes = [_units_in(args.plant)]
    if args.quick and not args.units:
        sizes = [SIZES[0]]
    args.scan_units = args.scan_units or (25 if quick else 150)
    args.repeats = args.repeats or (3 if quick else 5)
    args.labels = 0 if quick else 200
    args.memory_units = 10 if quick else 50
    sync_units = args.sync_units or (300 if quick else 5440)

    info = machine()
    pg_version = None if args.no_pg else postgres_reachable(args.pg)
    info["postgresql"] = pg_version
    if not args.no_pg and pg_version is None:
        log(f"PostgreSQL at {args.pg} does not answer: SQLite only")
    pg_url = args.pg if pg_version else None
    results: dict[str, Any] = {
        "benchmark": "run",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": quick,
        "machine": info,
        "sizes": {},
    }
    started = time.perf_counter()
    for units in sizes:
        results["sizes"][str(units)] = measure_size(units, args, pg_url)
    if pg_url and not args.no_sync:
        log(f"central ingest beside COPY ({sync_units} units)")
        results["sync"] = sync_ingest(sync_units, 1 if quick else 3)
    if not quick and not args.no_window and not args.no_verdict:
        log("window: scan to painted verdict")
        results["window"] = window_verdict(100_000, 300)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["headline"] = headline(results)
    if args.json:
        print(json.dumps(results["headline"] | {"detail": results}))
    output = args.output or (None if quick else HERE / "results" / "run.json")
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        log(f"written to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
