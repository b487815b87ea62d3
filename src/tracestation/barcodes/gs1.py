"""GS1 element strings and GTIN barcodes: deciding that a scan is GS1, then reading it.

A scan is GS1 when its symbology identifier says so (`]C1`, `]d2`, `]Q3`, `]e0`, `]J1` for
element strings; `]E0`, `]E4`, `]I1` for a GTIN). Without one, the data must say so: it holds a
group separator (ASCII 29 or a configured substitute) after leading digits, or it is printed
text such as `(01)09506000134352(10)ABC`, or it starts with a complete (00) SSCC or (01)/(02)
GTIN with a valid check digit. Anything else is left to the other decoders. The decoder loads
this module (and biip) only for a scan showing one of those signs (`gs1_signs.may_be_gs1`).
"""

from __future__ import annotations

import re

from biip import ParseError
from biip.checksums import gs1_standard_check_digit
from biip.gtin import Gtin
from biip.symbology import SymbologyIdentifier

from tracestation.barcodes.decoded import GS, Decoded, DecodeOptions
from tracestation.barcodes.gs1_parsing import UnreadableGS1, parse_element_strings
from tracestation.barcodes.gs1_reading import (
    WHAT_TO_DO,
    check_digit_problem,
    gs1_error,
    read_gs1_elements,
)
from tracestation.barcodes.gs1_signs import KEYS_WITH_CHECK_DIGITS, restore_group_separators
from tracestation.barcodes.symbology import carries_gs1_message, carries_gtin
from tracestation.messages.base import said
from tracestation.messages.scan_errors import ScanError

_HRI_ELEMENT = re.compile(r"\((\d{2,4})\)([^()]*)")


def decode_gs1(
    raw: str, identifier: SymbologyIdentifier | None, body: str, options: DecodeOptions
) -> Decoded | None:
    """Read `body` (the scan after its symbology identifier) as GS1; None if it is not GS1."""
    symbology = identifier.value if identifier is not None else None
    if carries_gtin(identifier):
        return _decode_gtin(raw, symbology, body)
    data = restore_group_separators(body, options.gs_substitutes)
    if carries_gs1_message(identifier) or _looks_like_element_strings(data):
        return _decode_element_strings(raw, symbology, data)
    from_text = _element_strings_from_hri(body)
    if from_text is not None:
        return _decode_element_strings(raw, symbology, from_text)
    return None


def _looks_like_element_strings(data: str) -> bool:
    if GS in data:
        return _is_digits(data.lstrip(GS)[:2])
    if data[:2] not in KEYS_WITH_CHECK_DIGITS:
        return False
    try:
        elements = parse_element_strings(data)
    except UnreadableGS1:
        return False
    return check_digit_problem(elements[0]) is None


def _decode_element_strings(raw: str, symbology: str | None, data: str) -> Decoded:
    if not data.isascii():
        return gs1_error(raw, symbology, said(ScanError.GS1_NOT_ASCII))
    if any((ord(ch) < 32 and ch != GS) or ord(ch) == 127 for ch in data):
        return gs1_error(raw, symbology, said(ScanError.GS1_CONTROL_CHARACTERS))
    try:
        elements = parse_element_strings(data)
    except UnreadableGS1 as exc:
        return gs1_error(raw, symbology, *exc.problems, WHAT_TO_DO)
    return read_gs1_elements(raw, symbology, elements)


def _decode_gtin(raw: str, symbology: str | None, body: str) -> Decoded:
    """EAN-13, UPC-A, EAN-8 and ITF-14 carry one GTIN; it is reported as the 14-digit form."""
    if not _is_digits(body) or len(body) not in (8, 12, 13, 14):
        not_gtin = said(ScanError.GTIN_NOT_DIGITS, symbology=str(symbology), value=repr(body[:24]))
        return gs1_error(raw, symbology, not_gtin)
    expected = gs1_standard_check_digit(body[:-1])
    if int(body[-1]) != expected:
        wrong = said(ScanError.GTIN_CHECK_DIGIT, gtin=body, expected=str(expected), actual=body[-1])
        return gs1_error(raw, symbology, wrong, WHAT_TO_DO)
    try:
        gtin = Gtin.parse(body)
    except ParseError as exc:
        unreadable = said(ScanError.GTIN_UNREADABLE, detail=str(exc))
        return gs1_error(raw, symbology, unreadable, WHAT_TO_DO)
    return Decoded("gs1", raw, {"gtin": gtin.as_gtin_14()}, symbology=symbology)


def _element_strings_from_hri(text: str) -> str | None:
    """`(01)095...(10)ABC` as typed or printed -> element strings joined by GS; else None."""
    text = text.replace(" ", "")  # printed HRI spaces its fields; GS1 data holds no spaces
    parts = []
    position = 0
    for match in _HRI_ELEMENT.finditer(text):
        if match.start() != position:
            return None
        parts.append(match.group(1) + match.group(2))
        position = match.end()
    if not parts or position != len(text):
        return None
    return GS.join(parts)


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdecimal()
