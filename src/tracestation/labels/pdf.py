"""Labels as PDF pages (reportlab): every module, bar and line drawn at the printer dots the
layout chose, so a PDF printed at the template's resolution is dot for dot the ZPL label."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from tracestation.labels.layout import FONT, FONT_BOLD, Page, Picture, Rule, Symbol, Text, lay_out
from tracestation.labels.templates import Label

# Helvetica's ascender: the top of a text line to its baseline, in font heights.
_ASCENT = 0.78


def render_pdf(labels: Sequence[Label], dpi: int | None = None) -> bytes:
    """One page per label, each the label's size; `dpi` overrides the templates' resolution."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pageCompression=1)
    canvas.setTitle("TraceStation labels")
    for label in labels:
        draw_page(canvas, lay_out(label, dpi))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_page(canvas: Canvas, page: Page) -> None:
    pt = 72 / page.dpi  # points per printer dot
    canvas.setPageSize((page.width * pt, page.height * pt))

    def box(x: float, y: float, width: float, height: float) -> None:
        canvas.rect(x * pt, (page.height - y - height) * pt, width * pt, height * pt, 0, 1)

    canvas.setFillColorRGB(0, 0, 0)
    for item in page.items:
        if isinstance(item, Rule):
            box(item.x, item.y, item.width, item.height)
        elif isinstance(item, Text):
            canvas.setFont(FONT_BOLD if item.bold else FONT, item.height * pt)
            baseline = page.height - item.y - item.height * _ASCENT
            canvas.drawString(item.x * pt, baseline * pt, item.text)
        elif isinstance(item, Picture):
            canvas.drawImage(
                ImageReader(item.path),
                item.x * pt,
                (page.height - item.y - item.height) * pt,
                item.width * pt,
                item.height * pt,
                preserveAspectRatio=True,
                mask="auto",
            )
        else:
            _symbol(item, box)


def _symbol(symbol: Symbol, box: object) -> None:
    assert callable(box)
    m = symbol.module
    if symbol.bar_height:
        for start, length in symbol.modules.runs():
            box(symbol.x + start * m, symbol.y, length * m, symbol.bar_height)
        return
    for row in range(symbol.modules.height):
        for start, length in symbol.modules.runs(row):
            box(symbol.x + start * m, symbol.y + row * m, length * m, m)
