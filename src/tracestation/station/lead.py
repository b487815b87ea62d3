"""Signed lead actions outside the scan flow (the CLI's `lot` commands, the lead panel)."""

from __future__ import annotations

from decimal import Decimal

from tracestation.domain import lots
from tracestation.domain.events import DomainEvent, NonconformanceOpened
from tracestation.domain.model import Lot, Operator
from tracestation.domain.refusals import Refused
from tracestation.station.ports import Journal, PinVerifier, PlantReader, Signature

DISPOSITIONS = ("use_as_is", "rework", "scrap", "return_to_vendor")


class LeadSignatureRefused(Refused):
    pass


class LeadDesk:
    def __init__(self, plant: PlantReader, journal: Journal, pins: PinVerifier) -> None:
        self.plant = plant
        self.journal = journal
        self.pins = pins

    def sign_in(self, badge: str, pin: str) -> Operator:
        lead = self.plant.operator(badge)
        if lead is None:
            raise LeadSignatureRefused("unknown_badge", badge=badge)
        if not lead.is_lead:
            raise LeadSignatureRefused("not_a_lead", name=lead.name, badge=badge)
        if lead.pin_hash is None or not self.pins.verify(lead.pin_hash, pin):
            raise LeadSignatureRefused("wrong_pin", name=lead.name)
        return lead

    def lot(self, part: str, code: str) -> Lot:
        lot = self.plant.lot(part, code)
        if lot is None:
            raise lots.LotActionRefused("lot_not_recorded", lot=f"{part}/{code}")
        return lot

    def change_status(self, lead: Operator, part: str, code: str, action: str, reason: str) -> str:
        event = lots.change_status(self.lot(part, code), action, reason)
        return self._sign(lead, event, f"lot {action}", reason)

    def split(
        self, lead: Operator, part: str, code: str, qty: Decimal, new_code: str | None, reason: str
    ) -> tuple[str, str]:
        lot = self.lot(part, code)
        new_code = new_code or self._free_code(part, code, "S")
        if self.plant.lot(part, new_code) is not None:
            raise lots.LotActionRefused("lot_exists", lot=f"{part}/{new_code}")
        return self._sign(lead, lots.split(lot, qty, new_code), "lot split", reason), new_code

    def merge(
        self, lead: Operator, labels: list[tuple[str, str]], new_code: str | None, reason: str
    ) -> tuple[str, str]:
        sources = [self.lot(part, code) for part, code in labels]
        new_code = new_code or self._free_code(sources[0].part, sources[0].code, "M")
        if self.plant.lot(sources[0].part, new_code) is not None:
            raise lots.LotActionRefused("lot_exists", lot=f"{sources[0].part}/{new_code}")
        return self._sign(lead, lots.merge(sources, new_code), "lot merge", reason), new_code

    def open_nonconformance(
        self,
        lead: Operator,
        subject_kind: str,
        part: str,
        subject: str,
        defect_code: str,
        description: str,
        disposition: str,
        number: str,
    ) -> str:
        """Record a nonconformance on a unit or a lot, signed by the lead."""
        if disposition not in DISPOSITIONS:
            raise lots.LotActionRefused("bad_disposition", choices=", ".join(DISPOSITIONS))
        if subject_kind == "unit" and self.plant.unit(part, subject) is None:
            raise lots.LotActionRefused("unit_not_recorded", unit=f"{part}/{subject}")
        if subject_kind == "lot":
            self.lot(part, subject)
        event = NonconformanceOpened(
            number, subject_kind, part, subject, defect_code, description, disposition
        )
        return self._sign(lead, event, f"nonconformance {disposition}", description)

    def _free_code(self, part: str, code: str, mark: str) -> str:
        n = 1
        while self.plant.lot(part, f"{code}-{mark}{n}") is not None:
            n += 1
        return f"{code}-{mark}{n}"

    def _sign(self, lead: Operator, event: DomainEvent, meaning: str, reason: str) -> str:
        ids = self.journal.record(
            [event],
            operator=lead.badge,
            reason=reason or None,
            signature=Signature(lead.badge, meaning),
        )
        return ids[0]
