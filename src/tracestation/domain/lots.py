"""Lead actions on lots: disposition changes, splits and merges, checked before they are signed."""

from __future__ import annotations

from decimal import Decimal

from tracestation.domain.events import LotsMerged, LotSplit, LotStatusChanged
from tracestation.domain.model import Lot, LotStatus
from tracestation.domain.refusals import Refused
from tracestation.domain.rules import qty_text


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
        raise LotActionRefused("reason_required")
    if lot.status is LotStatus.CONSUMED:
        raise LotActionRefused("lot_used_up", lot=lot.label)
    if lot.status is LotStatus.REJECTED:
        raise LotActionRefused("lot_scrapped", lot=lot.label)
    if lot.status is target:
        raise LotActionRefused("lot_already", lot=lot.label, status=target.value)
    return LotStatusChanged(lot.part, lot.code, target.value, lot.status.value, reason.strip())


def split(lot: Lot, qty: Decimal, new_code: str) -> LotSplit:
    if lot.status in (LotStatus.CONSUMED, LotStatus.REJECTED):
        raise LotActionRefused("lot_not_splittable", lot=lot.label, status=lot.status.value)
    if not qty.is_finite() or qty <= 0 or qty >= lot.quantity:
        raise LotActionRefused("split_quantity", on_hand=qty_text(lot.quantity), lot=lot.label)
    return LotSplit(lot.part, lot.code, new_code, qty)


def merge(lots: list[Lot], new_code: str) -> LotsMerged:
    if len(lots) < 2:
        raise LotActionRefused("merge_needs_two")
    parts = {lot.part for lot in lots}
    if len(parts) > 1:
        raise LotActionRefused("merge_one_part", parts=", ".join(sorted(parts)))
    if len({lot.code for lot in lots}) < len(lots):
        raise LotActionRefused("merge_listed_twice")
    for lot in lots:
        if lot.status is not LotStatus.RELEASED:
            raise LotActionRefused("merge_not_released", lot=lot.label, status=lot.status.value)
        if lot.quantity <= 0:
            raise LotActionRefused("merge_empty_lot", lot=lot.label)
    total = sum((lot.quantity for lot in lots), Decimal(0))
    codes = tuple(lot.code for lot in lots)
    return LotsMerged(lots[0].part, codes, new_code, total, tuple(lot.quantity for lot in lots))
