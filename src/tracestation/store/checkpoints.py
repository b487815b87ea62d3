"""A station's SQLite write-ahead log checkpointed in the background, not inside a scan.

In WAL mode a commit appends the scan's pages to the log and flushes the log: that is what
makes a scan durable. Now and then the log's pages must be copied into the database file and
that file flushed too (a checkpoint). SQLite does it by itself inside the commit that finds the
log past 1,000 pages: about one scan in a hundred then waits for the copy and a second flush,
and those scans are the station's slowest (its p99). A running station (the window,
`run --headless`) instead checkpoints from a thread of its own, about once a second, with the
PASSIVE mode that never blocks a scan; its own connections only checkpoint by themselves past
a much larger log (`_SAFETY_PAGES`), so the log stays bounded should the thread ever fall
behind. Nothing about durability changes: a scan is durable once its log frames are flushed,
and a log left behind by a crash is replayed when the database is next opened.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from typing import Any

from sqlalchemy import Engine, event

_EVERY_S = 1.0
_SAFETY_PAGES = 20_000  # 80 MB of 4 kB pages: SQLite's own checkpoint, should ours fall behind

log = logging.getLogger(__name__)


class BackgroundCheckpoints:
    """Started by a running station on its engine; `stop` when the station closes. Does
    nothing for a database that is not a SQLite file (PostgreSQL checkpoints on its own)."""

    def __init__(self, engine: Engine, every_s: float = _EVERY_S) -> None:
        self.engine = engine
        self.every_s = every_s
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.checkpoints = 0  # run so far (the tests watch it)

    @property
    def path(self) -> str | None:
        url = self.engine.url
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        return url.database

    def start(self) -> BackgroundCheckpoints:
        if self.path is None or self._thread is not None:
            return self
        event.listen(self.engine, "connect", _checkpoint_rarely)
        self.engine.dispose()  # the station's connections open again, with the setting
        self._thread = threading.Thread(target=self._run, name="wal-checkpoints", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stopping.set()
        self._thread.join()
        self._thread = None
        event.remove(self.engine, "connect", _checkpoint_rarely)

    def _run(self) -> None:
        assert self.path is not None
        connection = sqlite3.connect(self.path, timeout=1.0, check_same_thread=False)
        try:
            while not self._stopping.wait(self.every_s):
                self._checkpoint(connection)
            self._checkpoint(connection)
        finally:
            connection.close()

    def _checkpoint(self, connection: sqlite3.Connection) -> None:
        try:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.checkpoints += 1
        except sqlite3.Error as error:  # busy or gone: the next round tries again
            log.debug("WAL checkpoint skipped: %s", error)


def _checkpoint_rarely(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA wal_autocheckpoint={_SAFETY_PAGES}")
    cursor.close()
