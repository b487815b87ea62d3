"""The verdict banner: green accepted, red rejected with the reason, amber needs a line lead,
orange a failed test (the station took the result; the unit goes to rework).

Each verdict is visibly new: the banner flashes a white frame for a moment and counts the scans
(`#12`), so two accepted scans in a row do not look like one (a missed scan leaves the old number).

Painted by hand (no child labels, no style-sheet re-polish): a new verdict repaints this one
rectangle and nothing else, which keeps scan-to-verdict short. `sig_painted(number)` fires from
the first paint after a verdict is shown: the end point of bench/scan_to_verdict.py.
GUI thread only.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
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
# A failed test is recorded (accepted by the station) but is no pass: its own look.
TEST_FAILED = "test_failed"
TEST_FAILED_COLOURS = (QColor("#c2410c"), QColor("#fdba74"), QColor("#ffffff"))
TEST_FAILED_GLYPH = "\u2718"
FLASH_MS = 350
FLASH_PEN = 6
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
        self.look: str | None = None  # TEST_FAILED, or None for the outcome's own look
        self.number = 0  # the scan this verdict answers (shown as #n)
        self.flashing = False
        self._flash_end = QTimer(self)
        self._flash_end.setSingleShot(True)
        self._flash_end.setInterval(FLASH_MS)
        self._flash_end.timeout.connect(self._end_flash)
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
    def colours(self) -> tuple[QColor, QColor, QColor]:
        if self.look == TEST_FAILED:
            return TEST_FAILED_COLOURS
        return COLOURS.get(self.outcome, COLOURS[Outcome.REJECTED])

    @property
    def background(self) -> QColor:
        return self.colours[0]

    def show_idle(self, title: str, message: str) -> None:
        self.outcome = None
        self.look = None
        self._set(title, message, "")

    def show_verdict(
        self,
        outcome: Outcome,
        message: str,
        scan_line: str,
        number: int = 0,
        look: str | None = None,
    ) -> None:
        self.outcome = outcome
        self.look = look
        self.number = number
        self._unpainted = number
        self.flashing = True
        self._flash_end.start()
        self._set(self.title_for(outcome), message, scan_line)

    def _end_flash(self) -> None:
        self.flashing = False
        self.update()

    def title_for(self, outcome: Outcome) -> str:
        if self.look == TEST_FAILED:
            return self.tr("Test failed")
        if outcome is Outcome.ACCEPTED:
            return self.tr("Accepted")
        if outcome is Outcome.REJECTED:
            return self.tr("Rejected")
        return self.tr("Needs a line lead")

    def _set(self, title: str, message: str, scan_line: str) -> None:
        self.title_text, self.message_text, self.scan_text = title, message, scan_line
        self.setProperty(
            "outcome", self.look or (self.outcome.value if self.outcome else "idle")
        )  # for tests and tools
        self.setAccessibleName(title)
        self.setAccessibleDescription(message)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        background, border, ink = self.colours if self.outcome else COLOURS[None]
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
        glyph = IDLE_GLYPH
        if self.look == TEST_FAILED:
            glyph = TEST_FAILED_GLYPH
        elif self.outcome:
            glyph = GLYPHS.get(self.outcome, GLYPHS[Outcome.REJECTED])
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
        scan_row = QRect(text.left(), text.bottom() - scan_height, text.width(), scan_height)
        painter.drawText(
            scan_row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.scan_text
        )
        if self.outcome is not None and self.number:
            painter.drawText(
                scan_row,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"#{self.number}",
            )
        if self.flashing and self.outcome is not None:
            painter.setPen(QPen(QColor("#ffffff"), FLASH_PEN))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = FLASH_PEN // 2 + 1
            painter.drawRoundedRect(self.rect().adjusted(half, half, -half, -half), 8, 8)
        painter.end()
        if self._unpainted is not None:
            self.painted_at = time.perf_counter()
            number, self._unpainted = self._unpainted, None
            self.sig_painted.emit(number)
