"""A watched results folder at a test station: a thread that imports each result file an
automatic tester drops there.

A file is taken once its size and modification time stayed the same between two looks (a
tester still writing it is left for the next). Each file is one unit of work through the core's
`TesterResults`; refused files go to `rejected/` with their reasons, files on record to
`imported/` (`testers.folder`). The watcher runs on adapters of its own, never the station's.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from tracestation.station.tester_results import FileOutcome, TesterResults
from tracestation.testers.folder import import_file, result_files

_log = logging.getLogger(__name__)
Report = Callable[[FileOutcome], None]


class ResultsFolderWatcher:
    def __init__(
        self, folder: Path, results: TesterResults, report: Report, interval: float = 2.0
    ) -> None:
        self.folder = folder
        self.results = results
        self.report = report
        self.interval = interval
        self._seen: dict[Path, tuple[int, int]] = {}
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="results-folder", daemon=True)

    def start(self) -> ResultsFolderWatcher:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def poll_once(self) -> list[FileOutcome]:
        """Import the files that stopped changing since the last look. Watcher thread only
        (or a test, with the thread not started)."""
        now: dict[Path, tuple[int, int]] = {}
        for path in result_files(self.folder):
            try:
                stat = path.stat()
            except OSError:
                continue  # gone since it was listed
            now[path] = (stat.st_size, stat.st_mtime_ns)
        steady = [p for p, look in now.items() if self._seen.get(p) == look]
        self._seen = {p: look for p, look in now.items() if p not in steady}
        outcomes = []
        for path in steady:
            outcome = import_file(path, self.results, keep_imported=False)
            outcomes.append(outcome)
            self.report(outcome)
        return outcomes

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self.poll_once()
            except Exception:  # a folder gone or a fault must not end the station's watcher
                _log.exception("results folder %s could not be read", self.folder)
            self._stopping.wait(self.interval)
