"""How big a symbol is printed: whole printer dots, within GS1's figures for its use.

A thermal printer makes a bar of whole dots; a module of 2.5 dots prints as 2 or 3, and a
scanner then reads bars of unequal width. So every module here is a whole number of dots at
the label's resolution, chosen inside the X-dimension range GS1 sets for the symbol's use
(GS1 General Specifications, section 5.12.3, symbol specification tables).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MM_PER_INCH = 25.4


class SymbolUse(StrEnum):
    LOGISTIC = "logistic"  # GS1-128 on a logistic label (SSCC and content)
    ITEM_LINEAR = "item-linear"  # Code 128 / GS1-128 on a unit or lot label
    ITEM_2D = "item-2d"  # GS1 DataMatrix on a unit or lot label
    SHEET = "sheet"  # Code 128 station codes on a printed command, badge or traveler sheet


@dataclass(frozen=True)
class SymbolSpec:
    """X-dimension range and target in mm, minimum bar height in mm (linear symbols) and the
    quiet zone in modules on either side."""

    x_min_mm: float
    x_target_mm: float
    x_max_mm: float
    min_height_mm: float
    quiet_modules: int


SPECS = {
    # Logistic units: X 0.495-1.016 mm, bar height at least 31.75 mm, quiet zones 10X.
    SymbolUse.LOGISTIC: SymbolSpec(0.495, 0.495, 1.016, 31.75, 10),
    # Items not scanned at retail point of sale (the healthcare figures, the strictest of the
    # tables that allow small labels): GS1-128 X 0.250-0.495 mm, height at least 12.7 mm.
    SymbolUse.ITEM_LINEAR: SymbolSpec(0.250, 0.375, 0.495, 12.7, 10),
    # GS1 DataMatrix on such items: X 0.254-0.615 mm, a quiet zone of one module.
    SymbolUse.ITEM_2D: SymbolSpec(0.254, 0.50, 0.615, 0.0, 1),
    # Station codes on sheets, scanned from a hand's length off a desk or a clipboard: not a
    # GS1 use; bars of 0.5 mm where the code fits, never under 0.25 mm, 12 mm high.
    SymbolUse.SHEET: SymbolSpec(0.250, 0.50, 1.0, 12.0, 10),
}


def dot_mm(dpi: int) -> float:
    return MM_PER_INCH / dpi


def mm_to_dots(mm: float, dpi: int) -> int:
    return round(mm / dot_mm(dpi))


def dots_to_mm(dots: int, dpi: int) -> float:
    return dots * dot_mm(dpi)


class SymbolTooLarge(ValueError):
    """The symbol does not fit on the label at GS1's smallest module for its use."""


def module_dots(use: SymbolUse, dpi: int, modules: int, room_dots: int) -> int:
    """The module size in whole dots for a symbol `modules` wide (quiet zones included) that
    must fit in `room_dots`: the allowed size nearest the target that fits, else the smallest
    allowed one that fits. Raises `SymbolTooLarge` when none fits."""
    spec = SPECS[use]
    allowed = [
        n
        for n in range(1, 64)
        if spec.x_min_mm <= dots_to_mm(n, dpi) <= spec.x_max_mm and n * modules <= room_dots
    ]
    if not allowed:
        raise SymbolTooLarge(
            f"a {modules}-module symbol does not fit in {dots_to_mm(room_dots, dpi):.1f} mm "
            f"at {spec.x_min_mm} mm per module ({dpi} dpi)"
        )
    return min(
        allowed,
        key=lambda n: (not _portable(n, dpi), abs(dots_to_mm(n, dpi) - spec.x_target_mm), n),
    )


def _portable(module: int, dpi: int) -> bool:
    """Whether the module is also (within a tenth of a dot) whole dots at the other common
    resolution: a PDF made for a 203-dpi printer and printed at 300 dpi (or the other way)
    then keeps bars of even width. 3 dots at 203 dpi are 4.43 dots at 300: bars of 4 and 5
    dots, which ZXing-C++ was seen to misread."""
    other = 300 if dpi != 300 else 203
    dots = module * other / dpi
    return abs(dots - round(dots)) <= 0.1


def bar_height_dots(use: SymbolUse, dpi: int, module: int) -> int:
    """The bar height: GS1's minimum, grown in proportion when the module is above target."""
    spec = SPECS[use]
    scale = max(1.0, dots_to_mm(module, dpi) / spec.x_target_mm)
    return int(-(-spec.min_height_mm * scale // dot_mm(dpi)))  # rounded up: never below
