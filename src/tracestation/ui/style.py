"""The station's look: its style sheet and text sizes, scaled for the screen it runs on."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from tracestation.resources import resources_dir

BASE_POINTS = 15
_POINTS = re.compile(r"(\d+(?:\.\d+)?)pt\b")


def style_sheet(font_scale: float = 1.0) -> str:
    """The station's style sheet, every text size in it times `font_scale`."""
    path = resources_dir() / "ui" / "station.qss"
    sheet = path.read_text(encoding="utf-8") if path.is_file() else ""
    if font_scale == 1.0:
        return sheet
    return _POINTS.sub(lambda m: f"{max(6, round(float(m.group(1)) * font_scale))}pt", sheet)


def apply_font_scale(app: QApplication, font_scale: float) -> None:
    """Text sizes for a large screen (or a small one): the application font and the sheet."""
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSize(max(6, round(BASE_POINTS * font_scale)))
    app.setFont(font)
    app.setStyleSheet(style_sheet(font_scale))
