"""Station codes: the prefixed barcodes the station prints on travelers, badges and sheets.

`WO:<number>`, `OPN:<code>`, `CMD:<NAME>`, `SN:<serial>` or `SN:<part>/<serial>`,
`LOT:<part>/<lot>`, `PN:<part>`, `QTY:<n>`, `PIN:<n>`, `RSN:<reason code>`. A PIN is read into
`Decoded.pin` only; its field shows `****`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tracestation.barcodes.decoded import Decoded

COMMANDS = frozenset({"DONE", "PASS", "FAIL", "CANCEL", "LOGOUT", "CLOSE", "REMOVE", "NEW"})

PIN_FIELD_MASK = "****"

_QUANTITY = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")
_PREFIX = re.compile(r"^(WO|OPN|CMD|SN|LOT|PN|QTY|PIN|RSN):(.*)$", re.DOTALL)


def looks_like_station_code(text: str) -> bool:
    return _PREFIX.match(text) is not None


def decode_station_code(raw: str, text: str) -> Decoded:
    match = _PREFIX.match(text)
    assert match is not None, "call looks_like_station_code first"
    prefix, body = match.group(1), match.group(2).strip()
    if not body:
        return _error(raw, f"The {prefix}: label is empty. Scan a complete label.")
    if prefix == "WO":
        return Decoded("station", raw, {"work_order": body})
    if prefix == "OPN":
        return Decoded("station", raw, {"operation": body})
    if prefix == "CMD":
        name = body.upper()
        if name not in COMMANDS:
            known = ", ".join(sorted(COMMANDS))
            return _error(raw, f"CMD:{body} is not a station command. Known commands: {known}.")
        return Decoded("station", raw, {"command": name})
    if prefix == "SN":
        return _qualified(raw, body, "serial", required=False)
    if prefix == "LOT":
        return _qualified(raw, body, "lot", required=True)
    if prefix == "PN":
        return Decoded("station", raw, {"part": body})
    if prefix == "QTY":
        return _quantity(raw, body)
    if prefix == "PIN":
        if not body.isdigit():
            return _error(raw, "A PIN is digits only. Scan the PIN label again.")
        return Decoded("station", raw, {"pin": PIN_FIELD_MASK}, pin=body)
    return Decoded("station", raw, {"reason": body})


def _qualified(raw: str, body: str, name: str, *, required: bool) -> Decoded:
    part, slash, value = body.rpartition("/")
    if slash and part and value:
        return Decoded("station", raw, {"part": part, name: value})
    if required:
        return _error(
            raw, f"A LOT: label names the part and the lot, as LOT:<part>/<lot>; got LOT:{body}."
        )
    if slash:
        return _error(raw, f"SN:{body} is incomplete: use SN:<serial> or SN:<part>/<serial>.")
    return Decoded("station", raw, {name: body})


def _quantity(raw: str, body: str) -> Decoded:
    # Plain digits only: Decimal would accept "1e999999" and format it as a million digits.
    if _QUANTITY.fullmatch(body) is None:
        return _error(raw, f"QTY:{body} is not a number. Scan a QTY:<n> label such as QTY:4.")
    quantity = Decimal(body)
    if quantity <= 0:
        return _error(raw, f"QTY:{body} must be a positive number.")
    return Decoded("station", raw, {"quantity": format(quantity.normalize(), "f")})


def _error(raw: str, message: str) -> Decoded:
    return Decoded("station", raw, error=message)
