"""The strip across the top: station, operator, work order, operation, scanners, sync."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tracestation.scanners import ScannerState
from tracestation.ui.restyle import set_style_state
from tracestation.ui.station_state import StationSnapshot


class Field(QFrame):
    """A caption above a value, readable from a distance."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topField")
        self.caption = QLabel(caption, self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setObjectName("topCaption")
        self.value = QLabel("\u2014", self)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setObjectName("topValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set(self, text: str | None, state: str = "normal") -> None:
        self.value.setText(text or "\u2014")
        set_style_state(self.value, "state", state)


class TopBar(QFrame):
    def __init__(self, station_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self.station = Field(self.tr("Station"), self)
        self.operator = Field(self.tr("Operator"), self)
        self.work_order = Field(self.tr("Work order"), self)
        self.operation = Field(self.tr("Operation"), self)
        self.scanners = Field(self.tr("Scanners"), self)
        self.sync = Field(self.tr("Sync"), self)
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
        self.sync.set(self.tr("starting\u2026"))

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
        pending = self.tr("{count} pending").format(count=snapshot.pending_events)
        self.sync.set(
            self.tr("{pending} \u00b7 last success: never").format(pending=pending),
            "warning" if snapshot.pending_events else "normal",
        )

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
        self.sync.set(self.tr("database unavailable"), "error")
        self.sync.setToolTip(detail)
