"""The consume (kitting), test and pack operations."""

from __future__ import annotations

from dataclasses import replace

from tracestation.domain.check_digits import sscc
from tracestation.domain.events import (
    ContainerClosed,
    ContainerOpened,
    DomainEvent,
    LotConsumed,
    TestRecorded,
    UnitPacked,
)
from tracestation.domain.model import Container, Lot, Unit, UnitStatus
from tracestation.domain.rules import (
    Violation,
    bom_line_for,
    lot_has_quantity,
    lot_usable,
    qty_text,
)
from tracestation.messages.verdicts import Verdict
from tracestation.station.context import Context, DefectWanted
from tracestation.station.env import Env
from tracestation.station.resolve import LotScan, SerialScan
from tracestation.station.units import (
    check_unit_for_operation,
    completion,
    completion_code,
    pick_unit,
    register,
)
from tracestation.station.verdicts import Decision, accept, refuse, reject


def consume_lot(
    scan: LotScan, lot: Lot, ctx: Context, env: Env, waived: frozenset[str]
) -> Decision:
    """Kitting: the lot is consumed against the work order, up to what the BOM still needs."""
    assert ctx.work_order is not None and ctx.operation is not None
    work_order, operation = ctx.work_order, ctx.operation
    line = bom_line_for(env.plant.bom_lines(work_order.part, operation.code), lot.part)
    if line is None:
        return reject(
            Verdict.PART_NOT_ON_BOM, part=lot.part, parent=work_order.part, operation=operation.code
        )
    part = env.plant.part(lot.part)
    uom = part.uom if part else "ea"
    required = line.qty * work_order.quantity
    remaining = required - env.plant.kitted_quantity(work_order.number, lot.part, operation.code)
    if remaining <= 0:
        return reject(
            Verdict.LINE_KITTED,
            part=lot.part,
            qty=qty_text(required),
            uom=uom,
            work_order=work_order.number,
        )
    violation = lot_usable(lot, env.clock.today())
    if violation is not None and violation.code not in waived:
        return refuse(violation)
    explicit = ctx.quantity
    if explicit is not None and explicit > remaining:
        return reject(
            Verdict.QTY_OVER_REQUIREMENT,
            part=lot.part,
            qty=qty_text(explicit),
            remaining=qty_text(remaining),
            uom=uom,
        )
    # A reel's label states its count: kit that much, up to what the work order still needs.
    label_count = scan.qty or lot.quantity
    qty = explicit if explicit is not None else min(label_count, lot.quantity, remaining)
    short = lot_has_quantity(lot, qty, uom)
    if short is not None or qty <= 0:
        return refuse(
            short
            or Violation(
                Verdict.LOT_SHORT,
                {
                    "lot": lot.code,
                    "part": lot.part,
                    "on_hand": "0",
                    "qty": qty_text(qty),
                    "uom": uom,
                },
            )
        )
    event = LotConsumed(work_order.number, lot.part, lot.code, qty, operation.code)
    left = remaining - qty
    return accept(
        Verdict.LOT_CONSUMED,
        replace(ctx, quantity=None, part=None),
        event,
        lot=lot.label,
        qty=qty_text(qty),
        uom=uom,
        work_order=work_order.number,
        left=qty_text(left),
    )


def consume_serial(scan: SerialScan, ctx: Context, env: Env) -> Decision:
    """At a kitting step a unit passes through: it is registered (first step) or moved on."""
    assert ctx.work_order is not None and ctx.operation is not None
    picked = pick_unit(scan, frozenset({ctx.work_order.part}))
    if isinstance(picked, Decision):
        return picked
    if picked is None:
        return register(scan.serial, ctx, env)
    violation = check_unit_for_operation(picked, ctx)
    if violation is not None:
        return refuse(violation)
    event = completion(picked, ctx)
    return accept(
        completion_code(event),
        ctx.cleared_work(),
        event,
        unit=picked.label,
        operation=ctx.operation.code,
    )


def test_serial(scan: SerialScan, ctx: Context, env: Env) -> Decision:
    assert ctx.work_order is not None
    picked = pick_unit(scan, frozenset({ctx.work_order.part}))
    if isinstance(picked, Decision):
        return picked
    if picked is None:
        return register(scan.serial, ctx, env)
    violation = check_unit_for_operation(picked, ctx)
    if violation is not None:
        return refuse(violation)
    return accept(
        Verdict.UNIT_READY_FOR_TEST,
        replace(ctx.cleared_work(), unit=(picked.part, picked.serial)),
        unit=picked.label,
    )


def record_result(passed: bool, ctx: Context, env: Env) -> Decision:
    assert ctx.operation is not None
    unit = env.plant.unit(*ctx.unit) if ctx.unit else None
    if unit is None:
        return reject(Verdict.NO_UNIT_TO_TEST)
    event = TestRecorded(
        unit.part, unit.serial, unit.work_order, ctx.operation.code, ctx.operation.name, passed
    )
    if passed:
        return accept(
            Verdict.TEST_PASSED, ctx.cleared_work(), event, unit=unit.label, test=event.test
        )
    wanted = DefectWanted("test", (unit.part, unit.serial), unit.work_order, event.operation)
    failed = accept(
        Verdict.TEST_FAILED,
        replace(ctx.cleared_work(), defect_for=wanted),
        event,
        unit=unit.label,
        test=event.test,
    )
    return replace(failed, test_failed=True)


def pack_serial(scan: SerialScan, ctx: Context, env: Env) -> Decision:
    assert ctx.work_order is not None and ctx.operation is not None
    picked = pick_unit(scan, frozenset({ctx.work_order.part}))
    if isinstance(picked, Decision):
        return picked
    if picked is None:
        return reject(Verdict.UNKNOWN_SERIAL, serial=scan.serial)
    violation = check_unit_for_operation(picked, ctx)
    if violation is None and picked.status is not UnitStatus.PASSED:
        violation = Violation(
            Verdict.UNIT_NOT_PASSED, {"unit": picked.label, "status": picked.status.value}
        )
    if violation is not None:
        return refuse(violation)
    return _pack(picked, ctx, env)


def _pack(unit: Unit, ctx: Context, env: Env) -> Decision:
    assert ctx.work_order is not None and ctx.operation is not None
    events: list[DomainEvent] = []
    container = env.plant.open_container(ctx.work_order.number)
    if container is None:
        assert env.identities is not None, "a carton is opened inside the scan's transaction"
        number = sscc(0, env.settings.gs1_company_prefix, env.identities.next_container_serial())
        container = Container(number, ctx.work_order.number, unit.part, ctx.operation.pack_qty)
        events.append(
            ContainerOpened(number, container.work_order, container.part, container.capacity)
        )
    events.append(
        UnitPacked(container.sscc, unit.part, unit.serial, unit.work_order, ctx.operation.code)
    )
    count = len(container.units) + 1
    capacity = container.capacity
    if capacity is not None and count >= capacity:
        events.append(ContainerClosed(container.sscc, count))
        return accept(
            Verdict.UNIT_PACKED_CONTAINER_FULL,
            ctx.cleared_work(),
            *events,
            unit=unit.label,
            sscc=container.sscc,
            count=str(count),
        )
    return accept(
        Verdict.UNIT_PACKED,
        ctx.cleared_work(),
        *events,
        unit=unit.label,
        sscc=container.sscc,
        count=str(count),
        capacity=str(capacity or "-"),
    )


def close_container(ctx: Context, env: Env) -> Decision:
    assert ctx.work_order is not None
    container = env.plant.open_container(ctx.work_order.number)
    if container is None or not container.units:
        return reject(Verdict.NO_OPEN_CONTAINER, work_order=ctx.work_order.number)
    event = ContainerClosed(container.sscc, len(container.units))
    return accept(
        Verdict.CONTAINER_CLOSED,
        ctx.cleared_work(),
        event,
        sscc=container.sscc,
        count=str(len(container.units)),
    )
