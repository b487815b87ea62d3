"""Scans on a copy of the 10,000-unit plant with SQLite's own checkpoints (`default`) or the
station's background checkpoints (`bg`, `store.checkpoints`, started as a running station starts
them: `wiring.running_station`), each scan beside a floor insert.

    .venv/bin/python bench/scan_checkpoints.py default   # then: bg, and again, alternating

One line each: the scans' p50/p90/p99/max, the floor's p99 and the ratio (`measures.py`).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measures import SqliteFloor, scans_beside_floor  # noqa: E402

from tracestation.store.database import open_database  # noqa: E402

mode = sys.argv[1] if len(sys.argv) > 1 else "default"
plant = HERE / "out" / "plants" / "plant-10000-v1.sqlite"
copy = HERE / "out" / f"checkpoints-{mode}.sqlite"
if not copy.exists():
    shutil.copyfile(plant, copy)
engine = open_database(str(copy))
floor = SqliteFloor(HERE / "out" / f"checkpoints-floor-{mode}.sqlite")
tag = f"K{mode[0].upper()}{os.getpid()}"
out = scans_beside_floor(engine, floor, tag, 150, running=mode == "bg")
floor.close()
print(mode, "scan", out["scan"], "floor p99", out["floor"]["p99_ms"], "ratio", out["p99_ratio"])
