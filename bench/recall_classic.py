"""Benchmark: the classic recall case at production scale, through the real station core.

A production lot of `--units` finished units (default 5,000), each built around a board of a
sub-assembly work order. `--faulty` boards (default 140) got the faulty capacitor lot, the others a
good one. Every board is assembled and tested, every unit assembled, tested and packed, all by
scanning through `Station.scan` on a SQLite file, exactly as the replay command and the scanner
adapters do. Then `recall_scope` answers for the faulty lot.

Reports scans per second while building, p50/p99 scan latency, recall time, unit scope and lot
scope counts; prints a table and writes JSON to bench/results/recall_classic.json.

    .venv/bin/python bench/recall_classic.py                     # full scale, 10-30 minutes
    .venv/bin/python bench/recall_classic.py --units 500 --faulty 14   # a quick look
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
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy
from sqlalchemy.orm import Session

from tracestation.store.database import open_database
from tracestation.store.importer import import_master_data
from tracestation.trace.recall import recall_scope
from tracestation.wiring import station_on

HERE = Path(__file__).resolve().parent
BOARD, PRODUCT, CAP = "SNS-BRD", "SNS-UNIT", "CAP-47"
BAD_LOT, GOOD_LOT = "C-4711", "C-4790"
BOARD_WO, PRODUCT_WO = "WO-B100", "WO-F100"
OPERATOR = "B-2001"


def board(i: int) -> str:
    return f"BRD-{i:06d}"


def product(i: int) -> str:
    return f"SNS-{i:06d}"


def faulty_positions(units: int, faulty: int) -> set[int]:
    """`faulty` boards spread evenly over the work order, as a lot change on the line would."""
    return {round((j + 0.5) * units / faulty) for j in range(faulty)}


def master_data(units: int) -> dict[str, Any]:
    return {
        "parts": [
            {"number": PRODUCT, "description": "Sensor unit", "tracking": "serial", "uom": "ea"},
            {"number": BOARD, "description": "Sensor board", "tracking": "serial", "uom": "ea"},
            {"number": CAP, "description": "Capacitor 47 uF 16 V", "tracking": "lot", "uom": "ea"},
        ],
        "routings": [
            {
                "part": BOARD,
                "operations": [
                    {"code": "10", "name": "SMT assembly", "kind": "assemble"},
                    {"code": "20", "name": "In-circuit test", "kind": "test"},
                ],
            },
            {
                "part": PRODUCT,
                "operations": [
                    {"code": "10", "name": "Assembly", "kind": "assemble"},
                    {"code": "20", "name": "Final test", "kind": "test"},
                    {"code": "30", "name": "Pack", "kind": "pack", "pack_qty": 10},
                ],
            },
        ],
        "boms": [
            {"parent": BOARD, "lines": [{"part": CAP, "qty": 2, "operation": "10"}]},
            {"parent": PRODUCT, "lines": [{"part": BOARD, "qty": 1, "operation": "10"}]},
        ],
        "work_orders": [
            {"number": BOARD_WO, "part": BOARD, "quantity": units},
            {"number": PRODUCT_WO, "part": PRODUCT, "quantity": units},
        ],
        "operators": [{"badge": OPERATOR, "name": "Dana Ilie", "role": "operator"}],
        "lots": [
            {"part": CAP, "lot": BAD_LOT, "quantity": 10 * units, "expiry": "2099-12-31"},
            {"part": CAP, "lot": GOOD_LOT, "quantity": 10 * units, "expiry": "2099-12-31"},
        ],
    }


def phases(units: int, faulty: set[int]) -> Iterator[tuple[str, list[str]]]:
    """The scans of each production step, in the order an operator scans them. No scan repeats
    the one before it (the station would take it for a double read)."""
    numbers = range(1, units + 1)
    yield (
        "board assembly",
        [
            OPERATOR,
            f"WO:{BOARD_WO}",
            "OPN:10",
            *(
                scan
                for i in numbers
                for scan in (
                    board(i),
                    f"LOT:{CAP}/{BAD_LOT if i in faulty else GOOD_LOT}",
                    "CMD:DONE",
                )
            ),
        ],
    )
    yield "board test", ["OPN:20", *(scan for i in numbers for scan in (board(i), "CMD:PASS"))]
    yield (
        "unit assembly",
        [
            f"WO:{PRODUCT_WO}",
            "OPN:10",
            *(scan for i in numbers for scan in (product(i), board(i), "CMD:DONE")),
        ],
    )
    yield "unit test", ["OPN:20", *(scan for i in numbers for scan in (product(i), "CMD:PASS"))]
    yield "pack", ["OPN:30", *(product(i) for i in numbers)]


@dataclass
class Timings:
    latencies: list[float] = field(default_factory=list)
    by_phase: dict[str, dict[str, float]] = field(default_factory=dict)
    wall: float = 0.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def build(engine: Any, units: int, faulty: set[int]) -> Timings:
    station = station_on(engine, "BENCH-1")
    timings = Timings()
    started = time.perf_counter()
    for name, scans in phases(units, faulty):
        phase_latencies: list[float] = []
        phase_start = time.perf_counter()
        for n, raw in enumerate(scans, start=1):
            t0 = time.perf_counter()
            result = station.scan(raw)
            phase_latencies.append(time.perf_counter() - t0)
            if result.outcome.value != "accepted":
                raise SystemExit(
                    f"{name}: scan {raw!r} was {result.outcome.value}: {result.message}"
                )
            if n % 2000 == 0:
                rate = n / (time.perf_counter() - phase_start)
                print(
                    f"  {name}: {n}/{len(scans)} scans, {rate:.0f} scans/s",
                    file=sys.stderr,
                    flush=True,
                )
        elapsed = time.perf_counter() - phase_start
        timings.by_phase[name] = {
            "scans": len(scans),
            "seconds": round(elapsed, 3),
            "scans_per_second": round(len(scans) / elapsed, 1),
            "p50_ms": round(percentile(phase_latencies, 0.50) * 1000, 2),
            "p99_ms": round(percentile(phase_latencies, 0.99) * 1000, 2),
        }
        timings.latencies += phase_latencies
        print(f"{name:15} done: {len(scans)} scans in {elapsed:.1f} s", file=sys.stderr, flush=True)
    timings.wall = time.perf_counter() - started
    return timings


def time_recall(engine: Any, repeats: int) -> tuple[list[float], dict[str, Any]]:
    times: list[float] = []
    answer: dict[str, Any] = {}
    for _ in range(repeats):
        with Session(engine) as s:
            t0 = time.perf_counter()
            answer = recall_scope(s, BAD_LOT, CAP)
            times.append(time.perf_counter() - t0)
    return times, answer


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "sqlalchemy": sqlalchemy.__version__,
        "sqlite": sqlite3.sqlite_version,
    }
    if hasattr(os, "getloadavg"):
        info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--units", type=int, default=5000, help="finished units (and boards) to build"
    )
    parser.add_argument(
        "--faulty", type=int, default=140, help="boards that get the faulty capacitor lot"
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=HERE / "out" / "recall_classic.sqlite",
        help="SQLite file to build in (deleted first)",
    )
    parser.add_argument("--output", type=Path, default=HERE / "results" / "recall_classic.json")
    parser.add_argument("--recall-repeats", type=int, default=5)
    args = parser.parse_args(argv)
    if not 0 < args.faulty <= args.units:
        parser.error("--faulty must be between 1 and --units")

    info = machine()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    engine = open_database(str(args.db))
    import_master_data(engine, master_data(args.units))
    faulty = faulty_positions(args.units, args.faulty)

    timings = build(engine, args.units, faulty)
    recall_times, answer = time_recall(engine, args.recall_repeats)
    unit_scope, lot_scope = answer["unit_scope"]["count"], answer["lot_scope"]["count"]
    expected = (2 * len(faulty), 2 * args.units)

    total = len(timings.latencies)
    results = {
        "benchmark": "recall_classic",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": info,
        "scale": {"units": args.units, "faulty": len(faulty), "boards": args.units},
        "build": {
            "scans": total,
            "seconds": round(timings.wall, 2),
            "scans_per_second": round(total / timings.wall, 1),
            "p50_scan_ms": round(percentile(timings.latencies, 0.50) * 1000, 2),
            "p99_scan_ms": round(percentile(timings.latencies, 0.99) * 1000, 2),
            "max_scan_ms": round(max(timings.latencies) * 1000, 2),
            "phases": timings.by_phase,
        },
        "recall": {
            "first_ms": round(recall_times[0] * 1000, 1),
            "median_ms": round(statistics.median(recall_times) * 1000, 1),
            "repeats": len(recall_times),
            "unit_scope_count": unit_scope,
            "lot_scope_count": lot_scope,
            "lot_scope_work_orders": answer["lot_scope"]["work_orders"],
            "as_expected": (unit_scope, lot_scope) == expected,
        },
        "database_bytes": args.db.stat().st_size,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nwritten to {args.output}")
    return 0 if results["recall"]["as_expected"] else 1


def print_table(r: dict[str, Any]) -> None:
    b, rc = r["build"], r["recall"]
    rows = [
        (
            "scale",
            f"{r['scale']['units']} units + {r['scale']['boards']} boards, "
            f"{r['scale']['faulty']} faulty",
        ),
        ("scans while building", f"{b['scans']} in {b['seconds']} s"),
        ("scans per second", f"{b['scans_per_second']}"),
        (
            "scan latency p50 / p99",
            f"{b['p50_scan_ms']} ms / {b['p99_scan_ms']} ms (max {b['max_scan_ms']} ms)",
        ),
        (
            "recall time",
            f"{rc['first_ms']} ms first, {rc['median_ms']} ms median of {rc['repeats']}",
        ),
        ("unit scope", f"{rc['unit_scope_count']} units"),
        ("lot scope", f"{rc['lot_scope_count']} units ({', '.join(rc['lot_scope_work_orders'])})"),
        ("counts as expected", "yes" if rc["as_expected"] else "NO"),
    ]
    width = max(len(name) for name, _ in rows)
    print(
        f"\nrecall_classic on {r['machine']['platform']}, "
        f"Python {r['machine']['python']}, {r['date']}"
    )
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    print(f"\n  {'phase':<15} {'scans':>7} {'scans/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, p in b["phases"].items():
        print(
            f"  {name:<15} {p['scans']:>7} {p['scans_per_second']:>8} "
            f"{p['p50_ms']:>8} {p['p99_ms']:>8}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
