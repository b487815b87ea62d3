"""The strip across the top: station, operator, work order, operation, scanners, sync."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from tracestation.scanners import ScannerState
from tracestation.station.sync_schedule import SyncStatus
from tracestation.ui.station_state import StationSnapshot
from tracestation.ui.sync_status import SyncField
from tracestation.ui.top_field import Field


class TopBar(QFrame):
    FIELDS = ("station", "operator", "work_order", "operation", "scanners", "sync")

    def __init__(self, station_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self.station = Field(self.tr("Station"), self)
        self.operator = Field(self.tr("Operator"), self)
        self.work_order = Field(self.tr("Work order"), self)
        self.operation = Field(self.tr("Operation"), self)
        self.scanners = Field(self.tr("Scanners"), self)
        self.sync = SyncField(self.tr("Sync"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        for field, stretch in (
            (self.station, 0),
            (self.operator, 2),
            (self.work_order, 2),
            (self.operation, 2),
            (self.scanners, 2),
            (self.sync, 2),
        ):
            layout.addWidget(field, stretch)
        self._scanner_states: dict[str, tuple[str, ScannerState | None]] = {}
        self.station.set(station_id)
        self.operator.set(self.tr("nobody logged in"), "warning")
        self.set_scanner("keyboard", self.tr("Keyboard"), None)

    def show_snapshot(self, snapshot: StationSnapshot) -> None:
        self.station.set(snapshot.station_id)
        if snapshot.operator:
            self.operator.set(snapshot.operator)
        else:
            self.operator.set(self.tr("nobody logged in"), "warning")
        wo = snapshot.work_order
        self.work_order.set(f"{wo} \u00b7 {snapshot.work_order_part}" if wo else None)
        op = snapshot.operation
        self.operation.set(f"{op} {snapshot.operation_name}" if op else None)
        self.sync.set_pending(snapshot.pending_events)

    def show_sync(self, status: SyncStatus | None) -> None:
        """The background sync's status; None when no central database is configured."""
        self.sync.set_status(status)

    def set_scanner(self, key: str, name: str, state: ScannerState | None) -> None:
        """`state` None is a keyboard wedge: always there while the window has the keyboard."""
        self._scanner_states[key] = (name, state)
        texts = []
        worst = "normal"
        for scanner_name, scanner_state in self._scanner_states.values():
            if scanner_state is None:
                texts.append("\u25cf " + self.tr("{name} ready").format(name=scanner_name))
            elif scanner_state is ScannerState.CONNECTED:
                texts.append("\u25cf " + self.tr("{name} connected").format(name=scanner_name))
            else:
                texts.append("\u25cb " + self.tr("{name} offline").format(name=scanner_name))
                worst = "error"
        self.scanners.set("  ".join(texts), worst)

    def show_failure(self, detail: str) -> None:
        self.sync.show_database_failure(detail)
