"""One field of the top bar: a caption above a value, readable from a distance."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from tracestation.ui.restyle import set_style_state


class Field(QFrame):
    """A caption above a value, readable from a distance."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topField")
        self.caption = QLabel(caption, self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setObjectName("topCaption")
        self.value = QLabel("\u2014", self)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setObjectName("topValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set(self, text: str | None, state: str = "normal") -> None:
        self.value.setText(text or "\u2014")
        set_style_state(self.value, "state", state)
