"""Printable sheets of station codes (commands, reason and defect codes, operations, badges, a
work order's traveler) as A4 PDF pages, so nobody on the line types.

Each code is a Code 128 symbol (`]C0`) with its data printed under it and a caption saying what
it does. Modules are whole dots at the sheet's resolution (203 dpi unless asked), 0.5 mm where a
code fits in a half-page column, else across the page, never under 0.25 mm; bars are 12 mm high
and quiet zones ten modules wide, so a sheet printed on a 203-dpi label printer or an office
printer scans with any handheld scanner.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.pdfgen.canvas import Canvas

from tracestation.labels.layout import Item, Page, Rule, Symbol, Text, fitted, text_width
from tracestation.labels.sizes import (
    SPECS,
    SymbolTooLarge,
    SymbolUse,
    bar_height_dots,
    dots_to_mm,
    mm_to_dots,
    module_dots,
)
from tracestation.labels.symbols import encode
from tracestation.labels.templates import Barcode

A4_MM = (210.0, 297.0)
_USE = SymbolUse.SHEET


@dataclass(frozen=True)
class SheetCode:
    """One code: what the barcode holds (`CMD:DONE`, a bare badge) and what it is for."""

    data: str
    caption: str


@dataclass(frozen=True)
class SheetSection:
    title: str
    codes: tuple[SheetCode, ...]


@dataclass(frozen=True)
class Sheet:
    title: str
    subtitle: str
    sections: tuple[SheetSection, ...]

    @property
    def codes(self) -> list[SheetCode]:
        return [code for section in self.sections for code in section.codes]


def render_sheet_pdf(sheet: Sheet, dpi: int = 203) -> bytes:
    """The sheet as a PDF of A4 pages, drawn in whole dots at `dpi`."""
    from tracestation.labels.pdf import draw_page

    buffer = BytesIO()
    canvas = Canvas(buffer, pageCompression=1)
    canvas.setTitle(sheet.title)
    for page in sheet_pages(sheet, dpi):
        draw_page(canvas, page)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sheet_pages(sheet: Sheet, dpi: int = 203) -> list[Page]:
    return _SheetLayout(sheet, dpi).pages()


class _SheetLayout:
    """Codes in two columns down A4 pages; a code too long for a column takes the page's
    width. A section title starts a new row; a page that fills up continues on the next, with
    the sheet's title again."""

    def __init__(self, sheet: Sheet, dpi: int) -> None:
        self.sheet, self.dpi = sheet, dpi
        self.width, self.height = mm_to_dots(A4_MM[0], dpi), mm_to_dots(A4_MM[1], dpi)
        self.margin = self.mm(12)
        self.room = self.width - 2 * self.margin
        self.column = (self.room - self.mm(8)) // 2
        self.done: list[Page] = []
        self.items: list[Item] = []
        self.y = 0

    def mm(self, value: float) -> int:
        return mm_to_dots(value, self.dpi)

    def pages(self) -> list[Page]:
        self._new_page()
        for section in self.sheet.sections:
            self._section(section)
        self._finish_page()
        count = len(self.done)
        return [
            Page(page.width, page.height, page.dpi, (*page.items, self._footer(n, count)))
            for n, page in enumerate(self.done, 1)
        ]

    def _section(self, section: SheetSection) -> None:
        if self.y + self.mm(8) + self._cell_height() > self.height - self.margin:
            self._finish_page()
            self._new_page()
        self._text(self.margin, self.y, 5, section.title, self.room, bold=True)
        self.items.append(Rule(self.margin, self.y + self.mm(6.5), self.room, max(2, self.mm(0.3))))
        self.y += self.mm(9)
        at = 0  # the column the next code goes in
        for code in section.codes:
            wide = not self._fits(code, self.column)
            if wide or at == 2:
                self.y += self._cell_height() if at else 0
                at = 0
            if self.y + self._cell_height() > self.height - self.margin:
                self._finish_page()
                self._new_page()
            x = self.margin + at * (self.column + self.mm(8))
            self._cell(code, x, self.room if wide else self.column)
            at = 2 if wide else at + 1
        if at:
            self.y += self._cell_height()
        self.y += self.mm(3)

    def _fits(self, code: SheetCode, room: int) -> bool:
        try:
            self._module(code, room)
        except SymbolTooLarge:
            return False
        # A column takes codes at the target module only; longer codes get the page's width.
        return dots_to_mm(self._module(code, room), self.dpi) >= SPECS[_USE].x_target_mm - 0.01

    def _module(self, code: SheetCode, room: int) -> int:
        modules = encode(Barcode.station(code.data)).width + 2 * SPECS[_USE].quiet_modules
        return module_dots(_USE, self.dpi, modules, room)

    def _cell_height(self) -> int:
        bar = bar_height_dots(_USE, self.dpi, self.mm(0.5))
        return bar + self.mm(1 + 3.5 * 1.2 + 3 * 1.2 + 5)

    def _cell(self, code: SheetCode, x: int, room: int) -> None:
        barcode = Barcode.station(code.data)
        modules = encode(barcode)
        module = self._module(code, room)
        quiet = SPECS[_USE].quiet_modules * module
        bar = bar_height_dots(_USE, self.dpi, self.mm(0.5))
        self.items.append(Symbol(x + quiet, self.y, module, bar, barcode, modules, _USE))
        below = self.y + bar + self.mm(1)
        below = self._text(x + quiet, below, 3.5, code.data, room - quiet, bold=True)
        self._text(x + quiet, below, 3, code.caption, room - quiet)

    def _new_page(self) -> None:
        self.items = []
        y = self._text(self.margin, self.margin, 6, self.sheet.title, self.room, bold=True)
        y = self._text(self.margin, y, 3.2, self.sheet.subtitle, self.room)
        self.y = y + self.mm(4)

    def _finish_page(self) -> None:
        self.done.append(Page(self.width, self.height, self.dpi, tuple(self.items)))

    def _footer(self, number: int, count: int) -> Text:
        text = f"{self.sheet.title} \u2014 page {number} of {count}"
        size = self.mm(2.8)
        x = self.width - self.margin - text_width(text, size)
        return Text(x, self.height - self.margin // 2 - size, size, text)

    def _text(
        self, x: int, y: int, size_mm: float, text: str, room: int, bold: bool = False
    ) -> int:
        size = self.mm(size_mm)
        if text:
            self.items.append(Text(x, y, size, fitted(text, size, room, bold), bold))
        return y + round(size * 1.2)
