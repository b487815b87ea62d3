"""Scanner device adapters: serial ports, keyboard wedges, evdev grabs and replay files.

Adapters deliver raw scans (`ScanReceived`) and device state (`ScannerStateChanged`) through
callbacks; decoding is the `barcodes` package's job. No Qt here: the window wraps these.
"""

from tracestation.scanners.evdev_grab import EvdevScanner
from tracestation.scanners.events import (
    ScannerState,
    ScannerStateChanged,
    ScannerUnavailable,
    ScanReceived,
)
from tracestation.scanners.ports import PortInfo, list_ports
from tracestation.scanners.replay import read_replay, unescape_scan
from tracestation.scanners.serial_config import SerialScannerConfig, split_baud
from tracestation.scanners.serial_scanner import SerialScanner
from tracestation.scanners.wedge import (
    Key,
    KeyInput,
    ManualKeys,
    WedgeBurst,
    WedgeBurstDetector,
    WedgeConfig,
)

__all__ = [
    "EvdevScanner",
    "Key",
    "KeyInput",
    "ManualKeys",
    "PortInfo",
    "ScanReceived",
    "ScannerState",
    "ScannerStateChanged",
    "ScannerUnavailable",
    "SerialScanner",
    "SerialScannerConfig",
    "WedgeBurst",
    "WedgeBurstDetector",
    "WedgeConfig",
    "list_ports",
    "read_replay",
    "split_baud",
    "unescape_scan",
]
