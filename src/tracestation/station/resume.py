"""Picking up where the station left off: after a restart (or a crash) the next operator who
logs in is back at the same work order, operation and unit, if they still make sense."""

from __future__ import annotations

from dataclasses import replace

from tracestation.domain.model import OperationKind, WorkOrderStatus
from tracestation.station.assembly import is_rework_entry
from tracestation.station.context import Context
from tracestation.station.env import Env
from tracestation.station.ports import SavedWork
from tracestation.station.units import check_unit_for_operation


def work_of(ctx: Context) -> SavedWork | None:
    if ctx.work_order is None:
        return None
    operation = ctx.operation.code if ctx.operation else None
    return SavedWork(ctx.work_order.number, operation, ctx.unit)


def resumed(saved: SavedWork, ctx: Context, env: Env) -> Context | None:
    """The context with the saved work restored, or None when it no longer applies."""
    work_order = env.plant.work_order(saved.work_order)
    if work_order is None or work_order.status is not WorkOrderStatus.RELEASED:
        return None
    routing = env.plant.routing(work_order.part)
    if routing is None:
        return None
    operation = routing.operation(saved.operation) if saved.operation else None
    restored = replace(
        ctx, work_order=work_order, routing=routing, operation=operation, unit=None, rework=False
    )
    return _with_unit(saved, restored, env)


def _with_unit(saved: SavedWork, ctx: Context, env: Env) -> Context:
    """The saved unit comes back only while it can still be worked at the operation (it may
    have finished its routing meanwhile); a rework in progress comes back as a rework."""
    found = env.plant.unit(*saved.unit) if saved.unit and ctx.operation else None
    if found is None or ctx.operation is None:
        return ctx
    unit = (found.part, found.serial)
    if ctx.operation.kind is OperationKind.ASSEMBLE and is_rework_entry(found, ctx):
        return replace(ctx, unit=unit, rework=True)
    if check_unit_for_operation(found, ctx) is None:
        return replace(ctx, unit=unit)
    return ctx


def resume_params(ctx: Context) -> dict[str, str]:
    assert ctx.work_order is not None
    operation = f"{ctx.operation.code} {ctx.operation.name}" if ctx.operation else "-"
    unit = "/".join(ctx.unit) if ctx.unit else "-"
    return {"work_order": ctx.work_order.number, "operation": operation, "unit": unit}
