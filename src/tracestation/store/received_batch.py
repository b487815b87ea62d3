"""A batch of received events, applied as a set.


The centre's ingest takes events by the hundred. Applying them one by one costs a savepoint
and a few statements each; `apply_received_batch` instead reads the units, lots and cartons a
run of events touches in one query each (locking them, keys in sorted order, as the per-event
updates would lock them), plays the events on those rows in memory in order with the rules of
the handlers above, and writes what changed with a statement or two per table. An event that
would break a rule (or that the run cannot judge: an unknown subject, a payload of the wrong
type) is applied by `apply_received` after what came before it is written, with its own
savepoint and the same breaches, and the rows it touched are read again; an event of a kind
not played in memory (lot splits, merges and status changes, removals, nonconformances,
conflicts, deviations) the same, and then everything is read again. If writing a run fails
anyway (another writer got in first), it is undone and its events are applied one by one.

"""

from __future__ import annotations

import dataclasses
import itertools
import typing
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import singledispatch
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from tracestation.domain import events as ev
from tracestation.domain.model import LotStatus, UnitStatus
from tracestation.store.projections import (
    Written,
    completion_changes,
    consumption_values,
    installed_values,
    packing_changes,
    tested_changes,
    tested_record,
)
from tracestation.store.received import Breach, apply_received
from tracestation.store.received_rows import SIX_PLACES, HeldContainer, HeldLot, HeldUnit, Run


def _changed(unit: HeldUnit, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(unit, name, value)
    unit.changed = True


@singledispatch
def _play(event: ev.DomainEvent, run: Run, w: Written) -> bool:
    """Play `event` on the run's rows if it fits without a breach; False (nothing changed) if
    it must go through `apply_received`."""
    return False


@_play.register
def _(event: ev.OperatorLoggedIn, run: Run, w: Written) -> bool:
    return True  # the journal only


@_play.register
def _(event: ev.OperatorLoggedOut, run: Run, w: Written) -> bool:
    return True


@_play.register
def _(event: ev.UnitRegistered, run: Run, w: Written) -> bool:
    key = (event.part, event.serial)
    if key in run.units or event.part not in run.parts or event.work_order not in run.work_orders:
        return False
    unit = HeldUnit(None, event.part, event.serial, UnitStatus.IN_PROCESS.value, None, None, None)
    unit.new = {
        "part": event.part,
        "serial": event.serial,
        "work_order": event.work_order,
        "registered_at": w.time,
    }
    run.units[key] = unit
    run.new_units.append(unit)
    return True


@_play.register
def _(event: ev.OperationCompleted, run: Run, w: Written) -> bool:
    unit = run.units.get((event.part, event.serial))
    if unit is None or not run.in_order(unit, event.operation):
        return False
    _changed(unit, completion_changes(event))
    return True


@_play.register
def _(event: ev.TestRecorded, run: Run, w: Written) -> bool:
    unit = run.units.get((event.part, event.serial))
    if (
        unit is None
        or not isinstance(event.passed, bool)
        or not run.in_order(unit, event.operation)
    ):
        return False
    run.tests.append(((event.part, event.serial), tested_record(event, 0, w)))
    _changed(unit, tested_changes(event))
    return True


@_play.register
def _(event: ev.ChildUnitInstalled, run: Run, w: Written) -> bool:
    parent_key = (event.parent_part, event.parent_serial)
    child_key = (event.child_part, event.child_serial)
    child = run.units.get(child_key)
    if parent_key not in run.units or child is None or child.parent_link is not None:
        return False
    link = {"child_lot_id": None, **installed_values(Decimal(1), event.operation, w)}
    run.links.append((parent_key, child_key, {**link, "contested_by": None}))
    child.parent_link = w.event_id
    return True


def _drawn(lot: HeldLot, qty: Decimal) -> None:
    lot.quantity = (lot.quantity - qty).quantize(SIX_PLACES, ROUND_HALF_UP)
    if lot.quantity == 0:
        lot.status = LotStatus.CONSUMED.value
    lot.changed = True


@_play.register
def _(event: ev.LotInstalled, run: Run, w: Written) -> bool:
    parent_key = (event.parent_part, event.parent_serial)
    lot = run.drawable(event.part, event.lot, event.qty)
    if parent_key not in run.units or lot is None or event.work_order not in run.work_orders:
        return False
    _drawn(lot, event.qty)
    link = {"child_lot_id": lot.id, **installed_values(event.qty, event.operation, w)}
    run.links.append((parent_key, None, {**link, "contested_by": None}))
    run.consumptions.append(consumption_values(event, lot.id, "install", w))
    return True


@_play.register
def _(event: ev.LotConsumed, run: Run, w: Written) -> bool:
    lot = run.drawable(event.part, event.lot, event.qty)
    if lot is None or event.work_order not in run.work_orders:
        return False
    _drawn(lot, event.qty)
    run.consumptions.append(consumption_values(event, lot.id, "kit", w))
    return True


@_play.register
def _(event: ev.ContainerOpened, run: Run, w: Written) -> bool:
    capacity = event.capacity
    sized = capacity is None or (type(capacity) is int and capacity >= 0)
    if (
        event.sscc in run.containers
        or not sized
        or event.part not in run.parts
        or event.work_order not in run.work_orders
    ):
        return False
    run.containers[event.sscc] = HeldContainer(
        event.part,
        capacity,
        0,
        False,
        None,
        new={
            "sscc": event.sscc,
            "work_order": event.work_order,
            "part": event.part,
            "capacity": capacity,
            "station": w.station,
            "opened_at": w.time,
        },
    )
    run.new_containers.append(event.sscc)
    return True


@_play.register
def _(event: ev.UnitPacked, run: Run, w: Written) -> bool:
    unit = run.units.get((event.part, event.serial))
    container = run.containers.get(event.sscc)
    if unit is None or container is None or container.closed:
        return False
    if container.capacity is not None and container.packed >= container.capacity:
        return False
    if not run.in_order(unit, event.operation):
        return False
    container.packed += 1
    container.changed = True
    _changed(unit, packing_changes(event))
    return True


@_play.register
def _(event: ev.ContainerClosed, run: Run, w: Written) -> bool:
    container = run.containers.get(event.sscc)
    if container is None:
        return False
    container.closed, container.closed_at, container.changed = True, w.time, True
    return True


_PLAYED = frozenset(
    cls for cls in _play.registry if cls is not ev.DomainEvent and cls is not object
)


def _text_fields(cls: type) -> tuple[tuple[str, bool], ...]:
    """The fields of `cls` that hold text, each with whether it may be None."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (f.name, hints[f.name] is not str)
        for f in dataclasses.fields(cls)
        if hints[f.name] in (str, str | None)
    )


_TEXT_FIELDS = {cls: _text_fields(cls) for cls in _PLAYED}


def _playable(event: ev.DomainEvent) -> bool:
    """Of a kind played in memory, with text where the event has text (a payload written
    otherwise goes through `apply_received`, which says what it makes of it)."""
    fields = _TEXT_FIELDS.get(type(event))
    if fields is None:
        return False
    for name, optional in fields:
        value = getattr(event, name)
        if not isinstance(value, str) and not (optional and value is None):
            return False
    return True


def apply_received_batch(
    c: Connection, received: Sequence[tuple[ev.DomainEvent, Written]]
) -> list[tuple[int, Breach]]:
    """Apply `received` in order, exactly as `apply_received` would one event after the other
    (drawing on lots), in a handful of statements for a run of events that break no rule. The
    breaches, each with the index of its event."""
    playable = [_playable(event) for event, _w in received]
    breaches: list[tuple[int, Breach]] = []
    run: Run | None = None
    for index, (event, w) in enumerate(received):
        if playable[index]:
            if run is None:
                ahead = itertools.takewhile(lambda i: playable[i], range(index, len(received)))
                run = Run(c, [received[i][0] for i in ahead])
            if _play(event, run, w):
                run.played.append(index)
                continue
        if run is not None and not _write(c, run, received, breaches):
            run = None  # written one by one: read again
        breaches += [(index, breach) for breach in apply_received(event, c, w)]
        if run is not None and playable[index]:
            run.refresh(c, event)
        else:
            run = None  # another kind of event may change anything: read again
    if run is not None:
        _write(c, run, received, breaches)
    return breaches


def _write(
    c: Connection,
    run: Run,
    received: Sequence[tuple[ev.DomainEvent, Written]],
    breaches: list[tuple[int, Breach]],
) -> bool:
    """Write what the run played; if that fails, undo it and apply those events one by one
    (their breaches added to `breaches`). Whether the run still holds what the database does."""
    if not run.pending:
        return True
    try:
        with c.begin_nested():
            run.write(c)
        run.written()
        return True
    except DBAPIError as error:
        if error.connection_invalidated:
            raise
    for index in run.played:
        event, w = received[index]
        breaches += [(index, breach) for breach in apply_received(event, c, w)]
    return False
