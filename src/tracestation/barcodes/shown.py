r"""A scan as the station may show and keep it: PINs masked, what is not text spelled out.

Everything that shows or stores a scan's text goes through `shown_scan`: the verdict
(`ScanResult.scan`), the rejected-scan log, log lines, `parse`, replay and headless output and
the window. Only `Decoded.pin` holds a PIN in clear, for the one place that verifies it.

- A PIN scan (`PIN:<n>`, any case, after a symbology identifier or run together with another
  scan) shows as `PIN:****` from the prefix on: a fixed mask that does not tell the PIN's length.
- Bytes that were not UTF-8 (carried as lone surrogates, Python's `surrogateescape`) show as
  `\xff`; other lone surrogates as `\udxxx`.
- Control characters show as `\x00`, except GS, RS and EOT: GS1 and ISO/IEC 15434 labels hold
  them, and the journal has always kept them as they are.

Pure and thread-safe. `shown_scan(shown_scan(s)) == shown_scan(s)`.
"""

from __future__ import annotations

import re

PIN_PREFIX = "PIN:"
PIN_MASK = "PIN:****"

_PIN = re.compile(re.escape(PIN_PREFIX), re.IGNORECASE)
# C0 controls but EOT, GS and RS; DEL and the C1 controls; every surrogate code point.
_NOT_SHOWABLE = re.compile("[\x00-\x03\x05-\x1c\x1f\x7f-\x9f\ud800-\udfff]")
_ESCAPED_BYTES = range(0xDC80, 0xDD00)


def shown_scan(raw: str) -> str:
    """`raw` as it may be shown, logged or stored."""
    pin = _PIN.search(raw)
    if pin is not None:
        raw = raw[: pin.start()] + PIN_MASK
    return _NOT_SHOWABLE.sub(_spelled_out, raw)


def holds_pin(raw: str) -> bool:
    """True when `raw` holds a `PIN:` prefix anywhere, in any case."""
    return _PIN.search(raw) is not None


def not_text(raw: str) -> str:
    r"""The bytes of `raw` that were not text, spelled out once each (`\xff\xfe`); "" if none."""
    found = dict.fromkeys(ch for ch in raw if 0xD800 <= ord(ch) <= 0xDFFF)
    return "".join(_spelled_out_char(ch) for ch in found)


def control_characters(raw: str) -> str:
    r"""The control characters of `raw` no label holds, spelled out once each (`\x00\x07`)."""
    found = dict.fromkeys(ch for ch in _NOT_SHOWABLE.findall(raw) if ord(ch) < 0xD800)
    return "".join(_spelled_out_char(ch) for ch in found)


def _spelled_out(match: re.Match[str]) -> str:
    return _spelled_out_char(match.group())


def _spelled_out_char(ch: str) -> str:
    code = ord(ch)
    if code in _ESCAPED_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    if code > 0xFF:
        return f"\\u{code:04x}"
    return f"\\x{code:02x}"
