"""One field of the top bar: a caption above a value, readable from a distance."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from tracestation.ui.restyle import set_style_state

SHORTEST_CHARACTERS = 6  # a field keeps room for this many, then ends its value in "…"


class ElidedLabel(QLabel):
    """One line that ends in "…" when its field is narrower than the text (the whole text
    stays in `text()` and the tooltip), so a long value never widens the window."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        shortest = self.fontMetrics().horizontalAdvance("M" * SHORTEST_CHARACTERS)
        return QSize(min(hint.width(), shortest), hint.height())

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self.contentsRect().width()

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )
        painter.end()


class Field(QFrame):
    """A caption above a value, readable from a distance."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("topField")
        self.caption = ElidedLabel(caption, self)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setObjectName("topCaption")
        self.value = ElidedLabel("\u2014", self)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setObjectName("topValue")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set(self, text: str | None, state: str = "normal") -> None:
        self.value.setText(text or "\u2014")
        set_style_state(self.value, "state", state)
