"""A keyboard-wedge scanner grabbed exclusively through Linux evdev.

A wedge scanner normally types into whatever window has the focus; grabbing its input device
keeps its scans out of other applications and out of the operator's text fields. Needs Linux,
the optional `evdev` package (`pip install evdev`) and read access to `/dev/input/event*`
(the `input` group). Prefer a `/dev/input/by-id/...-event-kbd` path: it survives a replug.

Threading: the owner calls `start()`, `stop()` and the context manager from one thread; the
callbacks run on the scanner's daemon thread, with the same rules as `SerialScanner`.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import select
import sys
import threading
import time
from pathlib import PurePath
from types import TracebackType
from typing import Any, Self

from tracestation.scanners.evdev_keys import EvdevKeyTranslator
from tracestation.scanners.events import ScanCallback, ScannerUnavailable, StateCallback
from tracestation.scanners.reporting import ScannerReporter, os_reason
from tracestation.scanners.wedge import Detected, WedgeBurst, WedgeBurstDetector, WedgeConfig

# Nobody types on a grabbed scanner, so every run of keys is a scan (min_length 1), and the
# pause that ends a scan without terminator can be longer than for a shared keyboard.
GRABBED_WEDGE_CONFIG = WedgeConfig(max_key_gap=0.2, min_length=1)

_EV_KEY = 1
_POLL_SECONDS = 0.1


def import_evdev() -> Any:
    """The `evdev` module, or ScannerUnavailable saying what to install."""
    if not sys.platform.startswith("linux"):
        raise ScannerUnavailable(
            "Grabbing a keyboard-wedge scanner needs Linux (evdev). On this system use the "
            "scanner as a keyboard in the station window, or switch it to serial (USB-CDC) mode."
        )
    try:
        return importlib.import_module("evdev")
    except ImportError as exc:
        raise ScannerUnavailable(
            "Grabbing a keyboard-wedge scanner needs the Python package 'evdev': install it "
            "with 'pip install evdev' (it builds against the Linux kernel headers), or use the "
            "scanner as a keyboard in the station window."
        ) from exc


class EvdevScanner:
    """Reads scans from one grabbed input device until `stop()`, reopening it when it returns.

    Scans come out as `ScanReceived`; a burst that ended by a pause instead of the configured
    terminator is flagged `partial` (unless the configuration has no terminators at all).
    Raises ScannerUnavailable at construction when evdev cannot be used.
    """

    def __init__(
        self,
        device_path: str,
        on_scan: ScanCallback,
        on_state: StateCallback | None = None,
        *,
        config: WedgeConfig = GRABBED_WEDGE_CONFIG,
        name: str | None = None,
        reconnect_interval: float = 1.0,
    ) -> None:
        self._evdev = import_evdev()
        self.device_path = device_path
        self.config = config
        self.name = name or PurePath(device_path).name
        self.reconnect_interval = reconnect_interval
        self._report = ScannerReporter(self.name, on_scan, on_state)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError(f"Scanner {self.name} is already running.")
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name=f"scanner-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stopping.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- worker thread -------------------------------------------------------------------------

    def _run(self) -> None:
        last_failure: str | None = None
        while not self._stopping.is_set():
            try:
                device = self._evdev.InputDevice(self.device_path)
                device.grab()
            except OSError as exc:
                reason = os_reason(exc)
                if reason != last_failure:
                    denied = exc.errno == errno.EACCES
                    hint = "Add the station user to the 'input' group." if denied else ""
                    self._report.cannot_open(reason, self.reconnect_interval, hint)
                    last_failure = reason
                self._stopping.wait(self.reconnect_interval)
                continue
            last_failure = None
            self._report.connected()
            try:
                lost = self._read_until_lost_or_stopped(device)
            finally:
                _release(device)
            if lost is not None and not self._stopping.is_set():
                self._report.unplugged(lost)

    def _read_until_lost_or_stopped(self, device: Any) -> str | None:
        translator = EvdevKeyTranslator()
        detector = WedgeBurstDetector(self.config)
        while not self._stopping.is_set():
            try:
                ready, _, _ = select.select([device.fd], [], [], _POLL_SECONDS)
                events = list(device.read()) if ready else []
            except BlockingIOError:
                events = []
            except OSError as exc:  # ENODEV when unplugged
                self._deliver(detector.flush(float("inf")))
                return os_reason(exc)
            for event in events:
                if event.type != _EV_KEY:
                    continue
                key_input = translator.translate(event.code, event.value, event.timestamp())
                if key_input is not None:
                    self._deliver(detector.feed(key_input))
            # Event timestamps are wall-clock time, so the pause is measured on that clock.
            self._deliver(detector.flush(time.time()))
        return None

    def _deliver(self, detected: list[Detected]) -> None:
        for item in detected:
            # ManualKeys from a grabbed scanner can only be a bare terminator: nothing to read.
            if isinstance(item, WedgeBurst):
                partial = bool(self.config.terminators) and not item.terminated
                self._report.scan(item.text, partial=partial)


def _release(device: Any) -> None:
    # Either fails harmlessly when the device is already gone.
    with contextlib.suppress(OSError):
        device.ungrab()
    with contextlib.suppress(OSError):
        device.close()
