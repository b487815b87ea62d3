"""The page furniture every report shares: A4, a title line, the generation time and
"page N of M" on every page, tables that repeat their header and wrap long cells.

Fonts: DejaVu Sans where the system has it (names such as "Ștefan Țurcan" print as they are
written), else Helvetica, which prints Latin-1 only.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _fonts() -> tuple[str, str]:
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.is_file() and bold.is_file():
        try:
            pdfmetrics.registerFont(TTFont("ReportSans", str(regular)))
            pdfmetrics.registerFont(TTFont("ReportSans-Bold", str(bold)))
            return "ReportSans", "ReportSans-Bold"
        except Exception:  # a damaged font file: Helvetica still prints the report
            pass
    return "Helvetica", "Helvetica-Bold"


FONT, FONT_BOLD = _fonts()
TITLE = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4)
HEADING = ParagraphStyle(
    "heading", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4
)
BODY = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=11)
CELL = ParagraphStyle("cell", fontName=FONT, fontSize=7.5, leading=9.2)
CELL_BOLD = ParagraphStyle("cellBold", parent=CELL, fontName=FONT_BOLD)
WIDTH = A4[0] - 30 * mm


def text(value: Any, style: ParagraphStyle = BODY) -> Paragraph:
    return Paragraph(escape("" if value is None else str(value)), style)


def heading(value: str) -> Paragraph:
    return Paragraph(escape(value), HEADING)


def table(
    header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[float]
) -> Flowable:
    """A table of `rows` under `header`; `widths` are fractions of the text width. An empty
    table says so in one line."""
    if not rows:
        return text("None recorded.")
    data: list[list[Flowable]] = [[text(h, CELL_BOLD) for h in header]]
    data += [[c if isinstance(c, Flowable) else text(c, CELL) for c in row] for row in rows]
    result = Table(data, colWidths=[w * WIDTH for w in widths], repeatRows=1)
    result.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e8ee")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa3ad")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return result


def facts(pairs: Sequence[tuple[str, Any]]) -> Flowable:
    """Label: value lines in two columns."""
    data = [[text(k, CELL_BOLD), text(v, CELL)] for k, v in pairs]
    result = Table(data, colWidths=[0.25 * WIDTH, 0.75 * WIDTH])
    result.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return result


def space(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)


def generated_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def write_pdf(out: Path, title: str, generated: str, story: list[Flowable]) -> None:
    """Lay `story` out on A4 pages into `out`, each page with `title`, the generation time and
    its number of the total. Raises OSError when `out` cannot be written."""

    class Numbered(Canvas):
        """Pages kept until the end so each can say how many there are."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._pages)
            for number, page in enumerate(self._pages, 1):
                self.__dict__.update(page)
                self._furniture(number, total)
                super().showPage()
            super().save()

        def _furniture(self, number: int, total: int) -> None:
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor("#4a5563"))
            width, _ = A4
            self.drawString(15 * mm, 10 * mm, f"{title} \u00b7 generated {generated}")
            self.drawRightString(width - 15 * mm, 10 * mm, f"Page {number} of {total}")
            self.drawString(15 * mm, A4[1] - 10 * mm, "TraceStation")

    document = SimpleDocTemplate(
        str(out),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=16 * mm,
        bottomMargin=17 * mm,
        title=title,
        author="TraceStation",
    )
    document.build(story, canvasmaker=Numbered)
