"""Lead actions on lots: disposition changes, splits and merges, checked before they are signed."""

from __future__ import annotations

from decimal import Decimal

from tracestation.domain.events import LotsMerged, LotSplit, LotStatusChanged
from tracestation.domain.model import Lot, LotStatus
from tracestation.domain.rules import qty_text


class LotActionRefused(ValueError):
    """The action does not fit the lot's state; the message says why and what to do."""


ACTIONS: dict[str, LotStatus] = {
    "hold": LotStatus.HOLD,
    "release": LotStatus.RELEASED,
    "quarantine": LotStatus.QUARANTINE,
    "scrap": LotStatus.REJECTED,
}


def change_status(lot: Lot, action: str, reason: str) -> LotStatusChanged:
    target = ACTIONS[action]
    if not reason.strip():
        raise LotActionRefused("A disposition needs a reason (--reason).")
    if lot.status is LotStatus.CONSUMED:
        raise LotActionRefused(f"Lot {lot.label} is used up; its disposition cannot change.")
    if lot.status is LotStatus.REJECTED:
        raise LotActionRefused(f"Lot {lot.label} was scrapped; a scrapped lot stays scrapped.")
    if lot.status is target:
        raise LotActionRefused(f"Lot {lot.label} is already {target.value}.")
    return LotStatusChanged(lot.part, lot.code, target.value, lot.status.value, reason.strip())


def split(lot: Lot, qty: Decimal, new_code: str) -> LotSplit:
    if lot.status in (LotStatus.CONSUMED, LotStatus.REJECTED):
        raise LotActionRefused(f"Lot {lot.label} is {lot.status.value}; it cannot be split.")
    if not qty.is_finite() or qty <= 0 or qty >= lot.quantity:
        raise LotActionRefused(
            f"Split quantity must be more than 0 and less than the "
            f"{qty_text(lot.quantity)} on hand of {lot.label}."
        )
    return LotSplit(lot.part, lot.code, new_code, qty)


def merge(lots: list[Lot], new_code: str) -> LotsMerged:
    if len(lots) < 2:
        raise LotActionRefused("A merge needs at least two lots.")
    parts = {lot.part for lot in lots}
    if len(parts) > 1:
        raise LotActionRefused(f"Only lots of one part merge; got {', '.join(sorted(parts))}.")
    if len({lot.code for lot in lots}) < len(lots):
        raise LotActionRefused("A lot is listed twice.")
    for lot in lots:
        if lot.status is not LotStatus.RELEASED:
            raise LotActionRefused(
                f"Lot {lot.label} is {lot.status.value}; only released lots merge "
                "(a merge would spread its status)."
            )
        if lot.quantity <= 0:
            raise LotActionRefused(f"Lot {lot.label} has nothing on hand.")
    total = sum((lot.quantity for lot in lots), Decimal(0))
    return LotsMerged(lots[0].part, tuple(lot.code for lot in lots), new_code, total)
