"""The assemble operation: a parent serial, then its children; rework removes and replaces."""

from __future__ import annotations

import re
from dataclasses import replace

from tracestation.domain.events import (
    ChildRemoved,
    ChildUnitInstalled,
    LotInstalled,
)
from tracestation.domain.model import InstalledChild, Lot, Unit, UnitStatus
from tracestation.domain.rules import (
    bom_line_for,
    child_unit_installable,
    installed_quantity,
    lot_has_quantity,
    lot_usable,
    missing_lines,
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

# What a serial looks like on a label: letters and digits, with - _ . / between, and a digit.
# Anything else read while a unit is open (a damaged label, a burst of noise) is not a new unit.
_SERIAL_SHAPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,59}")


def looks_like_serial(text: str) -> bool:
    return bool(_SERIAL_SHAPE.fullmatch(text)) and any(ch.isdigit() for ch in text)


def assemble_serial(scan: SerialScan, ctx: Context, env: Env, waived: frozenset[str]) -> Decision:
    assert ctx.work_order is not None and ctx.operation is not None
    child_parts = frozenset(
        line.child for line in env.plant.bom_lines(ctx.work_order.part, ctx.operation.code)
    )
    parent = _current_unit(ctx, env)
    preferred = child_parts if parent is not None else frozenset({ctx.work_order.part})
    picked = pick_unit(scan, preferred)
    if isinstance(picked, Decision):
        return picked
    if ctx.remove_mode and parent is not None:
        if picked is None:
            return reject(Verdict.UNKNOWN_SERIAL, serial=scan.serial)
        return _remove(parent, picked.part, picked.serial, None, ctx, env)
    if picked is None:
        if parent is not None and not looks_like_serial(scan.serial):
            return reject(Verdict.UNREADABLE_WHILE_BUILDING, value=scan.serial, unit=parent.label)
        if parent is not None:
            return reject(
                Verdict.UNKNOWN_SERIAL_WHILE_BUILDING, serial=scan.serial, unit=parent.label
            )
        return register(scan.serial, ctx, env)
    if picked.part == ctx.work_order.part:
        return _select_parent(picked, ctx, env)
    if parent is None:
        return reject(Verdict.SCAN_PARENT_FIRST, serial=picked.label)
    return _install_unit(parent, picked, ctx, env)


def assemble_lot(
    scan: LotScan, lot: Lot, ctx: Context, env: Env, waived: frozenset[str]
) -> Decision:
    assert ctx.work_order is not None and ctx.operation is not None
    parent = _current_unit(ctx, env)
    if parent is None:
        return reject(Verdict.SCAN_PARENT_FIRST, serial=lot.label)
    if ctx.remove_mode:
        return _remove(parent, lot.part, None, lot.code, ctx, env)
    line = bom_line_for(env.plant.bom_lines(parent.part, ctx.operation.code), lot.part)
    if line is None:
        return reject(
            Verdict.PART_NOT_ON_BOM, part=lot.part, parent=parent.part, operation=ctx.operation.code
        )
    children = env.plant.installed_children(parent.part, parent.serial)
    remaining = line.qty - installed_quantity(children, lot.part, ctx.operation.code)
    part = env.plant.part(lot.part)
    uom = part.uom if part else "ea"
    if remaining <= 0:
        return reject(
            Verdict.LINE_SATISFIED,
            part=lot.part,
            qty=qty_text(line.qty),
            uom=uom,
            unit=parent.label,
        )
    # A label's own count is the reel's content, not what one unit takes: QTY: or the BOM.
    qty = ctx.quantity or remaining
    if qty > remaining:
        return reject(
            Verdict.QTY_OVER_LINE,
            part=lot.part,
            qty=qty_text(qty),
            remaining=qty_text(remaining),
            uom=uom,
        )
    violation = lot_usable(lot, env.clock.today())
    if violation is not None and violation.code not in waived:
        return refuse(violation)
    short = lot_has_quantity(lot, qty, uom)
    if short is not None:
        return refuse(short)
    event = LotInstalled(
        parent.part,
        parent.serial,
        lot.part,
        lot.code,
        qty,
        ctx.work_order.number,
        ctx.operation.code,
    )
    return accept(
        Verdict.LOT_INSTALLED,
        replace(ctx, quantity=None, part=None),
        event,
        lot=lot.label,
        qty=qty_text(qty),
        uom=uom,
        unit=parent.label,
    )


def remove_mode(ctx: Context, env: Env) -> Decision:
    parent = _current_unit(ctx, env)
    if parent is None:
        return reject(Verdict.NO_CURRENT_UNIT)
    return accept(Verdict.REMOVE_MODE, replace(ctx, remove_mode=True), unit=parent.label)


def complete_assembly(ctx: Context, env: Env) -> Decision:
    assert ctx.work_order is not None and ctx.operation is not None
    parent = _current_unit(ctx, env)
    if parent is None:
        return reject(Verdict.NO_CURRENT_UNIT)
    lines = env.plant.bom_lines(parent.part, ctx.operation.code)
    missing = missing_lines(lines, env.plant.installed_children(parent.part, parent.serial))
    if missing:
        text = ", ".join(f"{line.child} {qty_text(qty)}" for line, qty in missing)
        return reject(Verdict.BOM_INCOMPLETE, unit=parent.label, missing=text)
    event = completion(parent, ctx, rework=ctx.rework)
    return accept(
        completion_code(event),
        ctx.cleared_work(),
        event,
        unit=parent.label,
        operation=ctx.operation.code,
    )


def _current_unit(ctx: Context, env: Env) -> Unit | None:
    return env.plant.unit(*ctx.unit) if ctx.unit else None


def _select_parent(unit: Unit, ctx: Context, env: Env) -> Decision:
    assert ctx.work_order is not None and ctx.routing is not None and ctx.operation is not None
    if is_rework_entry(unit, ctx):
        new = replace(ctx.cleared_work(), unit=(unit.part, unit.serial), rework=True)
        return accept(Verdict.REWORK_STARTED, new, unit=unit.label)
    violation = check_unit_for_operation(unit, ctx)
    if violation is not None:
        return refuse(violation)
    new = replace(ctx.cleared_work(), unit=(unit.part, unit.serial))
    return accept(Verdict.UNIT_SELECTED, new, unit=unit.label)


def is_rework_entry(unit: Unit, ctx: Context) -> bool:
    """A failed unit (or one in rework) comes back to an assembly step it has already done."""
    assert ctx.routing is not None and ctx.operation is not None and ctx.work_order is not None
    if unit.work_order != ctx.work_order.number or unit.last_operation is None:
        return False
    if unit.status not in (UnitStatus.FAILED, UnitStatus.IN_REWORK):
        return False
    return not ctx.routing.is_before(unit.last_operation, ctx.operation.code)


def _install_unit(parent: Unit, child: Unit, ctx: Context, env: Env) -> Decision:
    assert ctx.work_order is not None and ctx.operation is not None
    line = bom_line_for(env.plant.bom_lines(parent.part, ctx.operation.code), child.part)
    if line is None:
        return reject(
            Verdict.PART_NOT_ON_BOM,
            part=child.part,
            parent=parent.part,
            operation=ctx.operation.code,
        )
    children = env.plant.installed_children(parent.part, parent.serial)
    if installed_quantity(children, child.part, ctx.operation.code) + 1 > line.qty:
        return reject(
            Verdict.LINE_SATISFIED,
            part=child.part,
            qty=qty_text(line.qty),
            uom="ea",
            unit=parent.label,
        )
    violation = child_unit_installable(
        child,
        env.plant.routing(child.part),
        env.plant.installed_in(child.part, child.serial),
        parent,
    )
    if violation is not None:
        return refuse(violation)
    event = ChildUnitInstalled(
        parent.part,
        parent.serial,
        child.part,
        child.serial,
        ctx.work_order.number,
        ctx.operation.code,
    )
    return accept(
        Verdict.CHILD_INSTALLED,
        replace(ctx, quantity=None, part=None),
        event,
        child=child.label,
        unit=parent.label,
    )


def _remove(
    parent: Unit, part: str, serial: str | None, lot: str | None, ctx: Context, env: Env
) -> Decision:
    assert ctx.operation is not None
    links = [
        c
        for c in env.plant.installed_children(parent.part, parent.serial)
        if c.part == part and c.serial == serial and c.lot == lot
    ]
    label = f"{part}/{serial or lot}"
    if not links:
        return reject(Verdict.NOT_INSTALLED_IN_UNIT, child=label, unit=parent.label)
    link: InstalledChild = max(links, key=lambda c: c.link_id)
    event = ChildRemoved(
        parent.part,
        parent.serial,
        link.installed_event,
        part,
        serial,
        lot,
        link.qty,
        ctx.operation.code,
    )
    qty = qty_text(link.qty) if lot else "1"
    wanted = DefectWanted(
        "removal",
        (parent.part, parent.serial),
        parent.work_order,
        ctx.operation.code,
        link.installed_event,
        label,
    )
    return accept(
        Verdict.CHILD_REMOVED,
        replace(ctx, remove_mode=False, defect_for=wanted),
        event,
        child=label,
        unit=parent.label,
        qty=qty,
    )
