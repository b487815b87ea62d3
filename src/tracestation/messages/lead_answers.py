"""What the line lead's panel answers after an action: a code for each, its English once.

`LeadOutcome.result` says what happened; these are the sentences the panel shows for it (the
`lot`, `lead` and `conflicts` commands word their own output, a contract of the CLI).
"""

from __future__ import annotations

from tracestation.messages.base import Message


class LeadAnswer(Message):
    LOT_STATUS_CHANGED = "lot_status_changed", "Lot {lot}: {action} done, signed by {name}."
    LOT_SPLIT = "lot_split", "{qty} of {lot} split into new lot {new_lot}, signed by {name}."
    LOTS_MERGED = "lots_merged", "{count} lots merged into {new_lot}, signed by {name}."
    NONCONFORMANCE_OPENED = (
        "nonconformance_opened",
        "Nonconformance {number} opened on {subject}, signed by {name}.",
    )
    NONCONFORMANCE_CLOSED = (
        "nonconformance_closed",
        "Nonconformance {number} closed, signed by {name}.",
    )
    CONFLICT_RESOLVED = (
        "conflict_resolved",
        "Conflict {conflict} resolved ({resolution}), signed by {name}.",
    )
    PIN_UNLOCKED = (
        "pin_unlocked",
        "The PIN of {locked_name} ({badge}) is unlocked, signed by {name}.",
    )
    LABEL_REPRINTED = "label_reprinted", "Label of {subject} reprinted, signed by {name}."
    LABEL_REPRINT_NOT_PRINTED = (
        "label_reprint_not_printed",
        "Reprint of {subject} recorded, signed by {name}; the label did not print ({printer_fault}): it is kept and printed when the printer answers.",
    )
    LABEL_SUBJECT_UNKNOWN = "label_subject_unknown", "No unit or carton {subject} is recorded."
    LABEL_SUBJECT_AMBIGUOUS = (
        "label_subject_ambiguous",
        "Serial {subject} exists for several parts: give PART/SERIAL.",
    )
    STATION_FAILED = "station_failed", "Not done, the station failed: {detail}"
    MAYBE_SAVED = (
        "maybe_saved",
        "Perhaps done: the connection to the database broke while it was being saved ({detail}). Look at the record before doing it again.",
    )
    NOT_DONE = "not_done", "Not done: {detail}"
