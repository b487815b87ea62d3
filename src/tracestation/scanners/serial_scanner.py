"""A serial (RS-232 / USB-CDC) scanner read through pyserial in a worker thread.

Threading: the owner (the station or the window) constructs the scanner and calls `start()`,
`stop()` and the context manager from one thread. The callbacks `on_scan` and `on_state` run on
the scanner's own daemon thread: they must return quickly and must not touch widgets (post the
event to the GUI thread instead); `stop()` called from a callback only asks the thread to end.
An exception raised by a callback is logged and scanning goes on. `send()` and the `connected`
and `running` properties may be used from any thread.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from types import TracebackType
from typing import Self

import serial

from tracestation.scanners.events import ScanCallback, StateCallback
from tracestation.scanners.framing import Frame, ScanFramer
from tracestation.scanners.reporting import ScannerReporter, os_reason
from tracestation.scanners.serial_config import SerialScannerConfig

__all__ = ["SerialScanner", "SerialScannerConfig"]

_log = logging.getLogger(__name__)

# How often an idle open port checks that its device node still exists: some USB-serial
# drivers leave a vanished device silently returning no data instead of raising.
_PRESENCE_CHECK_SECONDS = 1.0
# A scanner command is a few bytes; a stalled write must not hold the port lock for long.
_WRITE_TIMEOUT_SECONDS = 1.0


class SerialScanner:
    """Reads scans from one serial scanner until `stop()`, reopening it whenever it is lost.

    State reports: `CONNECTED` when the port opens; `DISCONNECTED` ("Scanner ttyACM0 unplugged;
    waiting for it to return.") when an open port fails; `RECONNECTING` with the operating
    system's reason when an attempt to open fails (once per outage, again if the reason changes,
    e.g. the device is back but access is denied). Nothing is reported by `stop()` itself.
    """

    def __init__(
        self,
        config: SerialScannerConfig,
        on_scan: ScanCallback,
        on_state: StateCallback | None = None,
    ) -> None:
        self.config = config
        self.name = config.display_name
        self._report = ScannerReporter(self.name, on_scan, on_state)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._port: serial.Serial | None = None
        self._port_lock = threading.Lock()

    def start(self) -> None:
        """Open the port and read in a daemon thread; returns at once (the open may still fail)."""
        if self._thread is not None and self._thread.is_alive():
            raise RuntimeError(f"Scanner {self.name} is already running.")
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name=f"scanner-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop reading and close the port; waits up to `timeout` seconds for the thread."""
        self._stopping.set()
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return
        thread.join(timeout)
        if thread.is_alive():
            _log.warning("Scanner %s did not stop within %.1f s.", self.name, timeout)

    @property
    def connected(self) -> bool:
        """True while the port is open (any thread may ask; the answer may change at once)."""
        return self._port is not None

    @property
    def running(self) -> bool:
        """True between `start()` and the end of `stop()`."""
        return self._thread is not None and self._thread.is_alive()

    def send(self, data: bytes) -> bool:
        """Write to the scanner (a trigger or beep command); False when it is not connected.

        Any thread may call this.
        """
        with self._port_lock:
            if self._port is None:
                return False
            try:
                self._port.write(data)
            except (serial.SerialException, OSError) as exc:
                _log.warning("Scanner %s: write failed: %s", self.name, exc)
                return False
            return True

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
                port = self._open()
            except Exception as exc:  # pyserial raises SerialException, OSError, termios.error...
                reason = os_reason(exc)
                if reason != last_failure:
                    self._report.cannot_open(reason, self.config.reconnect_interval)
                    last_failure = reason
                self._stopping.wait(self.config.reconnect_interval)
                continue
            last_failure = None
            self._report.connected()
            lost = self._read_until_lost_or_stopped(port)
            self._close()
            if lost is not None and not self._stopping.is_set():
                self._report.unplugged(lost)

    def _open(self) -> serial.Serial:
        config = self.config
        port = serial.serial_for_url(
            config.port_url,
            baudrate=config.effective_baudrate,
            bytesize=config.bytesize,
            parity=config.parity,
            stopbits=config.stopbits,
            timeout=config.read_timeout,
            write_timeout=_WRITE_TIMEOUT_SECONDS,
        )
        with self._port_lock:
            self._port = port
        return port

    def _close(self) -> None:
        with self._port_lock:
            port, self._port = self._port, None
        if port is None:
            return
        try:
            port.close()
        except (serial.SerialException, OSError) as exc:
            _log.debug("Scanner %s: close failed: %s", self.name, exc)

    def _read_until_lost_or_stopped(self, port: serial.Serial) -> str | None:
        """Read and deliver scans; the reason the port was lost, or None when stopped."""
        config = self.config
        framer = ScanFramer(
            config.terminator,
            max_scan_bytes=config.max_scan_bytes,
            partial_timeout=config.partial_timeout,
        )
        device_path = _local_device_path(config.port_url)
        next_presence_check = time.monotonic() + _PRESENCE_CHECK_SECONDS
        while not self._stopping.is_set():
            try:
                data = port.read(port.in_waiting or 1)
            except Exception as exc:  # whatever the driver raises, the port is gone: reopen it
                self._deliver(framer.drain())
                return os_reason(exc)
            now = time.monotonic()
            self._deliver(framer.feed(data, now))
            if not data and device_path is not None and now >= next_presence_check:
                if not os.path.exists(device_path):
                    self._deliver(framer.drain())
                    return f"{device_path} no longer exists"
                next_presence_check = now + _PRESENCE_CHECK_SECONDS
        return None

    def _deliver(self, frames: list[Frame]) -> None:
        for frame in frames:
            self._report.scan(frame.text, partial=frame.partial, overflow=frame.overflow)


def _local_device_path(port_url: str) -> str | None:
    """The device node to watch for, for POSIX paths only (not `COM3`, not `socket://`)."""
    return port_url if port_url.startswith("/") else None
