"""Splitting GS1 element strings with biip, one element at a time.

biip's `GS1Message.parse` does the same loop, but its errors quote regular expressions. Walking
the elements here lets a failure say which field was wrong and what it should have held.

Never call `str.strip()` without arguments on scan data: it removes ASCII 29 (GS) too.
"""

from __future__ import annotations

from biip import ParseConfig, ParseError
from biip.gs1_application_identifiers import GS1ApplicationIdentifier
from biip.gs1_element_strings import GS1ElementString, GS1ElementStrings

from tracestation.barcodes.decoded import GS
from tracestation.barcodes.gs1_field_words import DATE_AIS, describe_format
from tracestation.messages.base import Said, said
from tracestation.messages.scan_errors import ScanError

_CONFIG = ParseConfig(separator_chars=(GS,))


class UnreadableGS1(Exception):
    """Element strings that cannot be split; `problems` say which field was wrong."""

    def __init__(self, *problems: Said) -> None:
        super().__init__(" ".join(message.render(params) for message, params in problems))
        self.problems = problems


def parse_element_strings(data: str) -> GS1ElementStrings:
    """Split `data` into GS1 element strings; raise `UnreadableGS1` naming the bad field.

    Leading separators (FNC1 in first position, sent as GS by some scanners) are skipped, and a
    separator is accepted between any two elements (GS1 General Specifications 7.8.6).
    """
    elements = GS1ElementStrings()
    rest = data.lstrip(GS)
    while rest:
        try:
            ai = GS1ApplicationIdentifier.extract(rest)
        except ParseError:
            raise UnreadableGS1(*_no_ai_reasons(rest, elements, data)) from None
        try:
            element = GS1ElementString.extract(rest, config=_CONFIG)
        except ParseError:
            raise UnreadableGS1(*_bad_value_reasons(ai, rest, elements, data)) from None
        elements.append(element)
        rest = rest[len(element) :].lstrip(GS)
    return elements


def _no_ai_reasons(rest: str, elements: GS1ElementStrings, data: str) -> list[Said]:
    snippet = _snippet(rest)
    if not elements:
        return [said(ScanError.GS1_STARTS_WITHOUT_AI, snippet=snippet)]
    previous = elements[-1]
    reason = said(
        ScanError.GS1_NO_AI_AFTER, ai=previous.ai.ai, value=repr(previous.value), snippet=snippet
    )
    return [reason, *_run_on_hint(elements, data)]


def _bad_value_reasons(
    ai: GS1ApplicationIdentifier, rest: str, elements: GS1ElementStrings, data: str
) -> list[Said]:
    value = rest[len(ai.ai) :].split(GS, 1)[0]
    title, form = ai.data_title, describe_format(ai)
    if not value:
        return [said(ScanError.GS1_FIELD_EMPTY, ai=ai.ai, title=title, format=form)]
    reason = said(
        ScanError.GS1_FIELD_FORMAT, ai=ai.ai, title=title, snippet=_snippet(value), format=form
    )
    if ai.ai in DATE_AIS and len(value) >= 6 and value[:6].isdecimal():
        reason = said(ScanError.GS1_FIELD_BAD_DATE, ai=ai.ai, title=title, value=repr(value[:6]))
    return [reason, *_run_on_hint(elements, data)]


def _run_on_hint(elements: GS1ElementStrings, data: str) -> list[Said]:
    """Without any GS, a failure after a variable-length field is most likely a lost FNC1."""
    if not elements or not elements[-1].ai.separator_required or GS in data:
        return []
    previous = elements[-1]
    return [
        said(
            ScanError.GS1_RUN_ON,
            ai=previous.ai.ai,
            title=previous.ai.data_title,
            value=repr(previous.value),
        )
    ]


def _snippet(text: str, limit: int = 24) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")
