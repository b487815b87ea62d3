"""The line lead's desk worked by scanner: the commands and reason codes printed on the lead's
command sheet, and what the desk says between scans. Each code carries its English once.

A command is scanned as `CMD:<value>` (`CMD:HOLD`, `CMD:NC-REWORK`), a reason as `RSN:<value>`
(`RSN:SUSPECT`). A plant may print reason codes of its own: any `RSN:` code is accepted and
recorded as scanned; these are the ones the sheet lists.
"""

from __future__ import annotations

from tracestation.messages.base import Message


class LeadCommand(Message):
    HOLD = "HOLD", "Put a lot on hold"
    RELEASE = "RELEASE", "Release a lot"
    QUARANTINE = "QUARANTINE", "Quarantine a lot"
    SCRAP = "SCRAP", "Scrap a lot"
    REPRINT = "REPRINT", "Reprint a unit's or a carton's label"
    NC_REWORK = "NC-REWORK", "Nonconformance: rework"
    NC_SCRAP = "NC-SCRAP", "Nonconformance: scrap"
    NC_USE_AS_IS = "NC-USE-AS-IS", "Nonconformance: use as is"
    NC_RETURN = "NC-RETURN", "Nonconformance: return to vendor"


class LeadReason(Message):
    SUSPECT = "SUSPECT", "Suspected quality problem"
    SUPPLIER = "SUPPLIER", "Supplier problem or missing certificate"
    DAMAGED = "DAMAGED", "Damaged in handling"
    EXPIRED = "EXPIRED", "Expired or out of its shelf life"
    ENGINEERING = "ENGINEERING", "Engineering decision"
    CUSTOMER = "CUSTOMER", "Customer request"
    LABEL_DAMAGED = "LABEL-DAMAGED", "Label damaged or unreadable"
    LABEL_LOST = "LABEL-LOST", "Label lost"
    CLEARED = "CLEARED", "Checked and cleared"


class DeskSays(Message):
    SCAN_BADGE = "scan_badge", "Scan your lead badge to sign an action."
    SCAN_PIN = "scan_pin", "Badge {badge}: scan your PIN."
    SCAN_REASON = "scan_reason", "PIN read. Scan the reason code (RSN:...) from the command sheet."
    SCAN_COMMAND = (
        "scan_command",
        "Reason {reason}. Scan the action from the command sheet (CMD:HOLD, CMD:REPRINT, CMD:NC-REWORK...).",
    )
    SCAN_LOT = "scan_lot", "{command}: scan the lot (LOT:...)."
    SCAN_LABEL_SUBJECT = (
        "scan_label_subject",
        "{command}: scan the unit (SN:...) or the carton label whose label is to be reprinted.",
    )
    SCAN_NC_SUBJECT = "scan_nc_subject", "{command}: scan the unit (SN:...) or the lot (LOT:...)."
    SCAN_DEFECT = "scan_defect", "{command} on {subject}: scan the defect code (DEF:...)."
    SIGNING = "signing", "{command} on {subject}, signed with badge {badge}: working..."
    CANCELLED = "cancelled", "Cancelled: nothing was signed. Scan your badge to start again."
    TIMED_OUT = (
        "timed_out",
        "Nothing was scanned for a while: the badge and PIN were forgotten. Scan your badge to start again.",
    )
    PIN_BEFORE_BADGE = "pin_before_badge", "Scan your badge before the PIN."
    REASON_TOO_EARLY = (
        "reason_too_early",
        "Sign first: scan your badge, then your PIN, then the reason code.",
    )
    COMMAND_TOO_EARLY = (
        "command_too_early",
        "Scan your badge, PIN and a reason code (RSN:...) before the action.",
    )
    NOT_A_LEAD_COMMAND = (
        "not_a_lead_command",
        "CMD:{command} is not a lead's action. Scan an action from the lead's command sheet.",
    )
    WRONG_SUBJECT = "wrong_subject", "{scan} is not what {command} needs."
    NOT_HERE = "not_here", "{scan} is not a step of the lead's desk."
