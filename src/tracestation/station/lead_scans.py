"""The line lead's desk worked by scanner alone: badge -> PIN -> reason -> action -> subject.

On the lead's desk a badge scan is the lead's signature, never a log-in. `LeadScans` keeps what
was scanned so far and, once an action has what it needs, hands back the `LeadRequest` for
`LeadService.perform` (one unit of work, as from the panel's forms or the `lot` commands).
Every scan gets an answer as codes with facts (`DeskSays`, or the decoder's own problems); the
PIN is held only here, never in an answer, and is forgotten with the request it signed.

Pure and immutable: the window keeps the current `LeadScans` and replaces it with each answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from tracestation.barcodes import Decoded, decode
from tracestation.messages.base import Said, said
from tracestation.messages.lead_desk import DeskSays, LeadCommand, LeadReason
from tracestation.station.lead_requests import (
    ChangeLotStatus,
    LeadRequest,
    LeadSignature,
    OpenNonconformance,
    ReprintLabel,
)

LOT_COMMANDS = {
    LeadCommand.HOLD: "hold",
    LeadCommand.RELEASE: "release",
    LeadCommand.QUARANTINE: "quarantine",
    LeadCommand.SCRAP: "scrap",
}
NC_DISPOSITIONS = {
    LeadCommand.NC_REWORK: "rework",
    LeadCommand.NC_SCRAP: "scrap",
    LeadCommand.NC_USE_AS_IS: "use_as_is",
    LeadCommand.NC_RETURN: "return_to_vendor",
}


@dataclass(frozen=True)
class DeskAnswer:
    """What the desk says after a scan; `request` is set when the action is ready to sign."""

    says: tuple[Said, ...]
    taken: bool
    request: LeadRequest | None = None


@dataclass(frozen=True)
class LeadScans:
    badge: str = ""
    pin: str = field(default="", repr=False)
    reason: str = ""
    command: LeadCommand | None = None
    subject_kind: str = ""  # "unit" | "lot" | "container"
    subject: str = ""  # PART/LOT, PART/SERIAL or a bare serial, an SSCC

    @property
    def signed(self) -> bool:
        return bool(self.badge and self.pin)

    def prompt(self) -> Said:
        """What to scan next."""
        if not self.badge:
            return said(DeskSays.SCAN_BADGE)
        if not self.pin:
            return said(DeskSays.SCAN_PIN, badge=self.badge)
        if not self.reason:
            return said(DeskSays.SCAN_REASON)
        if self.command is None:
            return said(DeskSays.SCAN_COMMAND, reason=self.reason)
        command = f"CMD:{self.command.value}"
        if self.command in LOT_COMMANDS:
            return said(DeskSays.SCAN_LOT, command=command)
        if self.command is LeadCommand.REPRINT:
            return said(DeskSays.SCAN_LABEL_SUBJECT, command=command)
        if not self.subject:
            return said(DeskSays.SCAN_NC_SUBJECT, command=command)
        return said(DeskSays.SCAN_DEFECT, command=command, subject=self.subject)

    def take(self, raw: str) -> tuple[LeadScans, DeskAnswer]:
        """The desk after the scan `raw`, and what it says."""
        decoded = decode(raw)
        if not decoded.ok:
            return self, DeskAnswer((*decoded.problems, self.prompt()), taken=False)
        fields = decoded.fields
        if fields.get("command") == "CANCEL":
            return LeadScans(), DeskAnswer((said(DeskSays.CANCELLED),), taken=True)
        if decoded.pin is not None:
            return self._pin(decoded.pin)
        if "reason" in fields:
            return self._reason(fields["reason"])
        if "command" in fields:
            return self._command(fields["command"])
        if self.command is not None and self.reason:
            return self._subject(decoded)
        if decoded.kind == "bare" and "value" in fields:
            return self._badge(fields["value"])
        return self, self._refuse(DeskSays.NOT_HERE, scan=decoded.raw)

    def timed_out(self) -> tuple[LeadScans, DeskAnswer]:
        """Forget a signature left half done (the window calls this after a quiet while)."""
        return LeadScans(), DeskAnswer((said(DeskSays.TIMED_OUT),), taken=True)

    def _badge(self, badge: str) -> tuple[LeadScans, DeskAnswer]:
        desk = LeadScans(badge=badge)
        return desk, DeskAnswer((desk.prompt(),), taken=True)

    def _pin(self, pin: str) -> tuple[LeadScans, DeskAnswer]:
        if not self.badge:
            return self, self._refuse(DeskSays.PIN_BEFORE_BADGE)
        desk = replace(self, pin=pin)
        return desk, DeskAnswer((desk.prompt(),), taken=True)

    def _reason(self, reason: str) -> tuple[LeadScans, DeskAnswer]:
        if not self.signed:
            return self, self._refuse(DeskSays.REASON_TOO_EARLY)
        desk = replace(self, reason=reason, command=None, subject_kind="", subject="")
        return desk, DeskAnswer((desk.prompt(),), taken=True)

    def _command(self, name: str) -> tuple[LeadScans, DeskAnswer]:
        command = next((c for c in LeadCommand if c.value == name), None)
        if command is None:
            return self, self._refuse(DeskSays.NOT_A_LEAD_COMMAND, command=name)
        if not (self.signed and self.reason):
            return self, self._refuse(DeskSays.COMMAND_TOO_EARLY)
        desk = replace(self, command=command, subject_kind="", subject="")
        return desk, DeskAnswer((desk.prompt(),), taken=True)

    def _subject(self, decoded: Decoded) -> tuple[LeadScans, DeskAnswer]:
        assert self.command is not None
        fields = decoded.fields
        if self.command in LOT_COMMANDS:
            if "lot" in fields and "part" in fields:
                lot = f"{fields['part']}/{fields['lot']}"
                action = LOT_COMMANDS[self.command]
                lot_request = ChangeLotStatus(self._signature(), lot, action, self.reason)
                return self._ready(lot_request, lot)
        elif self.command is LeadCommand.REPRINT:
            kind, subject = _label_subject(fields)
            if subject:
                reprint = ReprintLabel(self._signature(), kind, subject, self.reason)
                return self._ready(reprint, subject)
        elif not self.subject:
            kind, subject = _nc_subject(fields)
            if subject:
                desk = replace(self, subject_kind=kind, subject=subject)
                return desk, DeskAnswer((desk.prompt(),), taken=True)
        elif "defect" in fields:
            nonconformance = OpenNonconformance(
                self._signature(),
                self.subject_kind,
                self.subject,
                fields["defect"],
                _description(self.reason),
                NC_DISPOSITIONS[self.command],
                "",
            )
            return self._ready(nonconformance, self.subject)
        if decoded.kind == "bare" and "value" in fields and not self.subject:
            # Another lead's badge: a new signature starts.
            return self._badge(fields["value"])
        command = f"CMD:{self.command.value}"
        return self, self._refuse(DeskSays.WRONG_SUBJECT, scan=decoded.raw, command=command)

    def _ready(self, request: LeadRequest, subject: str) -> tuple[LeadScans, DeskAnswer]:
        assert self.command is not None
        signing = said(
            DeskSays.SIGNING,
            command=f"CMD:{self.command.value}",
            subject=subject,
            badge=self.badge,
        )
        return LeadScans(), DeskAnswer((signing,), taken=True, request=request)

    def _signature(self) -> LeadSignature:
        return LeadSignature(self.badge, self.pin)

    def _refuse(self, message: DeskSays, **params: str) -> DeskAnswer:
        return DeskAnswer((said(message, **params), self.prompt()), taken=False)


def _label_subject(fields: dict[str, str]) -> tuple[str, str]:
    if "sscc" in fields:
        return "container", fields["sscc"]
    if "serial" in fields:
        part = fields.get("part")
        return "unit", f"{part}/{fields['serial']}" if part else fields["serial"]
    if "value" in fields:
        value = fields["value"]
        return ("container", value) if len(value) == 18 and value.isdigit() else ("unit", value)
    return "", ""


def _nc_subject(fields: dict[str, str]) -> tuple[str, str]:
    if "lot" in fields and "part" in fields:
        return "lot", f"{fields['part']}/{fields['lot']}"
    if "serial" in fields and "part" in fields:
        return "unit", f"{fields['part']}/{fields['serial']}"
    return "", ""


def _description(reason: str) -> str:
    known = next((r for r in LeadReason if r.value == reason), None)
    return f"{reason}: {known.english}" if known is not None else reason
