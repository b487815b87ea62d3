"""Picking the unit a serial scan means, and registering new units at the first operation."""

from __future__ import annotations

from dataclasses import replace

from tracestation.domain.events import DomainEvent, OperationCompleted, UnitRegistered
from tracestation.domain.model import OperationKind, Tracking, Unit, UnitStatus
from tracestation.domain.rules import (
    Violation,
    completion_finishes,
    unit_at_operation,
    work_order_has_room,
)
from tracestation.messages.verdicts import Verdict
from tracestation.station.context import Context
from tracestation.station.env import Env
from tracestation.station.resolve import SerialScan
from tracestation.station.verdicts import Decision, accept, refuse, reject


def pick_unit(scan: SerialScan, preferred_parts: frozenset[str]) -> Unit | Decision | None:
    """The one unit the scan names; a rejection when it names several; None when unknown."""
    units = scan.units
    if len(units) > 1:
        units = tuple(u for u in units if u.part in preferred_parts) or units
    if len(units) > 1:
        parts = ", ".join(sorted(u.part for u in units))
        return reject(Verdict.AMBIGUOUS_SERIAL, serial=scan.serial, parts=parts)
    return units[0] if units else None


def can_register(ctx: Context) -> bool:
    """New serials are registered only at the first operation of a serialized work order."""
    assert ctx.routing is not None and ctx.operation is not None and ctx.work_order is not None
    return ctx.routing.first.code == ctx.operation.code


def register(serial: str, ctx: Context, env: Env) -> Decision:
    """Register `serial` as a new unit of the work order; it becomes the current unit."""
    assert ctx.work_order is not None and ctx.operation is not None
    work_order, operation = ctx.work_order, ctx.operation
    part = env.plant.part(work_order.part)
    if part is None or part.tracking is not Tracking.SERIAL:
        return reject(
            Verdict.WORK_ORDER_NOT_SERIALIZED, work_order=work_order.number, part=work_order.part
        )
    if not can_register(ctx):
        return reject(Verdict.UNKNOWN_SERIAL, serial=serial)
    if env.plant.unit(part.number, serial) is not None:
        return reject(Verdict.SERIAL_EXISTS, serial=serial, part=part.number)
    room = work_order_has_room(work_order, env.plant.unit_count(work_order.number))
    if room is not None:
        return refuse(room)
    events: list[DomainEvent] = [
        UnitRegistered(part.number, serial, work_order.number, operation.code)
    ]
    new = replace(ctx.cleared_work(), unit=(part.number, serial))
    if operation.kind is OperationKind.CONSUME:
        events.append(completion(Unit(part.number, serial, work_order.number), ctx))
        new = ctx.cleared_work()
    return accept(
        Verdict.UNIT_REGISTERED,
        new,
        *events,
        unit=f"{part.number}/{serial}",
        work_order=work_order.number,
    )


def completion(unit: Unit, ctx: Context, rework: bool = False) -> OperationCompleted:
    """`unit` completes the selected operation; the event says whether that finishes it."""
    assert ctx.routing is not None and ctx.operation is not None
    return OperationCompleted(
        unit.part,
        unit.serial,
        unit.work_order,
        ctx.operation.code,
        rework=rework,
        finishes=completion_finishes(unit, ctx.routing, ctx.operation, rework),
    )


def completion_code(event: OperationCompleted) -> Verdict:
    if event.rework:
        return Verdict.REWORK_FINISHED if event.finishes else Verdict.REWORK_COMPLETED
    return Verdict.UNIT_FINISHED if event.finishes else Verdict.OPERATION_COMPLETED


def next_serial(ctx: Context, env: Env) -> str:
    """The next free serial of the work order: `<work order>-<nnnnn>`, counted per work order,
    or `<work order>-<n>` with `n` from the numbers the centre reserved for an offline station."""
    assert ctx.work_order is not None
    reserved = env.identities.next_unit_number() if env.identities is not None else None
    if reserved is not None:
        return f"{ctx.work_order.number}-{reserved}"
    number = env.plant.unit_count(ctx.work_order.number) + 1
    while True:
        serial = f"{ctx.work_order.number}-{number:05d}"
        if env.plant.unit(ctx.work_order.part, serial) is None:
            return serial
        number += 1


def check_unit_for_operation(unit: Unit, ctx: Context) -> Violation | None:
    """The unit belongs to this work order and this operation is next on its routing."""
    assert ctx.work_order is not None and ctx.routing is not None and ctx.operation is not None
    if unit.work_order != ctx.work_order.number:
        return Violation(
            Verdict.UNIT_OTHER_WORK_ORDER,
            {"unit": unit.label, "work_order": unit.work_order, "selected": ctx.work_order.number},
        )
    if unit.status is UnitStatus.FAILED:
        return Violation(Verdict.UNIT_FAILED, {"unit": unit.label})
    return unit_at_operation(unit, ctx.routing, ctx.operation)
