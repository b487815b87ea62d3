"""Refusals of lead actions, as codes with facts; English text is the default rendering, and
the window renders the same codes in the operator's language."""

from __future__ import annotations

REFUSALS: dict[str, str] = {
    "reason_required": "A disposition needs a reason (--reason).",
    "lot_used_up": "Lot {lot} is used up; its disposition cannot change.",
    "lot_scrapped": "Lot {lot} was scrapped; a scrapped lot stays scrapped.",
    "lot_already": "Lot {lot} is already {status}.",
    "lot_not_splittable": "Lot {lot} is {status}; it cannot be split.",
    "split_quantity": "Split quantity must be more than 0 and less than the {on_hand} on hand of {lot}.",
    "merge_needs_two": "A merge needs at least two lots.",
    "merge_one_part": "Only lots of one part merge; got {parts}.",
    "merge_listed_twice": "A lot is listed twice.",
    "merge_not_released": "Lot {lot} is {status}; only released lots merge (a merge would spread its status).",
    "merge_empty_lot": "Lot {lot} has nothing on hand.",
    "lot_not_recorded": "Lot {lot} is not recorded. Check the part and lot.",
    "lot_exists": "Lot {lot} already exists; choose another code.",
    "unit_not_recorded": "Unit {unit} is not recorded.",
    "bad_disposition": "Disposition must be one of {choices}.",
    "not_a_label": "'{text}' is not PART/LOT (for example SCREW-M3/L-2291).",
    "not_a_quantity": "'{text}' is not a quantity.",
    "unknown_badge": "{badge} is not a known badge.",
    "not_a_lead": "{name} ({badge}) is not a line lead; a lead must sign this.",
    "wrong_pin": "Wrong PIN for {name} ({left} of {limit} tries left before it locks). Nothing was changed.",
    "pin_locked_now": "Wrong PIN for {name} {attempts} times: the PIN is locked until {until}, or until another lead unlocks it. Nothing was changed.",
    "pin_locked": "PIN of {name} is locked after {attempts} wrong tries until {until}, or until another lead unlocks it.",
    "pin_not_locked": "The PIN of {name} ({badge}) is not locked and has no wrong tries to clear.",
    "unlock_own_pin": "{name} cannot unlock their own PIN: another lead signs the unlock.",
    "conflict_not_found": "There is no conflict {conflict}. List them with `tracestation conflicts`.",
    "conflict_not_open": "Conflict {conflict} is already resolved.",
    "resolution_unknown": "A conflict is resolved by one of {choices}.",
    "conflict_needs_a_parent": "{child} sits in {parents}: say which unit it really is in (--keep PART/SERIAL).",
    "conflict_keep_unknown": "{parent} does not hold it; it sits in {parents}.",
    "conflict_not_a_link": "Conflict {conflict} ({kind}) is not about a link: accept it or scrap its subject.",
    "conflict_not_scrappable": "{subject} is not a unit or a lot: accept the conflict instead.",
}


class Refused(ValueError):
    """An action refused before anything was written; `code` and `params` say why."""

    def __init__(self, code: str, **params: str) -> None:
        self.code = code
        self.params = params
        template = REFUSALS.get(code, code)
        super().__init__(template.format(**params))
