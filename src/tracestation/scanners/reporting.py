"""Handing scans and state changes to the owner's callbacks, shielded from their failures.

Threading: used by an adapter's worker thread only; the callbacks run on that thread.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime

from tracestation.barcodes.shown import shown_scan
from tracestation.scanners.events import (
    ScanCallback,
    ScannerState,
    ScannerStateChanged,
    ScanReceived,
    StateCallback,
)

_log = logging.getLogger(__name__)


class ScannerReporter:
    """Stamps events with the scanner's name and the UTC time and calls the callbacks.

    A callback that raises is logged and forgotten: one bad handler must not stop the reader.
    """

    def __init__(self, name: str, on_scan: ScanCallback, on_state: StateCallback | None) -> None:
        self.name = name
        self._on_scan = on_scan
        self._on_state = on_state

    def scan(self, raw: str, *, partial: bool = False, overflow: bool = False) -> None:
        event = ScanReceived(self.name, raw, datetime.now(UTC), partial=partial, overflow=overflow)
        try:
            self._on_scan(event)
        except Exception:
            _log.exception("Scanner %s: the scan handler failed on %r", self.name, shown_scan(raw))

    def state(self, state: ScannerState, message: str, reason: str | None = None) -> None:
        if self._on_state is None:
            return
        event = ScannerStateChanged(self.name, state, message, datetime.now(UTC), reason)
        try:
            self._on_state(event)
        except Exception:
            _log.exception("Scanner %s: the state handler failed on %s", self.name, state)

    def connected(self) -> None:
        self.state(ScannerState.CONNECTED, f"Scanner {self.name} connected.")

    def unplugged(self, reason: str) -> None:
        message = f"Scanner {self.name} unplugged; waiting for it to return."
        self.state(ScannerState.DISCONNECTED, message, reason)

    def cannot_open(self, reason: str, retry_interval: float, hint: str = "") -> None:
        message = (
            f"Scanner {self.name} cannot be opened ({reason}); "
            f"retrying every {retry_interval:g} s. {hint}"
        )
        self.state(ScannerState.RECONNECTING, message.rstrip(), reason)


def os_reason(exc: BaseException) -> str:
    """The short OS wording ("No such file or directory") rather than a library's long text."""
    if isinstance(exc, OSError) and isinstance(exc.errno, int) and exc.errno > 0:
        return os.strerror(exc.errno)
    match exc.args:
        case (int(), str(text)):  # termios.error and friends: (errno, text)
            return text
    return str(exc) or type(exc).__name__
