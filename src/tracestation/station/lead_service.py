"""The one way in for lead actions, from the window's lead panel and the `lot` commands alike.

`LeadService.perform` checks the lead's signature, reads the request and runs it through the
`LeadDesk` as one unit of work (as a scan is). Every answer is a `LeadOutcome`: a refusal or a
database fault is an outcome, never an exception, and leaves nothing written.

Threading: call from one thread at a time (the window calls it on the station worker's thread,
which also owns the station's printer).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from tracestation.domain.conflicts import ConflictRefused
from tracestation.domain.events import DomainEvent
from tracestation.domain.lots import LotActionRefused
from tracestation.domain.model import Operator
from tracestation.domain.pins import PinRefused
from tracestation.messages.refusals import Refusal
from tracestation.station.lead import LeadDesk, LeadSignatureRefused, Signed
from tracestation.station.lead_requests import (
    ChangeLotStatus,
    CloseNonconformance,
    LeadOutcome,
    LeadRequest,
    LeadResult,
    LeadSignature,
    MergeLots,
    OpenNonconformance,
    ReprintLabel,
    ResolveConflict,
    SignedRequest,
    SplitLot,
    UnlockPin,
    split_label,
)
from tracestation.station.ports import CommitUncertain, LabelPrinter, RecordNotSaved
from tracestation.station.print_reads import label_to_reprint
from tracestation.station.verdicts import LabelToPrint


class LeadService:
    def __init__(self, desk: LeadDesk, printer: LabelPrinter) -> None:
        self.desk = desk
        self.printer = printer

    def perform(self, request: LeadRequest) -> LeadOutcome:
        try:
            self.desk.plant.refresh()  # a lead imported a moment ago can sign at once
            badge, pin = request.signature.badge.strip(), request.signature.pin
            lead = self.desk.sign_in(badge, pin, _signing(request))
            return self._signed(request, lead)
        except (LeadSignatureRefused, LotActionRefused, ConflictRefused, PinRefused) as refused:
            return LeadOutcome(LeadResult.REFUSED, dict(refused.params), refusal=refused.code)
        except CommitUncertain as unsure:
            return LeadOutcome(LeadResult.MAYBE_SAVED, detail=str(unsure))
        except RecordNotSaved as fault:
            return LeadOutcome(LeadResult.NOT_SAVED, detail=str(fault))
        except Exception as fault:  # a fault must reach the lead as an answer, not end the caller
            return LeadOutcome(LeadResult.FAILED, detail=f"{type(fault).__name__}: {fault}")

    def open_settings(self, signature: LeadSignature) -> LeadOutcome:
        """Whether `signature` is a lead's who may open the station's settings (station id,
        printer, central database). Nothing is recorded but a wrong try, which counts toward
        the PIN's lock like any other."""
        try:
            lead = self.desk.sign_in(
                signature.badge.strip(), signature.pin, "open the station's settings"
            )
        except (LeadSignatureRefused, PinRefused) as refused:
            return LeadOutcome(LeadResult.REFUSED, dict(refused.params), refusal=refused.code)
        except CommitUncertain as unsure:
            return LeadOutcome(LeadResult.MAYBE_SAVED, detail=str(unsure))
        except RecordNotSaved as fault:
            return LeadOutcome(LeadResult.NOT_SAVED, detail=str(fault))
        except Exception as fault:  # a fault must reach the lead as an answer, not end the caller
            return LeadOutcome(LeadResult.FAILED, detail=f"{type(fault).__name__}: {fault}")
        return LeadOutcome(LeadResult.SETTINGS_OPENED, {"name": lead.name}, signed_by=lead.badge)

    def _signed(self, request: SignedRequest, lead: Operator) -> LeadOutcome:
        if isinstance(request, ChangeLotStatus):
            return self._change_status(request, lead)
        if isinstance(request, SplitLot):
            return self._split(request, lead)
        if isinstance(request, MergeLots):
            return self._merge(request, lead)
        if isinstance(request, ResolveConflict):
            return self._resolve(request, lead)
        if isinstance(request, UnlockPin):
            return self._unlock(request, lead)
        if isinstance(request, ReprintLabel):
            return self._reprint(request, lead)
        if isinstance(request, CloseNonconformance):
            return self._close(request, lead)
        return self._nonconformance(request, lead)

    def _unlock(self, request: UnlockPin, lead: Operator) -> LeadOutcome:
        badge = request.badge.strip()
        done = self.desk.unlock_pin(lead, badge, request.reason.strip())
        facts = {"badge": badge, "locked_name": done.event.name, "name": lead.name}
        return _signed_outcome(LeadResult.PIN_UNLOCKED, facts, done, lead)

    def _resolve(self, request: ResolveConflict, lead: Operator) -> LeadOutcome:
        keep = request.keep.strip() or None
        conflict = request.conflict.strip()
        done = self.desk.resolve_conflict(lead, conflict, request.resolution, request.reason, keep)
        facts = {"conflict": conflict, "resolution": request.resolution, "name": lead.name}
        return _signed_outcome(LeadResult.CONFLICT_RESOLVED, facts, done, lead)

    def _change_status(self, request: ChangeLotStatus, lead: Operator) -> LeadOutcome:
        part, code = split_label(request.lot)
        done = self.desk.change_status(lead, part, code, request.action, request.reason)
        facts = {"lot": f"{part}/{code}", "status": request.action, "name": lead.name}
        return _signed_outcome(LeadResult.LOT_STATUS_CHANGED, facts, done, lead)

    def _split(self, request: SplitLot, lead: Operator) -> LeadOutcome:
        part, code = split_label(request.lot)
        new_code = request.new_code.strip() or None
        done = self.desk.split(lead, part, code, _quantity(request.qty), new_code, request.reason)
        facts = {
            "lot": f"{part}/{code}",
            "qty": request.qty.strip(),
            "new_lot": f"{part}/{done.event.new_lot}",
            "name": lead.name,
        }
        return _signed_outcome(LeadResult.LOT_SPLIT, facts, done, lead)

    def _merge(self, request: MergeLots, lead: Operator) -> LeadOutcome:
        labels = [split_label(text) for text in request.lots]
        new_code = request.new_code.strip() or None
        done = self.desk.merge(lead, labels, new_code, request.reason)
        facts = {
            "count": str(len(labels)),
            "new_lot": f"{done.event.part}/{done.event.new_lot}",
            "name": lead.name,
        }
        return _signed_outcome(LeadResult.LOTS_MERGED, facts, done, lead)

    def _nonconformance(self, request: OpenNonconformance, lead: Operator) -> LeadOutcome:
        part, subject = split_label(request.subject)
        done = self.desk.open_nonconformance(
            lead,
            request.subject_kind,
            part,
            subject,
            request.defect_code.strip(),
            request.description.strip(),
            request.disposition,
            request.number.strip(),  # opened by scan: the station numbers it
            request.hold,
        )
        facts = {"number": done.event.number, "subject": f"{part}/{subject}", "name": lead.name}
        return _signed_outcome(LeadResult.NONCONFORMANCE_OPENED, facts, done, lead)

    def _close(self, request: CloseNonconformance, lead: Operator) -> LeadOutcome:
        number = request.number.strip()
        done = self.desk.close_nonconformance(lead, number, request.note.strip())
        facts = {"number": number, "name": lead.name}
        return _signed_outcome(LeadResult.NONCONFORMANCE_CLOSED, facts, done, lead)

    def _reprint(self, request: ReprintLabel, lead: Operator) -> LeadOutcome:
        """Signed and recorded, the label kept as a print job in the same unit of work; then
        the printer is asked for the jobs that wait. A printer that is off undoes nothing: the
        job is tried again until it prints."""
        found = self._label_to_reprint(request)
        if isinstance(found, LeadOutcome):
            return found
        done = self.desk.reprint(lead, found, request.reason.strip())
        facts = {"subject": done.event.subject, "name": lead.name}
        try:
            fault = self.printer.print_waiting()
        except Exception as error:  # a printer adapter may fail in any way; the record stands
            fault = str(error) or type(error).__name__
        if fault:
            facts["printer_fault"] = fault
        return _signed_outcome(LeadResult.LABEL_REPRINTED, facts, done, lead)

    def _label_to_reprint(self, request: ReprintLabel) -> LabelToPrint | LeadOutcome:
        found = label_to_reprint(self.desk.plant, request.kind, request.subject)
        if isinstance(found, tuple):
            return LeadOutcome(*found)
        return found


def _signed_outcome(
    result: LeadResult, facts: dict[str, str], done: Signed[DomainEvent], lead: Operator
) -> LeadOutcome:
    return LeadOutcome(
        result, facts, event=done.event, event_id=done.event_id, signed_by=lead.badge
    )


def _signing(request: SignedRequest) -> str:
    """What a lead signs with `request`, as a wrong PIN's record says it."""
    if isinstance(request, ChangeLotStatus):
        return f"lot {request.action}"
    if isinstance(request, SplitLot):
        return "lot split"
    if isinstance(request, MergeLots):
        return "lot merge"
    if isinstance(request, ResolveConflict):
        return f"conflict {request.resolution}"
    if isinstance(request, UnlockPin):
        return f"unlock the PIN of {request.badge.strip()}"
    if isinstance(request, ReprintLabel):
        return f"reprint the label of {request.subject.strip()}"
    if isinstance(request, CloseNonconformance):
        return f"close nonconformance {request.number.strip()}"
    return f"nonconformance {request.disposition}"


def _quantity(text: str) -> Decimal:
    try:
        qty = Decimal(text.strip())
    except InvalidOperation:
        raise LotActionRefused(Refusal.NOT_A_QUANTITY, text=text) from None
    if not qty.is_finite():
        raise LotActionRefused(Refusal.NOT_A_QUANTITY, text=text)
    return qty
