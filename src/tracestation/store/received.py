"""Events that already happened elsewhere, applied to this database's projections.

A station's own scans are checked before they happen; an event received from another station (at
the centre on push, at a station on pull) has happened, so it is never refused. It is applied as
far as it fits, and every rule it broke is returned as a `Breach` for the centre to raise as a
conflict: a held or scrapped lot used, more taken than a lot held, a child already installed in
another parent (the second link is kept, marked contested, so a recall counts both parents), a
serial or SSCC given out twice, a unit worked at an operation its routing did not expect, or a
subject this database does not know.

This module applies one event at a time; `received_batch` applies a run of them as sets
(`received_rows` holds the rows a run touches), `bulk` writes and looks up many rows at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import singledispatch
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from tracestation.domain import events as ev
from tracestation.domain.model import LotStatus
from tracestation.store.projections import (
    CONTAINERS,
    LINKS,
    LOTS,
    UNITS,
    ProjectionError,
    Written,
    installed_values,
    project,
)
from tracestation.store.tables import (
    ConsumptionRow,
    LotLineageRow,
    OperationRow,
    PartRow,
    TestRecordRow,
    WorkOrderRow,
    table_of,
)


@dataclass(frozen=True)
class Breach:
    kind: str
    subject_kind: str  # "unit" | "lot" | "container"
    part: str
    subject: str
    detail: str
    other_event: str | None = None


ROUTING = table_of(OperationRow)
CONSUMPTIONS = table_of(ConsumptionRow)
TESTS = table_of(TestRecordRow)
WORK_ORDERS = table_of(WorkOrderRow)
PARTS = table_of(PartRow)
_UNIT = select(UNITS).where(
    UNITS.c.part == bindparam("part"), UNITS.c.serial == bindparam("serial")
)
_LOT = select(LOTS).where(LOTS.c.part == bindparam("part"), LOTS.c.code == bindparam("code"))
_CONTAINER = select(CONTAINERS).where(CONTAINERS.c.sscc == bindparam("sscc"))
_ACTIVE_PARENT_LINK = select(LINKS.c.id, LINKS.c.installed_event).where(
    LINKS.c.child_unit_id == bindparam("child"),
    LINKS.c.removed_event.is_(None),
    LINKS.c.contested_by.is_(None),
)
_OPERATIONS = (
    select(ROUTING.c.code).where(ROUTING.c.part == bindparam("part")).order_by(ROUTING.c.position)
)
_TAKE = (
    update(LOTS)
    .where(LOTS.c.id == bindparam("lot_id"), LOTS.c.quantity >= bindparam("qty"))
    .values(quantity=LOTS.c.quantity - bindparam("qty"))
)
_EMPTY = update(LOTS).where(LOTS.c.id == bindparam("lot_id")).values(quantity=0)
_MARK_CONSUMED = (
    update(LOTS)
    .where(LOTS.c.id == bindparam("lot_id"), LOTS.c.quantity == 0)
    .values(status=LotStatus.CONSUMED.value)
)


def apply_received(
    event: ev.DomainEvent, c: Connection, w: Written, *, draw_lots: bool = True
) -> list[Breach]:
    """Apply `event` as far as it fits; the rules it broke, if any. An event that does not fit
    at all changes nothing (a savepoint undoes what it began) and is one breach.

    `draw_lots=False` leaves lot quantities and statuses alone (a station's pull sets them from
    the centre's figures afterwards, which already count the event)."""
    _drawing.append(draw_lots)
    try:
        with c.begin_nested():
            return _apply(event, c, w)
    except (ProjectionError, IntegrityError) as error:
        part, subject_kind, subject = _subject_of(event)
        cause = str(getattr(error, "orig", None) or error).splitlines()[0][:300]
        return [Breach("does_not_fit", subject_kind, part, subject, f"{event.kind}: {cause}")]
    finally:
        _drawing.pop()


# Whether the event being applied draws on its lots (see `apply_received`); a stack, not a
# parameter through every handler. One thread applies events on one connection at a time.
_drawing: list[bool] = []


def _subject_of(event: ev.DomainEvent) -> tuple[str, str, str]:
    """The part and subject an event is about, for a conflict that names it."""
    fields = event.payload()
    part = str(fields.get("child_part") or fields.get("part") or fields.get("parent_part") or "-")
    for key, kind in (
        ("child_serial", "unit"),
        ("serial", "unit"),
        ("lot", "lot"),
        ("sscc", "container"),
        ("subject", "unit"),
        ("parent_serial", "unit"),
    ):
        if fields.get(key):
            return part, kind, str(fields[key])
    return part, "event", event.kind


@singledispatch
def _apply(event: ev.DomainEvent, c: Connection, w: Written) -> list[Breach]:
    project(event, c, w)
    return []


def _unknown(subject_kind: str, part: str, subject: str, event: ev.DomainEvent) -> Breach:
    return Breach(
        "unknown_subject",
        subject_kind,
        part,
        subject,
        f"{event.kind}: {subject_kind} {part}/{subject} is not recorded here; "
        "the event is kept and nothing else changed",
    )


def _unit(c: Connection, part: str, serial: str) -> Any:
    return c.execute(_UNIT, {"part": part, "serial": serial}).first()


def _out_of_order(c: Connection, unit: Any, operation: str) -> Breach | None:
    """The unit's routing did not expect `operation` next (rework redoes a done step)."""
    codes = [row[0] for row in c.execute(_OPERATIONS, {"part": unit.part})]
    return routing_breach(codes, unit.part, unit.serial, unit.last_operation, operation)


def routing_breach(
    codes: Sequence[str], part: str, serial: str, last: str | None, operation: str
) -> Breach | None:
    """A unit of `part` whose routing is `codes`, last worked at `last`, worked at `operation`:
    the breach when its routing did not expect that (rework redoes a done step)."""
    if operation not in codes:
        expected = "an operation of its routing"
    else:
        position = codes.index(last) + 1 if last in codes else 0
        if position < len(codes) and codes[position] == operation:
            return None
        if last in codes and codes.index(operation) <= codes.index(last):
            return None  # a step done again, as rework does
        expected = codes[position] if position < len(codes) else "none (routing complete)"
    return Breach(
        "wrong_operation",
        "unit",
        part,
        serial,
        f"worked at operation {operation}; its routing expected {expected}",
    )


@_apply.register
def _(event: ev.UnitRegistered, c: Connection, w: Written) -> list[Breach]:
    if _unit(c, event.part, event.serial) is not None:
        return [
            Breach(
                "duplicate_serial",
                "unit",
                event.part,
                event.serial,
                f"{event.part}/{event.serial} was registered again, on {event.work_order}",
            )
        ]
    project(event, c, w)
    return []


@_apply.register(ev.OperationCompleted)
@_apply.register(ev.TestRecorded)
def _worked_at(
    event: ev.OperationCompleted | ev.TestRecorded, c: Connection, w: Written
) -> list[Breach]:
    """A unit worked at an operation: applied, and a breach when its routing did not expect it."""
    unit = _unit(c, event.part, event.serial)
    if unit is None:
        return [_unknown("unit", event.part, event.serial, event)]
    breach = _out_of_order(c, unit, event.operation)
    project(event, c, w)
    return [breach] if breach else []


@_apply.register
def _(event: ev.ChildUnitInstalled, c: Connection, w: Written) -> list[Breach]:
    parent = _unit(c, event.parent_part, event.parent_serial)
    child = _unit(c, event.child_part, event.child_serial)
    if parent is None:
        return [_unknown("unit", event.parent_part, event.parent_serial, event)]
    if child is None:
        return [_unknown("unit", event.child_part, event.child_serial, event)]
    held = c.execute(_ACTIVE_PARENT_LINK, {"child": child.id}).first()
    link = {
        "parent_unit_id": parent.id,
        "child_unit_id": child.id,
        "child_lot_id": None,
        **installed_values(Decimal(1), event.operation, w),
        "contested_by": w.event_id if held is not None else None,
    }
    c.execute(insert(LINKS), link)
    if held is None:
        return []
    return [
        Breach(
            "child_installed_twice",
            "unit",
            event.child_part,
            event.child_serial,
            f"installed in {event.parent_part}/{event.parent_serial} while already installed "
            "in another unit; both count in a recall until a lead resolves it",
            other_event=held.installed_event,
        )
    ]


def _draw(c: Connection, event: ev.LotInstalled | ev.LotConsumed) -> tuple[Any, list[Breach]]:
    """Take the event's quantity from its lot, whatever is left: breaches for what did not fit."""
    lot = c.execute(_LOT, {"part": event.part, "code": event.lot}).first()
    if lot is None:
        return None, [_unknown("lot", event.part, event.lot, event)]
    if not _drawing[-1]:
        return lot, []
    breaches = []
    if lot.status not in (LotStatus.RELEASED.value, LotStatus.CONSUMED.value):
        breaches.append(
            Breach(
                "lot_not_released",
                "lot",
                event.part,
                event.lot,
                f"{event.qty.normalize():f} used while the lot was {lot.status}",
            )
        )
    if c.execute(_TAKE, {"lot_id": lot.id, "qty": event.qty}).rowcount != 1:
        short = event.qty - Decimal(lot.quantity)
        c.execute(_EMPTY, {"lot_id": lot.id})
        breaches.append(
            Breach(
                "over_consumption",
                "lot",
                event.part,
                event.lot,
                f"{event.qty.normalize():f} taken where {Decimal(lot.quantity).normalize():f} "
                f"was left: {short.normalize():f} more than the lot held",
            )
        )
    c.execute(_MARK_CONSUMED, {"lot_id": lot.id})
    return lot, breaches


@_apply.register
def _(event: ev.LotInstalled, c: Connection, w: Written) -> list[Breach]:
    parent = _unit(c, event.parent_part, event.parent_serial)
    if parent is None:
        return [_unknown("unit", event.parent_part, event.parent_serial, event)]
    lot, breaches = _draw(c, event)
    if lot is None:
        return breaches
    link = {"parent_unit_id": parent.id, "child_unit_id": None, "child_lot_id": lot.id}
    c.execute(insert(LINKS), {**link, **installed_values(event.qty, event.operation, w)})
    _consumption(c, event.work_order, lot, event.qty, event.operation, "install", w)
    return breaches


@_apply.register
def _(event: ev.LotConsumed, c: Connection, w: Written) -> list[Breach]:
    lot, breaches = _draw(c, event)
    if lot is not None:
        _consumption(c, event.work_order, lot, event.qty, event.operation, "kit", w)
    return breaches


def _consumption(
    c: Connection,
    work_order: str,
    lot: Any,
    qty: Decimal,
    operation: str,
    source: str,
    w: Written,
) -> None:
    c.execute(
        insert(CONSUMPTIONS).values(
            work_order=work_order,
            lot_id=lot.id,
            qty=qty,
            operation=operation,
            source=source,
            event_id=w.event_id,
        )
    )


@_apply.register
def _(event: ev.ContainerOpened, c: Connection, w: Written) -> list[Breach]:
    if c.execute(_CONTAINER, {"sscc": event.sscc}).first() is not None:
        return [
            Breach(
                "duplicate_sscc",
                "container",
                event.part,
                event.sscc,
                f"carton {event.sscc} was opened again, on {event.work_order}; "
                "two cartons carry one label",
            )
        ]
    project(event, c, w)
    return []


@_apply.register
def _(event: ev.UnitPacked, c: Connection, w: Written) -> list[Breach]:
    unit = _unit(c, event.part, event.serial)
    if unit is None:
        return [_unknown("unit", event.part, event.serial, event)]
    container = c.execute(_CONTAINER, {"sscc": event.sscc}).first()
    if container is None:
        return [_unknown("container", event.part, event.sscc, event)]
    breaches = []
    order = _out_of_order(c, unit, event.operation)
    if order is not None:
        breaches.append(order)
    full = container.capacity is not None and container.packed >= container.capacity
    if full or container.closed:
        breaches.append(
            Breach(
                "carton_over_capacity",
                "container",
                event.part,
                event.sscc,
                f"{event.part}/{event.serial} packed into carton {event.sscc}, "
                f"{'closed' if container.closed else 'full'} with {container.packed}",
            )
        )
        c.execute(
            update(UNITS)
            .where(UNITS.c.id == unit.id)
            .values(status="packed", last_operation=event.operation, container=event.sscc)
        )
        return breaches
    project(event, c, w)
    return breaches


@_apply.register
def _(event: ev.ContainerClosed, c: Connection, w: Written) -> list[Breach]:
    if c.execute(_CONTAINER, {"sscc": event.sscc}).first() is None:
        return [_unknown("container", "-", event.sscc, event)]
    project(event, c, w)
    return []


# A station's pull takes the lots as the centre has them (split and merged ones included)
# before the events that made them: the events then only add the lineage, so a recall at the
# station follows a lot into what was split from it or merged with it.


@_apply.register
def _(event: ev.LotSplit, c: Connection, w: Written) -> list[Breach]:
    if _drawing[-1]:
        project(event, c, w)
        return []
    source = c.execute(_LOT, {"part": event.part, "code": event.lot}).first()
    made = c.execute(_LOT, {"part": event.part, "code": event.new_lot}).first()
    if source is None or made is None:
        project(event, c, w)  # not pulled yet: make it as the station would have
        return []
    _lineage(c, source.id, made.id, "split", event.qty, w)
    return []


@_apply.register
def _(event: ev.LotsMerged, c: Connection, w: Written) -> list[Breach]:
    made = c.execute(_LOT, {"part": event.part, "code": event.new_lot}).first()
    if _drawing[-1] or made is None:
        project(event, c, w)
        return []
    quantities = [Decimal(str(q)) for q in event.source_quantities]
    for n, code in enumerate(event.sources):
        source = c.execute(_LOT, {"part": event.part, "code": code}).first()
        if source is None:
            return [_unknown("lot", event.part, code, event)]
        given = quantities[n] if n < len(quantities) else Decimal(0)
        _lineage(c, source.id, made.id, "merge", given, w)
    return []


def _lineage(c: Connection, source: int, result: int, kind: str, qty: Decimal, w: Written) -> None:
    c.execute(
        insert(table_of(LotLineageRow)).values(
            source_lot_id=source, result_lot_id=result, kind=kind, qty=qty, event_id=w.event_id
        )
    )
