"""Cold start to scan-ready, several times in a row, medians: `startup.py` as `run.py` runs it.

    python bench/startup_runs.py --label before --runs 7            # the 10,000-unit plant
    python bench/startup_runs.py --label after --runs 7 --units 0   # no scans after the badge

One start is noisy on a shared machine; this alternates headless and window starts on a copy of
the plant and records each start, the medians and the load average before and after in
`results/startup-<label>.json`, so a before and an after taken back to back can be compared.
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
        "first_scan_ms_median": median("first_scan_ms"),
        "rss_at_ready_mb_median": round(
            statistics.median(s["at_ready"]["rss_mb"] for s in done), 1
        ),
        "rss_mb_median": median("rss_mb"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", required=True, help="results/startup-<label>.json")
    parser.add_argument("--runs", type=int, default=7, help="starts of each mode")
    parser.add_argument("--plant-units", type=int, default=10_000)
    parser.add_argument("--units", type=int, default=10, help="sensors scanned after the badge")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    args = parser.parse_args()
    plant = plants.sqlite_plant(args.plant_units, args.out / "plants")
    starts: dict[str, list[dict[str, Any]]] = {"headless": [], "window": []}
    before = load()
    with tempfile.TemporaryDirectory(prefix="startup-") as scratch:
        db = Path(scratch) / plant.name
        shutil.copy(plant, db)
        for run in range(args.runs):
            for mode in starts:
                started = cold_start(mode, db, args.units)
                starts[mode].append(started)
                plants.log(f"{mode} {run + 1}/{args.runs}: {started.get('seconds')} s {started}")
    result = {
        "label": args.label,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "plant_units": args.plant_units,
        "load_average_before": before,
        "load_average_after": load(),
        **{mode: medians(found) for mode, found in starts.items()},
        "starts": starts,
    }
    path = HERE / "results" / f"startup-{args.label}.json"
    path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("headless", "window", "load_average_before")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
