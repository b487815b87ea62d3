"""A running station checkpoints its SQLite log from a thread of its own, not inside a scan."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine, text

from tracestation.store.checkpoints import BackgroundCheckpoints
from tracestation.store.database import open_database, writer


def wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.02)


def frames_left(path: Path) -> tuple[int, int]:
    """(frames in the log, frames of it already copied into the database)."""
    with sqlite3.connect(path) as probe:
        _busy, in_log, copied = probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return in_log, copied


def test_the_station_leaves_checkpoints_to_the_thread_and_the_log_is_copied_while_it_runs(
    tmp_path: Path,
) -> None:
    path = tmp_path / "station.sqlite"
    engine = open_database(str(path))
    checkpoints = BackgroundCheckpoints(engine, every_s=0.05).start()
    try:
        with writer(engine).begin() as c:
            assert c.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 20_000
            c.execute(text("CREATE TABLE scans (id INTEGER PRIMARY KEY, raw TEXT)"))
        for n in range(50):
            with writer(engine).begin() as c:
                c.execute(text("INSERT INTO scans (raw) VALUES (:raw)"), {"raw": f"PCB-{n:04d}"})
        done = checkpoints.checkpoints
        wait_for(lambda: checkpoints.checkpoints >= done + 2)
    finally:
        checkpoints.stop()

    in_log, copied = frames_left(path)
    assert in_log == copied, "every frame of the log is in the database file"
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM scans")).scalar() == 50
        # Stopped: the engine's connections checkpoint by themselves again.
        assert c.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() in (1000, 20_000)
    engine.dispose()
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    engine.dispose()


def test_a_database_that_is_not_a_sqlite_file_gets_no_thread() -> None:
    memory = create_engine("sqlite://")
    checkpoints = BackgroundCheckpoints(memory).start()
    assert checkpoints.path is None
    checkpoints.stop()  # harmless
    memory.dispose()
