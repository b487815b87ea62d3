"""The lead actions' refusals in the installed language: a mirror of
`tracestation.domain.refusals.REFUSALS` (a test keeps the English identical)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tracestation.ui.verdict_text import QT_TRANSLATE_NOOP

CONTEXT = "Refusals"

CATALOG: dict[str, str] = {
    "reason_required": QT_TRANSLATE_NOOP("Refusals", "A disposition needs a reason (--reason)."),
    "lot_used_up": QT_TRANSLATE_NOOP(
        "Refusals", "Lot {lot} is used up; its disposition cannot change."
    ),
    "lot_scrapped": QT_TRANSLATE_NOOP(
        "Refusals", "Lot {lot} was scrapped; a scrapped lot stays scrapped."
    ),
    "lot_already": QT_TRANSLATE_NOOP("Refusals", "Lot {lot} is already {status}."),
    "lot_not_splittable": QT_TRANSLATE_NOOP(
        "Refusals", "Lot {lot} is {status}; it cannot be split."
    ),
    "split_quantity": QT_TRANSLATE_NOOP(
        "Refusals",
        "Split quantity must be more than 0 and less than the {on_hand} on hand of {lot}.",
    ),
    "merge_needs_two": QT_TRANSLATE_NOOP("Refusals", "A merge needs at least two lots."),
    "merge_one_part": QT_TRANSLATE_NOOP("Refusals", "Only lots of one part merge; got {parts}."),
    "merge_listed_twice": QT_TRANSLATE_NOOP("Refusals", "A lot is listed twice."),
    "merge_not_released": QT_TRANSLATE_NOOP(
        "Refusals",
        "Lot {lot} is {status}; only released lots merge (a merge would spread its status).",
    ),
    "merge_empty_lot": QT_TRANSLATE_NOOP("Refusals", "Lot {lot} has nothing on hand."),
    "lot_not_recorded": QT_TRANSLATE_NOOP(
        "Refusals", "Lot {lot} is not recorded. Check the part and lot."
    ),
    "lot_exists": QT_TRANSLATE_NOOP("Refusals", "Lot {lot} already exists; choose another code."),
    "unit_not_recorded": QT_TRANSLATE_NOOP("Refusals", "Unit {unit} is not recorded."),
    "bad_disposition": QT_TRANSLATE_NOOP("Refusals", "Disposition must be one of {choices}."),
    "not_a_label": QT_TRANSLATE_NOOP(
        "Refusals", "'{text}' is not PART/LOT (for example SCREW-M3/L-2291)."
    ),
    "not_a_quantity": QT_TRANSLATE_NOOP("Refusals", "'{text}' is not a quantity."),
    "unknown_badge": QT_TRANSLATE_NOOP("Refusals", "{badge} is not a known badge."),
    "not_a_lead": QT_TRANSLATE_NOOP(
        "Refusals", "{name} ({badge}) is not a line lead; a lead must sign this."
    ),
    "wrong_pin": QT_TRANSLATE_NOOP(
        "Refusals",
        "Wrong PIN for {name} ({left} of {limit} tries left before it locks). Nothing was changed.",
    ),
    "pin_locked_now": QT_TRANSLATE_NOOP(
        "Refusals",
        "Wrong PIN for {name} {attempts} times: the PIN is locked until {until}, or until another lead unlocks it. Nothing was changed.",
    ),
    "pin_locked": QT_TRANSLATE_NOOP(
        "Refusals",
        "PIN of {name} is locked after {attempts} wrong tries until {until}, or until another lead unlocks it.",
    ),
    "pin_not_locked": QT_TRANSLATE_NOOP(
        "Refusals", "The PIN of {name} ({badge}) is not locked and has no wrong tries to clear."
    ),
    "unlock_own_pin": QT_TRANSLATE_NOOP(
        "Refusals", "{name} cannot unlock their own PIN: another lead signs the unlock."
    ),
    "conflict_not_found": QT_TRANSLATE_NOOP(
        "Refusals", "There is no conflict {conflict}. List them with `tracestation conflicts`."
    ),
    "conflict_not_open": QT_TRANSLATE_NOOP("Refusals", "Conflict {conflict} is already resolved."),
    "resolution_unknown": QT_TRANSLATE_NOOP(
        "Refusals", "A conflict is resolved by one of {choices}."
    ),
    "conflict_needs_a_parent": QT_TRANSLATE_NOOP(
        "Refusals",
        "{child} sits in {parents}: say which unit it really is in (--keep PART/SERIAL).",
    ),
    "conflict_keep_unknown": QT_TRANSLATE_NOOP(
        "Refusals", "{parent} does not hold it; it sits in {parents}."
    ),
    "conflict_not_a_link": QT_TRANSLATE_NOOP(
        "Refusals",
        "Conflict {conflict} ({kind}) is not about a link: accept it or scrap its subject.",
    ),
    "conflict_not_scrappable": QT_TRANSLATE_NOOP(
        "Refusals", "{subject} is not a unit or a lot: accept the conflict instead."
    ),
}


def render_refusal(code: str, params: dict[str, str]) -> str | None:
    """The refusal for `code` translated, or None when `code` is not a refusal."""
    template = CATALOG.get(code)
    if template is None:
        return None
    text = QCoreApplication.translate(CONTEXT, template)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
