"""ISO/IEC 15434 envelopes, format 06: ANSI MH10.8.2 data identifiers on component labels.

`[)>` RS `06` GS `P...` GS `1P...` GS `1T...` GS `Q100` RS EOT is what distributors print in
the Data Matrix on reels and bags. Each data element is a data identifier (up to three digits
and a capital letter: `P`, `1P`, `10D`) followed by its value.

Reading is tolerant of what scanners and wedges do to the envelope: visible placeholders for
RS/GS/EOT are turned back into control characters, and a missing header RS or trailing EOT is
a warning, not an error. A format other than 06 is an error that names it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from tracestation.barcodes.decoded import EOT, GS, RS, Decoded, DecodeOptions
from tracestation.barcodes.gs1_signs import restore_group_separators
from tracestation.messages.base import Said, said
from tracestation.messages.scan_errors import ScanError

HEADER = "[)>"

FIELD_NAMES = {
    "P": "part",
    "1P": "supplier_part",
    "S": "serial",
    "1T": "lot",
    "Q": "quantity",
    "9D": "date_code",
    "10D": "date_code",
    "4L": "country",
}

_FORMAT_NAMES = {
    "01": "transport",
    "02": "complete EDI message",
    "03": "structured EDI",
    "04": "structured EDI",
    "05": "GS1 Application Identifiers",
    "07": "free-form text",
    "08": "CII syntax",
    "09": "binary data",
    "12": "text element identifiers",
}
_QUANTITY = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")
_DATA_IDENTIFIER = re.compile(r"(\d{0,3}[A-Z])(.*)", re.DOTALL)


def looks_like_iso15434(data: str) -> bool:
    return data.startswith(HEADER)


def decode_iso15434(raw: str, symbology: str | None, data: str, options: DecodeOptions) -> Decoded:
    """Read a format 06 envelope into fields named as in the `parse --json` contract."""
    text = _restore_controls(data, options)[len(HEADER) :]
    warnings: list[str] = []
    if text.startswith(RS):
        text = text[1:]
    elif text:
        warnings.append("The label has no record separator (RS) after its [)> header.")
    text, trailer_warnings = _without_trailer(text)
    warnings += trailer_warnings
    if not text:
        return _error(raw, symbology, said(ScanError.ISO_HEADER_ONLY))
    envelopes = text.split(RS)
    formats = [envelope[:2] for envelope in envelopes]
    if "06" not in formats:
        return _error(raw, symbology, _unsupported_format(formats[0]))
    warnings += [
        f"Format {_format_name(f)} in the same label was ignored; only format 06 is read."
        for f in formats
        if f != "06"
    ]
    bodies = [envelope[2:] for envelope in envelopes if envelope[:2] == "06"]
    if not all(body.startswith(GS) for body in bodies):
        return _error(raw, symbology, said(ScanError.ISO_NO_SEPARATORS))
    fields = _fields([e for body in bodies for e in body.split(GS)], warnings)
    if not fields:
        return _error(raw, symbology, said(ScanError.ISO_NO_DATA))
    return Decoded("iso15434", raw, fields, symbology=symbology, warnings=tuple(warnings))


def production_date_from_yyww(date_code: str) -> str | None:
    """Monday of ISO week WW of 20YY, as YYYY-MM-DD; None if `date_code` is not a YYWW week."""
    if len(date_code) != 4 or not (date_code.isascii() and date_code.isdecimal()):
        return None
    try:
        monday = dt.date.fromisocalendar(2000 + int(date_code[:2]), int(date_code[2:]), 1)
    except ValueError:
        return None
    return monday.isoformat()


def _restore_controls(data: str, options: DecodeOptions) -> str:
    for substitutes, control in ((options.rs_substitutes, RS), (options.eot_substitutes, EOT)):
        for substitute in sorted(substitutes, key=len, reverse=True):
            if substitute:
                data = data.replace(substitute, control)
    return restore_group_separators(data, options.gs_substitutes)


def _without_trailer(text: str) -> tuple[str, list[str]]:
    warnings = []
    text, eot, after = text.partition(EOT)
    if not eot:
        warnings.append(
            "The label has no end-of-transmission mark (EOT), so it may be cut short: "
            "check the part number and quantity against the label."
        )
    elif after:
        warnings.append(f"{len(after)} characters after the end of the label were ignored.")
    return text.removesuffix(RS), warnings


def _fields(elements: list[str], warnings: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for element in elements:
        if not element:
            continue
        match = _DATA_IDENTIFIER.fullmatch(element)
        if match is None:
            warnings.append(f"The data element {element[:24]!r} has no data identifier; ignored.")
            continue
        identifier, value = match.groups()
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            warnings.append(f"The {identifier} element holds control characters; ignored.")
            continue
        if value:
            _add(fields, identifier, value, warnings)
    return fields


def _add(fields: dict[str, str], identifier: str, value: str, warnings: list[str]) -> None:
    name = FIELD_NAMES.get(identifier, f"di_{identifier}")
    if name == "quantity":
        quantity = _quantity(value)
        if quantity is None:
            warnings.append(f"The quantity (Q) {value!r} is not a number; it was left out.")
            return
        value = quantity
    if name in fields:
        if fields[name] != value:
            warnings.append(
                f"{identifier} appears more than once; kept {fields[name]!r}, ignored {value!r}."
            )
        return
    fields[name] = value
    if name == "date_code":
        production_date = production_date_from_yyww(value)
        if production_date is None:
            warnings.append(
                f"The date code {identifier}{value} is not a YYWW week; "
                "no production date was derived from it."
            )
        else:
            fields["production_date"] = production_date


def _quantity(value: str) -> str | None:
    if _QUANTITY.fullmatch(value) is None:
        return None
    return format(Decimal(value).normalize(), "f")


def _unsupported_format(format_code: str) -> Said:
    if not format_code:
        return said(ScanError.ISO_HEADER_ONLY)
    return said(ScanError.ISO_UNSUPPORTED_FORMAT, format=_format_name(format_code))


def _format_name(format_code: str) -> str:
    name = _FORMAT_NAMES.get(format_code)
    return f"{format_code!r} ({name})" if name else repr(format_code)


def _error(raw: str, symbology: str | None, problem: Said) -> Decoded:
    return Decoded("iso15434", raw, symbology=symbology, problems=(problem,))
