"""Opening a nonconformance on a unit or a lot, signed by the lead."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget

from tracestation.station.lead import DISPOSITIONS
from tracestation.station.lead_requests import LeadSignature, OpenNonconformance, ReprintLabel
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


class ReprintForm(QWidget):
    """Reprinting a unit or carton label through the station's printer, signed by the lead."""

    sig_request = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = line_edit(self, self.tr("Serial or PART/SERIAL"), name="reprintUnit")
        self.unit_button = action_button(
            self, self.tr("Reprint unit label"), name="reprintUnitButton"
        )
        self.carton = line_edit(self, self.tr("SSCC of the carton"), name="reprintCarton")
        self.carton_button = action_button(
            self, self.tr("Reprint carton label"), name="reprintCartonButton"
        )
        form = form_layout(self)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow("", self.unit_button)
        form.addRow(self.tr("Carton"), self.carton)
        form.addRow("", self.carton_button)
        self.unit_button.clicked.connect(self._unit)
        self.carton_button.clicked.connect(self._carton)

    def _unit(self) -> None:
        self.sig_request.emit(ReprintLabel(LeadSignature("", ""), "unit", self.unit.text()))

    def _carton(self) -> None:
        self.sig_request.emit(ReprintLabel(LeadSignature("", ""), "container", self.carton.text()))
