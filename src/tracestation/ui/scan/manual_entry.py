"""Typing a label by hand, for a damaged barcode. What is sent from here is marked manual.

The field never takes focus by itself: keys go to it only after a click or when the window hands
it a person's typing (`begin`). After Enter or Escape it gives focus back to the window, so the
next wedge scan is a scan again. A scanner's burst that lands in the field anyway (the field was
left open) is told apart by its rhythm, as the window does (`WedgeConfig`): it goes to the
station as a scan (`sig_scanned`), not as manual entry, and what the person typed stays in the
field. A PIN typed here shows as dots. GUI thread only.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from tracestation.barcodes.shown import holds_pin
from tracestation.scanners import WedgeConfig


def _key_time(event: QKeyEvent) -> float:
    stamp = event.timestamp()
    return stamp / 1000 if stamp else time.monotonic()


class ManualLineEdit(QLineEdit):
    """Remembers when the keys at the end of its text came, to tell a scanner's burst."""

    sig_escape = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wedge = WedgeConfig()
        self._run_start = 0  # where in the text the last run of fast keys began
        self._last_key: float | None = None
        self._ended_fast = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.sig_escape.emit()
            return
        at = _key_time(event)
        fast = self._last_key is not None and at - self._last_key <= self.wedge.max_key_gap
        self._last_key = at
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._ended_fast = fast
        elif not fast:
            self._run_start = len(self.text())
        super().keyPressEvent(event)

    def scanned_burst(self) -> str | None:
        """The scanner's burst at the end of the text, when the last keys and Enter came at a
        scanner's speed and were enough for a scan; else None (a person typed it)."""
        burst = self.text()[self._run_start :]
        if self._ended_fast and len(burst) >= self.wedge.min_length:
            return burst
        return None

    def forget_keys(self) -> None:
        self._run_start, self._last_key, self._ended_fast = 0, None, False


class ManualEntry(QFrame):
    sig_submitted = Signal(str)  # typed by hand: recorded as manual
    sig_scanned = Signal(str)  # a scanner's burst that landed in the field: a scan

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
        self.field.forget_keys()
        self.field.setText(text)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.field.end(False)

    def submit(self) -> None:
        burst = self.field.scanned_burst()
        if burst is not None:
            typed = self.field.text()[: len(self.field.text()) - len(burst)]
            self.field.setText(typed)
            self.field.forget_keys()
            if not typed.strip():
                self._hand_back_focus()
            self.sig_scanned.emit(burst)
            return
        text = self.field.text().strip()
        if not text:
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.field.clear()
        self.field.forget_keys()
        self._hand_back_focus()
        self.sig_submitted.emit(text)

    def _mask_a_pin(self, text: str) -> None:
        """A lead typing `PIN:...` by hand sees dots, as anyone looking over a shoulder does."""
        masked = QLineEdit.EchoMode.Password if holds_pin(text) else QLineEdit.EchoMode.Normal
        if self.field.echoMode() != masked:
            self.field.setEchoMode(masked)

    def cancel(self) -> None:
        self.field.clear()
        self.field.forget_keys()
        self._hand_back_focus()

    def _hand_back_focus(self) -> None:
        self.field.clearFocus()
        self.window().setFocus(Qt.FocusReason.OtherFocusReason)
