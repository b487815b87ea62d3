"""Unlocking a lead's PIN locked after too many wrong tries: signed by another lead."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from tracestation.station.lead_requests import LeadSignature, UnlockPin
from tracestation.ui.lead.forms import action_button, form_layout, line_edit


class PinForm(QWidget):
    """Emits `sig_request` with an `UnlockPin`; the lead page adds the signing lead's badge
    and PIN (the lead who unlocks, never the one locked out)."""

    sig_request = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel(
            self.tr(
                "A lead's PIN locks after too many wrong tries. It unlocks when its time runs "
                "out, or here, signed by another lead."
            ),
            self,
        )
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.badge = line_edit(
            self, self.tr("Badge of the locked lead (scan it here)"), name="unlockBadge"
        )
        self.reason = line_edit(self, self.tr("Why (shown in the record)"), name="unlockReason")
        self.button = action_button(
            self, self.tr("Unlock PIN"), kind="warning", name="unlockButton"
        )
        form = form_layout(self)
        form.addRow("", self.hint)
        form.addRow(self.tr("Badge"), self.badge)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow("", self.button)
        self.button.clicked.connect(self._submit)

    def _submit(self) -> None:
        self.sig_request.emit(
            UnlockPin(LeadSignature("", ""), self.badge.text(), self.reason.text())
        )
