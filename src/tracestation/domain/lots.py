"""Lead actions on lots: disposition changes, splits and merges, checked before they are signed."""

from __future__ import annotations

from decimal import Decimal

from tracestation.domain.events import LotsMerged, LotSplit, LotStatusChanged
from tracestation.domain.model import Lot, LotStatus
from tracestation.domain.refusals import Refused
from tracestation.domain.rules import qty_text
from tracestation.messages.refusals import Refusal


class LotActionRefused(Refused):
    """The action does not fit the lot's state; the code and message say why and what to do."""


ACTIONS: dict[str, LotStatus] = {
    "hold": LotStatus.HOLD,
    "release": LotStatus.RELEASED,
    "quarantine": LotStatus.QUARANTINE,
    "scrap": LotStatus.REJECTED,
}


def change_status(lot: Lot, action: str, reason: str) -> LotStatusChanged:
    target = ACTIONS[action]
    if not reason.strip():
        raise LotActionRefused(Refusal.REASON_REQUIRED)
    if lot.status is LotStatus.CONSUMED:
        raise LotActionRefused(Refusal.LOT_USED_UP, lot=lot.label)
    if lot.status is LotStatus.REJECTED:
        raise LotActionRefused(Refusal.LOT_SCRAPPED, lot=lot.label)
    if lot.status is target:
        raise LotActionRefused(Refusal.LOT_ALREADY, lot=lot.label, status=target.value)
    return LotStatusChanged(lot.part, lot.code, target.value, lot.status.value, reason.strip())


def split(lot: Lot, qty: Decimal, new_code: str) -> LotSplit:
    if lot.status in (LotStatus.CONSUMED, LotStatus.REJECTED):
        raise LotActionRefused(Refusal.LOT_NOT_SPLITTABLE, lot=lot.label, status=lot.status.value)
    if not qty.is_finite() or qty <= 0 or qty >= lot.quantity:
        raise LotActionRefused(
            Refusal.SPLIT_QUANTITY, on_hand=qty_text(lot.quantity), lot=lot.label
        )
    return LotSplit(lot.part, lot.code, new_code, qty)


def merge(lots: list[Lot], new_code: str) -> LotsMerged:
    if len(lots) < 2:
        raise LotActionRefused(Refusal.MERGE_NEEDS_TWO)
    parts = {lot.part for lot in lots}
    if len(parts) > 1:
        raise LotActionRefused(Refusal.MERGE_ONE_PART, parts=", ".join(sorted(parts)))
    if len({lot.code for lot in lots}) < len(lots):
        raise LotActionRefused(Refusal.MERGE_LISTED_TWICE)
    for lot in lots:
        if lot.status is not LotStatus.RELEASED:
            raise LotActionRefused(
                Refusal.MERGE_NOT_RELEASED, lot=lot.label, status=lot.status.value
            )
        if lot.quantity <= 0:
            raise LotActionRefused(Refusal.MERGE_EMPTY_LOT, lot=lot.label)
    total = sum((lot.quantity for lot in lots), Decimal(0))
    codes = tuple(lot.code for lot in lots)
    return LotsMerged(lots[0].part, codes, new_code, total, tuple(lot.quantity for lot in lots))
