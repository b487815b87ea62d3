"""How each event changes a `PlantState`: the in-memory twin of `tracestation.store.projections`,
with the same refusals (an event that does not fit the state is a `ProjectionMismatch`, which
the store's unit of work would report as `RaceLost`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from functools import singledispatch
from typing import Any

from support.fake_plant import (
    Carton,
    Consumption,
    DefectGiven,
    Deviation,
    Disposition,
    Lineage,
    Link,
    Nonconformance,
    PlantState,
    ProjectionMismatch,
    TestRecord,
)
from tracestation.domain import events as ev
from tracestation.domain.model import Lot, LotStatus, Unit, UnitStatus
from tracestation.domain.pins import PinState


@dataclass(frozen=True)
class Written:
    event_id: str
    time: datetime
    station: str
    operator: str | None
    signed_by: str | None


def _unit(state: PlantState, part: str, serial: str) -> Unit:
    unit = state.units.get((part, serial))
    if unit is None:
        raise ProjectionMismatch(f"unit {part}/{serial} does not exist")
    return unit


def _set_unit(state: PlantState, part: str, serial: str, **changes: Any) -> None:
    state.units[(part, serial)] = replace(_unit(state, part, serial), **changes)


def _lot(state: PlantState, part: str, code: str) -> Lot:
    lot = state.lots.get((part, code))
    if lot is None:
        raise ProjectionMismatch(f"lot {part}/{code} does not exist")
    return lot


def _take_from_lot(state: PlantState, part: str, code: str, qty: Decimal) -> Lot:
    lot = _lot(state, part, code)
    if lot.quantity < qty:
        raise ProjectionMismatch(f"lot {part}/{code} does not hold {qty} any more")
    left = lot.quantity - qty
    status = LotStatus.CONSUMED if left == 0 else lot.status
    state.lots[(part, code)] = replace(lot, quantity=left, status=status)
    return lot


def _link(state: PlantState, qty: Decimal, operation: str, w: Written, **ends: Any) -> None:
    link_id = len(state.links) + 1
    state.links.append(
        Link(link_id, qty=qty, operation=operation, installed_event=w.event_id, **ends)
    )


@singledispatch
def apply(event: ev.DomainEvent, state: PlantState, w: Written) -> None:
    """Events without a projection (log-ins, log-outs) live in the journal only."""


@apply.register
def _(event: ev.UnitRegistered, state: PlantState, w: Written) -> None:
    if (event.part, event.serial) in state.units:
        raise ProjectionMismatch(f"unit {event.part}/{event.serial} already exists")
    state.units[(event.part, event.serial)] = Unit(event.part, event.serial, event.work_order)


@apply.register
def _(event: ev.OperationCompleted, state: PlantState, w: Written) -> None:
    changes: dict[str, Any] = {} if event.rework else {"last_operation": event.operation}
    if getattr(event, "finishes", False):
        changes["status"] = UnitStatus("finished")
    elif event.rework:
        changes["status"] = UnitStatus.IN_REWORK
    _set_unit(state, event.part, event.serial, **changes)


@apply.register
def _(event: ev.ChildUnitInstalled, state: PlantState, w: Written) -> None:
    parent = _unit(state, event.parent_part, event.parent_serial)
    child = _unit(state, event.child_part, event.child_serial)
    child_key = (child.part, child.serial)
    if any(link.child_unit == child_key and link.removed_event is None for link in state.links):
        # The schema's partial unique index: a child unit has one active parent.
        raise ProjectionMismatch(f"{child.label} is already installed")
    parent_key = (parent.part, parent.serial)
    _link(
        state,
        Decimal(1),
        event.operation,
        w,
        parent=parent_key,
        child_unit=child_key,
        child_lot=None,
    )


@apply.register
def _(event: ev.LotInstalled, state: PlantState, w: Written) -> None:
    _unit(state, event.parent_part, event.parent_serial)
    _take_from_lot(state, event.part, event.lot, event.qty)
    parent = (event.parent_part, event.parent_serial)
    lot = (event.part, event.lot)
    _link(state, event.qty, event.operation, w, parent=parent, child_unit=None, child_lot=lot)
    state.consumptions.append(
        Consumption(
            event.work_order,
            event.part,
            event.lot,
            event.qty,
            event.operation,
            "install",
            w.event_id,
        )
    )


@apply.register
def _(event: ev.ChildRemoved, state: PlantState, w: Written) -> None:
    for i, link in enumerate(state.links):
        if link.installed_event == event.installed_event and link.removed_event is None:
            state.links[i] = replace(link, removed_event=w.event_id)
            if link.child_unit is not None:
                _set_unit(state, *link.child_unit, status=UnitStatus.IN_REWORK)
            return
    raise ProjectionMismatch(f"{event.installed_event} installed nothing still installed")


@apply.register
def _(event: ev.LotConsumed, state: PlantState, w: Written) -> None:
    _take_from_lot(state, event.part, event.lot, event.qty)
    state.consumptions.append(
        Consumption(
            event.work_order, event.part, event.lot, event.qty, event.operation, "kit", w.event_id
        )
    )


@apply.register
def _(event: ev.TestRecorded, state: PlantState, w: Written) -> None:
    _unit(state, event.part, event.serial)
    state.tests.append(
        TestRecord(
            event.part,
            event.serial,
            event.operation,
            event.test,
            event.passed,
            w.station,
            w.operator,
            w.event_id,
        )
    )
    if event.passed:
        _set_unit(
            state,
            event.part,
            event.serial,
            status=UnitStatus.PASSED,
            last_operation=event.operation,
        )
    else:
        _set_unit(state, event.part, event.serial, status=UnitStatus.FAILED)


@apply.register
def _(event: ev.ContainerOpened, state: PlantState, w: Written) -> None:
    if event.sscc in state.cartons:
        raise ProjectionMismatch(f"carton {event.sscc} already exists")
    state.cartons[event.sscc] = Carton(
        event.sscc, event.work_order, event.part, event.capacity, w.station
    )


@apply.register
def _(event: ev.UnitPacked, state: PlantState, w: Written) -> None:
    carton = state.cartons.get(event.sscc)
    if (
        carton is None
        or carton.closed
        or (carton.capacity is not None and carton.packed >= carton.capacity)
    ):
        raise ProjectionMismatch(f"carton {event.sscc} is closed, full or not recorded")
    state.cartons[event.sscc] = replace(carton, packed=carton.packed + 1)
    _set_unit(
        state,
        event.part,
        event.serial,
        status=UnitStatus.PACKED,
        last_operation=event.operation,
        container=event.sscc,
    )


@apply.register
def _(event: ev.ContainerClosed, state: PlantState, w: Written) -> None:
    carton = state.cartons.get(event.sscc)
    if carton is None:
        raise ProjectionMismatch(f"container {event.sscc} does not exist")
    state.cartons[event.sscc] = replace(carton, closed=True)


@apply.register
def _(event: ev.DeviationRecorded, state: PlantState, w: Written) -> None:
    state.deviations.append(
        Deviation(
            event.rule,
            event.subject,
            event.work_order,
            event.reason,
            event.lead,
            w.station,
            w.event_id,
        )
    )


@apply.register
def _(event: ev.LotStatusChanged, state: PlantState, w: Written) -> None:
    lot = _lot(state, event.part, event.lot)
    state.lots[(lot.part, lot.code)] = replace(
        lot, status=LotStatus(event.status), status_reason=event.reason, status_since=w.time
    )
    state.dispositions.append(
        Disposition(
            (lot.part, lot.code),
            event.status,
            event.previous,
            event.reason,
            w.signed_by,
            w.event_id,
        )
    )


def _new_lot(state: PlantState, lot: Lot) -> None:
    if (lot.part, lot.code) in state.lots:
        raise ProjectionMismatch(f"lot {lot.label} already exists")
    state.lots[(lot.part, lot.code)] = lot


@apply.register
def _(event: ev.LotSplit, state: PlantState, w: Written) -> None:
    source = _take_from_lot(state, event.part, event.lot, event.qty)
    _new_lot(state, replace(source, code=event.new_lot, quantity=event.qty))
    state.lineage.append(
        Lineage(
            (event.part, event.lot), (event.part, event.new_lot), "split", event.qty, w.event_id
        )
    )


@apply.register
def _(event: ev.LotsMerged, state: PlantState, w: Written) -> None:
    sources = [_lot(state, event.part, code) for code in event.sources]
    expiries = [lot.expiry for lot in sources if lot.expiry is not None]
    suppliers = {lot.supplier for lot in sources}
    total = sum((lot.quantity for lot in sources), Decimal(0))
    merged = Lot(
        event.part,
        event.new_lot,
        total,
        LotStatus.RELEASED,
        min(expiries) if expiries else None,
        suppliers.pop() if len(suppliers) == 1 else None,
    )
    _new_lot(state, merged)
    for lot in sources:
        _take_from_lot(state, lot.part, lot.code, lot.quantity)
        state.lineage.append(
            Lineage(
                (lot.part, lot.code), (lot.part, event.new_lot), "merge", lot.quantity, w.event_id
            )
        )


@apply.register
def _(event: ev.NonconformanceOpened, state: PlantState, w: Written) -> None:
    state.nonconformances.append(
        Nonconformance(
            event.number,
            event.subject_kind,
            event.part,
            event.subject,
            event.defect_code,
            event.disposition,
            w.signed_by,
            w.event_id,
            event.description,
        )
    )
    if event.subject_kind == "unit":
        if event.disposition == "scrap":
            _set_unit(state, event.part, event.subject, status=UnitStatus.SCRAPPED)
        elif event.disposition == "rework":
            _set_unit(state, event.part, event.subject, status=UnitStatus.IN_REWORK)
    elif event.disposition in ("scrap", "return_to_vendor"):
        lot = _lot(state, event.part, event.subject)
        state.lots[(lot.part, lot.code)] = replace(
            lot,
            status=LotStatus.REJECTED,
            status_reason=f"NC {event.number}: {event.defect_code}",
            status_since=w.time,
        )


@apply.register
def _(event: ev.NonconformanceClosed, state: PlantState, w: Written) -> None:
    for n, nc in enumerate(state.nonconformances):
        if nc.number == event.number and nc.status == "open":
            state.nonconformances[n] = replace(nc, status="closed")
            return
    raise ProjectionMismatch(f"nonconformance {event.number} is not open")


@apply.register
def _(event: ev.DefectRecorded, state: PlantState, w: Written) -> None:
    _unit(state, event.part, event.serial)
    if event.source == "test" and not any(
        (t.part, t.serial, t.operation, t.passed)
        == (event.part, event.serial, event.operation, False)
        for t in state.tests
    ):
        raise ProjectionMismatch(f"{event.part}/{event.serial} has no failed test")
    state.defects.append(
        DefectGiven(
            event.part,
            event.serial,
            event.work_order,
            event.operation,
            event.defect_code,
            event.source,
            event.reference,
            w.event_id,
        )
    )


@apply.register
def _(event: ev.TesterResultRecorded, state: PlantState, w: Written) -> None:
    tested = ev.TestRecorded(
        event.part, event.serial, event.work_order, event.operation, event.test, event.passed
    )
    apply(tested, state, w)
    state.tester_files.add(event.content_hash)


# Lead PINs: the twin of the store's upserts into `pin_states` (a first event for a badge starts
# it clean; an unlock of a PIN not locked leaves it clean).


def _pin(state: PlantState, badge: str) -> PinState:
    return state.pins.get(badge, PinState(badge))


@apply.register
def _(event: ev.PinRejected, state: PlantState, w: Written) -> None:
    pin = _pin(state, event.badge)
    state.pins[event.badge] = pin if event.while_locked else replace(pin, failures=pin.failures + 1)


@apply.register
def _(event: ev.PinLocked, state: PlantState, w: Written) -> None:
    until = datetime.fromisoformat(event.until)
    state.pins[event.badge] = replace(_pin(state, event.badge), locked_until=until)


@apply.register
def _(event: ev.PinUnlocked, state: PlantState, w: Written) -> None:
    state.pins[event.badge] = PinState(event.badge)


@apply.register
def _(event: ev.PinFailuresCleared, state: PlantState, w: Written) -> None:
    state.pins[event.badge] = replace(_pin(state, event.badge), failures=0)
