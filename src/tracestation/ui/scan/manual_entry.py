"""Typing a label by hand, for a damaged barcode. What is sent from here is marked manual.

The field never takes focus by itself: keys go to it only after a click or when the window hands
it a person's typing (`begin`). After Enter or Escape it gives focus back to the window, so the
next wedge scan is a scan again. A PIN typed here shows as dots. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from tracestation.barcodes.shown import holds_pin


class ManualLineEdit(QLineEdit):
    sig_escape = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.sig_escape.emit()
            return
        super().keyPressEvent(event)


class ManualEntry(QFrame):
    sig_submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("manualEntry")
        self.caption = QLabel(self.tr("Damaged label?"), self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setObjectName("manualCaption")
        self.field = ManualLineEdit(self)
        self.field.setObjectName("manualField")
        self.field.setPlaceholderText(self.tr("Type what the label says, then press Enter"))
        self.field.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.field.setAccessibleName(self.tr("Manual entry"))
        self.button = QPushButton(self.tr("Enter by hand"), self)
        self.button.setObjectName("manualButton")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        grid = QGridLayout(self)  # the caption above: the row fits a third of a 1280 screen
        grid.setContentsMargins(12, 6, 12, 8)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.caption, 0, 0, 1, 2)
        grid.addWidget(self.field, 1, 0)
        grid.addWidget(self.button, 1, 1)
        grid.setColumnStretch(0, 1)
        self.field.returnPressed.connect(self.submit)
        self.field.textChanged.connect(self._mask_a_pin)
        self.field.sig_escape.connect(self.cancel)
        self.button.clicked.connect(self.submit)

    def begin(self, text: str) -> None:
        """Open manual entry with the keys a person already typed."""
        self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.field.end(False)

    def submit(self) -> None:
        text = self.field.text().strip()
        if not text:
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.field.clear()
        self._hand_back_focus()
        self.sig_submitted.emit(text)

    def _mask_a_pin(self, text: str) -> None:
        """A lead typing `PIN:...` by hand sees dots, as anyone looking over a shoulder does."""
        masked = QLineEdit.EchoMode.Password if holds_pin(text) else QLineEdit.EchoMode.Normal
        if self.field.echoMode() != masked:
            self.field.setEchoMode(masked)

    def cancel(self) -> None:
        self.field.clear()
        self._hand_back_focus()

    def _hand_back_focus(self) -> None:
        self.field.clearFocus()
        self.window().setFocus(Qt.FocusReason.OtherFocusReason)
