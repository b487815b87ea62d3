"""What tells a scan may be GS1, without reading it: the decoder loads biip only for such scans.

biip's tables (GS1 company prefixes, application identifiers) take a noticeable share of the
station's start-up; the operator's badge, station codes and plain serials never need them. The
signs here are those `gs1.decode_gs1` goes by: a symbology identifier, a group separator (or a
wedge's substitute for one), a (00)/(01)/(02) key first, or printed `(01)...` text. A scan with
none of them is not GS1, so it is answered without loading the GS1 reader.

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


def load_gs1_reader() -> None:
    """Load the GS1 reader and biip's tables now (about 0.2 s of CPU), so the first GS1 scan is
    answered as fast as the next. A station calls it when idle after its first answer: start-up
    stays quick and no GS1 scan pays for the loading, unless it comes within that moment."""
    from tracestation.barcodes.decode import decode

    decode("]d2" + "0109506000134352" + "10A1")  # a valid GS1 DataMatrix: every step runs


def may_be_gs1(has_symbology: bool, body: str, options: DecodeOptions) -> bool:
    """False only when `gs1.decode_gs1` would find `body` is not GS1 (it returns None)."""
    if has_symbology or "(" in body:
        return True
    data = restore_group_separators(body, options.gs_substitutes)
    return GS in data or data[:2] in KEYS_WITH_CHECK_DIGITS
