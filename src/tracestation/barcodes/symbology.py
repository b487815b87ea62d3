"""Symbology identifiers (ISO/IEC 15424): the `]C1`, `]d2`, `]Q3` a scanner may send first.

The identifier says which kind of barcode was read, and for GS1 whether the data is an element
string (`]C1` GS1-128, `]d2` GS1 DataMatrix, `]Q3` GS1 QR, `]e0` DataBar) or a bare GTIN (`]E0`
EAN-13, `]E4` EAN-8, `]I1` ITF-14). biip does the recognising; this module only asks it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from biip.symbology import SymbologyIdentifier


def split_symbology(text: str) -> tuple[SymbologyIdentifier | None, str]:
    """Split a leading symbology identifier off a scan: `(identifier, data)`, or `(None, text)`."""
    if not text.startswith("]"):
        return None, text
    from biip import ParseError  # only a scan with an identifier loads biip (see gs1_signs)
    from biip.symbology import SymbologyIdentifier

    try:
        identifier = SymbologyIdentifier.extract(text)
    except (ParseError, ValueError, IndexError):
        # biip reads a `]Y` system-expansion length with int(), which fails on junk.
        return None, text
    if len(identifier.value) < 3 or not text.startswith(identifier.value):
        # "]C" with nothing after it is half an identifier, not one.
        return None, text
    return identifier, text[len(identifier.value) :]


def carries_gs1_message(identifier: SymbologyIdentifier | None) -> bool:
    """True for GS1-128, GS1 DataBar, GS1 DataMatrix, GS1 QR and GS1 DotCode."""
    from biip.symbology import GS1Symbology

    return identifier is not None and identifier.gs1_symbology in GS1Symbology.with_gs1_messages()


def carries_gtin(identifier: SymbologyIdentifier | None) -> bool:
    """True for EAN-13/UPC-A, EAN-8 and ITF-14, which hold a GTIN and nothing else."""
    from biip.symbology import GS1Symbology

    return identifier is not None and identifier.gs1_symbology in GS1Symbology.with_gtin()
