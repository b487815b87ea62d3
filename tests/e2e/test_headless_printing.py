"""`run --headless` keeps labels the printer refused and prints them when it comes back, with no
scan needed: the printer's state lines on stderr say what failed (in the printer's words) and
what printed, and `label jobs` shows the job printed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from e2e.test_headless_serial_station import lines_of, next_json, raw_pty, start_headless
from support.loopback_printer import LoopbackPrinter, free_port


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, TRACESTATION_DB=str(tmp_path / "station.sqlite"))
    env.pop("TRACESTATION_CENTRAL", None)
    env["TRACESTATION_CONFIG"] = str(tmp_path / "config.json")
    subprocess.run(
        [sys.executable, "-m", "tracestation", "demo"], env=env, check=True, capture_output=True
    )
    return env


def next_state(states: object, wanted: str, timeout: float = 60) -> dict[str, object]:
    """The next printer line on stderr in state `wanted` (scanner lines are passed over)."""
    while True:
        line = next_json(states, timeout)  # type: ignore[arg-type]
        if "printer" in line and line.get("state") == wanted:
            return line


def test_a_label_refused_by_a_printer_that_is_off_prints_when_it_comes_back_without_a_scan(
    env: dict[str, str],
) -> None:
    port = free_port()
    env["TRACESTATION_PRINTER"] = f"tcp://127.0.0.1:{port}"
    master, slave = raw_pty()
    station = start_headless(env, "LABEL-1", os.ttyname(slave))
    printer: LoopbackPrinter | None = None
    try:
        outcomes, states = lines_of(station.stdout), lines_of(station.stderr)  # type: ignore[arg-type]
        running = next_json(states, 60)
        assert running["state"] == "running" and running["printer"] == env["TRACESTATION_PRINTER"]
        assert next_json(states, 60)["state"] == "connected", "the scanner is open"
        os.write(master, b"B-1001\rWO:WO-2001\rOPN:10\rCMD:NEW\r")
        results = [next_json(outcomes, 60) for _ in range(4)]
        assert [r["outcome"] for r in results] == ["accepted"] * 4
        assert "Connection refused" in str(results[3]["message"]), "the scan stands, label kept"

        refused = next_state(states, "failed")
        assert "Connection refused" in str(refused["message"]) and refused["waiting"] == 1
        assert refused["next_try"], "the line says when it tries again"

        printer = LoopbackPrinter(port)  # the printer is switched on; nobody scans
        printed = next_state(states, "printed")
        assert printed["waiting"] == 0
        [label] = printed["labels"]  # type: ignore[misc]
        assert str(label).startswith("unit PCBA-100/WO-2001-")
        assert printer.got_one.wait(10)
        assert (
            printer.received[0].startswith(b"^XA")
            and str(label).split("/")[1].encode() in (printer.received[0])
        )
        station.send_signal(signal.SIGTERM)
        assert station.wait(timeout=15) == 0
    finally:
        if station.poll() is None:
            station.kill()
        if printer is not None:
            printer.close()
        os.close(master)
        os.close(slave)

    listed = subprocess.run(
        [sys.executable, "-m", "tracestation", "label", "jobs", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    [job] = json.loads(listed.stdout)["jobs"]
    assert job["status"] == "printed" and job["attempts"] >= 1 and job["error"] is None
