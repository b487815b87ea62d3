"""Listing the machine's serial ports off the GUI thread (it reads the OS device tree)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal

from tracestation.scanners import list_ports


class PortLister(QObject):
    sig_ports = Signal(object)  # list[PortInfo], delivered on the GUI thread

    def refresh(self) -> None:
        QThreadPool.globalInstance().start(self._list)

    def _list(self) -> None:  # a pool thread: only emits
        try:
            ports = list_ports()
        except OSError:
            ports = []
        self.sig_ports.emit(ports)
