"""What a scanner adapter reports: scans read and changes of the device's state.

These are plain frozen values; adapters create them on their worker thread and hand them to the
callbacks given at construction. Receivers that own a GUI must move them to their own thread
before touching any widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ScannerUnavailable(RuntimeError):
    """The scanner cannot be used at all on this machine (missing package, unsupported OS).

    Not raised for a scanner that is merely unplugged: that is a `ScannerStateChanged`.
    """


class ScannerState(StrEnum):
    """Where the connection to a scanner stands.

    - `CONNECTED`: the device is open and being read.
    - `DISCONNECTED`: an open device was lost (unplugged, cable pulled, socket closed). Reported
      once per loss; the adapter keeps trying to reopen it.
    - `RECONNECTING`: an attempt to open the device failed and the adapter retries on its own
      every reconnect interval. Reported once per outage, with the operating system's reason.
    """

    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    RECONNECTING = "reconnecting"


@dataclass(frozen=True)
class ScanReceived:
    """One scan as the device delivered it, before any barcode decoding.

    `raw` is the text without its terminator; bytes that are not UTF-8 are kept as lone
    surrogates (`surrogateescape`), so the decoder rejects the scan naming them, and `shown_scan`
    spells them out (`\\xff`) wherever the scan is shown or stored. `raw` may hold a PIN: show
    it only through `shown_scan`. A scan is complete unless a flag says otherwise:

    - `partial`: data stopped arriving before the terminator ("half a barcode").
    - `overflow`: more than the adapter's size limit arrived without a terminator (line noise, a
      wrong baud rate). `raw` then holds only the first bytes, for the log; the rest is dropped.
    """

    scanner: str
    raw: str
    received_at: datetime
    partial: bool = False
    overflow: bool = False

    @property
    def is_complete(self) -> bool:
        """True when the station may interpret this scan as a barcode."""
        return not (self.partial or self.overflow)


@dataclass(frozen=True)
class ScannerStateChanged:
    """A scanner was connected, lost or cannot be opened.

    `message` is one line for the operator ("Scanner ttyACM0 unplugged; waiting for it to
    return."); `reason` is the operating system's wording, for the log and the line lead.
    """

    scanner: str
    state: ScannerState
    message: str
    at: datetime
    reason: str | None = None


ScanCallback = Callable[[ScanReceived], None]
StateCallback = Callable[[ScannerStateChanged], None]
