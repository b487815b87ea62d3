"""Opening a nonconformance on a unit or a lot, signed by the lead."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from tracestation.station.lead import DISPOSITIONS
from tracestation.station.lead_requests import LeadSignature, OpenNonconformance
from tracestation.ui.lead.forms import action_button, form_layout, line_edit


class NonconformanceForm(QWidget):
    sig_request = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = line_edit(self, self.tr("e.g. NC-0042"), name="ncNumber")
        self.kind = QComboBox(self)
        self.kind.setObjectName("ncKind")
        self.kind.addItem(self.tr("Unit"), "unit")
        self.kind.addItem(self.tr("Lot"), "lot")
        self.subject = line_edit(
            self, self.tr("PART/SERIAL or PART/LOT (or scan its label)"), name="ncSubject"
        )
        self.defect = line_edit(self, self.tr("Defect code, e.g. SOLDER-BRIDGE"), name="ncDefect")
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("ncDescription")
        self.description.setPlaceholderText(self.tr("What is wrong, where, how many"))
        self.description.setMaximumHeight(120)
        self.disposition = QComboBox(self)
        self.disposition.setObjectName("ncDisposition")
        names = {
            "use_as_is": self.tr("Use as is"),
            "rework": self.tr("Rework"),
            "scrap": self.tr("Scrap"),
            "return_to_vendor": self.tr("Return to vendor"),
        }
        for code in DISPOSITIONS:
            self.disposition.addItem(names.get(code, code), code)
        self.button = action_button(
            self, self.tr("Open nonconformance"), kind="warning", name="ncButton"
        )
        form = form_layout(self)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("Subject"), self.kind)
        form.addRow("", self.subject)
        form.addRow(self.tr("Defect"), self.defect)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Disposition"), self.disposition)
        form.addRow("", self.button)
        self.button.clicked.connect(self._submit)

    def _submit(self) -> None:
        self.sig_request.emit(
            OpenNonconformance(
                LeadSignature("", ""),
                str(self.kind.currentData()),
                self.subject.text(),
                self.defect.text(),
                self.description.toPlainText(),
                str(self.disposition.currentData()),
                self.number.text(),
            )
        )
