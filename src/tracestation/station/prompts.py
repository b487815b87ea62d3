"""What the operator should scan next, from the station's context."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracestation.domain.model import BomLine, OperationKind
from tracestation.domain.rules import installed_quantity, missing_lines, qty_text
from tracestation.messages.verdicts import Verdict
from tracestation.station.context import Context
from tracestation.station.env import Env


def prompt_for(ctx: Context, env: Env) -> tuple[Verdict, dict[str, str]]:
    if ctx.override is not None:
        return Verdict.PROMPT_OVERRIDE, {}
    if ctx.operator is None:
        return Verdict.PROMPT_BADGE, {}
    if ctx.work_order is None or ctx.routing is None:
        return Verdict.PROMPT_WORK_ORDER, {}
    if ctx.operation is None:
        return Verdict.PROMPT_OPERATION, {"work_order": ctx.work_order.number}
    wanted = ctx.defect_for
    if wanted is not None and wanted.source == "test":
        return Verdict.PROMPT_DEFECT_TEST, {"unit": wanted.label}
    if wanted is not None:
        return Verdict.PROMPT_DEFECT_REMOVAL, {"unit": wanted.label, "removed": wanted.removed}
    kind = ctx.operation.kind
    if kind is OperationKind.ASSEMBLE:
        return _assemble(ctx, env)
    if kind is OperationKind.CONSUME:
        return _kit(ctx, env)
    if kind in (OperationKind.TEST, OperationKind.INSPECT):
        if ctx.unit:
            return Verdict.PROMPT_TEST_RESULT, {"unit": "/".join(ctx.unit)}
        return Verdict.PROMPT_TEST_UNIT, {}
    container = env.plant.open_container(ctx.work_order.number)
    if container is None:
        return Verdict.PROMPT_PACK, {}
    return Verdict.PROMPT_PACK_INTO, {"sscc": container.sscc, "count": str(len(container.units))}


def _assemble(ctx: Context, env: Env) -> tuple[Verdict, dict[str, str]]:
    assert ctx.work_order is not None and ctx.operation is not None and ctx.routing is not None
    if ctx.unit is None:
        if ctx.routing.first.code == ctx.operation.code:
            return Verdict.PROMPT_NEW_PARENT, {"part": ctx.work_order.part}
        return Verdict.PROMPT_PARENT, {"part": ctx.work_order.part}
    label = "/".join(ctx.unit)
    if ctx.remove_mode:
        return Verdict.PROMPT_REMOVE, {"unit": label}
    lines = env.plant.bom_lines(ctx.unit[0], ctx.operation.code)
    missing = missing_lines(lines, env.plant.installed_children(*ctx.unit))
    if not missing:
        return Verdict.PROMPT_DONE, {"unit": label}
    return Verdict.PROMPT_CHILDREN, {"unit": label, "missing": _describe(missing, env)}


def _kit(ctx: Context, env: Env) -> tuple[Verdict, dict[str, str]]:
    assert ctx.work_order is not None and ctx.operation is not None
    work_order = ctx.work_order
    needs = []
    for line in env.plant.bom_lines(work_order.part, ctx.operation.code):
        left = line.qty * work_order.quantity - env.plant.kitted_quantity(
            work_order.number, line.child, line.operation
        )
        if left > 0:
            needs.append(f"{line.child} {qty_text(left)}")
    if not needs:
        return Verdict.PROMPT_KIT_DONE, {"part": work_order.part}
    return Verdict.PROMPT_KIT, {"missing": ", ".join(needs)}


def _describe(missing: list[tuple[BomLine, Decimal]], env: Env) -> str:
    parts = []
    for line, qty in missing:
        part = env.plant.part(line.child)
        uom = part.uom if part else "ea"
        parts.append(f"{line.child} {qty_text(qty)} {uom}")
    return ", ".join(parts)


@dataclass(frozen=True)
class ChecklistLine:
    """One BOM line of the operation for the unit in work: what is needed and what is in."""

    part: str
    description: str
    required: Decimal
    installed: Decimal
    uom: str
    tracking: str

    @property
    def done(self) -> bool:
        return self.installed >= self.required


def checklist_for(ctx: Context, env: Env) -> list[ChecklistLine]:
    if (
        ctx.unit is None
        or ctx.operation is None
        or ctx.operation.kind is not OperationKind.ASSEMBLE
    ):
        return []
    children = env.plant.installed_children(*ctx.unit)
    lines = []
    for line in env.plant.bom_lines(ctx.unit[0], ctx.operation.code):
        part = env.plant.part(line.child)
        lines.append(
            ChecklistLine(
                line.child,
                part.description if part else "",
                line.qty,
                installed_quantity(children, line.child, line.operation),
                part.uom if part else "ea",
                part.tracking.value if part else "lot",
            )
        )
    return lines
