"""The headless station: serial scanners feed the station core, outcomes go out as JSON lines.

Threading: each scanner reads on its own thread and only puts what it read on a queue; the main
thread owns the station and writes every outcome after the scan's transaction has committed.
With a central database, a sync thread runs the `SyncRunner` on its schedule; it never touches
the station, so a sync never holds up a scan (their local transactions just queue). A print
thread (`PrintRetryLoop`) tries the labels the printer has not taken yet, with back-off, so a
printer that comes back prints them without waiting for a scan. stdout carries outcomes only;
the states of the station, its scanners, its printer and its sync go to stderr, and so does
each tester result file a watched results folder took (`results_file`, its outcome).
SIGTERM and SIGINT stop the scanners, then the scans already read are processed before exit, so
nothing a scanner delivered is dropped.
"""

from __future__ import annotations

import json
import queue
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import IO, Protocol

from tracestation.scanners.events import ScannerStateChanged, ScanReceived
from tracestation.scanners.framing import Terminator
from tracestation.scanners.serial_config import SerialScannerConfig
from tracestation.scanners.serial_scanner import SerialScanner
from tracestation.station.core import Station
from tracestation.station.print_queue import PrintBacklog, PrintRetryLoop, PrintRound
from tracestation.station.sync_port import SyncService
from tracestation.station.sync_schedule import SyncPolicy, SyncRunner, SyncStatus
from tracestation.station.tester_results import FileOutcome, TesterResults
from tracestation.testers.watch import ResultsFolderWatcher

Item = ScanReceived | ScannerStateChanged
# A watched folder of tester result files, and the core service that records them.
ResultsFolder = tuple[Path, TesterResults]
SYNC_STOP_TIMEOUT = 30.0  # seconds a sync under way may take to finish at shutdown


class Scanner(Protocol):
    name: str

    def start(self) -> None: ...
    def stop(self, timeout: float = 2.0) -> None: ...


class HeadlessStation:
    def __init__(
        self,
        station: Station,
        configs: Sequence[SerialScannerConfig],
        out: IO[str],
        err: IO[str],
        wedge_devices: Sequence[str] = (),
        sync: SyncService | None = None,
        policy: SyncPolicy | None = None,
        printing: PrintRetryLoop | None = None,
        printer_name: str = "none",
        results: ResultsFolder | None = None,
    ) -> None:
        self.station = station
        self.printing = printing
        self.printer_name = printer_name
        self.out = out
        self.err = err
        self._err_lock = threading.Lock()  # the sync thread writes state lines too
        self.sync = sync
        self.sync_thread: SyncThread | None = None
        if sync is not None:
            self.sync_thread = SyncThread(SyncRunner(sync, policy), SyncLines(self._say))
        self.watcher: ResultsFolderWatcher | None = None
        if results is not None:
            folder, recorder = results
            self.watcher = ResultsFolderWatcher(folder, recorder, self._result_file)
        self.inbox: queue.Queue[Item] = queue.Queue()
        self.stopping = threading.Event()
        self.scanners: list[Scanner] = [
            SerialScanner(c, self.inbox.put, self.inbox.put) for c in configs
        ]
        if wedge_devices:
            from tracestation.scanners.evdev_grab import EvdevScanner

            self.scanners += [
                EvdevScanner(d, self.inbox.put, self.inbox.put) for d in wedge_devices
            ]

    def run(self) -> int:
        for scanner in self.scanners:
            scanner.start()
        self._say(
            {
                "station": self.station.station_id,
                "state": "running",
                "scanners": [s.name for s in self.scanners],
                "prompt": self.station.prompt(),
                "central": self.sync.target if self.sync is not None else None,
                "printer": self.printer_name,
            }
        )
        if self.sync_thread is not None:
            self.sync_thread.start()
        if self.printing is not None:
            self.printing.start(PrintLines(self._say, self.printer_name))
        if self.watcher is not None:
            self.watcher.start()
            self._say({"results_folder": str(self.watcher.folder), "state": "watching"})
        while not self.stopping.is_set():
            try:
                item = self.inbox.get(timeout=0.2)
            except queue.Empty:
                continue
            self.handle(item)
        for scanner in self.scanners:
            scanner.stop()
        while True:
            try:
                self.handle(self.inbox.get_nowait())
            except queue.Empty:
                break
        if self.printing is not None:
            self.printing.stop()
        if self.watcher is not None:
            self.watcher.stop()
        self._stop_sync()
        self._say({"station": self.station.station_id, "state": "stopped"})
        return 0

    def _stop_sync(self) -> None:
        if self.sync_thread is None or self.sync is None:
            return
        if self.sync_thread.stop(SYNC_STOP_TIMEOUT):
            self.sync.close()
        else:
            self._say(
                {
                    "central": self.sync.target,
                    "state": "abandoned",
                    "message": "a sync was still under way at shutdown; it resumes at the "
                    "next start",
                }
            )

    def stop(self, *_: object) -> None:
        self.stopping.set()

    def handle(self, item: Item) -> None:
        """Answer one thing a scanner reported: a state line on stderr, or the scan's outcome on
        stdout. Every scan gets its line, whatever bytes it held (`ScanResult.scan` shows them
        spelled out, a PIN masked). Main thread only: it owns the station."""
        if isinstance(item, ScannerStateChanged):
            self._say({"scanner": item.scanner, "state": item.state.value, "message": item.message})
            return
        if item.is_complete:
            result = self.station.scan(item.raw)
        else:
            result = self.station.refuse_incomplete(item.raw, overflow=item.overflow)
        self.out.write(
            json.dumps({**result.to_json(), "scanner": item.scanner}, ensure_ascii=False) + "\n"
        )
        self.out.flush()

    def _result_file(self, outcome: FileOutcome) -> None:
        """A result file the watcher took (its thread): a line on stderr."""
        self._say({"results_file": outcome.name, **outcome.to_json()})

    def _say(self, document: dict[str, object]) -> None:
        with self._err_lock:
            self.err.write(json.dumps(document, ensure_ascii=False) + "\n")
            self.err.flush()


class SyncThread:
    """Runs a `SyncRunner` on a daemon thread until `stop()`; `report` gets every status."""

    def __init__(self, runner: SyncRunner, report: Callable[[SyncStatus], None]) -> None:
        self.runner = runner
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=runner.run, args=(self._stopping.wait, report), name="sync", daemon=True
        )

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float) -> bool:
        """Stop after the sync under way, if any; False when it did not end within `timeout`."""
        self._stopping.set()
        self._thread.join(timeout)
        return not self._thread.is_alive()


class SyncLines:
    """The sync's state lines on stderr: when it changes (synced, failed), when a sync moved
    events or the open conflicts changed, and when the reason of a failure changes. A steady
    sync that finds nothing to do says nothing."""

    def __init__(self, say: Callable[[dict[str, object]], None]) -> None:
        self._say = say
        self._said: tuple[object, ...] | None = None

    def __call__(self, status: SyncStatus) -> None:
        outcome = status.last
        if outcome is None:
            return
        if outcome.ok:
            key: tuple[object, ...] = ("synced", outcome.conflicts)
            moved = outcome.pushed or outcome.pulled
            if key == self._said and not moved:
                return
            document: dict[str, object] = {"central": status.target, "state": "synced"}
            document.update(outcome.to_json())
            for private in ("ok", "error"):
                document.pop(private)
        else:
            key = ("failed", outcome.error)
            if key == self._said:
                return
            retry = status.next_attempt
            document = {
                "central": status.target,
                "state": "failed",
                "message": outcome.error,
                "failures": status.failures,
                "pending": outcome.pending,
                "at": outcome.at.isoformat(),
                "retry_in": round((retry - outcome.at).total_seconds(), 1) if retry else None,
                "last_success": status.last_success.isoformat() if status.last_success else None,
            }
        self._said = key
        self._say(document)


class PrintLines:
    """The printer's state lines on stderr, from the print thread: the labels a round printed
    (`printed`), and the printer's words when it refused one (`failed`, said again only when
    its words change or after labels printed), each with the labels still waiting."""

    def __init__(self, say: Callable[[dict[str, object]], None], printer: str) -> None:
        self._say = say
        self.printer = printer
        self._said: str | None = None

    def __call__(self, done: PrintRound, backlog: PrintBacklog) -> None:
        if done.printed:
            self._said = None
            self._say(
                {
                    "printer": self.printer,
                    "state": "printed",
                    "labels": [f"{job.kind} {job.subject}" for job in done.printed],
                    "waiting": backlog.waiting,
                }
            )
        words = done.fault
        if words is None or words == self._said:
            return
        self._said = words
        next_try = backlog.next_try_at
        self._say(
            {
                "printer": self.printer,
                "state": "failed",
                "message": words,
                "labels": [f"{job.kind} {job.subject}" for job, _ in done.failed if job.id],
                "waiting": backlog.waiting,
                "next_try": next_try.isoformat() if next_try else None,
            }
        )


def run_headless(
    station: Station,
    urls: Sequence[str],
    *,
    baud: int,
    terminator: Terminator,
    wedge_devices: Sequence[str] = (),
    sync: SyncService | None = None,
    sync_policy: SyncPolicy | None = None,
    printing: PrintRetryLoop | None = None,
    printer_name: str = "none",
    results: ResultsFolder | None = None,
) -> int:
    """Run until SIGTERM or SIGINT, syncing in the background when `sync` is given and trying
    waiting labels again when `printing` is given (`printer_name` for the state lines). Raises
    ValueError for a bad scanner setting and ScannerUnavailable when a keyboard-wedge grab
    cannot work on this machine."""
    configs = [SerialScannerConfig(url=url, baudrate=baud, terminator=terminator) for url in urls]
    runner = HeadlessStation(
        station,
        configs,
        sys.stdout,
        sys.stderr,
        wedge_devices,
        sync,
        sync_policy,
        printing,
        printer_name,
        results,
    )

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        runner.stop()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    return runner.run()
