"""Where everything goes on a label, in printer dots, once for every renderer.

ZPL, PDF and PNG all draw the same `Page`: the same symbols with the same module size (whole
dots at the template's resolution), at the same place, with the same text. The origin is the
label's top left corner, y grows downwards (as in ZPL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

from tracestation.labels.gs1 import Element
from tracestation.labels.sizes import (
    SPECS,
    SymbolTooLarge,
    SymbolUse,
    bar_height_dots,
    mm_to_dots,
    module_dots,
)
from tracestation.labels.symbols import Modules, encode
from tracestation.labels.templates import Barcode, Field, Label, Symbology

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"


@dataclass(frozen=True)
class Text:
    x: int
    y: int  # top of the text line
    height: int  # font height in dots (ZPL ^A0 height; PDF font size)
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Rule:
    """A filled black rectangle: section lines."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    x: int
    y: int
    width: int
    height: int
    path: str


@dataclass(frozen=True)
class Symbol:
    x: int  # left edge of the first module (quiet zone outside)
    y: int
    module: int  # dots per module
    bar_height: int  # dots; 0 for a 2D symbol (square modules)
    barcode: Barcode
    modules: Modules
    use: SymbolUse

    @property
    def width(self) -> int:
        return self.modules.width * self.module

    @property
    def height(self) -> int:
        return self.bar_height or self.modules.height * self.module


Item = Text | Rule | Picture | Symbol


@dataclass(frozen=True)
class Page:
    width: int
    height: int
    dpi: int
    items: tuple[Item, ...]

    @property
    def symbols(self) -> list[Symbol]:
        return [item for item in self.items if isinstance(item, Symbol)]


def text_width(text: str, height: int, bold: bool = False) -> int:
    return round(stringWidth(text, FONT_BOLD if bold else FONT, height))


def fitted(text: str, height: int, room: int, bold: bool = False) -> str:
    """`text`, cut with '...' where it would run past `room` dots."""
    if text_width(text, height, bold) <= room:
        return text
    while text and text_width(text + "...", height, bold) > room:
        text = text[:-1]
    return text + "..."


def lay_out(label: Label, dpi: int | None = None) -> Page:
    """The label's page at `dpi` (default: the template's)."""
    template = label.template.with_dpi(dpi)
    dpi = template.dpi
    width, height = mm_to_dots(template.width_mm, dpi), mm_to_dots(template.height_mm, dpi)
    if label.kind == "carton":
        return _Logistic(label, width, height, dpi).page()
    return _Item(label, width, height, dpi).page()


class _Sheet:
    def __init__(self, width: int, height: int, dpi: int) -> None:
        self.width, self.height, self.dpi = width, height, dpi
        self.items: list[Item] = []
        self.margin = self.mm(3)

    def mm(self, value: float) -> int:
        return mm_to_dots(value, self.dpi)

    def text(self, x: int, y: int, size_mm: float, text: str, room: int, bold: bool = False) -> int:
        """Put a line of text; return the y below it."""
        size = self.mm(size_mm)
        if text:
            self.items.append(Text(x, y, size, fitted(text, size, room, bold), bold))
        return y + round(size * 1.2)

    def hri(self, symbol: Symbol, y: int, size_mm: float, bold: bool) -> None:
        """The human-readable line of a linear symbol, centred under its bars."""
        text = symbol.barcode.human_readable
        width = text_width(text, self.mm(size_mm), bold)
        x = max(self.margin, symbol.x + (symbol.width - width) // 2)
        self.text(x, y, size_mm, text, self.width - x - self.margin, bold)

    def linear(self, code: Barcode, use: SymbolUse, bottom: int) -> Symbol:
        """A linear symbol centred across the label, its bars ending at `bottom`, HRI below."""
        modules = encode(code)
        quiet = SPECS[use].quiet_modules
        module = module_dots(use, self.dpi, modules.width + 2 * quiet, self.width)
        bar = bar_height_dots(use, self.dpi, module)
        x = (self.width - modules.width * module) // 2
        return Symbol(x, bottom - bar, module, bar, code, modules, use)


class _Item(_Sheet):
    """Unit and lot labels: text top left, the GS1 DataMatrix top right with its HRI, the
    station code as Code 128 across the bottom."""

    def __init__(self, label: Label, width: int, height: int, dpi: int) -> None:
        super().__init__(width, height, dpi)
        self.label = label

    def page(self) -> Page:
        linear = [c for c in self.label.barcodes if not c.is_2d]
        matrix = [c for c in self.label.barcodes if c.is_2d]
        hri = self.mm(2.5)
        bottom = self.height - self.margin - round(hri * 1.3)
        top_of_linear = self.height
        for code in reversed(linear):
            symbol = self.linear(code, SymbolUse.ITEM_LINEAR, bottom)
            self.items.append(symbol)
            self.hri(symbol, bottom + round(hri * 0.2), 2.5, bold=False)
            top_of_linear = symbol.y
            bottom = symbol.y - self.mm(2) - round(hri * 1.3)
        left_room = self.width - 2 * self.margin
        if matrix:
            left_room = self._matrix(matrix[0], top_of_linear) - self.margin - self.mm(2)
        y = self.margin
        y = self.text(self.margin, y, 5, self.label.title, left_room, bold=True)
        for line in self.label.lines:
            if line and y + self.mm(3.2) <= top_of_linear:
                y = self.text(self.margin, y, 3.2, line, left_room)
        return Page(self.width, self.height, self.dpi, tuple(self.items))

    def _matrix(self, code: Barcode, limit: int) -> int:
        """Place the DataMatrix top right with its HRI below; return its column's left edge."""
        modules = encode(code)
        spec = SPECS[SymbolUse.ITEM_2D]
        room = min(limit - self.margin - self.mm(9), self.width // 3)
        module = module_dots(
            SymbolUse.ITEM_2D, self.dpi, modules.width + 2 * spec.quiet_modules, room
        )
        lines = [f"({e.ai}) {e.value}" for e in code.elements]
        hri = self.mm(2.2)
        column = max(modules.width * module, *(text_width(t, hri) for t in lines))
        left = self.width - self.margin - column
        size = modules.width * module
        self.items.append(Symbol(left, self.margin, module, 0, code, modules, SymbolUse.ITEM_2D))
        y = self.margin + size + module * spec.quiet_modules + self.mm(0.5)
        for line in lines:
            y = self.text(left, y, 2.2, line, column)
        return left


# The text of a logistic label shrinks to these fractions of its full size, before a symbol
# is left out: the data in symbols is what a warehouse scans.
_TEXT_SCALES = (1.0, 0.9, 0.8, 0.72, 0.65, 0.6)


class _Logistic(_Sheet):
    """The GS1 logistic label: ship-from (and logo) on top, the content in words in the
    middle, GS1-128 symbols at the bottom with the SSCC lowest.

    The bottom comes first: as many symbols as leave room for the text at one of
    `_TEXT_SCALES`, each at GS1's full logistic height; the text then fills what is left, at
    the largest of those sizes that fits."""

    def __init__(self, label: Label, width: int, height: int, dpi: int) -> None:
        super().__init__(width, height, dpi)
        self.label = label
        self.top_margin = self.mm(2)

    def page(self) -> Page:
        codes = list(self.label.barcodes)
        sscc = codes.pop()  # the SSCC comes last: it goes lowest
        others = _split_to_fit(codes, self)
        for count in range(len(others), -1, -1):
            top = self._bottom(sscc, others[:count], dry=True)
            for scale in _TEXT_SCALES:
                if self._text(scale, dry=True) <= top:
                    self._text(scale)
                    self._bottom(sscc, others[:count])
                    return Page(self.width, self.height, self.dpi, tuple(self.items))
        self._text(_TEXT_SCALES[-1])  # nothing fits: the SSCC still goes lowest, over the text
        self._bottom(sscc, [])
        return Page(self.width, self.height, self.dpi, tuple(self.items))

    def _text(self, scale: float, dry: bool = False) -> int:
        """Lay out the top and middle sections at `scale`; return the y below them."""
        kept = list(self.items)
        y = self._middle(self._top(scale), scale)
        if dry:
            self.items = kept
        return y

    def _rule(self, y: int) -> int:
        thick = max(2, self.mm(0.4))
        self.items.append(Rule(0, y, self.width, thick))
        return y + thick + self.mm(1.2)

    def _top(self, scale: float) -> int:
        template = self.label.template
        room = self.width - 2 * self.margin
        y = self.top_margin
        logo = self.mm(15 * scale)
        if template.logo:
            self.items.append(
                Picture(self.width - self.margin - logo, y, logo, logo, template.logo)
            )
            room -= logo + self.mm(2)
        if template.ship_from:
            y = self.text(self.margin, y, 2.5 * scale, "FROM", room, bold=True)
            for line in template.ship_from:
                y = self.text(self.margin, y, 3.2 * scale, line, room)
        if template.logo:
            y = max(y, self.top_margin + logo)
        if y == self.top_margin:
            return y
        return self._rule(y + self.mm(0.5))

    def _middle(self, y: int, scale: float) -> int:
        """The title, then the fields with their data titles in a grid of two to four columns,
        as many as make the fewest rows; a value too long for one column (the SSCC) takes
        two or more."""
        room = self.width - 2 * self.margin
        y = self.text(self.margin, y, 4.5 * scale, self.label.title, room, bold=True)
        caption, value = 2.3 * scale, 4.2 * scale
        row = self.mm(caption * 1.2 + value * 1.2 + 0.8 * scale)
        columns = min((2, 3, 4), key=lambda n: len(self._grid(n, room // n, self.mm(value))))
        column = room // columns
        for line, cells in enumerate(self._grid(columns, column, self.mm(value))):
            for field, at, span in cells:
                x = self.margin + at * column
                cell = span * column - self.mm(2)
                below = self.text(x, y + line * row, caption, field.caption, cell)
                self.text(x, below, value, field.value, cell, bold=True)
        rows = len(self._grid(columns, column, self.mm(value)))
        return self._rule(y + rows * row)

    def _grid(self, columns: int, column: int, height: int) -> list[list[tuple[Field, int, int]]]:
        """The fields in rows of `columns`: (field, first column, columns it takes)."""
        rows: list[list[tuple[Field, int, int]]] = []
        at = columns
        for field in self.label.fields:
            span = self._span(field, column, columns, height)
            if at + span > columns:
                rows.append([])
                at = 0
            rows[-1].append((field, at, span))
            at += span
        return rows

    def _span(self, field: Field, column: int, columns: int, height: int) -> int:
        need = text_width(field.value, height, bold=True) + self.mm(2)
        return next((n for n in range(1, columns) if n * column >= need), columns)

    def _bottom(self, sscc: Barcode, others: Sequence[Barcode], dry: bool = False) -> int:
        """The SSCC lowest and `others` above it in order; return the y above them all."""
        hri = round(self.mm(3) * 1.25)
        step = self.mm(1.5) + hri  # the gap and the HRI line under each symbol above the SSCC
        bottom = self.height - self.margin - hri
        y = self._symbol(sscc, bottom, dry).y - step
        for code in others:
            y = self._symbol(code, y, dry).y - step
        return y + step - self.mm(1)

    def _symbol(self, code: Barcode, bottom: int, dry: bool = False) -> Symbol:
        symbol = self.linear(code, SymbolUse.LOGISTIC, bottom)
        if not dry:
            self.items.append(symbol)
            self.hri(symbol, bottom + self.mm(0.5), 3, bold=True)
        return symbol


def _split_to_fit(codes: Sequence[Barcode], sheet: _Sheet) -> list[Barcode]:
    """GS1-128 symbols that each fit across the label at GS1's logistic module: each code's
    elements in order of importance, as many to a symbol as fit (fixed-length ones first
    within a symbol), in as few symbols as that takes."""
    out: list[Barcode] = []
    for code in codes:
        current: list[Element] = []
        for element in code.elements:
            trial = Barcode.gs1(Symbology.GS1_128, *current, element)
            if current and not _fits(trial, sheet):
                out.append(Barcode.gs1(Symbology.GS1_128, *current))
                current = [element]
            else:
                current.append(element)
        if current:
            out.append(Barcode.gs1(Symbology.GS1_128, *current))
    return [code for code in out if _fits(code, sheet)]


def _fits(code: Barcode, sheet: _Sheet) -> bool:
    quiet = SPECS[SymbolUse.LOGISTIC].quiet_modules
    try:
        module_dots(SymbolUse.LOGISTIC, sheet.dpi, encode(code).width + 2 * quiet, sheet.width)
    except SymbolTooLarge:
        return False
    return True
