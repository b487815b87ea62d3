"""`bench/run.py --json` prints the one JSON object a dashboard or a script reads.

Benchmarks are not pass/fail: this checks what the object holds, never how fast anything was
(the test machine is too busy for timings to mean anything)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIGURES = (
    "scan_p99_ms",
    "scan_floor_p99_ms",
    "recall_ms",
    "recall_floor_ms",
    "cold_start_s",
    "rss_mb",
)


@pytest.mark.slow
def test_a_quick_run_prints_one_json_object_with_each_figure_beside_its_floor(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--units",
            "200",
            "--scan-units",
            "3",
            "--repeats",
            "1",
            "--no-pg",
            "--no-window",
            "--json",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, "stdout holds the JSON object and nothing else"
    answer = json.loads(lines[0])
    for figure in FIGURES:
        assert isinstance(answer[figure], int | float) and answer[figure] > 0, figure
    # Without PostgreSQL there is no centre to push to: the ingest figures are there, empty.
    assert answer["sync_events_per_s"] is None
    assert answer["copy_events_per_s"] is None
    assert answer["recall_units"] == 100  # the sensors' first lot: its block at five levels
    assert answer["detail"]["sizes"]["200"]["sqlite"]["refused_count"] == 0
