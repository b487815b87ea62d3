"""Scans that set up the station's context: badge, work order, operation, quantity, part."""

from __future__ import annotations

from dataclasses import replace

from tracestation.domain.events import DomainEvent, OperatorLoggedIn, OperatorLoggedOut
from tracestation.domain.model import Operator, Tracking, WorkOrderStatus
from tracestation.domain.rules import qty_text
from tracestation.messages.verdicts import Verdict
from tracestation.station.context import Context
from tracestation.station.env import Env
from tracestation.station.resolve import OperationScan, PartScan, QuantityScan, WorkOrderScan
from tracestation.station.verdicts import Decision, accept, reject


def log_in(operator: Operator, ctx: Context) -> Decision:
    if ctx.operator is not None and ctx.operator.badge == operator.badge:
        return accept(Verdict.ALREADY_LOGGED_IN, ctx, name=operator.name)
    events: list[DomainEvent] = []
    if ctx.operator is not None:
        events.append(OperatorLoggedOut(ctx.operator.badge))
    events.append(OperatorLoggedIn(operator.badge))
    decision = accept(
        Verdict.LOGGED_IN,
        replace(ctx, operator=operator, override=None),
        *events,
        name=operator.name,
    )
    # The first log-in after a restart picks up the work the station had in hand.
    return replace(decision, resume_work=ctx.work_order is None)


def log_out(ctx: Context) -> Decision:
    assert ctx.operator is not None
    return accept(
        Verdict.LOGGED_OUT, Context(), OperatorLoggedOut(ctx.operator.badge), name=ctx.operator.name
    )


def select_work_order(scan: WorkOrderScan, ctx: Context, env: Env) -> Decision:
    work_order = env.plant.work_order(scan.number)
    if work_order is None:
        return reject(Verdict.UNKNOWN_WORK_ORDER, work_order=scan.number)
    if work_order.status is not WorkOrderStatus.RELEASED:
        return reject(Verdict.WORK_ORDER_CLOSED, work_order=work_order.number)
    routing = env.plant.routing(work_order.part)
    if routing is None:
        return reject(Verdict.PART_WITHOUT_ROUTING, part=work_order.part)
    keep_operation = (
        ctx.operation
        if ctx.operation and routing.operation(ctx.operation.code) == ctx.operation
        else None
    )
    new = Context(ctx.operator, work_order, routing, keep_operation)
    return accept(
        Verdict.WORK_ORDER_SELECTED,
        new,
        work_order=work_order.number,
        part=work_order.part,
        quantity=str(work_order.quantity),
    )


def select_operation(scan: OperationScan, ctx: Context) -> Decision:
    if ctx.work_order is None or ctx.routing is None:
        return reject(Verdict.NO_WORK_ORDER)
    operation = ctx.routing.operation(scan.code)
    if operation is None:
        known = ", ".join(f"{op.code} {op.name}" for op in ctx.routing.operations)
        return reject(
            Verdict.UNKNOWN_OPERATION, operation=scan.code, part=ctx.work_order.part, known=known
        )
    new = Context(ctx.operator, ctx.work_order, ctx.routing, operation)
    return accept(
        Verdict.OPERATION_SELECTED,
        new,
        operation=operation.code,
        name=operation.name,
        kind=operation.kind.value,
    )


def set_quantity(scan: QuantityScan, ctx: Context) -> Decision:
    return accept(Verdict.QUANTITY_SET, replace(ctx, quantity=scan.qty), qty=qty_text(scan.qty))


def set_part(scan: PartScan, ctx: Context, env: Env) -> Decision:
    part = env.plant.part(scan.number)
    if part is None:
        return reject(Verdict.UNKNOWN_PART, part=scan.number)
    if part.tracking is Tracking.NONE:
        return reject(Verdict.PART_NOT_TRACKED, part=part.number)
    return accept(Verdict.PART_SET, replace(ctx, part=part.number), part=part.number)


def cancel(ctx: Context) -> Decision:
    return accept(Verdict.CANCELLED, ctx.cleared_work())
