"""What tells a scan may be GS1, without reading it: the decoder loads biip only for such scans.

biip's tables (GS1 company prefixes, application identifiers) take a noticeable share of the
station's start-up; the operator's badge, station codes and plain serials never need them. The
signs here are those `gs1.decode_gs1` goes by: a symbology identifier, a group separator (or a
wedge's substitute for one), a (00)/(01)/(02) key first, or printed `(01)...` text. A scan with
none of them is not GS1, so it is answered without loading the GS1 reader. The first scan that
may be GS1 loads it (about 0.2 s of CPU, once per start; biip parses a 5 MB prefix table).

Never call `str.strip()` without arguments on scan data: it removes ASCII 29 (GS) too.
"""

from __future__ import annotations

from collections.abc import Iterable

from tracestation.barcodes.decoded import GS, DecodeOptions

KEYS_WITH_CHECK_DIGITS = ("00", "01", "02")


def restore_group_separators(text: str, substitutes: Iterable[str]) -> str:
    """Turn what a keyboard wedge sent in place of GS (`|`, `{GS}`, ...) back into ASCII 29."""
    for substitute in sorted(substitutes, key=len, reverse=True):
        if substitute:
            text = text.replace(substitute, GS)
    return text


def may_be_gs1(has_symbology: bool, body: str, options: DecodeOptions) -> bool:
    """False only when `gs1.decode_gs1` would find `body` is not GS1 (it returns None)."""
    if has_symbology or "(" in body:
        return True
    data = restore_group_separators(body, options.gs_substitutes)
    return GS in data or data[:2] in KEYS_WITH_CHECK_DIGITS
