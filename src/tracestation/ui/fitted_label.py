"""A label that keeps its height and sets a long text smaller instead of growing.

The prompt at 32 points took three lines ("Kitting complete. Scan units of CTRL-500 to move them
on.") and pushed the damaged-label row off a 768-pixel screen. `FittedLabel` keeps room for
`lines` lines at the style sheet's size and, when the text needs more, draws it a point smaller
at a time down to `smallest_points`, so the whole sentence stays. `text()` is the whole text.
GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)


class FittedLabel(QLabel):
    def __init__(
        self, parent: QWidget | None = None, *, lines: int = 2, smallest_points: int = 14
    ) -> None:
        super().__init__(parent)
        self.lines = lines
        self.smallest_points = smallest_points
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def hasHeightForWidth(self) -> bool:
        return False

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        height = self.lines * metrics.lineSpacing() + margins.top() + margins.bottom()
        return QSize(metrics.horizontalAdvance(self.text()) // self.lines + 1, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M" * 8), self.sizeHint().height())

    def fitted_font(self, area: QRect | None = None) -> QFont:
        area = area or self.contentsRect()
        font = QFont(self.font())
        while font.pointSize() > self.smallest_points:
            needed = QFontMetrics(font).boundingRect(area, _WRAP, self.text())
            if needed.height() <= area.height() and needed.width() <= area.width():
                break
            font.setPointSize(font.pointSize() - 1)
        return font

    def fits(self) -> bool:
        area = self.contentsRect()
        needed = QFontMetrics(self.fitted_font(area)).boundingRect(area, _WRAP, self.text())
        return needed.height() <= area.height()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.fitted_font())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), _WRAP, self.text())
        painter.end()
