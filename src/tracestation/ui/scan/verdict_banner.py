"""The verdict banner: green accepted, red rejected with the reason, amber needs a line lead.

Painted by hand (no child labels, no style-sheet re-polish): a new verdict repaints this one
rectangle and nothing else, which keeps scan-to-verdict short. `sig_painted(number)` fires from
the first paint after a verdict is shown: the end point of bench/scan_to_verdict.py.
GUI thread only.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from tracestation.station.verdicts import Outcome

GLYPHS = {Outcome.ACCEPTED: "\u2714", Outcome.REJECTED: "\u2716", Outcome.NEEDS_OVERRIDE: "\u26a0"}
IDLE_GLYPH = "\u25cb"
# background, border, ink: white on green and red, near-black on amber (contrast >= 4.5:1)
COLOURS: dict[Outcome | None, tuple[QColor, QColor, QColor]] = {
    None: (QColor("#1f2933"), QColor("#334155"), QColor("#c8d3df")),
    Outcome.ACCEPTED: (QColor("#15803d"), QColor("#4ade80"), QColor("#ffffff")),
    Outcome.REJECTED: (QColor("#b91c1c"), QColor("#fca5a5"), QColor("#ffffff")),
    Outcome.NEEDS_OVERRIDE: (QColor("#f59e0b"), QColor("#fde68a"), QColor("#111111")),
}
MESSAGE_LINES = 3  # at the message's full size; a longer message is set smaller, never cut
SHORTEST_MESSAGE_LINES = 2  # what the banner keeps room for on a small screen
SMALLEST_MESSAGE_POINTS = 11
PAD_X, PAD_Y, GLYPH_WIDTH = 26, 16, 96


def _font(base: QFont, points: int, *, bold: bool = False, mono: bool = False) -> QFont:
    font = QFont(base)
    if mono:
        font.setFamilies(["DejaVu Sans Mono", "Consolas", "monospace"])
    font.setPointSize(points)
    font.setBold(bold)
    return font


class VerdictBanner(QWidget):
    sig_painted = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.outcome: Outcome | None = None
        self.title_text = ""
        self.message_text = ""
        self.scan_text = ""
        self.painted_at = 0.0
        self._unpainted: int | None = None
        base = self.font()
        self._glyph_font = _font(base, 60, bold=True)
        self._title_font = _font(base, 32, bold=True)
        self._message_font = _font(base, 22)
        self._scan_font = _font(base, 13, mono=True)
        self.show_idle(self.tr("Ready"), self.tr("Scan a label: no need to click anywhere first."))

    def _height_for(self, message_lines: int) -> int:
        return (
            QFontMetrics(self._title_font).lineSpacing()
            + message_lines * QFontMetrics(self._message_font).lineSpacing()
            + QFontMetrics(self._scan_font).lineSpacing()
            + 2 * PAD_Y
            + 12
        )

    def sizeHint(self) -> QSize:
        return QSize(800, self._height_for(MESSAGE_LINES))

    def minimumSizeHint(self) -> QSize:
        return QSize(GLYPH_WIDTH + 300, self._height_for(SHORTEST_MESSAGE_LINES))

    def message_font_for(self, area: QRect) -> QFont:
        """The message's font, smaller step by step until the whole message fits `area`: the
        "what to do" at the end of a long refusal stays on screen."""
        font = QFont(self._message_font)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        while font.pointSize() > SMALLEST_MESSAGE_POINTS:
            needed = QFontMetrics(font).boundingRect(area, flags, self.message_text)
            if needed.height() <= area.height() and needed.width() <= area.width():
                break
            font.setPointSize(font.pointSize() - 1)
        return font

    def message_fits(self) -> bool:
        """Whether the whole message shows in the banner as it is now (for tests)."""
        area = self.message_area()
        font = self.message_font_for(area)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        return QFontMetrics(font).boundingRect(area, flags, self.message_text).height() <= (
            area.height()
        )

    def message_area(self) -> QRect:
        text = self.rect().adjusted(PAD_X + GLYPH_WIDTH + 20, PAD_Y, -PAD_X, -PAD_Y)
        title_height = QFontMetrics(self._title_font).lineSpacing()
        scan_height = QFontMetrics(self._scan_font).lineSpacing()
        return QRect(
            text.left(),
            text.top() + title_height + 4,
            text.width(),
            text.height() - title_height - scan_height - 8,
        )

    @property
    def background(self) -> QColor:
        return COLOURS[self.outcome][0]

    def show_idle(self, title: str, message: str) -> None:
        self.outcome = None
        self._set(title, message, "")

    def show_verdict(self, outcome: Outcome, message: str, scan_line: str, number: int = 0) -> None:
        self.outcome = outcome
        self._unpainted = number
        self._set(self.title_for(outcome), message, scan_line)

    def title_for(self, outcome: Outcome) -> str:
        if outcome is Outcome.ACCEPTED:
            return self.tr("Accepted")
        if outcome is Outcome.REJECTED:
            return self.tr("Rejected")
        return self.tr("Needs a line lead")

    def _set(self, title: str, message: str, scan_line: str) -> None:
        self.title_text, self.message_text, self.scan_text = title, message, scan_line
        self.setProperty(
            "outcome", self.outcome.value if self.outcome else "idle"
        )  # for tests and tools
        self.setAccessibleName(title)
        self.setAccessibleDescription(message)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        background, border, ink = COLOURS[self.outcome]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        parent = self.parentWidget()
        painter.fillRect(
            self.rect(), parent.palette().window() if parent is not None else background
        )
        painter.setPen(QPen(border, 2))
        painter.setBrush(background)
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 8, 8)
        painter.setPen(ink)
        inner = self.rect().adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        painter.setFont(self._glyph_font)
        glyph = GLYPHS[self.outcome] if self.outcome else IDLE_GLYPH
        painter.drawText(
            QRect(inner.left(), inner.top(), GLYPH_WIDTH, inner.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            glyph,
        )
        text = inner.adjusted(GLYPH_WIDTH + 20, 0, 0, 0)
        title_height = QFontMetrics(self._title_font).lineSpacing()
        scan_height = QFontMetrics(self._scan_font).lineSpacing()
        painter.setFont(self._title_font)
        painter.drawText(
            QRect(text.left(), text.top(), text.width(), title_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.title_text,
        )
        message = self.message_area()
        painter.setFont(self.message_font_for(message))
        painter.drawText(
            message,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            self.message_text,
        )
        painter.setFont(self._scan_font)
        painter.drawText(
            QRect(text.left(), text.bottom() - scan_height, text.width(), scan_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self.scan_text,
        )
        painter.end()
        if self._unpainted is not None:
            self.painted_at = time.perf_counter()
            number, self._unpainted = self._unpainted, None
            self.sig_painted.emit(number)
