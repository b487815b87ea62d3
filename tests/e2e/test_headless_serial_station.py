"""`tracestation run --headless` driven by a serial scanner on a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import tty
from pathlib import Path
from queue import Empty, Queue
from typing import IO

import pytest


def lines_of(stream: IO[str]) -> Queue[str]:
    out: Queue[str] = Queue()

    def pump() -> None:
        for line in stream:
            out.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return out


def next_json(lines: Queue[str], timeout: float = 15) -> dict[str, object]:
    try:
        return dict(json.loads(lines.get(timeout=timeout)))
    except Empty:
        pytest.fail("the headless station printed nothing in time")


def raw_pty() -> tuple[int, int]:
    """A pseudo-terminal pair in raw mode: the test writes to the master as a scanner would."""
    master, slave = os.openpty()
    tty.setraw(slave)
    return master, slave


def start_headless(env: dict[str, str], station: str, *scanners: str) -> subprocess.Popen[str]:
    arguments = [arg for scanner in scanners for arg in ("--scanner", scanner)]
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tracestation",
            "run",
            "--headless",
            "--station",
            station,
            *arguments,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, TRACESTATION_DB=str(tmp_path / "station.sqlite"))
    env.pop("TRACESTATION_CENTRAL", None)  # these stations do not sync
    subprocess.run(
        [sys.executable, "-m", "tracestation", "demo"], env=env, check=True, capture_output=True
    )
    return env


def test_a_serial_scanner_drives_a_headless_station_and_sigterm_stops_it_cleanly(
    env: dict[str, str],
) -> None:
    master, slave = raw_pty()
    station = start_headless(env, "CONVEYOR-1", f"{os.ttyname(slave)}?baud=115200")
    try:
        outcomes, states = lines_of(station.stdout), lines_of(station.stderr)  # type: ignore[arg-type]
        assert next_json(states)["state"] == "running"
        assert next_json(states)["state"] == "connected"
        for scan, ending in [
            ("B-1001", b"\r"),
            ("WO:WO-2001", b"\r\n"),
            ("OPN:10", b"\n"),
            ("PCB-77", b"\r\n"),
        ]:
            for byte in scan.encode() + ending:  # at scanner speed, a byte at a time
                os.write(master, bytes([byte]))
                time.sleep(0.0005)
        results = [next_json(outcomes) for _ in range(4)]
        assert [r["outcome"] for r in results] == ["accepted"] * 4
        assert results[3]["message"] == "New unit PCBA-100/PCB-77 registered on WO-2001."
        assert results[3]["event_id"]

        os.write(master, b"LOT:CAP-22")  # half a barcode, then silence
        half = next_json(outcomes)
        assert half["outcome"] == "rejected" and "Only part of a barcode" in str(half["message"])

        os.write(master, bytes(range(128, 256)) * 80)  # 10 kB of noise, no terminator
        noise = next_json(outcomes)
        assert noise["outcome"] == "rejected"
        time.sleep(1.0)  # the line goes quiet, as when the operator picks the scanner up again
        os.write(master, b"LOT:CAP-220/C-7781\r")
        assert next_json(outcomes)["outcome"] == "accepted", "the station carries on after noise"

        station.send_signal(signal.SIGTERM)
        assert station.wait(timeout=15) == 0
        assert next_json(states)["state"] == "stopped"
    finally:
        if station.poll() is None:
            station.kill()
        os.close(master)
        os.close(slave)

    replayed = subprocess.run(
        [sys.executable, "-m", "tracestation", "trace", "backward", "PCB-77", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    tree = json.loads(replayed.stdout)
    assert [c["lot"] for c in tree["children"]] == ["C-7781"], "what was acknowledged is on record"


def test_an_unplugged_scanner_is_reported_and_the_station_keeps_running(
    env: dict[str, str],
) -> None:
    master, slave = raw_pty()
    station = start_headless(env, "CONVEYOR-2", os.ttyname(slave))
    try:
        states = lines_of(station.stderr)  # type: ignore[arg-type]
        assert next_json(states)["state"] == "running"
        assert next_json(states)["state"] == "connected"
        os.close(master)
        os.close(slave)
        lost = next_json(states)
        assert lost["state"] in ("disconnected", "reconnecting")
        assert "unplugged" in str(lost["message"]) or lost["state"] == "reconnecting"
        assert station.poll() is None, "the station keeps running without its scanner"
        station.send_signal(signal.SIGINT)
        assert station.wait(timeout=15) == 0
    finally:
        if station.poll() is None:
            station.kill()


def test_a_bad_scanner_setting_is_refused_with_a_clear_message(env: dict[str, str]) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tracestation",
            "run",
            "--headless",
            "--scanner",
            "/dev/ttyUSB9?baud=fast",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert "baud" in result.stderr


def test_two_scanners_feed_one_headless_station(env: dict[str, str]) -> None:
    pairs = [raw_pty(), raw_pty()]
    station = start_headless(env, "CELL-3", *(os.ttyname(slave) for _, slave in pairs))
    try:
        outcomes = lines_of(station.stdout)  # type: ignore[arg-type]
        states = lines_of(station.stderr)  # type: ignore[arg-type]
        running = next_json(states)
        assert len(running["scanners"]) == 2  # type: ignore[arg-type]
        assert {next_json(states)["state"], next_json(states)["state"]} == {"connected"}
        (first, _), (second, _) = pairs
        os.write(first, b"B-1001\r")
        login = next_json(outcomes)
        os.write(second, b"WO:WO-2001\r")
        work_order = next_json(outcomes)
        assert login["outcome"] == work_order["outcome"] == "accepted"
        assert login["scanner"] != work_order["scanner"]
        station.send_signal(signal.SIGTERM)
        assert station.wait(timeout=15) == 0
    finally:
        if station.poll() is None:
            station.kill()
        for master, slave in pairs:
            os.close(master)
            os.close(slave)


def test_ports_lists_serial_ports_as_json(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tracestation", "ports", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    ports = json.loads(result.stdout)["ports"]
    assert all({"device", "description", "vid_pid"} <= set(port) for port in ports)
