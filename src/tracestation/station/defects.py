"""Defect codes at the station: after a failed test the station asks for the defect (scanned
as `DEF:<code>` from the defect-code sheet), and a part taken out in rework may be given one.

When master data has a defect catalogue, a failed test's defect is required: the station takes
no other unit, result or command until it is scanned (or CMD:CANCEL / a new work order or
operation leaves it, for a lead to give on a nonconformance). A removal's defect is optional:
any other scan goes on with the rework.
"""

from __future__ import annotations

from dataclasses import replace

from tracestation.domain.events import DefectRecorded
from tracestation.messages.verdicts import Verdict
from tracestation.station.context import Context
from tracestation.station.env import Env
from tracestation.station.resolve import (
    Command,
    ContainerScan,
    DefectScan,
    LotScan,
    SerialScan,
    Thing,
)
from tracestation.station.verdicts import Decision, accept, reject

# Commands that leave the failed unit behind without its defect: nothing else is worked.
_LEAVING = frozenset({"CANCEL", "LOGOUT"})


def record_defect(scan: DefectScan, ctx: Context) -> Decision:
    wanted = ctx.defect_for
    if wanted is None:
        return reject(Verdict.NO_DEFECT_ASKED, defect=scan.code)
    if scan.defect is None:
        return reject(Verdict.UNKNOWN_DEFECT, defect=scan.code)
    event = DefectRecorded(
        wanted.unit[0],
        wanted.unit[1],
        wanted.work_order,
        wanted.operation,
        scan.defect.code,
        wanted.source,
        wanted.reference,
    )
    code = (
        Verdict.DEFECT_RECORDED_ON_TEST
        if wanted.source == "test"
        else Verdict.DEFECT_RECORDED_ON_REMOVAL
    )
    return accept(
        code,
        replace(ctx, defect_for=None),
        event,
        defect=scan.defect.code,
        description=scan.defect.description,
        unit=wanted.label,
        removed=wanted.removed,
    )


def still_wanted(thing: Thing, ctx: Context, env: Env) -> Decision | None:
    """A rejection when `thing` would go on without the failed test's required defect code."""
    wanted = ctx.defect_for
    if wanted is None or wanted.source != "test" or not env.plant.has_defects():
        return None
    works = isinstance(thing, SerialScan | LotScan | ContainerScan) or (
        isinstance(thing, Command) and thing.name not in _LEAVING
    )
    return reject(Verdict.DEFECT_CODE_NEEDED, unit=wanted.label) if works else None
