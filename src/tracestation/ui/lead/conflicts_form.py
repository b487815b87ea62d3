"""Conflicts the centre raised against what a station did offline, and a lead's signed
resolution of the one selected: take the child out of every unit but one (remove link), accept
it with a deviation, or scrap its subject."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tracestation.station.lead_requests import LeadSignature, ResolveConflict
from tracestation.station.queries import OpenConflict
from tracestation.ui.lead.conflicts import ConflictsModel, ConflictsView
from tracestation.ui.lead.forms import action_button, form_layout, line_edit


class ConflictsForm(QWidget):
    """Emits `sig_request` with a `ResolveConflict` for the selected conflict (the lead page
    adds the signature) and `sig_refresh` when the lead asks for the list again."""

    sig_request = Signal(object)
    sig_refresh = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ConflictsModel(self)
        self.table = ConflictsView(self.model, self)
        self.count = QLabel(self)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setObjectName("conflictCount")
        self.refresh_button = action_button(self, self.tr("Refresh"), name="conflictsRefresh")
        self.resolution = QComboBox(self)
        self.resolution.setObjectName("conflictResolution")
        self.resolution.addItem(self.tr("Remove link: the child stays in one unit"), "remove_link")
        self.resolution.addItem(self.tr("Accept, with a deviation"), "accept")
        self.resolution.addItem(self.tr("Scrap the unit or lot"), "scrap")
        self.resolution.setCurrentIndex(1)
        self.keep = QComboBox(self)
        self.keep.setObjectName("conflictKeep")
        self.reason = line_edit(self, self.tr("Why (shown in the record)"), name="conflictReason")
        self.button = action_button(
            self, self.tr("Resolve conflict"), kind="warning", name="resolveButton"
        )
        self._layout()
        self.show_conflicts([])
        self.refresh_button.clicked.connect(self.sig_refresh)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.resolution.currentIndexChanged.connect(self._update)
        self.keep.currentIndexChanged.connect(self._update)
        self.button.clicked.connect(self._submit)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.refresh_button)
        box = QGroupBox(self.tr("Resolve the selected conflict"), self)
        form = form_layout(box)
        form.addRow(self.tr("Resolution"), self.resolution)
        form.addRow(self.tr("Keep it in"), self.keep)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(box)

    def selected(self) -> OpenConflict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.conflict_at(rows[0].row()) if rows else None

    def show_conflicts(self, rows: list[OpenConflict]) -> None:
        """The open conflicts as just read; the selection stays on the same conflict while it
        is still open."""
        chosen = self.selected()
        self.model.set_rows(rows)
        self.count.setText(
            self.tr("Open conflicts, oldest first: {count}").format(count=len(rows))
            if rows
            else self.tr("No open conflicts.")
        )
        row = self.model.row_of(chosen.id) if chosen else -1
        if row >= 0:
            self.table.selectRow(row)
        self._offer_parents(self.selected())

    def _selected(self, _now: QItemSelection, _before: QItemSelection) -> None:
        self._offer_parents(self.selected())

    def _offer_parents(self, conflict: OpenConflict | None) -> None:
        """The units a child installed twice sits in: the lead says which one keeps it."""
        kept = self.keep.currentData()
        self.keep.blockSignals(True)
        self.keep.clear()
        parents = conflict.parents if conflict else ()
        if parents:
            self.keep.addItem(self.tr("Choose the unit the child really is in"), "")
            for parent in parents:
                self.keep.addItem(parent, parent)
            self.keep.setCurrentIndex(max(self.keep.findData(kept), 0) if kept else 0)
        else:
            self.keep.addItem(self.tr("Only for a child installed in two units"), "")
        self.keep.blockSignals(False)
        self._update()

    def _update(self) -> None:
        conflict = self.selected()
        removing = self.resolution.currentData() == "remove_link"
        self.keep.setEnabled(removing and conflict is not None and bool(conflict.parents))
        self.button.setEnabled(
            conflict is not None and (not removing or bool(self.keep.currentData()))
        )

    def _submit(self) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        resolution = str(self.resolution.currentData())
        keep = str(self.keep.currentData() or "") if resolution == "remove_link" else ""
        self.sig_request.emit(
            ResolveConflict(
                LeadSignature("", ""), conflict.id, resolution, self.reason.text(), keep
            )
        )
