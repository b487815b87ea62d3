"""Benchmark: a station's scan latency while `tracestation import` writes 200,000 lots.

    .venv/bin/python bench/import_during_scans.py [--lots 200000] [--baseline 300]
        [--interval 0.02] [--one-transaction] [--db PATH] [--output FILE]

What it does, on a SQLite file with the station's own settings (WAL, synchronous=FULL):
the demo plant, plus a work order and a capacitor lot big enough to scan for as long as the
import runs. A station (`Station.scan`, as the replay command and the scanner adapters use it)
logs in and builds boards at operation 10: each board is three scans that all write (the board
registered, its capacitors installed, the step completed). First `--baseline` scans alone; then
`tracestation import` of a file of `--lots` lots runs in a process of its own while the station
scans, one scan every `--interval` seconds, until the import ends.

Latency: `time.perf_counter` around each `station.scan` (includes the durable commit). Reported:
p50 / p90 / p99 / max alone, during the whole import (its validation, which reads only, and its
writing) and from the first imported lot seen on (the writing), the scans refused (a scan that
waited past SQLite's 30 s busy timeout would be), the import's wall time. `--one-transaction`
runs the import as it was before issue 9 (every record in one transaction, no pauses) for
comparison. Results go to bench/results/import_during_scans.json (or `--output`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from tracestation.resources import demo_plant_path
from tracestation.store.database import open_database
from tracestation.store.importer import import_master_data
from tracestation.store.tables import LotRow
from tracestation.wiring import station_on

HERE = Path(__file__).resolve().parent
BENCH_PLANT = {
    "work_orders": [{"number": "WO-BENCH", "part": "PCBA-100", "quantity": 1_000_000}],
    "lots": [{"part": "CAP-220", "lot": "C-BENCH", "quantity": 100_000_000}],
}
# The import as it was: one transaction, no pauses (run in the import's own process).
ONE_TRANSACTION = (
    "import sys; from pathlib import Path; from tracestation.store import importer as i; "
    "from tracestation.store.database import open_database; "
    "i.CHUNK = 10**9; i._Pacer.before_writing = lambda self: None; "
    "i.import_master_data(open_database(sys.argv[1]), i.load_file(Path(sys.argv[2])))"
)


def scans() -> Iterator[str]:
    yield from ("B-1001", "WO:WO-BENCH", "OPN:10")
    n = 0
    while True:
        n += 1
        yield from (f"PCB-{n:07d}", "LOT:CAP-220/C-BENCH", "CMD:DONE")


def lot_count(engine: Any) -> int:
    with engine.connect() as c:
        return int(c.scalar(select(func.count()).select_from(LotRow)))


def summary(latencies: list[float]) -> dict[str, Any]:
    ordered = sorted(latencies)
    if not ordered:
        return {"scans": 0}

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 2)

    return {
        "scans": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p90_ms": at(0.90),
        "p99_ms": at(0.99),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


def machine() -> dict[str, Any]:
    import sqlalchemy

    info: dict[str, Any] = {
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
    }
    if hasattr(os, "getloadavg"):
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    return info


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lots", type=int, default=200_000)
    parser.add_argument("--baseline", type=int, default=300, help="scans before the import")
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between scans")
    parser.add_argument("--one-transaction", action="store_true")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--output", type=Path, default=HERE / "results/import_during_scans.json")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="import-bench-", dir=HERE / "out"))
    db = args.db or workdir / "station.sqlite"
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    info = machine()
    engine = open_database(str(db))
    import_master_data(engine, json.loads(demo_plant_path().read_text()))
    import_master_data(engine, BENCH_PLANT)
    lots_file = workdir / "lots.json"
    lots = [
        {"part": "SCREW-M3", "lot": f"L-{i:07d}", "quantity": 100, "expiry": "2028-01-31"}
        for i in range(args.lots)
    ]
    lots_file.write_text(json.dumps({"lots": lots}), encoding="utf-8")
    station = station_on(engine, "ST-BENCH")
    feed = scans()

    def scan() -> tuple[float, bool]:
        raw = next(feed)
        began = time.perf_counter()
        result = station.scan(raw)
        return time.perf_counter() - began, result.outcome.value == "accepted"

    alone = [scan()[0] for _ in range(args.baseline)]
    print(f"alone: {summary(alone)}", file=sys.stderr)

    before = lot_count(engine)
    command = (
        [sys.executable, "-c", ONE_TRANSACTION, str(db), str(lots_file)]
        if args.one_transaction
        else [sys.executable, "-m", "tracestation", "--db", str(db), "import", str(lots_file)]
    )
    launched = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    whole: list[float] = []
    writing: list[float] = []
    refused = 0
    writing_from: float | None = None
    while child.poll() is None:
        if writing_from is None and lot_count(engine) != before:
            writing_from = time.monotonic()
        seconds, accepted = scan()
        whole.append(seconds)
        if writing_from is not None:
            writing.append(seconds)
        refused += not accepted
        time.sleep(args.interval)
    _, err = child.communicate()
    ended = time.monotonic()
    result = {
        "date": started_at,
        "mode": "one transaction (before issue 9)" if args.one_transaction else "chunked",
        "lots_imported": args.lots,
        "import_exit_code": child.returncode,
        "import_seconds": round(ended - launched, 1),
        "alone": summary(alone),
        "during_import": {**summary(whole), "refused": refused},
        # From the first imported lot seen on (a single transaction shows none until its end).
        "while_lots_appear": {
            **summary(writing),
            "seconds": round(ended - writing_from, 1) if writing_from else None,
        },
        "lots_after": lot_count(engine),
        "machine": info,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    if child.returncode != 0:
        print(err[-2000:], file=sys.stderr)
    engine.dispose()
    return 0 if child.returncode == 0 and refused == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
