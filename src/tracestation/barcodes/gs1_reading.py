"""From GS1 element strings (of an element string or a Digital Link) to a `Decoded`.

Checks what biip leaves to the caller: check digits (biip records a bad one without failing),
an AI given twice with different values, AI pairing rules, and an empty message. Then names
the fields as the `parse --json` contract does and warns when a lot or serial seems to have
swallowed further AIs because a keyboard wedge dropped the FNC1 separator.
"""

from __future__ import annotations

from biip.checksums import gs1_standard_check_digit
from biip.gs1_element_strings import GS1ElementString, GS1ElementStrings

from tracestation.barcodes.decoded import Decoded
from tracestation.barcodes.gs1_field_words import DATE_AIS
from tracestation.barcodes.gs1_pairing import pairing_problems
from tracestation.barcodes.gs1_parsing import UnreadableGS1, parse_element_strings
from tracestation.messages.base import Said, said
from tracestation.messages.scan_errors import ScanError

FIELD_NAMES = {
    "00": "sscc",
    "01": "gtin",
    "02": "content_gtin",
    "10": "lot",
    "11": "production_date",
    "12": "due_date",
    "13": "packaging_date",
    "15": "best_before",
    "16": "sell_by",
    "17": "expiry",
    "21": "serial",
    "240": "additional_id",
    "241": "customer_part",
    "250": "secondary_serial",
    "251": "source_ref",
    "30": "quantity",
    "37": "quantity",
}

# How many leading digits of the value end in a GS1 check digit (General Specifications 7.9.1).
_CHECK_DIGIT_LENGTHS = {
    "00": 18,
    "01": 14,
    "02": 14,
    "253": 13,
    "255": 13,
    "402": 17,
    "8017": 18,
    "8018": 18,
    **{f"41{n}": 13 for n in "01234567"},
}
_KEY_NAMES = {"00": "SSCC", "01": "GTIN", "02": "GTIN of the contained items"}

WHAT_TO_DO = said(ScanError.LABEL_DAMAGED)


def read_gs1_elements(raw: str, symbology: str | None, elements: GS1ElementStrings) -> Decoded:
    """Check the elements of one GS1 scan and name its fields; errors keep the raw AI map."""
    if not elements:
        return gs1_error(raw, symbology, said(ScanError.GS1_NO_DATA))
    ai = {element.ai.ai: element.value for element in elements}
    problems = [p for element in elements if (p := _value_problem(element)) is not None]
    problems += _repeated_ai_problems(elements)
    problems += [p for element in elements if (p := check_digit_problem(element)) is not None]
    problems += pairing_problems(element.ai.ai for element in elements)
    if problems:
        return Decoded("gs1", raw, symbology=symbology, ai=ai, problems=(*problems, WHAT_TO_DO))
    return Decoded(
        "gs1",
        raw,
        _fields(elements),
        symbology=symbology,
        ai=ai,
        warnings=tuple(_swallowed_ai_warnings(elements)),
    )


def gs1_error(raw: str, symbology: str | None, *problems: Said) -> Decoded:
    return Decoded("gs1", raw, symbology=symbology, problems=problems)


def check_digit_problem(element: GS1ElementString) -> Said | None:
    """Say which AI has a wrong check digit and what the digit should be; None if it is right."""
    length = _CHECK_DIGIT_LENGTHS.get(element.ai.ai)
    key = element.value[:length] if length else ""
    if not length or len(key) != length or not key.isdecimal():
        return None
    expected = gs1_standard_check_digit(key[:-1])
    if int(key[-1]) == expected:
        return None
    name = _KEY_NAMES.get(element.ai.ai, element.ai.data_title)
    return said(
        ScanError.GS1_CHECK_DIGIT,
        ai=element.ai.ai,
        name=name,
        key=key,
        expected=str(expected),
        actual=key[-1],
    )


def _value_problem(element: GS1ElementString) -> Said | None:
    # biip's patterns let (30) and (7004) be empty and take any Unicode digit for N.
    ai, title = element.ai.ai, element.ai.data_title
    if not element.value:
        return said(ScanError.GS1_VALUE_EMPTY, ai=ai, title=title)
    if not element.value.isascii():
        return said(ScanError.GS1_VALUE_NOT_ASCII, ai=ai, title=title)
    return None


def _repeated_ai_problems(elements: GS1ElementStrings) -> list[Said]:
    seen: dict[str, str] = {}
    problems = []
    for element in elements:
        first = seen.setdefault(element.ai.ai, element.value)
        if first != element.value:
            problems.append(
                said(
                    ScanError.GS1_AI_TWICE,
                    ai=element.ai.ai,
                    first=repr(first),
                    second=repr(element.value),
                )
            )
    return problems


def _fields(elements: GS1ElementStrings) -> dict[str, str]:
    fields: dict[str, str] = {}
    for element in elements:
        ai = element.ai.ai
        name = FIELD_NAMES.get(ai, f"ai_{ai}")
        if name == "quantity":
            # (37), the count in a logistic unit, wins over (30) when a label carries both.
            if ai == "37" or name not in fields:
                fields[name] = str(int(element.value))
        elif ai in DATE_AIS and element.date is not None:
            fields[name] = element.date.isoformat()
        else:
            fields[name] = element.value
    return fields


def _swallowed_ai_warnings(elements: GS1ElementStrings) -> list[str]:
    warnings = []
    for element in elements:
        if not element.ai.separator_required:
            continue
        hidden = _hidden_element_strings(element.value)
        if hidden is not None:
            name = FIELD_NAMES.get(element.ai.ai, f"({element.ai.ai})")
            warnings.append(
                f"The {name} {element.value!r} ends in what reads as {hidden}: the scanner may "
                "have dropped the FNC1 separator after the "
                f"{name}. Compare with the text printed on the label."
            )
    return warnings


def _hidden_element_strings(value: str) -> str | None:
    """The HRI of a tail of `value` that is itself valid GS1 data led by a checkable field.

    Only a fixed-length field whose date or check digit is valid counts as a lead, so that a
    lot such as "LOT2021" does not set off a warning on its own.
    """
    for start in range(1, len(value) - 1):
        tail = value[start:]
        if not tail[:2].isdecimal():
            continue
        try:
            hidden = parse_element_strings(tail)
        except UnreadableGS1:
            continue
        lead = hidden[0]
        checkable = lead.date is not None or (
            lead.ai.ai in _CHECK_DIGIT_LENGTHS and check_digit_problem(lead) is None
        )
        if checkable and not lead.ai.separator_required:
            return _hri(hidden)
    return None


def _hri(elements: GS1ElementStrings) -> str:
    return "".join(element.as_hri() for element in elements)
