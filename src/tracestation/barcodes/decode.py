"""The decoder: raw scan text in, `Decoded` out. Never raises on any input.

Order: a symbology identifier (`]C1`) is split off first; then station codes (`WO:`...),
ISO/IEC 15434 envelopes (`[)>`), GS1 Digital Link URIs (`http...`), GS1 element strings and
GTINs; whatever is left is a bare value for the station to look up.
"""

from __future__ import annotations

from dataclasses import replace

from tracestation.barcodes.decoded import Decoded, DecodeOptions
from tracestation.barcodes.digital_link import decode_digital_link, looks_like_digital_link
from tracestation.barcodes.gs1 import decode_gs1
from tracestation.barcodes.iso15434 import decode_iso15434, looks_like_iso15434
from tracestation.barcodes.station_codes import decode_station_code, looks_like_station_code
from tracestation.barcodes.symbology import split_symbology

MAX_SCAN_LENGTH = 4096

# Only what terminals and wedges add around a scan: str.strip() would also eat GS and RS.
_SURROUNDING_WHITESPACE = " \r\n\t"


def decode(raw: str, options: DecodeOptions | None = None) -> Decoded:
    """Read one scan. Unreadable input gives a `Decoded` with `error` set, never an exception.

    Pure and thread-safe: any thread may call it.
    """
    try:
        return _decode(raw, options or DecodeOptions())
    except Exception as exc:  # the contract is "never raises"; a bug must not stop the line
        return Decoded(
            "bare",
            raw[:64],
            error=f"The station could not read this scan (internal error: {type(exc).__name__})."
            " Scan the label again; if it keeps failing, call a line lead.",
        )


def _decode(raw: str, options: DecodeOptions) -> Decoded:
    if len(raw) > MAX_SCAN_LENGTH:
        return Decoded(
            "bare",
            raw[:64],
            error=f"The scan is {len(raw)} characters long, more than any label holds "
            f"({MAX_SCAN_LENGTH}): several scans may have run together. "
            "Scan the label again, one label at a time.",
        )
    text = raw.strip(_SURROUNDING_WHITESPACE)
    if not text:
        return Decoded("bare", raw, error="The scan was empty. Scan the label again.")
    if "\ufffd" in text:
        return Decoded(
            "bare",
            raw,
            error="Part of the scan could not be read (the scanner sent bytes the station "
            "cannot decode). Check the scanner's character set and scan the label again.",
        )
    identifier, data = split_symbology(text)
    symbology = identifier.value if identifier is not None else None
    if looks_like_station_code(data):
        return replace(decode_station_code(raw, data), symbology=symbology)
    if looks_like_iso15434(data):
        return decode_iso15434(raw, symbology, data, options)
    if looks_like_digital_link(data):
        return decode_digital_link(raw, symbology, data)
    gs1 = decode_gs1(raw, identifier, data, options)
    if gs1 is not None:
        return gs1
    if not data:
        return Decoded(
            "bare", raw, symbology=symbology, error="The scan was empty. Scan the label again."
        )
    if _has_control_characters(data):
        return Decoded(
            "bare",
            raw,
            symbology=symbology,
            error="The scan holds control characters the station cannot read. "
            "Scan the label again or enter it by hand.",
        )
    return Decoded("bare", raw, {"value": data}, symbology=symbology)


def _has_control_characters(text: str) -> bool:
    return any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in text)
