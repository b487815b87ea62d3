"""GS1 element strings as labels carry them: AIs, their order, and how each encoder is fed.

A label keeps a GS1 symbol's content as `Element`s (AI and value). The encoders want it in
different shapes: ZXing-C++ the bracketed form `(01)…(21)…`, ZPL the data with an FNC1
escape between a variable-length element and the next, people the HRI `(01) 0950…`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# AIs whose value has a predefined length: no FNC1 is needed after them (GS1 General
# Specifications, figure 7.8.5-2). Only the AIs TraceStation prints are listed.
_FIXED_LENGTH = {"00": 18, "01": 14, "02": 14, "11": 6, "13": 6, "15": 6, "16": 6, "17": 6}
_MAX_LENGTH = {"10": 20, "21": 20, "30": 8, "37": 8}
# GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1).
_CSET82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)


@dataclass(frozen=True)
class Element:
    ai: str
    value: str

    @property
    def fixed_length(self) -> bool:
        return self.ai in _FIXED_LENGTH


def fits_gs1(ai: str, value: str) -> bool:
    """Whether `value` may be carried in AI `ai`: its length, digits, and character set 82."""
    if ai in _FIXED_LENGTH:
        return len(value) == _FIXED_LENGTH[ai] and value.isdigit()
    limit = _MAX_LENGTH.get(ai)
    if limit is None or not 0 < len(value) <= limit:
        return False
    if ai in ("30", "37"):
        return value.isdigit()
    return all(ch in _CSET82 for ch in value)


def ordered(elements: Iterable[Element]) -> tuple[Element, ...]:
    """Fixed-length elements first, so the fewest FNC1 separators are needed; the order of
    the variable-length ones is kept."""
    items = tuple(elements)
    return tuple(e for e in items if e.fixed_length) + tuple(e for e in items if not e.fixed_length)


def bracketed(elements: Iterable[Element]) -> str:
    """`(01)09506000134352(21)S1`: what ZXing-C++'s GS1 mode and `tracestation parse` read."""
    return "".join(f"({e.ai}){e.value}" for e in elements)


def human_readable(elements: Iterable[Element]) -> str:
    """The HRI under a symbol: `(01) 09506000134352 (21) S1`."""
    return " ".join(f"({e.ai}) {e.value}" for e in elements)


def with_separators(elements: Iterable[Element], fnc1: str) -> str:
    """The element string with `fnc1` first and after every variable-length element but the
    last, as a symbol encodes it."""
    items = tuple(elements)
    out = [fnc1]
    for index, element in enumerate(items):
        out.append(element.ai + element.value)
        if not element.fixed_length and index < len(items) - 1:
            out.append(fnc1)
    return "".join(out)
