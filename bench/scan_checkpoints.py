"""Scans on a copy of the 10,000-unit plant with SQLite's own checkpoints (`default`) or the
station's background checkpoints (`bg`, `store.checkpoints`), each scan beside a floor insert.

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

from tracestation.store.checkpoints import BackgroundCheckpoints  # noqa: E402
from tracestation.store.database import open_database  # noqa: E402

mode = sys.argv[1] if len(sys.argv) > 1 else "default"
plant = HERE / "out" / "plants" / "plant-10000-v1.sqlite"
copy = HERE / "out" / f"checkpoints-{mode}.sqlite"
if not copy.exists():
    shutil.copyfile(plant, copy)
engine = open_database(str(copy))
background = BackgroundCheckpoints(engine).start() if mode == "bg" else None
floor = SqliteFloor(HERE / "out" / f"checkpoints-floor-{mode}.sqlite")
out = scans_beside_floor(engine, floor, f"K{mode[0].upper()}{os.getpid()}", 150)
if background is not None:
    background.stop()
floor.close()
print(mode, "scan", out["scan"], "floor p99", out["floor"]["p99_ms"], "ratio", out["p99_ratio"])
