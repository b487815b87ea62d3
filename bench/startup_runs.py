"""Cold start to scan-ready, several times in a row, medians: `startup.py` as `run.py` runs it.

    python bench/startup_runs.py --label after --runs 7
    python bench/startup_runs.py --label compare --runs 7 --source before=/tmp/old/src \\
        --source after=src                  # two trees' code, interleaved start by start
    python bench/startup_runs.py --label cached --bytecode cached   # as an installed station

One start is noisy on a shared machine; this alternates headless and window starts (and, given
several `--source` trees, the trees) on one copy of the plant, and records each start, the
medians and the load average before and after in `results/startup-<label>.json`.

`--bytecode`: `as-is` keeps the environment's setting (here PYTHONDONTWRITEBYTECODE=1, so the
station's own modules are compiled at every start, as when run from a source tree);
`cached` lets Python keep compiled modules in `out/pycache` (as an installed package has them).
Each tree first starts once unmeasured (migrating the plant's copy if it is behind; trees whose
schemas differ cannot share a plant).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import plants  # noqa: E402
from run import cold_start, machine  # noqa: E402

MODES = ("headless", "window")


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def medians(starts: list[dict[str, Any]]) -> dict[str, Any]:
    done = [s for s in starts if "seconds" in s]
    if not done:
        return {"error": starts[0].get("error") if starts else "no start"}

    def median(key: str) -> float:
        return round(statistics.median(s[key] for s in done), 3)

    return {
        "starts": len(done),
        "seconds_median": median("seconds"),
        "seconds_min": min(s["seconds"] for s in done),
        "seconds_max": max(s["seconds"] for s in done),
        "cpu_s_median": median("cpu_s_at_ready")
        if all("cpu_s_at_ready" in s for s in done)
        else None,
        "first_scan_ms_median": median("first_scan_ms"),
        "rss_at_ready_mb_median": round(
            statistics.median(s["at_ready"]["rss_mb"] for s in done), 1
        ),
        "rss_mb_median": median("rss_mb"),
    }


def use_source(src: Path, bytecode: str) -> None:
    """The next starts run `src`'s code (PYTHONPATH), with bytecode as `--bytecode` says."""
    os.environ["PYTHONPATH"] = str(src)
    if bytecode == "cached":
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(HERE / "out" / "pycache" / src.name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="results/startup-<label>.json")
    parser.add_argument("--runs", type=int, default=7, help="starts of each mode (and tree)")
    parser.add_argument("--plant-units", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=10, help="sensors scanned after the badge")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="NAME=SRC",
        help="a tree's src folder to start (repeatable); default: this tree's src",
    )
    parser.add_argument("--bytecode", choices=("as-is", "cached"), default="as-is")
    args = parser.parse_args()
    sources = dict(s.split("=", 1) for s in args.source) or {"this": str(HERE.parent / "src")}
    trees = {name: Path(path).resolve() for name, path in sources.items()}
    plant = plants.sqlite_plant(args.plant_units, args.out / "plants")
    starts: dict[str, dict[str, list[dict[str, Any]]]] = {
        name: {mode: [] for mode in MODES} for name in trees
    }
    before = load()
    with tempfile.TemporaryDirectory(prefix="startup-") as scratch:
        db = Path(scratch) / plant.name
        shutil.copy(plant, db)
        for src in trees.values():
            use_source(src, args.bytecode)
            for mode in MODES:
                # Not measured: migrates the copy if the plant is behind the tree's schema (once,
                # as a station does after an update) and, with `cached`, compiles the modules.
                cold_start(mode, db, 0)
        for run in range(args.runs):
            for name, src in trees.items():
                use_source(src, args.bytecode)
                for mode in MODES:
                    started = cold_start(mode, db, args.units)
                    starts[name][mode].append(started)
                    plants.log(f"{name} {mode} {run + 1}/{args.runs}: {started.get('seconds')} s")
    result = {
        "label": args.label,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "plant_units": args.plant_units,
        "bytecode": args.bytecode,
        "sources": {name: str(src) for name, src in trees.items()},
        "load_average_before": before,
        "load_average_after": load(),
        "medians": {
            name: {mode: medians(found) for mode, found in by_mode.items()}
            for name, by_mode in starts.items()
        },
        "starts": starts,
    }
    path = HERE / "results" / f"startup-{args.label}.json"
    path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(
        json.dumps({k: result[k] for k in ("medians", "load_average_before", "load_average_after")})
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
