"""Signed lead actions outside the scan flow (the CLI's `lot` commands, the lead panel).

Each action is one unit of work, as a scan is: the lot or unit it acts on is read inside the
transaction (locked on PostgreSQL), checked, and the signed event is written with its
projections; a race lost to another station is run again on what that station wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from tracestation.domain import lots
from tracestation.domain.events import DomainEvent, NonconformanceOpened
from tracestation.domain.model import Lot, Operator
from tracestation.domain.refusals import Refused
from tracestation.station.ports import (
    PinVerifier,
    PlantReader,
    RaceLost,
    Signature,
    Transaction,
    Transactions,
)

DISPOSITIONS = ("use_as_is", "rework", "scrap", "return_to_vendor")
_ATTEMPTS = 5
T = TypeVar("T")


class LeadSignatureRefused(Refused):
    pass


class LeadDesk:
    def __init__(self, plant: PlantReader, transactions: Transactions, pins: PinVerifier) -> None:
        self.plant = plant
        self.transactions = transactions
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
        return _lot(self.plant, part, code)

    def change_status(self, lead: Operator, part: str, code: str, action: str, reason: str) -> str:
        def act(tx: Transaction) -> str:
            event = lots.change_status(_lot(tx.plant, part, code), action, reason)
            return _sign(tx, lead, event, f"lot {action}", reason)

        return self._in_transaction(act)

    def split(
        self, lead: Operator, part: str, code: str, qty: Decimal, new_code: str | None, reason: str
    ) -> tuple[str, str]:
        def act(tx: Transaction) -> tuple[str, str]:
            lot = _lot(tx.plant, part, code)
            chosen = new_code or _free_code(tx.plant, part, code, "S")
            if tx.plant.lot(part, chosen) is not None:
                raise lots.LotActionRefused("lot_exists", lot=f"{part}/{chosen}")
            event = lots.split(lot, qty, chosen)
            return _sign(tx, lead, event, "lot split", reason), chosen

        return self._in_transaction(act)

    def merge(
        self, lead: Operator, labels: list[tuple[str, str]], new_code: str | None, reason: str
    ) -> tuple[str, str]:
        def act(tx: Transaction) -> tuple[str, str]:
            sources = [_lot(tx.plant, part, code) for part, code in labels]
            first = sources[0]
            chosen = new_code or _free_code(tx.plant, first.part, first.code, "M")
            if tx.plant.lot(first.part, chosen) is not None:
                raise lots.LotActionRefused("lot_exists", lot=f"{first.part}/{chosen}")
            event = lots.merge(sources, chosen)
            return _sign(tx, lead, event, "lot merge", reason), chosen

        return self._in_transaction(act)

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

        def act(tx: Transaction) -> str:
            if subject_kind == "unit" and tx.plant.unit(part, subject) is None:
                raise lots.LotActionRefused("unit_not_recorded", unit=f"{part}/{subject}")
            if subject_kind == "lot":
                _lot(tx.plant, part, subject)
            event = NonconformanceOpened(
                number, subject_kind, part, subject, defect_code, description, disposition
            )
            return _sign(tx, lead, event, f"nonconformance {disposition}", description)

        return self._in_transaction(act)

    def _in_transaction(self, act: Callable[[Transaction], T]) -> T:
        """Run `act` as one unit of work; refusals and database faults leave nothing written."""
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                with self.transactions.begin() as tx:
                    done = act(tx)
                    tx.commit()
                return done
            except RaceLost:
                if attempt == _ATTEMPTS:
                    raise
        raise AssertionError("unreachable")


def _lot(plant: PlantReader, part: str, code: str) -> Lot:
    lot = plant.lot(part, code)
    if lot is None:
        raise lots.LotActionRefused("lot_not_recorded", lot=f"{part}/{code}")
    return lot


def _free_code(plant: PlantReader, part: str, code: str, mark: str) -> str:
    n = 1
    while plant.lot(part, f"{code}-{mark}{n}") is not None:
        n += 1
    return f"{code}-{mark}{n}"


def _sign(tx: Transaction, lead: Operator, event: DomainEvent, meaning: str, reason: str) -> str:
    ids = tx.journal.record(
        [event],
        operator=lead.badge,
        reason=reason or None,
        signature=Signature(lead.badge, meaning),
    )
    return ids[0]
