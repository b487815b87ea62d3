"""The station's verdicts and prompts: a code for each, and its English once.

The core decides in these codes and facts (`params`); `english` is the rendering the CLI, replay
and the headless runner show, and the source the window's translations are made from.
"""

from __future__ import annotations

from tracestation.messages.base import Message


class Verdict(Message):
    # accepted
    LOGGED_IN = "logged_in", "Welcome, {name}."
    ALREADY_LOGGED_IN = "already_logged_in", "{name} is already logged in."
    LOGGED_OUT = "logged_out", "{name} logged out."
    WORK_ORDER_SELECTED = "work_order_selected", "Work order {work_order}: {quantity} x {part}."
    OPERATION_SELECTED = "operation_selected", "Operation {operation} {name} ({kind})."
    QUANTITY_SET = "quantity_set", "Quantity {qty} set for the next lot."
    PART_SET = "part_set", "Part {part} set for the next scan."
    CANCELLED = "cancelled", "Cancelled. Nothing pending."
    UNIT_REGISTERED = "unit_registered", "New unit {unit} registered on {work_order}."
    SERIAL_ASSIGNED = (
        "serial_assigned",
        "Serial assigned: {unit} on {work_order}; its label is printing.",
    )
    UNIT_SELECTED = "unit_selected", "Unit {unit} selected."
    REWORK_STARTED = (
        "rework_started",
        "Unit {unit} is in rework. Scan CMD:REMOVE, then the part to take out.",
    )
    CHILD_INSTALLED = "child_installed", "{child} installed in {unit}."
    LOT_INSTALLED = "lot_installed", "{qty} {uom} of lot {lot} installed in {unit}."
    REMOVE_MODE = "remove_mode", "Remove mode for {unit}: scan the part or lot to take out."
    CHILD_REMOVED = (
        "child_removed",
        "{child} removed from {unit}. Scan its replacement, then CMD:DONE.",
    )
    OPERATION_COMPLETED = "operation_completed", "Operation {operation} done for {unit}."
    REWORK_COMPLETED = "rework_completed", "Rework done for {unit}; it must pass test again."
    UNIT_FINISHED = (
        "unit_finished",
        "Operation {operation} done for {unit}; it has finished its routing.",
    )
    REWORK_FINISHED = (
        "rework_finished",
        "Rework done for {unit}; it has finished its routing again.",
    )
    LOT_CONSUMED = (
        "lot_consumed",
        "{qty} {uom} of lot {lot} kitted to {work_order} ({left} {uom} still to kit).",
    )
    UNIT_READY_FOR_TEST = "unit_ready_for_test", "Testing {unit}: scan CMD:PASS or CMD:FAIL."
    TEST_PASSED = "test_passed", "{unit} passed {test}."
    TEST_FAILED = "test_failed", "{unit} failed {test}; take it to rework."
    UNIT_PACKED = "unit_packed", "{unit} packed in carton {sscc} ({count} of {capacity})."
    UNIT_PACKED_CONTAINER_FULL = (
        "unit_packed_container_full",
        "{unit} packed; carton {sscc} is full with {count} and closed; its label is printing.",
    )
    CONTAINER_CLOSED = (
        "container_closed",
        "Carton {sscc} closed with {count} units; its label is printing.",
    )
    OVERRIDE_LEAD = "override_lead", "Lead {name}: scan your PIN."
    OVERRIDE_PIN_OK = "override_pin_ok", "PIN accepted, {name}. Scan the reason code (RSN:...)."
    OVERRIDE_REASON_SET = (
        "override_reason_set",
        "Reason {reason} noted. A lead scans badge and PIN to sign.",
    )
    WORK_RESUMED = (
        "work_resumed",
        "Picking up where this station left off: {work_order}, operation {operation}, unit {unit}.",
    )
    OVERRIDE_APPLIED = (
        "override_applied",
        "Override signed by {name} ({rule} waived); deviation recorded.",
    )
    DEFECT_RECORDED_ON_TEST = (
        "defect_recorded_on_test",
        "Defect {defect} ({description}) recorded for {unit}; take it to rework.",
    )
    DEFECT_RECORDED_ON_REMOVAL = (
        "defect_recorded_on_removal",
        "Defect {defect} ({description}) recorded for {removed} taken out of {unit}.",
    )
    # rejected
    UNREADABLE = "unreadable", "{detail}"
    RECORD_NOT_SAVED = (
        "record_not_saved",
        "The scan could not be saved ({detail}). Nothing was recorded: scan it again; if this repeats, call a line lead.",
    )
    RECORD_UNCERTAIN = (
        "record_uncertain",
        "The connection to the database broke while this scan was being saved ({detail}): it may have been recorded. Look at the unit's history before scanning it again; if unsure, call a line lead.",
    )
    STATION_FAULT = (
        "station_fault",
        "The station could not judge this scan ({detail}). Nothing was recorded: scan it again; if this repeats, call a line lead.",
    )
    SCAN_PARTIAL = "scan_partial", "Only part of a barcode arrived ({scan}). Scan the label again."
    SCAN_OVERFLOW = (
        "scan_overflow",
        "The scanner sent a long burst of unreadable data. Check its cable and baud rate, then scan again.",
    )
    DUPLICATE_SCAN = (
        "duplicate_scan",
        "The same scan ({scan}) was read twice within a second; it counts once.",
    )
    NOT_LOGGED_IN = "not_logged_in", "Nobody is logged in. Scan your badge first."
    UNKNOWN_BADGE = (
        "unknown_badge",
        "{value} is not a known badge. Scan your badge, or ask a line lead to add you.",
    )
    NO_WORK_ORDER = "no_work_order", "No work order selected. Scan the work order (WO:...) first."
    NO_OPERATION = (
        "no_operation",
        "No operation selected on {work_order}. Scan the operation (OPN:...) first.",
    )
    UNKNOWN_WORK_ORDER = (
        "unknown_work_order",
        "Work order {work_order} does not exist. Check the traveler and scan again.",
    )
    WORK_ORDER_CLOSED = (
        "work_order_closed",
        "Work order {work_order} is closed. Scan an open work order.",
    )
    PART_WITHOUT_ROUTING = (
        "part_without_routing",
        "Part {part} has no routing. Ask planning to add it.",
    )
    UNKNOWN_OPERATION = (
        "unknown_operation",
        "{part} has no operation {operation}. Its operations: {known}.",
    )
    UNKNOWN_PART = "unknown_part", "Part {part} does not exist in master data. Check the label."
    PART_NOT_TRACKED = "part_not_tracked", "Part {part} is not tracked; it needs no scan."
    UNKNOWN_VALUE = (
        "unknown_value",
        "{value} is not a known badge, serial, lot or work order. Scan a prefixed label (LOT:, SN:, WO:).",
    )
    AMBIGUOUS_VALUE = (
        "ambiguous_value",
        "{value} matches {matches}. Scan a prefixed label (SN:, LOT:, WO:) instead.",
    )
    UNKNOWN_GTIN = (
        "unknown_gtin",
        "No part carries GTIN {gtin}. Scan the station's LOT: label or ask planning to add the GTIN.",
    )
    UNKNOWN_SUPPLIER_PART = (
        "unknown_supplier_part",
        "Supplier part {supplier_part} is not cross-referenced to a part. Scan the station's LOT: label or ask planning to add it.",
    )
    LABEL_WITHOUT_IDENTITY = (
        "label_without_identity",
        "The label holds no serial, lot, part or container. Scan another label.",
    )
    UNKNOWN_SERIAL = (
        "unknown_serial",
        "{serial} is not a known unit here. Check the label, or scan a unit of this work order.",
    )
    UNKNOWN_SERIAL_WHILE_BUILDING = (
        "unknown_serial_while_building",
        "{serial} is not a known unit. Finish {unit} (CMD:DONE) or CMD:CANCEL before starting a new unit.",
    )
    UNREADABLE_WHILE_BUILDING = (
        "unreadable_while_building",
        "{value} is not a label this station reads (not a unit, lot or station code). Scan the label again; {unit} stays open.",
    )
    AMBIGUOUS_SERIAL = (
        "ambiguous_serial",
        "Serial {serial} exists for several parts ({parts}). Scan SN:<part>/{serial}.",
    )
    SERIAL_EXISTS = (
        "serial_exists",
        "Serial {serial} of {part} is already registered. Scan another serial.",
    )
    WORK_ORDER_NOT_SERIALIZED = (
        "work_order_not_serialized",
        "{part} on {work_order} is not serialized; scan lots only.",
    )
    WORK_ORDER_FULL = (
        "work_order_full",
        "Work order {work_order} already has all {quantity} units. Call a line lead.",
    )
    UNIT_OTHER_WORK_ORDER = (
        "unit_other_work_order",
        "{unit} belongs to {work_order}, not {selected}. Scan WO:{work_order} or another unit.",
    )
    UNIT_FAILED = "unit_failed", "{unit} failed test; take it to rework first."
    UNIT_NOT_WORKABLE = (
        "unit_not_workable",
        "{unit} is {status}; it cannot be worked. Call a line lead.",
    )
    UNIT_ROUTING_COMPLETE = (
        "unit_routing_complete",
        "{unit} has finished its routing; operation {operation} is behind it.",
    )
    UNIT_WRONG_OPERATION = (
        "unit_wrong_operation",
        "{unit} is not ready for operation {operation}: its next operation is {expected} {expected_name}.",
    )
    UNIT_NOT_PASSED = (
        "unit_not_passed",
        "{unit} is {status}, not passed; only passed units are packed.",
    )
    SCAN_PARENT_FIRST = "scan_parent_first", "Scan the parent unit before {serial}."
    NO_CURRENT_UNIT = "no_current_unit", "No unit in work. Scan the unit first."
    FINISH_CURRENT_UNIT_FIRST = (
        "finish_current_unit_first",
        "Finish the current unit (CMD:DONE) or CMD:CANCEL before a new serial.",
    )
    PART_NOT_ON_BOM = (
        "part_not_on_bom",
        "{part} is not on the bill of materials of {parent} at operation {operation}. Check the part.",
    )
    LINE_SATISFIED = (
        "line_satisfied",
        "{unit} already has its {qty} {uom} of {part}. Scan the next part or CMD:DONE.",
    )
    QTY_OVER_LINE = (
        "qty_over_line",
        "{qty} {uom} of {part} is more than the {remaining} {uom} still needed. Scan QTY: with a smaller quantity.",
    )
    LINE_KITTED = "line_kitted", "{work_order} already has all {qty} {uom} of {part} kitted."
    QTY_OVER_REQUIREMENT = (
        "qty_over_requirement",
        "{qty} {uom} of {part} is more than the {remaining} {uom} still to kit.",
    )
    LOT_ON_HOLD = (
        "lot_on_hold",
        "Lot {lot} of {part} is on hold since {since} (reason: {reason}). Scan another lot or call a line lead.",
    )
    LOT_QUARANTINED = (
        "lot_quarantined",
        "Lot {lot} of {part} is in quarantine since {since} (reason: {reason}). Scan another lot.",
    )
    LOT_REJECTED = (
        "lot_rejected",
        "Lot {lot} of {part} was rejected on {since} (reason: {reason}). Scan another lot.",
    )
    LOT_USED_UP = "lot_used_up", "Lot {lot} of {part} is used up. Scan another lot."
    LOT_SHORT = (
        "lot_short",
        "Lot {lot} of {part} has only {on_hand} {uom}; {qty} {uom} needed. Scan another lot or QTY: for less.",
    )
    LOT_EXPIRED = (
        "lot_expired",
        "Lot {lot} of {part} expired on {expiry}. A line lead may override: badge, PIN, reason.",
    )
    UNKNOWN_LOT = (
        "unknown_lot",
        "Lot {lot} of {part} is not known. Check the label or ask stores to receive it.",
    )
    AMBIGUOUS_LOT = (
        "ambiguous_lot",
        "Lot code {lot} exists for several parts ({parts}). Scan LOT:<part>/{lot}.",
    )
    LOT_NOT_EXPECTED = (
        "lot_not_expected",
        "Operation {operation} is a {kind} step; lots are not scanned here.",
    )
    CHILD_IS_PARENT = "child_is_parent", "{unit} cannot be installed in itself."
    CHILD_INSTALLED_ELSEWHERE = (
        "child_installed_elsewhere",
        "{child} is installed in {parent}. Remove it there first (rework) or scan another.",
    )
    CHILD_NOT_FINISHED = (
        "child_not_finished",
        "{child} has not finished its own routing (status {status}, last operation {operation}). Scan a finished one.",
    )
    BOM_INCOMPLETE = "bom_incomplete", "{unit} still needs: {missing}. Scan them, then CMD:DONE."
    NOT_INSTALLED_IN_UNIT = (
        "not_installed_in_unit",
        "{child} is not installed in {unit} at this operation. Scan a part that is.",
    )
    NO_UNIT_TO_TEST = (
        "no_unit_to_test",
        "No unit under test. Scan the unit, then CMD:PASS or CMD:FAIL.",
    )
    NO_OPEN_CONTAINER = (
        "no_open_container",
        "No open carton for {work_order}. Scan a unit to pack first.",
    )
    CONTAINER_NOT_EXPECTED = (
        "container_not_expected",
        "Carton {sscc} scanned; cartons are not scanned at this step.",
    )
    COMMAND_NOT_HERE = (
        "command_not_here",
        "CMD:{command} does nothing at operation {operation} ({kind}).",
    )
    NO_OVERRIDE_PENDING = (
        "no_override_pending",
        "Nothing waits for a lead's signature. Scan your work.",
    )
    NO_DEFECT_ASKED = (
        "no_defect_asked",
        "Defect {defect} scanned, but no failed test or removed part waits for one. "
        "Scan your work.",
    )
    UNKNOWN_DEFECT = (
        "unknown_defect",
        "{defect} is not in the defect catalogue. Scan a code from the defect-code sheet, "
        "or ask quality to add it.",
    )
    DEFECT_CODE_NEEDED = (
        "defect_code_needed",
        "{unit} failed its test: scan its defect code (DEF:...) from the defect-code sheet "
        "first, or CMD:CANCEL.",
    )
    OVERRIDE_NEEDS_LEAD_BADGE = (
        "override_needs_lead_badge",
        "A line lead scans the badge before the PIN.",
    )
    OVERRIDE_BAD_PIN = (
        "override_bad_pin",
        "Wrong PIN for {name} ({left} of {limit} tries left before it locks). Scan the PIN again.",
    )
    OVERRIDE_PIN_LOCKED = (
        "override_pin_locked",
        "Wrong PIN for {name} {attempts} times: the PIN is locked until {until}, or until another lead unlocks it. Another lead may sign.",
    )
    PIN_LOCKED = (
        "pin_locked",
        "PIN of {name} is locked after {attempts} wrong tries until {until}, or until another lead unlocks it. Another lead may sign.",
    )
    OVERRIDE_CANCELLED = "override_cancelled", "Override cancelled."
    LABEL_NOT_PRINTED = (
        "label_not_printed",
        "The label did not print ({detail}); it is kept and printed when the printer answers.",
    )
    # how the window words a verdict that printed a label, and what became of the label
    SERIAL_ASSIGNED_SHORT = "serial_assigned_short", "Serial assigned: {unit} on {work_order}."
    UNIT_PACKED_CONTAINER_FULL_SHORT = (
        "unit_packed_container_full_short",
        "{unit} packed; carton {sscc} is full with {count} and closed.",
    )
    CONTAINER_CLOSED_SHORT = "container_closed_short", "Carton {sscc} closed with {count} units."
    LABEL_PRINTED = "label_printed", "Label printed."
    NO_PRINTER = "no_printer", "No printer configured: label not printed."
    # prompts: what to scan next
    PROMPT_BADGE = "prompt_badge", "Scan your badge."
    PROMPT_WORK_ORDER = "prompt_work_order", "Scan a work order (WO:...)."
    PROMPT_OPERATION = "prompt_operation", "Scan the operation (OPN:...) for {work_order}."
    PROMPT_OVERRIDE = (
        "prompt_override",
        "Needs a line lead: badge, PIN and reason code (RSN:...), or scan anything else to cancel.",
    )
    PROMPT_NEW_PARENT = "prompt_new_parent", "Scan a new serial or CMD:NEW for {part}."
    PROMPT_PARENT = "prompt_parent", "Scan the {part} unit."
    PROMPT_CHILDREN = "prompt_children", "Scan for {unit}: {missing}."
    PROMPT_DONE = "prompt_done", "{unit} is complete: scan CMD:DONE."
    PROMPT_REMOVE = "prompt_remove", "Scan the part or lot to remove from {unit}."
    PROMPT_KIT = "prompt_kit", "Scan lots to kit: {missing}."
    PROMPT_KIT_DONE = "prompt_kit_done", "Kitting complete. Scan units of {part} to move them on."
    PROMPT_TEST_UNIT = "prompt_test_unit", "Scan the unit to test."
    PROMPT_TEST_RESULT = "prompt_test_result", "Scan CMD:PASS or CMD:FAIL for {unit}."
    PROMPT_DEFECT_TEST = (
        "prompt_defect_test",
        "Scan the defect code (DEF:...) of {unit}'s failed test.",
    )
    PROMPT_DEFECT_REMOVAL = (
        "prompt_defect_removal",
        "Scan the defect code (DEF:...) of {removed}, or the replacement for {unit}.",
    )
    PROMPT_PACK = "prompt_pack", "Scan a passed unit to pack."
    PROMPT_PACK_INTO = "prompt_pack_into", "Scan a passed unit to pack into {sscc} ({count} in it)."


# The verdicts that print a label, worded without the label, so what became of the label
# (printed, the printer's words, no printer) can follow as the truth of it.
LABEL_VERDICTS: dict[Verdict, Verdict] = {
    Verdict.SERIAL_ASSIGNED: Verdict.SERIAL_ASSIGNED_SHORT,
    Verdict.UNIT_PACKED_CONTAINER_FULL: Verdict.UNIT_PACKED_CONTAINER_FULL_SHORT,
    Verdict.CONTAINER_CLOSED: Verdict.CONTAINER_CLOSED_SHORT,
}
