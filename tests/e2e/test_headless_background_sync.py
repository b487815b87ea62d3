"""`tracestation run --headless --central URL` syncs in the background: the centre gets the
station's events, before and during the run, while stdout carries nothing but outcomes; an
unreachable centre is reported on stderr and the scans go on."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import tty
from collections.abc import Callable, Iterator
from pathlib import Path
from queue import Empty, Queue
from typing import IO, Any

import pytest
from sqlalchemy import Engine, create_engine, select

from support.central_db import central_database
from tracestation.store.importer import import_station_id
from tracestation.store.tables import EventRow, table_of

pytestmark = pytest.mark.postgres

EVENTS = table_of(EventRow)
STATION = "CONVEYOR-9"
WAIT_S = 60.0  # a loaded 2-core machine: generous, and only ever the limit of a wait
DONE_BEFORE = ["B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE"]


class Lines:
    """Every line a stream gives, read on a thread of its own, kept in order."""

    def __init__(self, stream: IO[str]) -> None:
        self.queue: Queue[str] = Queue()
        self.seen: list[str] = []
        self._taken = 0
        self._thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self._thread.start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self.queue.put(line)

    def _more(self, deadline: float) -> bool:
        try:
            self.seen.append(self.queue.get(timeout=max(0.0, deadline - time.monotonic())))
        except Empty:
            return False
        return True

    def find(self, matches: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The first JSON line so far, or to come, that `matches`."""
        deadline = time.monotonic() + WAIT_S
        index = 0
        while True:
            for line in self.seen[index:]:
                document = dict(json.loads(line))
                if matches(document):
                    return document
            index = len(self.seen)
            if not self._more(deadline):
                pytest.fail(f"no such line in time; seen: {self.seen}")

    def take(self) -> dict[str, Any]:
        """The next JSON line, in order."""
        deadline = time.monotonic() + WAIT_S
        while self._taken >= len(self.seen):
            if not self._more(deadline):
                pytest.fail(f"no line in time; seen: {self.seen}")
        self._taken += 1
        return dict(json.loads(self.seen[self._taken - 1]))

    def rest(self) -> list[str]:
        """Every line, once the stream has ended."""
        self._thread.join(WAIT_S)
        while not self.queue.empty():
            self.seen.append(self.queue.get_nowait())
        return self.seen


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not in time")
        time.sleep(0.1)


@pytest.fixture
def centre(plant_document: dict[str, Any]) -> Iterator[tuple[str, Engine]]:
    with central_database(plant_document) as centre:
        yield centre


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A station database with the demo plant and work already scanned by this station."""
    env = dict(
        os.environ,
        TRACESTATION_DB=str(tmp_path / "station.sqlite"),
        TRACESTATION_CONFIG=str(tmp_path / "station.json"),
    )
    env.pop("TRACESTATION_CENTRAL", None)
    tracestation(env, "demo")
    scans = tmp_path / "before.txt"
    scans.write_text("\n".join(DONE_BEFORE) + "\n")
    replayed = tracestation(env, "replay", "--station", STATION, str(scans))
    outcomes = [json.loads(line)["outcome"] for line in replayed.splitlines()]
    assert outcomes == ["accepted"] * len(DONE_BEFORE)
    return env


def tracestation(env: dict[str, str], *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tracestation", *arguments],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=WAIT_S,
    )
    return done.stdout


def event_ids(engine: Engine, station: str | None = STATION) -> set[str]:
    """The events of `station` (of every station when None) in a database."""
    query = select(EVENTS.c.id)
    if station is not None:
        query = query.where(EVENTS.c.station == station)
    with engine.connect() as connection:
        return {row.id for row in connection.execute(query)}


@pytest.fixture
def pty_scanner() -> Iterator[tuple[int, str]]:
    """(master fd the test writes scans to, the slave's path the station reads)."""
    master, slave = os.openpty()
    tty.setraw(slave)
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def start_headless(env: dict[str, str], scanner: str, *more: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tracestation",
            "run",
            "--headless",
            "--station",
            STATION,
            "--scanner",
            scanner,
            *more,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(station: subprocess.Popen[str]) -> None:
    station.send_signal(signal.SIGTERM)
    assert station.wait(timeout=WAIT_S) == 0


def test_the_headless_station_pushes_its_journal_in_the_background_and_stdout_stays_outcomes(
    env: dict[str, str], centre: tuple[str, Engine], pty_scanner: tuple[int, str], tmp_path: Path
) -> None:
    url, central = centre
    local = create_engine(f"sqlite:///{tmp_path / 'station.sqlite'}")
    before = event_ids(local)
    assert before and not event_ids(central)
    master, scanner = pty_scanner
    station = start_headless(env, scanner, "--central", url, "--sync-interval", "0.5")
    try:
        outcomes, states = Lines(station.stdout), Lines(station.stderr)  # type: ignore[arg-type]
        running = states.find(lambda d: d.get("state") == "running")
        assert running["central"] == url
        first = states.find(lambda d: d.get("state") in ("synced", "failed"))
        assert first["state"] == "synced", first
        assert first["central"] == url and first["pending"] == 0
        wait_for(lambda: before <= event_ids(central), "the scans made before the run")

        states.find(lambda d: d.get("state") == "connected")
        os.write(master, b"B-1001\rWO:WO-2001\rOPN:10\rPCB-2\r")
        results = [outcomes.take() for _ in range(4)]
        assert [r["outcome"] for r in results] == ["accepted"] * 4
        registered = str(results[3]["event_id"])
        wait_for(lambda: registered in event_ids(central), "a scan made during the run")
        stop(station)
    finally:
        if station.poll() is None:
            station.kill()

    assert event_ids(central) == event_ids(local)
    # All but the centre's own import of the plant (pulled here, never pushed back).
    everything = event_ids(local, station=None) - event_ids(central, import_station_id(central))
    local.dispose()
    for line in outcomes.rest():
        document = json.loads(line)
        assert set(document) >= {"scan", "outcome", "message", "event_id", "scanner"}, line
        assert "central" not in document and "state" not in document, line
    lines = [json.loads(line) for line in states.rest()]
    assert lines[-1]["state"] == "stopped"
    assert all(d.get("state") != "failed" for d in lines)
    pushes = [d for d in lines if d.get("state") == "synced"]
    assert sum(d["pushed"] for d in pushes) == len(everything), "each push said on stderr"


def test_an_unreachable_centre_is_reported_on_stderr_and_the_scans_go_on(
    env: dict[str, str], pty_scanner: tuple[int, str]
) -> None:
    master, scanner = pty_scanner
    local = create_engine(f"sqlite:///{env['TRACESTATION_DB']}")
    waiting = len(event_ids(local, station=None))
    local.dispose()
    nowhere = "postgresql+psycopg://station:secret@127.0.0.1:9/plant"
    station = start_headless(env, scanner, "--central", nowhere)
    try:
        outcomes, states = Lines(station.stdout), Lines(station.stderr)  # type: ignore[arg-type]
        running = states.find(lambda d: d.get("state") == "running")
        assert running["central"] == "postgresql+psycopg://station:***@127.0.0.1:9/plant"
        failed = states.find(lambda d: d.get("state") == "failed")
        assert failed["retry_in"] == 5 and failed["failures"] == 1
        assert failed["pending"] == waiting > 0, "the scans made before wait"
        assert failed["last_success"] is None
        assert "127.0.0.1" in failed["message"] and "secret" not in json.dumps(failed)
        states.find(lambda d: d.get("state") == "connected")
        os.write(master, b"B-1001\r")
        assert outcomes.take()["outcome"] == "accepted", "the station scans on"
        stop(station)
    finally:
        if station.poll() is None:
            station.kill()


def test_a_central_url_that_is_not_postgresql_is_refused_before_the_station_starts(
    env: dict[str, str],
) -> None:
    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "tracestation",
            "run",
            "--headless",
            "--scanner",
            "loop://",
            "--central",
            "sqlite:///elsewhere.sqlite",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT_S,
    )
    assert refused.returncode != 0
    assert "must be PostgreSQL" in refused.stderr
    assert refused.stdout == ""
