"""A serial scanner whose worker-thread callbacks arrive on the GUI thread as Qt signals.

`SerialScanner` reads on its own daemon thread and calls back there. The bridge's callbacks only
emit signals; the bridge lives on the GUI thread, so Qt queues each emission to it and slots
connected to `sig_scan` / `sig_state` run on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from tracestation.scanners import (
    ScannerStateChanged,
    ScanReceived,
    SerialScanner,
    SerialScannerConfig,
)


class SerialScannerBridge(QObject):
    sig_scan = Signal(object)  # ScanReceived
    sig_state = Signal(object)  # ScannerStateChanged

    def __init__(self, config: SerialScannerConfig, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.name = config.display_name
        self.scanner = SerialScanner(config, self._on_scan, self._on_state)

    def start(self) -> None:
        self.scanner.start()

    def stop(self) -> None:
        self.scanner.stop()

    def _on_scan(self, scan: ScanReceived) -> None:  # scanner thread
        self.sig_scan.emit(scan)

    def _on_state(self, state: ScannerStateChanged) -> None:  # scanner thread
        self.sig_state.emit(state)
