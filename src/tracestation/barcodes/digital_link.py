"""GS1 Digital Link URIs (`https://id.gs1.org/01/09506000134352/10/ABC?17=270630`).

A Digital Link sits in a plain QR Code or Data Matrix (`]Q1`, `]d1`), which biip does not
treat as GS1, so any scan whose data starts with `http://` or `https://` comes here. With
`]d2` or `]Q3` biip would also try it as an element string and always record a Digital Link
error for one of the two readings; reading the URI directly avoids judging by the wrong one.
"""

from __future__ import annotations

from tracestation.barcodes.decoded import Decoded
from tracestation.messages.base import said
from tracestation.messages.scan_errors import ScanError


def looks_like_digital_link(data: str) -> bool:
    return data[:8].lower().startswith(("http://", "https://"))


def decode_digital_link(raw: str, symbology: str | None, data: str) -> Decoded:
    """Read a Digital Link URI with biip, then check it like any GS1 element string.

    biip and the GS1 reader load at the first link read, not with the decoder (see gs1_signs)."""
    from biip import ParseError
    from biip.gs1_digital_link_uris import GS1DigitalLinkURI

    from tracestation.barcodes.gs1_reading import gs1_error, read_gs1_elements

    if not data.isascii() or any(ord(ch) < 33 or ord(ch) == 127 for ch in data):
        return gs1_error(raw, symbology, said(ScanError.LINK_BAD_CHARACTERS))
    try:
        uri = GS1DigitalLinkURI.parse(data)
    except (ParseError, ValueError) as exc:
        not_gs1 = said(ScanError.LINK_NOT_GS1, detail=str(exc).rstrip("."))
        return gs1_error(raw, symbology, not_gs1)
    return read_gs1_elements(raw, symbology, uri.element_strings)
