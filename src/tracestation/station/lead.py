"""Signed lead actions outside the scan flow, as `LeadService` (the one way in for the window's
lead panel and the CLI's `lot` commands) runs them.

Each action is one unit of work, as a scan is: the lot or unit it acts on is read inside the
transaction (locked on PostgreSQL), checked, and the signed event is written with its
projections; a race lost to another station is run again on what that station wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Generic, TypeVar

from tracestation.domain import conflicts, lots
from tracestation.domain.events import (
    ConflictResolved,
    DeviationRecorded,
    DomainEvent,
    LabelReprinted,
    LotsMerged,
    LotSplit,
    LotStatusChanged,
    NonconformanceClosed,
    NonconformanceOpened,
    PinUnlocked,
)
from tracestation.domain.model import Lot, LotStatus, Operator
from tracestation.domain.pins import (
    PinAttempt,
    PinPolicy,
    PinVerdict,
    lock_facts,
    unlock_by_lead,
)
from tracestation.domain.pins import attempt as try_pin
from tracestation.domain.refusals import Refused
from tracestation.messages.refusals import Refusal
from tracestation.station.clock import SystemClock
from tracestation.station.ports import (
    Clock,
    PinVerifier,
    PlantReader,
    Signature,
    Transaction,
    Transactions,
)
from tracestation.station.print_queue import subject_of
from tracestation.station.retry import run_in_transaction
from tracestation.station.verdicts import ContainerLabel, LabelToPrint

DISPOSITIONS = ("use_as_is", "rework", "scrap", "return_to_vendor")
T = TypeVar("T")
E = TypeVar("E", bound=DomainEvent)
E_co = TypeVar("E_co", bound=DomainEvent, covariant=True)


class LeadSignatureRefused(Refused):
    pass


@dataclass(frozen=True)
class Signed(Generic[E_co]):
    """An event a lead signed, once its transaction has committed."""

    event_id: str
    event: E_co


class LeadDesk:
    """The composition root passes the station's clock and PIN policy
    (`StationSettings.pin_policy`): the same numbers as its scans use, counted on the same
    record. Without them: the wall clock and the default policy."""

    def __init__(
        self,
        plant: PlantReader,
        transactions: Transactions,
        pins: PinVerifier,
        clock: Clock | None = None,
        policy: PinPolicy | None = None,
    ) -> None:
        self.plant = plant
        self.transactions = transactions
        self.pins = pins
        self.clock: Clock = clock or SystemClock()
        self.policy = policy or PinPolicy()

    def sign_in(self, badge: str, pin: str, during: str = "lead action") -> Operator:
        """The lead behind `badge`, when `pin` is theirs and not locked. A try that is not
        accepted is recorded (its own unit of work, committed before the refusal is raised),
        so wrong tries add up with those at the station's scans; `during` says what the lead
        was signing."""

        def act(tx: Transaction) -> tuple[Operator, PinAttempt]:
            lead = tx.plant.operator(badge)
            if lead is None:
                raise LeadSignatureRefused(Refusal.UNKNOWN_BADGE, badge=badge)
            if not lead.is_lead:
                raise LeadSignatureRefused(Refusal.NOT_A_LEAD, name=lead.name, badge=badge)
            pin_hash = lead.pin_hash
            tried = try_pin(
                lead,
                tx.plant.pin_state(badge),
                lambda: pin_hash is not None and self.pins.verify(pin_hash, pin),
                self.clock.now(),
                self.policy,
                during=during,
            )
            if tried.events:
                tx.journal.record(tried.events, operator=lead.badge)
            return lead, tried

        lead, tried = self._in_transaction(act)
        if tried.accepted:
            return lead
        if tried.verdict is PinVerdict.WRONG:
            left = {"left": str(tried.left), "limit": str(tried.limit)}
            raise LeadSignatureRefused(Refusal.WRONG_PIN, name=lead.name, **left)
        assert tried.locked_until is not None
        facts = lock_facts(lead.name, tried.failures, tried.locked_until, self.clock.now())
        locked_now = tried.verdict is PinVerdict.LOCKED_NOW
        raise LeadSignatureRefused(
            Refusal.PIN_LOCKED_NOW if locked_now else Refusal.PIN_LOCKED, **facts
        )

    def unlock_pin(self, lead: Operator, badge: str, reason: str) -> Signed[PinUnlocked]:
        """Another lead ends the lock on `badge`'s PIN and clears its wrong tries, signed."""

        def act(tx: Transaction) -> Signed[PinUnlocked]:
            target = tx.plant.operator(badge)
            if target is None:
                raise LeadSignatureRefused(Refusal.UNKNOWN_BADGE, badge=badge)
            event = unlock_by_lead(lead, target, tx.plant.pin_state(badge))
            return _sign(tx, lead, event, f"unlocked the PIN of {target.name}", reason)

        return self._in_transaction(act)

    def change_status(
        self, lead: Operator, part: str, code: str, action: str, reason: str
    ) -> Signed[LotStatusChanged]:
        def act(tx: Transaction) -> Signed[LotStatusChanged]:
            event = lots.change_status(_lot(tx.plant, part, code), action, reason)
            return _sign(tx, lead, event, f"lot {action}", reason)

        return self._in_transaction(act)

    def split(
        self, lead: Operator, part: str, code: str, qty: Decimal, new_code: str | None, reason: str
    ) -> Signed[LotSplit]:
        def act(tx: Transaction) -> Signed[LotSplit]:
            lot = _lot(tx.plant, part, code)
            chosen = new_code or _free_code(tx.plant, part, code, "S")
            if tx.plant.lot(part, chosen) is not None:
                raise lots.LotActionRefused(Refusal.LOT_EXISTS, lot=f"{part}/{chosen}")
            return _sign(tx, lead, lots.split(lot, qty, chosen), "lot split", reason)

        return self._in_transaction(act)

    def merge(
        self, lead: Operator, labels: list[tuple[str, str]], new_code: str | None, reason: str
    ) -> Signed[LotsMerged]:
        def act(tx: Transaction) -> Signed[LotsMerged]:
            sources = [_lot(tx.plant, part, code) for part, code in labels]
            first = sources[0]
            chosen = new_code or _free_code(tx.plant, first.part, first.code, "M")
            if tx.plant.lot(first.part, chosen) is not None:
                raise lots.LotActionRefused(Refusal.LOT_EXISTS, lot=f"{first.part}/{chosen}")
            return _sign(tx, lead, lots.merge(sources, chosen), "lot merge", reason)

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
        hold: bool = False,
    ) -> Signed[NonconformanceOpened]:
        """Record a nonconformance on a unit or a lot, signed by the lead. The defect code
        must be in the catalogue when master data has one. `hold` puts a lot on hold in the
        same unit of work (unless it is on hold, or the disposition rejects it, already).
        Without a `number` (opened by scan) the station gives it the next of its own."""
        if disposition not in DISPOSITIONS:
            raise lots.LotActionRefused(Refusal.BAD_DISPOSITION, choices=", ".join(DISPOSITIONS))
        if not defect_code:
            raise lots.LotActionRefused(Refusal.DEFECT_REQUIRED)
        if hold and subject_kind != "lot":
            raise lots.LotActionRefused(Refusal.HOLD_IS_FOR_LOTS, subject=f"{part}/{subject}")

        def act(tx: Transaction) -> Signed[NonconformanceOpened]:
            plant = tx.plant
            if plant.has_defects() and plant.defect(defect_code) is None:
                raise lots.LotActionRefused(Refusal.DEFECT_NOT_IN_CATALOGUE, defect=defect_code)
            if subject_kind == "unit" and plant.unit(part, subject) is None:
                raise lots.LotActionRefused(Refusal.UNIT_NOT_RECORDED, unit=f"{part}/{subject}")
            chosen = number or tx.identities.next_nonconformance_number()
            if plant.nonconformance(chosen) is not None:
                raise lots.LotActionRefused(Refusal.NC_EXISTS, number=chosen)
            held = None
            if subject_kind == "lot":
                lot = _lot(plant, part, subject)
                rejects = disposition in ("scrap", "return_to_vendor")
                if hold and not rejects and lot.status is not LotStatus.HOLD:
                    held = lots.change_status(lot, "hold", f"NC {chosen}: {defect_code}")
            event = NonconformanceOpened(
                chosen,
                subject_kind,
                part,
                subject,
                defect_code,
                description,
                disposition,
            )
            done = _sign(tx, lead, event, f"nonconformance {disposition}", description)
            if held is not None:
                _sign(tx, lead, held, f"lot hold for nonconformance {chosen}", description)
            return done

        return self._in_transaction(act)

    def close_nonconformance(
        self, lead: Operator, number: str, note: str
    ) -> Signed[NonconformanceClosed]:
        """A lead closes an open nonconformance, signed, with a note of how it was settled."""

        def act(tx: Transaction) -> Signed[NonconformanceClosed]:
            found = tx.plant.nonconformance(number)
            if found is None:
                raise lots.LotActionRefused(Refusal.NC_NOT_FOUND, number=number)
            if found.status != "open":
                raise lots.LotActionRefused(Refusal.NC_NOT_OPEN, number=number)
            event = NonconformanceClosed(number, note)
            return _sign(tx, lead, event, f"closed nonconformance {number}", note)

        return self._in_transaction(act)

    def resolve_conflict(
        self, lead: Operator, conflict_id: str, how: str, reason: str, keep: str | None = None
    ) -> Signed[ConflictResolved]:
        """A lead's signed disposition of a conflict the centre raised. Accepting records a
        deviation with it, as a waived rule at a scan does."""

        def act(tx: Transaction) -> Signed[ConflictResolved]:
            conflict = tx.plant.conflict(conflict_id)
            if conflict is None:
                raise conflicts.ConflictRefused(Refusal.CONFLICT_NOT_FOUND, conflict=conflict_id)
            parents = []
            if conflict.kind == conflicts.CHILD_INSTALLED_TWICE:
                parents = tx.plant.parents_of(conflict.part, conflict.subject)
            event = conflicts.resolve(conflict, how, reason, parents, keep)
            done = _sign(tx, lead, event, f"conflict {how}", reason)
            if how == "accept":
                deviation = DeviationRecorded(
                    conflict.kind, conflict.label, None, reason.strip(), lead.badge
                )
                _sign(tx, lead, deviation, f"accepted conflict {conflict.id}", reason)
            return done

        return self._in_transaction(act)

    def reprint(
        self, lead: Operator, label: LabelToPrint, reason: str = ""
    ) -> Signed[LabelReprinted]:
        """A lead's signed reprint: the event and the label's print job in one unit of work,
        so the reprint is on the record and waits for a printer that is off."""

        def act(tx: Transaction) -> Signed[LabelReprinted]:
            kind = "container" if isinstance(label, ContainerLabel) else "unit"
            event = LabelReprinted(kind, subject_of(label))
            done = _sign(tx, lead, event, f"reprinted the label of {event.subject}", reason)
            tx.print_jobs.enqueue(label, reprint_by=lead.badge)
            return done

        return self._in_transaction(act)

    def _in_transaction(self, act: Callable[[Transaction], T]) -> T:
        """Run `act` as one unit of work; refusals and database faults leave nothing written.
        Run again after a lost race, and once after a connection lost before the commit."""
        return run_in_transaction(self.transactions, act)


def _lot(plant: PlantReader, part: str, code: str) -> Lot:
    lot = plant.lot(part, code)
    if lot is None:
        raise lots.LotActionRefused(Refusal.LOT_NOT_RECORDED, lot=f"{part}/{code}")
    return lot


def _free_code(plant: PlantReader, part: str, code: str, mark: str) -> str:
    n = 1
    while plant.lot(part, f"{code}-{mark}{n}") is not None:
        n += 1
    return f"{code}-{mark}{n}"


def _sign(tx: Transaction, lead: Operator, event: E, meaning: str, reason: str) -> Signed[E]:
    ids = tx.journal.record(
        [event],
        operator=lead.badge,
        reason=reason or None,
        signature=Signature(lead.badge, meaning, lead.name),
    )
    return Signed(ids[0], event)
