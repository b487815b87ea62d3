"""The strip across the top: station, operator, work order (with its units done), operation, the
work at this operation, the operator's shift count, scanners, sync."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from tracestation.scanners import ScannerState
from tracestation.station.queries import WorkProgress
from tracestation.station.sync_schedule import SyncStatus
from tracestation.ui.restyle import set_style_state
from tracestation.ui.station_state import StationSnapshot
from tracestation.ui.sync_status import SyncField
from tracestation.ui.top_field import Field

# How closely the bar sets its text, largest first: on a narrow screen (a 1366-pixel panel PC)
# the bar takes the first that shows every value whole before any value ends in "\u2026".
DENSITIES = ("normal", "compact", "tight")


class TopBar(QFrame):
    FIELDS = (
        "station",
        "operator",
        "work_order",
        "operation",
        "progress",
        "shift",
        "scanners",
        "sync",
    )

    def __init__(self, station_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topBar")
        self.station = Field(self.tr("Station"), self)
        self.operator = Field(self.tr("Operator"), self)
        self.work_order = Field(self.tr("Work order"), self)
        self.operation = Field(self.tr("Operation"), self)
        self.progress = Field(self.tr("At this operation"), self)
        self.shift = Field(self.tr("Shift"), self)
        self.shift.setToolTip(
            self.tr("Units worked at this station (completed, tested, packed) since the login.")
        )
        self.scanners = Field(self.tr("Scanners"), self)
        self.sync = SyncField(self.tr("Sync"), self)
        self.density = DENSITIES[0]
        self._fitted: tuple[int, tuple[str, ...]] | None = None
        layout = self._row = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        # Each field as wide as its text when there is room (the rest of the bar stays empty
        # at the end); on a narrow screen each gives up width and ends its text in "\u2026".
        for name in self.FIELDS:
            layout.addWidget(getattr(self, name))
        layout.addStretch(1)
        self._scanner_states: dict[str, tuple[str, ScannerState | None]] = {}
        self.station.set(station_id)
        self.operator.set(self.tr("nobody logged in"), "warning")
        self.set_scanner("keyboard", self.tr("Keyboard"), None)

    def fields(self) -> list[Field]:
        return [getattr(self, name) for name in self.FIELDS]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Set the text as large as lets every field show its value whole in the bar's width
        (again only when the width or a text changed: a scan's snapshot mostly changes none)."""
        fields = self.fields()
        seen = (self.width(), tuple(f.caption.text() + "\n" + f.value.text() for f in fields))
        if seen == self._fitted:
            return
        self._fitted = seen
        for density in DENSITIES:
            self._set_density(density)
            if self._wanted_width() <= self.width():
                return

    def _set_density(self, density: str) -> None:
        if density == self.density:
            return
        self.density = density
        for field in self.fields():
            set_style_state(field, "density", density, field.caption, field.value)
            field.caption.updateGeometry()
            field.value.updateGeometry()

    def _wanted_width(self) -> int:
        layout = self._row
        margins = layout.contentsMargins()
        fields = self.fields()
        spacing = layout.spacing() * (len(fields) - 1)
        return (
            sum(f.sizeHint().width() for f in fields) + spacing + margins.left() + margins.right()
        )

    def show_snapshot(self, snapshot: StationSnapshot) -> None:
        self.station.set(snapshot.station_id)
        if snapshot.operator:
            self.operator.set(snapshot.operator)
        else:
            self.operator.set(self.tr("nobody logged in"), "warning")
        wo = snapshot.work_order
        self.work_order.set(f"{wo} \u00b7 {snapshot.work_order_part}" if wo else None)
        progress = snapshot.progress
        if wo and progress is not None:
            done = self.tr("{done}/{quantity} done").format(
                done=progress.done, quantity=progress.quantity
            )
            self.work_order.set(f"{wo} \u00b7 {snapshot.work_order_part} \u00b7 {done}")
        op = snapshot.operation
        self.operation.set(f"{op} {snapshot.operation_name}" if op else None)
        self.show_progress(progress)
        count = snapshot.shift_count
        self.shift.set(str(count) if count is not None else None)
        self.sync.set_pending(snapshot.pending_events)
        self.fit()

    def show_progress(self, progress: WorkProgress | None) -> None:
        if progress is None or progress.operation is None:
            self.progress.set(None)
            self.progress.setToolTip("")
            return
        self.progress.set(
            self.tr("{done} done \u00b7 {left} to go").format(
                done=progress.done_here, left=progress.remaining_here
            )
        )
        self.progress.setToolTip(
            self.tr(
                "At operation {operation}: {done} done, {next} waiting for it, {left} to go. "
                "Work order {work_order} in total: {all_done} done, {in_process} in process, "
                "{remaining} not started, of {quantity}."
            ).format(
                operation=progress.operation,
                done=progress.done_here,
                next=progress.next_here,
                left=progress.remaining_here,
                work_order=progress.work_order,
                all_done=progress.done,
                in_process=progress.in_process,
                remaining=progress.remaining,
                quantity=progress.quantity,
            )
        )

    def show_sync(self, status: SyncStatus | None) -> None:
        """The background sync's status; None when no central database is configured."""
        self.sync.set_status(status)
        self.fit()

    def set_scanner(self, key: str, name: str, state: ScannerState | None) -> None:
        """`state` None is a keyboard wedge: always there while the window has the keyboard."""
        self._scanner_states[key] = (name, state)
        texts = []
        worst = "normal"
        for scanner_name, scanner_state in self._scanner_states.values():
            if scanner_state is None:  # the filled dot says it is ready: room for the rest
                texts.append("\u25cf " + scanner_name)
            elif scanner_state is ScannerState.CONNECTED:
                texts.append("\u25cf " + self.tr("{name} connected").format(name=scanner_name))
            else:
                texts.append("\u25cb " + self.tr("{name} offline").format(name=scanner_name))
                worst = "error"
        self.scanners.set("  ".join(texts), worst)
        self.fit()

    def show_failure(self, detail: str) -> None:
        self.sync.show_database_failure(detail)
        self.fit()
