"""Route a resolved scan to the handler for the station's current operation."""

from __future__ import annotations

from dataclasses import replace

from tracestation.domain.model import Lot, OperationKind
from tracestation.messages.verdicts import Verdict
from tracestation.station import assembly, defects, operations, selection
from tracestation.station.context import Context
from tracestation.station.env import Env
from tracestation.station.resolve import (
    BadgeScan,
    Command,
    ContainerScan,
    DefectScan,
    LotScan,
    OperationScan,
    PartScan,
    PinScan,
    QuantityScan,
    ReasonScan,
    SerialScan,
    Thing,
    Unresolved,
    WorkOrderScan,
)
from tracestation.station.units import next_serial, register
from tracestation.station.verdicts import Decision, UnitLabel, reject


def decide(thing: Thing, ctx: Context, env: Env, waived: frozenset[str]) -> Decision:
    if isinstance(thing, Unresolved):
        return reject(thing.code, **thing.params)
    if isinstance(thing, BadgeScan):
        return selection.log_in(thing.operator, ctx)
    if ctx.operator is None:
        if isinstance(thing, SerialScan) and not thing.units:
            return reject(Verdict.UNKNOWN_BADGE, value=thing.serial)
        return reject(Verdict.NOT_LOGGED_IN)
    if isinstance(thing, PinScan | ReasonScan):
        return reject(Verdict.NO_OVERRIDE_PENDING)
    if isinstance(thing, DefectScan):
        return defects.record_defect(thing, ctx)
    if ctx.defect_for is not None:
        refused = defects.still_wanted(thing, ctx, env)
        if refused is not None:
            return refused
        ctx = replace(ctx, defect_for=None)  # whatever this scan does, it does without it
    if isinstance(thing, Command) and thing.name == "LOGOUT":
        return selection.log_out(ctx)
    if isinstance(thing, Command) and thing.name == "CANCEL":
        return selection.cancel(ctx)
    if isinstance(thing, WorkOrderScan):
        return selection.select_work_order(thing, ctx, env)
    if isinstance(thing, OperationScan):
        return selection.select_operation(thing, ctx)
    if isinstance(thing, QuantityScan):
        return selection.set_quantity(thing, ctx)
    if isinstance(thing, PartScan):
        return selection.set_part(thing, ctx, env)
    if ctx.work_order is None:
        return reject(Verdict.NO_WORK_ORDER)
    if ctx.operation is None:
        return reject(Verdict.NO_OPERATION, work_order=ctx.work_order.number)
    if isinstance(thing, Command):
        return _command(thing.name, ctx, env)
    if isinstance(thing, LotScan):
        return _lot(thing, ctx, env, waived)
    if isinstance(thing, SerialScan):
        return _serial(thing, ctx, env, waived)
    assert isinstance(thing, ContainerScan)
    return reject(Verdict.CONTAINER_NOT_EXPECTED, sscc=thing.sscc)


def _command(name: str, ctx: Context, env: Env) -> Decision:
    assert ctx.operation is not None
    kind = ctx.operation.kind
    if name == "NEW":
        if ctx.unit is not None:
            return reject(Verdict.FINISH_CURRENT_UNIT_FIRST)
        assert ctx.work_order is not None
        serial = next_serial(ctx, env)
        decision = register(serial, ctx, env)
        if not decision.events:
            return decision
        label = UnitLabel(ctx.work_order.part, serial)
        return replace(decision, code=Verdict.SERIAL_ASSIGNED, labels=(label,))
    if name == "DONE" and kind is OperationKind.ASSEMBLE:
        return assembly.complete_assembly(ctx, env)
    if name == "REMOVE" and kind is OperationKind.ASSEMBLE:
        return assembly.remove_mode(ctx, env)
    if name in ("PASS", "FAIL") and kind in (OperationKind.TEST, OperationKind.INSPECT):
        return operations.record_result(name == "PASS", ctx, env)
    if name == "CLOSE" and kind is OperationKind.PACK:
        return operations.close_container(ctx, env)
    return reject(
        Verdict.COMMAND_NOT_HERE, command=name, operation=ctx.operation.code, kind=kind.value
    )


def _lot(scan: LotScan, ctx: Context, env: Env, waived: frozenset[str]) -> Decision:
    assert ctx.operation is not None
    lot = _one_lot(scan)
    if isinstance(lot, Decision):
        return lot
    if scan.expiry is not None:
        # The label's printed expiry counts too; the earlier of the two wins.
        lot = replace(lot, expiry=min(d for d in (lot.expiry, scan.expiry) if d is not None))
    kind = ctx.operation.kind
    if kind is OperationKind.ASSEMBLE:
        return assembly.assemble_lot(scan, lot, ctx, env, waived)
    if kind is OperationKind.CONSUME:
        return operations.consume_lot(scan, lot, ctx, env, waived)
    return reject(
        Verdict.LOT_NOT_EXPECTED, lot=lot.label, operation=ctx.operation.code, kind=kind.value
    )


def _one_lot(scan: LotScan) -> Lot | Decision:
    if not scan.lots:
        if scan.part:
            return reject(Verdict.UNKNOWN_LOT, lot=scan.code, part=scan.part)
        return reject(Verdict.UNKNOWN_VALUE, value=scan.code)
    if len(scan.lots) > 1:
        parts = ", ".join(sorted(lot.part for lot in scan.lots))
        return reject(Verdict.AMBIGUOUS_LOT, lot=scan.code, parts=parts)
    return scan.lots[0]


def _serial(scan: SerialScan, ctx: Context, env: Env, waived: frozenset[str]) -> Decision:
    assert ctx.operation is not None
    kind = ctx.operation.kind
    if kind is OperationKind.ASSEMBLE:
        return assembly.assemble_serial(scan, ctx, env, waived)
    if kind is OperationKind.CONSUME:
        return operations.consume_serial(scan, ctx, env)
    if kind in (OperationKind.TEST, OperationKind.INSPECT):
        return operations.test_serial(scan, ctx, env)
    return operations.pack_serial(scan, ctx, env)
