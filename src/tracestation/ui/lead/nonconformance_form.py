"""Opening a nonconformance on a unit or a lot, signed by the lead."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from tracestation.domain.model import Defect
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
        # Picked from the catalogue of master data (or scanned/typed: DEF:<code> is read too).
        self.defect = QComboBox(self)
        self.defect.setObjectName("ncDefect")
        self.defect.setEditable(True)
        editor = self.defect.lineEdit()
        if editor is not None:  # an editable combo box has one
            editor.setPlaceholderText(self.tr("Defect code, e.g. SOLDER-BRIDGE"))
        self.hold = QCheckBox(self.tr("Put the lot on hold"), self)
        self.hold.setObjectName("ncHold")
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
        form.addRow("", self.hold)
        form.addRow("", self.button)
        self.button.clicked.connect(self._submit)

    def set_defects(self, defects: list[Defect]) -> None:
        """The catalogue's codes to pick from, each with its description; what was typed stays."""
        typed = self.defect.currentText()
        self.defect.clear()
        for defect in defects:
            self.defect.addItem(f"{defect.code} \u2014 {defect.description}", defect.code)
        self.defect.setEditText(typed)

    def defect_code(self) -> str:
        """The picked code, or the typed one (a scanned DEF: prefix dropped)."""
        text = self.defect.currentText().strip()
        index = self.defect.findText(text)
        if index >= 0:
            return str(self.defect.itemData(index))
        return text.removeprefix("DEF:").strip()

    def _submit(self) -> None:
        lot = str(self.kind.currentData()) == "lot"
        self.sig_request.emit(
            OpenNonconformance(
                LeadSignature("", ""),
                str(self.kind.currentData()),
                self.subject.text(),
                self.defect_code(),
                self.description.toPlainText(),
                str(self.disposition.currentData()),
                self.number.text(),
                hold=lot and self.hold.isChecked(),
            )
        )
