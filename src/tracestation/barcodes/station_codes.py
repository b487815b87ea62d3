"""Station codes: the prefixed barcodes the station prints on travelers, badges and sheets.

`WO:<number>`, `OPN:<code>`, `CMD:<NAME>`, `SN:<serial>` or `SN:<part>/<serial>`,
`LOT:<part>/<lot>`, `PN:<part>`, `QTY:<n>`, `PIN:<n>`, `RSN:<reason code>`, `DEF:<defect code>`
(from the defect catalogue in master data). A PIN is read into
`Decoded.pin` only; its field shows `****`. `CMD:` also names a line lead's actions
(`LeadCommand`: `CMD:HOLD`, `CMD:REPRINT`, `CMD:NC-REWORK`...), read on the lead's desk.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tracestation.barcodes.decoded import Decoded
from tracestation.messages.lead_desk import LeadCommand
from tracestation.messages.scan_errors import ScanError

OPERATOR_COMMANDS = frozenset(
    {"DONE", "PASS", "FAIL", "CANCEL", "LOGOUT", "CLOSE", "REMOVE", "NEW"}
)
COMMANDS = OPERATOR_COMMANDS | {command.value for command in LeadCommand}

PIN_FIELD_MASK = "****"

_QUANTITY = re.compile(r"[0-9]{1,12}(\.[0-9]{1,6})?")
_PREFIX = re.compile(r"^(WO|OPN|CMD|SN|LOT|PN|QTY|PIN|RSN|DEF):(.*)$", re.DOTALL)


def looks_like_station_code(text: str) -> bool:
    return _PREFIX.match(text) is not None


def decode_station_code(raw: str, text: str) -> Decoded:
    match = _PREFIX.match(text)
    assert match is not None, "call looks_like_station_code first"
    prefix, body = match.group(1), match.group(2).strip()
    if not body:
        return _error(raw, ScanError.EMPTY_STATION_CODE, prefix=prefix)
    if prefix == "WO":
        return Decoded("station", raw, {"work_order": body})
    if prefix == "OPN":
        return Decoded("station", raw, {"operation": body})
    if prefix == "CMD":
        name = body.upper()
        if name not in COMMANDS:
            known = ", ".join(sorted(COMMANDS))
            return _error(raw, ScanError.UNKNOWN_COMMAND, command=body, known=known)
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
            return _error(raw, ScanError.PIN_NOT_DIGITS)
        return Decoded("station", raw, {"pin": PIN_FIELD_MASK}, pin=body)
    if prefix == "DEF":
        return Decoded("station", raw, {"defect": body})
    return Decoded("station", raw, {"reason": body})


def _qualified(raw: str, body: str, name: str, *, required: bool) -> Decoded:
    part, slash, value = body.rpartition("/")
    if slash and part and value:
        return Decoded("station", raw, {"part": part, name: value})
    if required:
        return _error(raw, ScanError.LOT_LABEL_INCOMPLETE, body=body)
    if slash:
        return _error(raw, ScanError.SERIAL_LABEL_INCOMPLETE, body=body)
    return Decoded("station", raw, {name: body})


def _quantity(raw: str, body: str) -> Decoded:
    # Plain digits only: Decimal would accept "1e999999" and format it as a million digits.
    if _QUANTITY.fullmatch(body) is None:
        return _error(raw, ScanError.QUANTITY_NOT_A_NUMBER, body=body)
    quantity = Decimal(body)
    if quantity <= 0:
        return _error(raw, ScanError.QUANTITY_NOT_POSITIVE, body=body)
    return Decoded("station", raw, {"quantity": format(quantity.normalize(), "f")})


def _error(raw: str, problem: ScanError, **params: str) -> Decoded:
    return Decoded("station", raw, problems=((problem, params),))
