"""Line-lead requests from the lead panel, and how the station's thread carries them out.

Qt-free values: the panel builds a request, the station worker runs `perform` on its own thread
(these write signed events), the panel shows the `LeadOutcome`. A refusal is an outcome, never
an exception or a dialog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from tracestation.domain.lots import LotActionRefused
from tracestation.station.core import Station
from tracestation.station.lead import LeadDesk, LeadSignatureRefused

LOT_STATUS_ACTIONS = ("hold", "release", "quarantine", "scrap")


@dataclass(frozen=True)
class LeadSignature:
    badge: str
    pin: str = field(repr=False)


@dataclass(frozen=True)
class ChangeLotStatus:
    signature: LeadSignature
    lot: str  # PART/LOT
    action: str
    reason: str


@dataclass(frozen=True)
class SplitLot:
    signature: LeadSignature
    lot: str
    qty: str
    new_code: str
    reason: str


@dataclass(frozen=True)
class MergeLots:
    signature: LeadSignature
    lots: tuple[str, ...]
    new_code: str
    reason: str


@dataclass(frozen=True)
class OpenNonconformance:
    signature: LeadSignature
    subject_kind: str  # "unit" | "lot"
    subject: str  # PART/SERIAL or PART/LOT
    defect_code: str
    description: str
    disposition: str
    number: str


@dataclass(frozen=True)
class ReprintLabel:
    kind: str  # "unit" | "container"
    subject: str  # PART/SERIAL, a bare serial, or an SSCC


LeadRequest = ChangeLotStatus | SplitLot | MergeLots | OpenNonconformance | ReprintLabel


@dataclass(frozen=True)
class LeadOutcome:
    """`code` says what happened (the panel translates it); `detail` is the core's own words."""

    ok: bool
    code: str
    params: dict[str, str] = field(default_factory=dict)
    detail: str = ""
    event_id: str | None = None


def split_label(text: str) -> tuple[str, str]:
    part, slash, code = text.strip().removeprefix("LOT:").removeprefix("SN:").rpartition("/")
    if not slash or not part or not code:
        raise LotActionRefused("not_a_label", text=text)
    return part.strip(), code.strip()


def perform(request: LeadRequest, desk: LeadDesk, station: Station) -> LeadOutcome:
    """Run one request. Call only on the thread that owns `station` (it writes to the journal)."""
    try:
        if isinstance(request, ReprintLabel):
            return _reprint(request, station)
        lead = desk.sign_in(request.signature.badge.strip(), request.signature.pin)
        if isinstance(request, ChangeLotStatus):
            part, code = split_label(request.lot)
            event_id = desk.change_status(lead, part, code, request.action, request.reason)
            return LeadOutcome(
                True,
                "lot_status_changed",
                {"lot": f"{part}/{code}", "status": request.action, "name": lead.name},
                event_id=event_id,
            )
        if isinstance(request, SplitLot):
            part, code = split_label(request.lot)
            qty = _quantity(request.qty)
            event_id, new_code = desk.split(
                lead, part, code, qty, request.new_code.strip() or None, request.reason
            )
            return LeadOutcome(
                True,
                "lot_split",
                {
                    "lot": f"{part}/{code}",
                    "qty": request.qty.strip(),
                    "new_lot": f"{part}/{new_code}",
                    "name": lead.name,
                },
                event_id=event_id,
            )
        if isinstance(request, MergeLots):
            labels = [split_label(text) for text in request.lots]
            event_id, new_code = desk.merge(
                lead, labels, request.new_code.strip() or None, request.reason
            )
            return LeadOutcome(
                True,
                "lots_merged",
                {
                    "count": str(len(labels)),
                    "new_lot": f"{labels[0][0]}/{new_code}",
                    "name": lead.name,
                },
                event_id=event_id,
            )
        part, subject = split_label(request.subject)
        event_id = desk.open_nonconformance(
            lead,
            request.subject_kind,
            part,
            subject,
            request.defect_code.strip(),
            request.description.strip(),
            request.disposition,
            request.number.strip(),
        )
        return LeadOutcome(
            True,
            "nonconformance_opened",
            {"number": request.number.strip(), "subject": f"{part}/{subject}", "name": lead.name},
            event_id=event_id,
        )
    except (LeadSignatureRefused, LotActionRefused) as refused:
        return LeadOutcome(False, refused.code, dict(refused.params))
    except Exception as fault:  # a database fault must reach the lead as text, not kill the worker
        return LeadOutcome(False, "lead_action_failed", detail=f"{type(fault).__name__}: {fault}")


def _quantity(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise LotActionRefused("not_a_quantity", text=text) from None


def _reprint(request: ReprintLabel, station: Station) -> LeadOutcome:
    plant = station.env.plant
    subject = request.subject.strip()
    if request.kind == "container":
        container = plant.container(subject)
        if container is None:
            return LeadOutcome(False, "label_subject_unknown", {"subject": subject})
        station.printer.print_container_label(container)
        return LeadOutcome(True, "label_reprinted", {"subject": container.sscc})
    text = subject.removeprefix("SN:")
    part, _, serial = text.rpartition("/")
    units = [
        u for u in (plant.units_by_serial(serial) if serial else []) if not part or u.part == part
    ]
    if len(units) != 1:
        return LeadOutcome(
            False,
            "label_subject_unknown" if not units else "label_subject_ambiguous",
            {"subject": text},
        )
    station.printer.print_unit_label(units[0])
    return LeadOutcome(True, "label_reprinted", {"subject": units[0].label})
