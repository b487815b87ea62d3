"""The headless station: serial scanners feed the station core, outcomes go out as JSON lines.

Threading: each scanner reads on its own thread and only puts what it read on a queue; the main
thread owns the station and writes every outcome after the scan's transaction has committed.
SIGTERM and SIGINT stop the scanners, then the scans already read are processed before exit, so
nothing a scanner delivered is dropped.
"""

from __future__ import annotations

import json
import queue
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import IO, Protocol

from tracestation.scanners.events import ScannerStateChanged, ScanReceived
from tracestation.scanners.framing import Terminator
from tracestation.scanners.serial_config import SerialScannerConfig
from tracestation.scanners.serial_scanner import SerialScanner
from tracestation.station.core import Station

Item = ScanReceived | ScannerStateChanged


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
    ) -> None:
        self.station = station
        self.out = out
        self.err = err
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
            }
        )
        while not self.stopping.is_set():
            try:
                item = self.inbox.get(timeout=0.2)
            except queue.Empty:
                continue
            self._handle(item)
        for scanner in self.scanners:
            scanner.stop()
        while True:
            try:
                self._handle(self.inbox.get_nowait())
            except queue.Empty:
                break
        self._say({"station": self.station.station_id, "state": "stopped"})
        return 0

    def stop(self, *_: object) -> None:
        self.stopping.set()

    def _handle(self, item: Item) -> None:
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

    def _say(self, document: dict[str, object]) -> None:
        self.err.write(json.dumps(document, ensure_ascii=False) + "\n")
        self.err.flush()


def run_headless(
    station: Station,
    urls: Sequence[str],
    *,
    baud: int,
    terminator: Terminator,
    wedge_devices: Sequence[str] = (),
) -> int:
    """Run until SIGTERM or SIGINT. Raises ValueError for a bad scanner setting and
    ScannerUnavailable when a keyboard-wedge grab cannot work on this machine."""
    configs = [SerialScannerConfig(url=url, baudrate=baud, terminator=terminator) for url in urls]
    runner = HeadlessStation(station, configs, sys.stdout, sys.stderr, wedge_devices)

    def on_signal(_signum: int, _frame: FrameType | None) -> None:
        runner.stop()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    return runner.run()
