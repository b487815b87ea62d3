"""Barcodes encoded into modules by ZXing-C++ (zint inside): GS1 DataMatrix with FNC1 first
(`]d2`), GS1-128 with FNC1 (`]C1`) and plain Code 128 (`]C0`) for station codes.

The renderers draw the modules themselves, so a module is always a whole number of printer
dots (`sizes`). Each encoding is checked for the symbology identifier it must carry: an encoder
that quietly fell back to plain Data Matrix would print a code a GS1 scanner does not accept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

import zxingcpp

from tracestation.labels.templates import Barcode, Symbology

_IDENTIFIER = {
    Symbology.CODE128: "]C0",
    Symbology.GS1_128: "]C1",
    Symbology.GS1_DATAMATRIX: "]d2",
}


class NotEncodable(ValueError):
    """The encoder refused the data, or made a symbol of another kind than asked."""


@dataclass(frozen=True)
class Modules:
    """A symbol as rows of dark (True) and light modules, without quiet zones. A linear symbol
    has one row."""

    rows: tuple[tuple[bool, ...], ...]
    symbology_identifier: str

    @property
    def width(self) -> int:
        return len(self.rows[0])

    @property
    def height(self) -> int:
        return len(self.rows)

    def runs(self, row: int = 0) -> list[tuple[int, int]]:
        """The dark runs of a row as (first module, length): the bars of a linear symbol."""
        out: list[tuple[int, int]] = []
        start: int | None = None
        for index, dark in enumerate((*self.rows[row], False)):
            if dark and start is None:
                start = index
            elif not dark and start is not None:
                out.append((start, index - start))
                start = None
        return out


def encode(code: Barcode) -> Modules:
    return _encode(code.symbology, code.data)


@lru_cache(maxsize=256)
def _encode(symbology: Symbology, data: str) -> Modules:
    try:
        if symbology is Symbology.GS1_DATAMATRIX:
            made = zxingcpp.create_barcode(
                data, zxingcpp.BarcodeFormat.DataMatrix, gs1=True, force_square=True
            )
        elif symbology is Symbology.GS1_128:
            made = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.Code128, gs1=True)
        else:
            made = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.Code128)
    except (RuntimeError, ValueError) as error:
        raise NotEncodable(f"{symbology} cannot carry {data!r}: {error}") from None
    wanted = _IDENTIFIER[symbology]
    if made.symbology_identifier != wanted:
        raise NotEncodable(
            f"{symbology} of {data!r} came out as {made.symbology_identifier}, not {wanted}"
        )
    image = made.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    flat = memoryview(cast(Any, image)).tobytes()  # the Image is a buffer of grey bytes
    rows = tuple(
        tuple(flat[r * width + c] < 128 for c in range(width))
        for r in range(1 if symbology is not Symbology.GS1_DATAMATRIX else height)
    )
    return Modules(rows, wanted)
