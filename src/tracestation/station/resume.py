"""Picking up where the station left off: after a restart (or a crash) the next operator who
logs in is back at the same work order, operation and unit, if they still make sense."""

from __future__ import annotations

from dataclasses import replace

from tracestation.domain.model import WorkOrderStatus
from tracestation.station.context import Context
from tracestation.station.env import Env
from tracestation.station.ports import SavedWork


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
    unit = saved.unit if operation is not None else None
    if unit is not None:
        found = env.plant.unit(*unit)
        if found is None or found.work_order != work_order.number:
            unit = None
    return replace(ctx, work_order=work_order, routing=routing, operation=operation, unit=unit)


def resume_params(ctx: Context) -> dict[str, str]:
    assert ctx.work_order is not None
    operation = f"{ctx.operation.code} {ctx.operation.name}" if ctx.operation else "-"
    unit = "/".join(ctx.unit) if ctx.unit else "-"
    return {"work_order": ctx.work_order.number, "operation": operation, "unit": unit}
