"""Why a lead action was refused before anything was written: a code for each, its English once."""

from __future__ import annotations

from tracestation.messages.base import Message


class Refusal(Message):
    REASON_REQUIRED = "reason_required", "A disposition needs a reason (--reason)."
    LOT_USED_UP = "lot_used_up", "Lot {lot} is used up; its disposition cannot change."
    LOT_SCRAPPED = "lot_scrapped", "Lot {lot} was scrapped; a scrapped lot stays scrapped."
    LOT_ALREADY = "lot_already", "Lot {lot} is already {status}."
    LOT_NOT_SPLITTABLE = "lot_not_splittable", "Lot {lot} is {status}; it cannot be split."
    SPLIT_QUANTITY = (
        "split_quantity",
        "Split quantity must be more than 0 and less than the {on_hand} on hand of {lot}.",
    )
    MERGE_NEEDS_TWO = "merge_needs_two", "A merge needs at least two lots."
    MERGE_ONE_PART = "merge_one_part", "Only lots of one part merge; got {parts}."
    MERGE_LISTED_TWICE = "merge_listed_twice", "A lot is listed twice."
    MERGE_NOT_RELEASED = (
        "merge_not_released",
        "Lot {lot} is {status}; only released lots merge (a merge would spread its status).",
    )
    MERGE_EMPTY_LOT = "merge_empty_lot", "Lot {lot} has nothing on hand."
    LOT_NOT_RECORDED = "lot_not_recorded", "Lot {lot} is not recorded. Check the part and lot."
    LOT_EXISTS = "lot_exists", "Lot {lot} already exists; choose another code."
    UNIT_NOT_RECORDED = "unit_not_recorded", "Unit {unit} is not recorded."
    BAD_DISPOSITION = "bad_disposition", "Disposition must be one of {choices}."
    DEFECT_REQUIRED = "defect_required", "A nonconformance needs a defect code."
    DEFECT_NOT_IN_CATALOGUE = (
        "defect_not_in_catalogue",
        "Defect code {defect} is not in the defect catalogue (tracestation defects list).",
    )
    NC_EXISTS = "nc_exists", "Nonconformance {number} already exists; choose another number."
    NC_NOT_FOUND = (
        "nc_not_found",
        "There is no nonconformance {number}. List them with `tracestation nc list`.",
    )
    NC_NOT_OPEN = "nc_not_open", "Nonconformance {number} is already closed."
    HOLD_IS_FOR_LOTS = (
        "hold_is_for_lots",
        "Only a lot's nonconformance puts it on hold; {subject} is a unit.",
    )
    NOT_A_LABEL = "not_a_label", "'{text}' is not PART/LOT (for example SCREW-M3/L-2291)."
    NOT_A_QUANTITY = "not_a_quantity", "'{text}' is not a quantity."
    UNKNOWN_BADGE = "unknown_badge", "{badge} is not a known badge."
    NOT_A_LEAD = "not_a_lead", "{name} ({badge}) is not a line lead; a lead must sign this."
    WRONG_PIN = (
        "wrong_pin",
        "Wrong PIN for {name} ({left} of {limit} tries left before it locks). Nothing was changed.",
    )
    PIN_LOCKED_NOW = (
        "pin_locked_now",
        "Wrong PIN for {name} {attempts} times: the PIN is locked until {until}, or until another lead unlocks it. Nothing was changed.",
    )
    PIN_LOCKED = (
        "pin_locked",
        "PIN of {name} is locked after {attempts} wrong tries until {until}, or until another lead unlocks it.",
    )
    PIN_NOT_LOCKED = (
        "pin_not_locked",
        "The PIN of {name} ({badge}) is not locked and has no wrong tries to clear.",
    )
    UNLOCK_OWN_PIN = (
        "unlock_own_pin",
        "{name} cannot unlock their own PIN: another lead signs the unlock.",
    )
    CONFLICT_NOT_FOUND = (
        "conflict_not_found",
        "There is no conflict {conflict}. List them with `tracestation conflicts`.",
    )
    CONFLICT_NOT_OPEN = "conflict_not_open", "Conflict {conflict} is already resolved."
    RESOLUTION_UNKNOWN = "resolution_unknown", "A conflict is resolved by one of {choices}."
    CONFLICT_NEEDS_A_PARENT = (
        "conflict_needs_a_parent",
        "{child} sits in {parents}: say which unit it really is in (--keep PART/SERIAL).",
    )
    CONFLICT_KEEP_UNKNOWN = (
        "conflict_keep_unknown",
        "{parent} does not hold it; it sits in {parents}.",
    )
    CONFLICT_NOT_A_LINK = (
        "conflict_not_a_link",
        "Conflict {conflict} ({kind}) is not about a link: accept it or scrap its subject.",
    )
    CONFLICT_NOT_SCRAPPABLE = (
        "conflict_not_scrappable",
        "{subject} is not a unit or a lot: accept the conflict instead.",
    )
