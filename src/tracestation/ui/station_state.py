"""What the window shows of the station, read on the station's thread and handed over as values.

Nothing here touches Qt: the worker builds a `StationSnapshot` after each scan and the GUI
thread only reads it (all fields are immutable).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracestation.messages.verdicts import Verdict
from tracestation.station.core import Station
from tracestation.station.prompts import ChecklistLine
from tracestation.station.queries import RecordStatus, WorkProgress


@dataclass(frozen=True)
class OverrideView:
    """A scan waiting for a lead's signature, and which of badge, PIN and reason are in."""

    rule: str
    subject: str
    lead_name: str | None
    pin_ok: bool
    reason: str | None
    failed_pins: int

    @property
    def still_needed(self) -> tuple[str, ...]:
        needed = []
        if self.lead_name is None:
            needed.append("badge")
        if not self.pin_ok:
            needed.append("pin")
        if self.reason is None:
            needed.append("reason")
        return tuple(needed)


@dataclass(frozen=True)
class StationSnapshot:
    station_id: str
    operator: str | None
    operator_badge: str | None
    work_order: str | None
    work_order_part: str | None
    operation: str | None
    operation_name: str | None
    unit: str | None
    prompt_code: Verdict
    prompt_params: dict[str, str]
    checklist: tuple[ChecklistLine, ...]
    override: OverrideView | None
    pending_events: int
    empty_plant: bool
    progress: WorkProgress | None = None  # the work order's, at this operation too
    instructions: str | None = None  # the operation's work instructions (master data)
    instructions_image: str | None = None
    shift_count: int | None = None  # operations completed here since the operator's login


def snapshot_of(station: Station, status: RecordStatus) -> StationSnapshot:
    """Read the station's context and the record. Call on the thread that owns the station."""
    ctx = station.context
    code, params = station.prompt_code()
    pending = ctx.override
    override = None
    if pending is not None:
        override = OverrideView(
            pending.rule,
            pending.subject,
            pending.lead.name if pending.lead else None,
            pending.pin_ok,
            pending.reason,
            pending.failed_pins,
        )
    return StationSnapshot(
        station_id=station.station_id,
        operator=ctx.operator.name if ctx.operator else None,
        operator_badge=ctx.operator.badge if ctx.operator else None,
        work_order=ctx.work_order.number if ctx.work_order else None,
        work_order_part=ctx.work_order.part if ctx.work_order else None,
        operation=ctx.operation.code if ctx.operation else None,
        operation_name=ctx.operation.name if ctx.operation else None,
        unit="/".join(ctx.unit) if ctx.unit else None,
        prompt_code=code,
        prompt_params=dict(params),
        checklist=tuple(station.checklist()),
        override=override,
        pending_events=status.pending_event_count(),
        empty_plant=status.plant_is_empty(),
        progress=(
            status.work_progress(
                ctx.work_order.number, ctx.operation.code if ctx.operation else None
            )
            if ctx.work_order
            else None
        ),
        instructions=ctx.operation.instructions if ctx.operation else None,
        instructions_image=ctx.operation.instructions_image if ctx.operation else None,
        shift_count=(
            status.completed_since_login(station.station_id, ctx.operator.badge)
            if ctx.operator
            else None
        ),
    )
