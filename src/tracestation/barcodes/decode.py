"""The decoder: raw scan text in, `Decoded` out. Never raises on any input.

Order: bytes that are not text and control characters no label holds are refused first; a
symbology identifier (`]C1`) is split off; then station codes (`WO:`...), ISO/IEC 15434
envelopes (`[)>`), GS1 Digital Link URIs (`http...`), GS1 element strings and GTINs; whatever is
left is a bare value for the station to look up.

`Decoded.raw` is the scan as it may be shown (`shown_scan`): a PIN is masked before it leaves
the decoder, and only `Decoded.pin` holds it.
"""

from __future__ import annotations

from dataclasses import replace

from tracestation.barcodes.decoded import Decoded, DecodeOptions
from tracestation.barcodes.digital_link import decode_digital_link, looks_like_digital_link
from tracestation.barcodes.gs1_signs import may_be_gs1
from tracestation.barcodes.iso15434 import decode_iso15434, looks_like_iso15434
from tracestation.barcodes.shown import (
    PIN_PREFIX,
    control_characters,
    holds_pin,
    not_text,
    shown_scan,
)
from tracestation.barcodes.station_codes import decode_station_code, looks_like_station_code
from tracestation.barcodes.symbology import split_symbology
from tracestation.messages.base import Said, said
from tracestation.messages.scan_errors import ScanError

MAX_SCAN_LENGTH = 4096

# Only what terminals and wedges add around a scan: str.strip() would also eat GS and RS.
_SURROUNDING_WHITESPACE = " \r\n\t"


def decode(raw: str, options: DecodeOptions | None = None) -> Decoded:
    """Read one scan. Unreadable input gives a `Decoded` with `error` set, never an exception.

    Pure and thread-safe: any thread may call it.
    """
    try:
        decoded = _decode(raw, options or DecodeOptions())
    except Exception as exc:  # the contract is "never raises"; a bug must not stop the line
        problem = said(ScanError.INTERNAL_ERROR, error=type(exc).__name__)
        decoded = Decoded("bare", raw[:64], problems=(problem,))
    return replace(decoded, raw=shown_scan(decoded.raw))


def _decode(raw: str, options: DecodeOptions) -> Decoded:
    if len(raw) > MAX_SCAN_LENGTH:
        too_long = said(ScanError.TOO_LONG, length=str(len(raw)), limit=str(MAX_SCAN_LENGTH))
        return Decoded("bare", raw[:64], problems=(too_long,))
    text = raw.strip(_SURROUNDING_WHITESPACE)
    if not text:
        return Decoded("bare", raw, problems=(said(ScanError.EMPTY),))
    unreadable = _not_text_problem(text)
    if unreadable is not None:
        return Decoded("bare", raw, problems=(unreadable,))
    identifier, data = split_symbology(text)
    symbology = identifier.value if identifier is not None else None
    if data[: len(PIN_PREFIX)].upper() == PIN_PREFIX:
        # A PIN label read in the wrong case is still a PIN: never looked up as a serial.
        data = PIN_PREFIX + data[len(PIN_PREFIX) :]
    elif holds_pin(data):
        # Never a value to look up or record: it would carry the PIN into the journal.
        run_together = said(ScanError.PIN_RUN_TOGETHER, scan=_preview(data))
        return Decoded("bare", raw, symbology=symbology, problems=(run_together,))
    if looks_like_station_code(data):
        return replace(decode_station_code(raw, data), symbology=symbology)
    if looks_like_iso15434(data):
        return decode_iso15434(raw, symbology, data, options)
    if looks_like_digital_link(data):
        return decode_digital_link(raw, symbology, data)
    if may_be_gs1(identifier is not None, data, options):
        from tracestation.barcodes.gs1 import decode_gs1  # loads biip: see gs1_signs

        gs1 = decode_gs1(raw, identifier, data, options)
        if gs1 is not None:
            return gs1
    if not data:
        return Decoded("bare", raw, symbology=symbology, problems=(said(ScanError.EMPTY),))
    return Decoded("bare", raw, {"value": data}, symbology=symbology)


def _not_text_problem(text: str) -> Said | None:
    """Why a scan holding bytes that are not text, or control characters, cannot be read.

    GS, RS and EOT belong to GS1 and ISO/IEC 15434 labels; any other control character, a byte
    that was not UTF-8 (a lone surrogate) or one the scanner's driver already replaced (U+FFFD)
    means the scanner and the station disagree about the character set or the framing."""
    scan = _preview(text)
    odd_bytes = not_text(text)
    if odd_bytes:
        return said(ScanError.NOT_TEXT, scan=scan, bytes=odd_bytes)
    if "\ufffd" in text:
        return said(ScanError.REPLACED_CHARACTERS, scan=scan)
    controls = control_characters(text)
    if controls:
        return said(ScanError.CONTROL_CHARACTERS, scan=scan, controls=controls)
    return None


def _preview(text: str) -> str:
    """The scan as an error message names it: masked, escaped, its start only."""
    start = text if len(text) <= 32 else text[:30]
    shown = shown_scan(start).replace("\x1d", "<GS>").replace("\x1e", "<RS>")
    return shown.replace("\x04", "<EOT>") + ("..." if start != text else "")
