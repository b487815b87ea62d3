# ruff: noqa: E501  (one catalog entry per line, as in station/messages.py)
"""The station's verdicts and prompts in the operator's language.

A mirror of `tracestation.station.messages.MESSAGES` whose English is kept identical (a test
checks it), marked for Qt's translation tools: `pyside6-lupdate` collects these strings into
resources/ui/translations/*.ts. The core decides in codes and params; only this module and the
translators turn them into words on the screen. Call from the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from tracestation.station.verdicts import ScanResult

CONTEXT = "Verdicts"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks `text` for translation in `context`; PySide6's own is typed as returning object."""
    return text


CATALOG: dict[str, str] = {
    "logged_in": QT_TRANSLATE_NOOP("Verdicts", "Welcome, {name}."),
    "already_logged_in": QT_TRANSLATE_NOOP("Verdicts", "{name} is already logged in."),
    "logged_out": QT_TRANSLATE_NOOP("Verdicts", "{name} logged out."),
    "work_order_selected": QT_TRANSLATE_NOOP(
        "Verdicts", "Work order {work_order}: {quantity} x {part}."
    ),
    "operation_selected": QT_TRANSLATE_NOOP("Verdicts", "Operation {operation} {name} ({kind})."),
    "quantity_set": QT_TRANSLATE_NOOP("Verdicts", "Quantity {qty} set for the next lot."),
    "part_set": QT_TRANSLATE_NOOP("Verdicts", "Part {part} set for the next scan."),
    "cancelled": QT_TRANSLATE_NOOP("Verdicts", "Cancelled. Nothing pending."),
    "unit_registered": QT_TRANSLATE_NOOP("Verdicts", "New unit {unit} registered on {work_order}."),
    "serial_assigned": QT_TRANSLATE_NOOP(
        "Verdicts", "Serial assigned: {unit} on {work_order}; its label is printing."
    ),
    "unit_selected": QT_TRANSLATE_NOOP("Verdicts", "Unit {unit} selected."),
    "rework_started": QT_TRANSLATE_NOOP(
        "Verdicts", "Unit {unit} is in rework. Scan CMD:REMOVE, then the part to take out."
    ),
    "child_installed": QT_TRANSLATE_NOOP("Verdicts", "{child} installed in {unit}."),
    "lot_installed": QT_TRANSLATE_NOOP("Verdicts", "{qty} {uom} of lot {lot} installed in {unit}."),
    "remove_mode": QT_TRANSLATE_NOOP(
        "Verdicts", "Remove mode for {unit}: scan the part or lot to take out."
    ),
    "child_removed": QT_TRANSLATE_NOOP(
        "Verdicts", "{child} removed from {unit}. Scan its replacement, then CMD:DONE."
    ),
    "operation_completed": QT_TRANSLATE_NOOP("Verdicts", "Operation {operation} done for {unit}."),
    "rework_completed": QT_TRANSLATE_NOOP(
        "Verdicts", "Rework done for {unit}; it must pass test again."
    ),
    "unit_finished": QT_TRANSLATE_NOOP(
        "Verdicts", "Operation {operation} done for {unit}; it has finished its routing."
    ),
    "rework_finished": QT_TRANSLATE_NOOP(
        "Verdicts", "Rework done for {unit}; it has finished its routing again."
    ),
    "lot_consumed": QT_TRANSLATE_NOOP(
        "Verdicts", "{qty} {uom} of lot {lot} kitted to {work_order} ({left} {uom} still to kit)."
    ),
    "unit_ready_for_test": QT_TRANSLATE_NOOP(
        "Verdicts", "Testing {unit}: scan CMD:PASS or CMD:FAIL."
    ),
    "test_passed": QT_TRANSLATE_NOOP("Verdicts", "{unit} passed {test}."),
    "test_failed": QT_TRANSLATE_NOOP("Verdicts", "{unit} failed {test}; take it to rework."),
    "unit_packed": QT_TRANSLATE_NOOP(
        "Verdicts", "{unit} packed in carton {sscc} ({count} of {capacity})."
    ),
    "unit_packed_container_full": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{unit} packed; carton {sscc} is full with {count} and closed; its label is printing.",
    ),
    "container_closed": QT_TRANSLATE_NOOP(
        "Verdicts", "Carton {sscc} closed with {count} units; its label is printing."
    ),
    "override_lead": QT_TRANSLATE_NOOP("Verdicts", "Lead {name}: scan your PIN."),
    "override_pin_ok": QT_TRANSLATE_NOOP(
        "Verdicts", "PIN accepted, {name}. Scan the reason code (RSN:...)."
    ),
    "override_reason_set": QT_TRANSLATE_NOOP(
        "Verdicts", "Reason {reason} noted. A lead scans badge and PIN to sign."
    ),
    "work_resumed": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Picking up where this station left off: {work_order}, operation {operation}, unit {unit}.",
    ),
    "override_applied": QT_TRANSLATE_NOOP(
        "Verdicts", "Override signed by {name} ({rule} waived); deviation recorded."
    ),
    "unreadable": QT_TRANSLATE_NOOP("Verdicts", "{detail}"),
    "record_not_saved": QT_TRANSLATE_NOOP(
        "Verdicts",
        "The scan could not be saved ({detail}). Nothing was recorded: scan it again; if this repeats, call a line lead.",
    ),
    "station_fault": QT_TRANSLATE_NOOP(
        "Verdicts",
        "The station could not judge this scan ({detail}). Nothing was recorded: scan it again; if this repeats, call a line lead.",
    ),
    "scan_partial": QT_TRANSLATE_NOOP(
        "Verdicts", "Only part of a barcode arrived ({scan}). Scan the label again."
    ),
    "scan_overflow": QT_TRANSLATE_NOOP(
        "Verdicts",
        "The scanner sent a long burst of unreadable data. Check its cable and baud rate, then scan again.",
    ),
    "duplicate_scan": QT_TRANSLATE_NOOP(
        "Verdicts", "The same scan ({scan}) was read twice within a second; it counts once."
    ),
    "not_logged_in": QT_TRANSLATE_NOOP("Verdicts", "Nobody is logged in. Scan your badge first."),
    "unknown_badge": QT_TRANSLATE_NOOP(
        "Verdicts", "{value} is not a known badge. Scan your badge, or ask a line lead to add you."
    ),
    "no_work_order": QT_TRANSLATE_NOOP(
        "Verdicts", "No work order selected. Scan the work order (WO:...) first."
    ),
    "no_operation": QT_TRANSLATE_NOOP(
        "Verdicts", "No operation selected on {work_order}. Scan the operation (OPN:...) first."
    ),
    "unknown_work_order": QT_TRANSLATE_NOOP(
        "Verdicts", "Work order {work_order} does not exist. Check the traveler and scan again."
    ),
    "work_order_closed": QT_TRANSLATE_NOOP(
        "Verdicts", "Work order {work_order} is closed. Scan an open work order."
    ),
    "part_without_routing": QT_TRANSLATE_NOOP(
        "Verdicts", "Part {part} has no routing. Ask planning to add it."
    ),
    "unknown_operation": QT_TRANSLATE_NOOP(
        "Verdicts", "{part} has no operation {operation}. Its operations: {known}."
    ),
    "unknown_part": QT_TRANSLATE_NOOP(
        "Verdicts", "Part {part} does not exist in master data. Check the label."
    ),
    "part_not_tracked": QT_TRANSLATE_NOOP(
        "Verdicts", "Part {part} is not tracked; it needs no scan."
    ),
    "unknown_value": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{value} is not a known badge, serial, lot or work order. Scan a prefixed label (LOT:, SN:, WO:).",
    ),
    "ambiguous_value": QT_TRANSLATE_NOOP(
        "Verdicts", "{value} matches {matches}. Scan a prefixed label (SN:, LOT:, WO:) instead."
    ),
    "unknown_gtin": QT_TRANSLATE_NOOP(
        "Verdicts",
        "No part carries GTIN {gtin}. Scan the station's LOT: label or ask planning to add the GTIN.",
    ),
    "unknown_supplier_part": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Supplier part {supplier_part} is not cross-referenced to a part. Scan the station's LOT: label or ask planning to add it.",
    ),
    "label_without_identity": QT_TRANSLATE_NOOP(
        "Verdicts", "The label holds no serial, lot, part or container. Scan another label."
    ),
    "unknown_serial": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{serial} is not a known unit here. Check the label, or scan a unit of this work order.",
    ),
    "unknown_serial_while_building": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{serial} is not a known unit. Finish {unit} (CMD:DONE) or CMD:CANCEL before starting a new unit.",
    ),
    "unreadable_while_building": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{value} is not a label this station reads (not a unit, lot or station code). Scan the label again; {unit} stays open.",
    ),
    "ambiguous_serial": QT_TRANSLATE_NOOP(
        "Verdicts", "Serial {serial} exists for several parts ({parts}). Scan SN:<part>/{serial}."
    ),
    "serial_exists": QT_TRANSLATE_NOOP(
        "Verdicts", "Serial {serial} of {part} is already registered. Scan another serial."
    ),
    "work_order_not_serialized": QT_TRANSLATE_NOOP(
        "Verdicts", "{part} on {work_order} is not serialized; scan lots only."
    ),
    "work_order_full": QT_TRANSLATE_NOOP(
        "Verdicts", "Work order {work_order} already has all {quantity} units. Call a line lead."
    ),
    "unit_other_work_order": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{unit} belongs to {work_order}, not {selected}. Scan WO:{work_order} or another unit.",
    ),
    "unit_failed": QT_TRANSLATE_NOOP("Verdicts", "{unit} failed test; take it to rework first."),
    "unit_not_workable": QT_TRANSLATE_NOOP(
        "Verdicts", "{unit} is {status}; it cannot be worked. Call a line lead."
    ),
    "unit_routing_complete": QT_TRANSLATE_NOOP(
        "Verdicts", "{unit} has finished its routing; operation {operation} is behind it."
    ),
    "unit_wrong_operation": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{unit} is not ready for operation {operation}: its next operation is {expected} {expected_name}.",
    ),
    "unit_not_passed": QT_TRANSLATE_NOOP(
        "Verdicts", "{unit} is {status}, not passed; only passed units are packed."
    ),
    "scan_parent_first": QT_TRANSLATE_NOOP("Verdicts", "Scan the parent unit before {serial}."),
    "no_current_unit": QT_TRANSLATE_NOOP("Verdicts", "No unit in work. Scan the unit first."),
    "finish_current_unit_first": QT_TRANSLATE_NOOP(
        "Verdicts", "Finish the current unit (CMD:DONE) or CMD:CANCEL before a new serial."
    ),
    "part_not_on_bom": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{part} is not on the bill of materials of {parent} at operation {operation}. Check the part.",
    ),
    "line_satisfied": QT_TRANSLATE_NOOP(
        "Verdicts", "{unit} already has its {qty} {uom} of {part}. Scan the next part or CMD:DONE."
    ),
    "qty_over_line": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{qty} {uom} of {part} is more than the {remaining} {uom} still needed. Scan QTY: with a smaller quantity.",
    ),
    "line_kitted": QT_TRANSLATE_NOOP(
        "Verdicts", "{work_order} already has all {qty} {uom} of {part} kitted."
    ),
    "qty_over_requirement": QT_TRANSLATE_NOOP(
        "Verdicts", "{qty} {uom} of {part} is more than the {remaining} {uom} still to kit."
    ),
    "lot_on_hold": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Lot {lot} of {part} is on hold since {since} (reason: {reason}). Scan another lot or call a line lead.",
    ),
    "lot_quarantined": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Lot {lot} of {part} is in quarantine since {since} (reason: {reason}). Scan another lot.",
    ),
    "lot_rejected": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Lot {lot} of {part} was rejected on {since} (reason: {reason}). Scan another lot.",
    ),
    "lot_used_up": QT_TRANSLATE_NOOP(
        "Verdicts", "Lot {lot} of {part} is used up. Scan another lot."
    ),
    "lot_short": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Lot {lot} of {part} has only {on_hand} {uom}; {qty} {uom} needed. Scan another lot or QTY: for less.",
    ),
    "lot_expired": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Lot {lot} of {part} expired on {expiry}. A line lead may override: badge, PIN, reason.",
    ),
    "unknown_lot": QT_TRANSLATE_NOOP(
        "Verdicts", "Lot {lot} of {part} is not known. Check the label or ask stores to receive it."
    ),
    "ambiguous_lot": QT_TRANSLATE_NOOP(
        "Verdicts", "Lot code {lot} exists for several parts ({parts}). Scan LOT:<part>/{lot}."
    ),
    "lot_not_expected": QT_TRANSLATE_NOOP(
        "Verdicts", "Operation {operation} is a {kind} step; lots are not scanned here."
    ),
    "child_is_parent": QT_TRANSLATE_NOOP("Verdicts", "{unit} cannot be installed in itself."),
    "child_installed_elsewhere": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{child} is installed in {parent}. Remove it there first (rework) or scan another.",
    ),
    "child_not_finished": QT_TRANSLATE_NOOP(
        "Verdicts",
        "{child} has not finished its own routing (status {status}, last operation {operation}). Scan a finished one.",
    ),
    "bom_incomplete": QT_TRANSLATE_NOOP(
        "Verdicts", "{unit} still needs: {missing}. Scan them, then CMD:DONE."
    ),
    "not_installed_in_unit": QT_TRANSLATE_NOOP(
        "Verdicts", "{child} is not installed in {unit} at this operation. Scan a part that is."
    ),
    "no_unit_to_test": QT_TRANSLATE_NOOP(
        "Verdicts", "No unit under test. Scan the unit, then CMD:PASS or CMD:FAIL."
    ),
    "no_open_container": QT_TRANSLATE_NOOP(
        "Verdicts", "No open carton for {work_order}. Scan a unit to pack first."
    ),
    "container_not_expected": QT_TRANSLATE_NOOP(
        "Verdicts", "Carton {sscc} scanned; cartons are not scanned at this step."
    ),
    "command_not_here": QT_TRANSLATE_NOOP(
        "Verdicts", "CMD:{command} does nothing at operation {operation} ({kind})."
    ),
    "no_override_pending": QT_TRANSLATE_NOOP(
        "Verdicts", "Nothing waits for a lead's signature. Scan your work."
    ),
    "override_needs_lead_badge": QT_TRANSLATE_NOOP(
        "Verdicts", "A line lead scans the badge before the PIN."
    ),
    "override_bad_pin": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Wrong PIN for {name} ({left} of {limit} tries left before it locks). Scan the PIN again.",
    ),
    "override_pin_locked": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Wrong PIN for {name} {attempts} times: the PIN is locked until {until}, or until another lead unlocks it. Another lead may sign.",
    ),
    "pin_locked": QT_TRANSLATE_NOOP(
        "Verdicts",
        "PIN of {name} is locked after {attempts} wrong tries until {until}, or until another lead unlocks it. Another lead may sign.",
    ),
    "override_cancelled": QT_TRANSLATE_NOOP("Verdicts", "Override cancelled."),
    "label_not_printed": QT_TRANSLATE_NOOP(
        "Verdicts",
        "The label did not print ({detail}); it is kept and printed when the printer answers.",
    ),
    "prompt_badge": QT_TRANSLATE_NOOP("Verdicts", "Scan your badge."),
    "prompt_work_order": QT_TRANSLATE_NOOP("Verdicts", "Scan a work order (WO:...)."),
    "prompt_operation": QT_TRANSLATE_NOOP(
        "Verdicts", "Scan the operation (OPN:...) for {work_order}."
    ),
    "prompt_override": QT_TRANSLATE_NOOP(
        "Verdicts",
        "Needs a line lead: badge, PIN and reason code (RSN:...), or scan anything else to cancel.",
    ),
    "prompt_new_parent": QT_TRANSLATE_NOOP("Verdicts", "Scan a new serial or CMD:NEW for {part}."),
    "prompt_parent": QT_TRANSLATE_NOOP("Verdicts", "Scan the {part} unit."),
    "prompt_children": QT_TRANSLATE_NOOP("Verdicts", "Scan for {unit}: {missing}."),
    "prompt_done": QT_TRANSLATE_NOOP("Verdicts", "{unit} is complete: scan CMD:DONE."),
    "prompt_remove": QT_TRANSLATE_NOOP("Verdicts", "Scan the part or lot to remove from {unit}."),
    "prompt_kit": QT_TRANSLATE_NOOP("Verdicts", "Scan lots to kit: {missing}."),
    "prompt_kit_done": QT_TRANSLATE_NOOP(
        "Verdicts", "Kitting complete. Scan units of {part} to move them on."
    ),
    "prompt_test_unit": QT_TRANSLATE_NOOP("Verdicts", "Scan the unit to test."),
    "prompt_test_result": QT_TRANSLATE_NOOP("Verdicts", "Scan CMD:PASS or CMD:FAIL for {unit}."),
    "prompt_pack": QT_TRANSLATE_NOOP("Verdicts", "Scan a passed unit to pack."),
    "prompt_pack_into": QT_TRANSLATE_NOOP(
        "Verdicts", "Scan a passed unit to pack into {sscc} ({count} in it)."
    ),
}


def render(code: str, params: dict[str, str]) -> str:
    """The message for `code` in the installed language, with `params` filled in."""
    template = CATALOG.get(code)
    if template is None:
        return code.replace("_", " ")
    text = QCoreApplication.translate(CONTEXT, template)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


# The verdicts that print a label, as the window says them: what happened, then what became of
# the label (the core's English says "its label is printing" whether or not a printer is set).
LABEL_VERDICTS = {
    "serial_assigned": QT_TRANSLATE_NOOP("Verdicts", "Serial assigned: {unit} on {work_order}."),
    "unit_packed_container_full": QT_TRANSLATE_NOOP(
        "Verdicts", "{unit} packed; carton {sscc} is full with {count} and closed."
    ),
    "container_closed": QT_TRANSLATE_NOOP("Verdicts", "Carton {sscc} closed with {count} units."),
}
LABEL_STATES = {
    "printed": QT_TRANSLATE_NOOP("Verdicts", "Label printed."),
    "no_printer": QT_TRANSLATE_NOOP("Verdicts", "No printer configured: label not printed."),
}


def _translated(template: str, params: dict[str, str]) -> str:
    text = QCoreApplication.translate(CONTEXT, template)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


def render_result(result: ScanResult, *, printer: bool | None = None) -> str:
    """The verdict's message in the installed language, with the core's notes (a cancelled
    override before it, a label that did not print after it).

    `printer` says whether this station has a printer (None: as the core says it). A verdict that
    prints a label then says the truth of it: printed, not printed with the printer's words, or
    "No printer configured: label not printed."."""
    before = [render(code, params) for code, params in result.notes if code == "override_cancelled"]
    after = [render(code, params) for code, params in result.notes if code != "override_cancelled"]
    if printer is None or result.code not in LABEL_VERDICTS:
        return " ".join([*before, render(result.code, result.params), *after])
    said = _translated(LABEL_VERDICTS[result.code], result.params)
    failed = any(code == "label_not_printed" for code, _ in result.notes)
    if not printer:
        state = [_translated(LABEL_STATES["no_printer"], {})]
    elif failed:
        state = []  # the note names the printer's words
    else:
        state = [_translated(LABEL_STATES["printed"], {})]
    return " ".join([*before, said, *state, *after])
