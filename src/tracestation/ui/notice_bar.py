"""A non-modal notice across the window, with an optional action button (never a dialog).

Used for the first start on an empty database ("Load the demo plant"), for station faults and
to call a lead when the station's knowledge of the line is too old (see `sync_status`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from tracestation.ui.restyle import set_style_state


class NoticeBar(QFrame):
    sig_action = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setObjectName("noticeText")
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.setObjectName("noticeButton")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.clicked.connect(self.sig_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_notice(self, text: str, kind: str = "info", action: str | None = None) -> None:
        self.text.setText(text)
        self.button.setVisible(action is not None)
        self.button.setEnabled(True)
        if action is not None:
            self.button.setText(action)
        set_style_state(self, "kind", kind, self.text)
        self.show()

    def withdraw(self, text: str) -> None:
        """Hide the notice if it still says `text` (a later notice by someone else stays)."""
        if self.isVisible() and self.text.text() == text:
            self.hide()
