"""Lot actions for a line lead: hold, release, quarantine, scrap, split and merge."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from tracestation.station.lead_requests import (
    LOT_STATUS_ACTIONS,
    ChangeLotStatus,
    LeadSignature,
    MergeLots,
    SplitLot,
)
from tracestation.ui.lead.forms import action_button, form_layout, line_edit


class LotActionsForm(QWidget):
    """Emits `sig_request` with a lead request; the lead page adds the signature."""

    sig_request = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lot = line_edit(
            self, self.tr("PART/LOT, e.g. SCREW-M3/L-2291 (or scan the lot label)"), name="lotField"
        )
        self.reason = line_edit(self, self.tr("Why (shown in the record)"), name="reasonField")
        self.status_buttons = {
            "hold": action_button(self, self.tr("Hold"), kind="warning", name="holdButton"),
            "release": action_button(
                self, self.tr("Release"), kind="success", name="releaseButton"
            ),
            "quarantine": action_button(
                self, self.tr("Quarantine"), kind="warning", name="quarantineButton"
            ),
            "scrap": action_button(self, self.tr("Scrap"), kind="danger", name="scrapButton"),
        }
        self.split_qty = line_edit(self, self.tr("Quantity to split off"), name="splitQty")
        self.split_code = line_edit(self, self.tr("New lot code (optional)"), name="splitCode")
        self.split_button = action_button(self, self.tr("Split"), name="splitButton")
        self.merge_lots = line_edit(
            self, self.tr("Other lots: PART/LOT, separated by spaces"), name="mergeLots"
        )
        self.merge_code = line_edit(self, self.tr("Merged lot code (optional)"), name="mergeCode")
        self.merge_button = action_button(self, self.tr("Merge"), name="mergeButton")
        self._layout()
        for action, button in self.status_buttons.items():
            button.clicked.connect(lambda _checked=False, a=action: self._status(a))
        self.split_button.clicked.connect(self._split)
        self.merge_button.clicked.connect(self._merge)

    def _layout(self) -> None:
        lot_box = QGroupBox(self.tr("Lot"), self)
        form = form_layout(lot_box)
        form.addRow(self.tr("Lot"), self.lot)
        form.addRow(self.tr("Reason"), self.reason)
        status_row = QHBoxLayout()
        for action in LOT_STATUS_ACTIONS:
            status_row.addWidget(self.status_buttons[action])
        form.addRow(self.tr("Disposition"), status_row)
        split_box = QGroupBox(self.tr("Split"), self)
        split = form_layout(split_box)
        split.addRow(self.tr("Quantity"), self.split_qty)
        split.addRow(self.tr("New lot"), self.split_code)
        split.addRow("", self.split_button)
        merge_box = QGroupBox(self.tr("Merge into a new lot"), self)
        merge = form_layout(merge_box)
        merge.addRow(self.tr("With"), self.merge_lots)
        merge.addRow(self.tr("New lot"), self.merge_code)
        merge.addRow("", self.merge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(lot_box)
        columns = QHBoxLayout()
        columns.addWidget(split_box)
        columns.addWidget(merge_box)
        layout.addLayout(columns)
        layout.addStretch(1)

    def _status(self, action: str) -> None:
        self.sig_request.emit(
            ChangeLotStatus(_UNSIGNED, self.lot.text(), action, self.reason.text())
        )

    def _split(self) -> None:
        self.sig_request.emit(
            SplitLot(
                _UNSIGNED,
                self.lot.text(),
                self.split_qty.text(),
                self.split_code.text(),
                self.reason.text() or "split",
            )
        )

    def _merge(self) -> None:
        lots = (self.lot.text(), *self.merge_lots.text().replace(",", " ").split())
        self.sig_request.emit(
            MergeLots(
                _UNSIGNED,
                tuple(t for t in lots if t.strip()),
                self.merge_code.text(),
                self.reason.text() or "merge",
            )
        )


_UNSIGNED = LeadSignature("", "")
