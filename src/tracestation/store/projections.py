"""How each event changes the state tables. Runs inside the journal's transaction, on its
connection, as plain Core statements (this is the operator's hot path)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import singledispatch
from typing import Any

from sqlalchemy import Connection, bindparam, case, insert, or_, select, true, update

from tracestation.domain import events as ev
from tracestation.domain.model import LotStatus, UnitStatus
from tracestation.store.tables import (
    ConflictRow,
    ConsumptionRow,
    ContainerRow,
    DeviationRow,
    GenealogyLinkRow,
    LotDispositionRow,
    LotLineageRow,
    LotRow,
    NonconformanceRow,
    PinStateRow,
    TestRecordRow,
    UnitRow,
    table_of,
)

UNITS = table_of(UnitRow)
LOTS = table_of(LotRow)
LINKS = table_of(GenealogyLinkRow)
CONSUMPTIONS = table_of(ConsumptionRow)
CONTAINERS = table_of(ContainerRow)


class ProjectionError(RuntimeError):
    """The event does not fit the state it should change; the transaction is rolled back."""


@dataclass(frozen=True)
class Written:
    event_id: str
    time: datetime
    station: str
    operator: str | None
    signed_by: str | None


@dataclass(frozen=True)
class Projected:
    """An event the journal wrote and projected: its id, and the genealogy link it made (an
    install), so the scan's prompt and checklist need not read the links again."""

    event: ev.DomainEvent
    event_id: str
    link_id: int | None


_UNIT_ID = select(UNITS.c.id).where(
    UNITS.c.part == bindparam("part"), UNITS.c.serial == bindparam("serial")
)
_LOT_ROW = select(LOTS).where(LOTS.c.part == bindparam("part"), LOTS.c.code == bindparam("code"))
_INSERT_LINK = insert(LINKS)
_INSERT_CONSUMPTION = insert(CONSUMPTIONS)
# Relative and guarded: the lot loses exactly `qty`, and only if it still holds it, whatever
# another station took since this one read the lot.
_TAKE_FROM_LOT = (
    update(LOTS)
    .where(LOTS.c.id == bindparam("lot_id"), LOTS.c.quantity >= bindparam("qty"))
    .values(
        quantity=LOTS.c.quantity - bindparam("qty"),
        status=case(
            (LOTS.c.quantity == bindparam("qty"), LotStatus.CONSUMED.value),
            else_=LOTS.c.status,
        ),
    )
)
# The same take, by the lot's identity, saying which row it took from: one statement where a
# read and an update were (the lot's row is already locked by the decision that read it).
_TAKE_FROM_LOT_NAMED = (
    update(LOTS)
    .where(
        LOTS.c.part == bindparam("k_part"),
        LOTS.c.code == bindparam("k_code"),
        LOTS.c.quantity >= bindparam("k_qty"),
    )
    .values(
        quantity=LOTS.c.quantity - bindparam("k_qty"),
        status=case(
            (LOTS.c.quantity == bindparam("k_qty"), LotStatus.CONSUMED.value),
            else_=LOTS.c.status,
        ),
    )
    .returning(LOTS.c.id)
)
_PARENT_UNIT = UNITS.alias("parent_unit")
_CHILD_UNIT = UNITS.alias("child_unit")
_LINK_VALUES = (
    "qty",
    "operation",
    "installed_event",
    "installed_at",
    "removed_event",
    "removed_at",
)


def _link_values() -> list[Any]:
    # Typed, so PostgreSQL reads the select list's parameters as the columns' types.
    return [bindparam(name, type_=LINKS.c[name].type) for name in _LINK_VALUES]


# A link inserted with its units' ids looked up in the same statement (no row when a unit is
# missing: then `unit_id` says which).
_INSERT_LOT_LINK = (
    insert(LINKS)
    .from_select(
        ["parent_unit_id", "child_lot_id", *_LINK_VALUES],
        select(
            _PARENT_UNIT.c.id,
            bindparam("child_lot_id", type_=LINKS.c.child_lot_id.type),
            *_link_values(),
        ).where(
            _PARENT_UNIT.c.part == bindparam("parent_part"),
            _PARENT_UNIT.c.serial == bindparam("parent_serial"),
        ),
    )
    .returning(LINKS.c.id)
)
_INSERT_UNIT_LINK = (
    insert(LINKS)
    .from_select(
        ["parent_unit_id", "child_unit_id", *_LINK_VALUES],
        select(_PARENT_UNIT.c.id, _CHILD_UNIT.c.id, *_link_values())
        .select_from(_PARENT_UNIT.join(_CHILD_UNIT, true()))
        .where(
            _PARENT_UNIT.c.part == bindparam("parent_part"),
            _PARENT_UNIT.c.serial == bindparam("parent_serial"),
            _CHILD_UNIT.c.part == bindparam("child_part"),
            _CHILD_UNIT.c.serial == bindparam("child_serial"),
        ),
    )
    .returning(LINKS.c.id)
)
_PACK_INTO = (
    update(CONTAINERS)
    .where(
        CONTAINERS.c.sscc == bindparam("k_sscc"),
        CONTAINERS.c.closed.is_(False),
        or_(CONTAINERS.c.capacity.is_(None), CONTAINERS.c.packed < CONTAINERS.c.capacity),
    )
    .values(packed=CONTAINERS.c.packed + 1)
)
_SET_UNIT: dict[tuple[str, ...], Any] = {}


def unit_id(c: Connection, part: str, serial: str) -> int:
    found = c.scalar(_UNIT_ID, {"part": part, "serial": serial})
    if found is None:
        raise ProjectionError(f"unit {part}/{serial} does not exist")
    return int(found)


def lot_row(c: Connection, part: str, code: str) -> Any:
    row = c.execute(_LOT_ROW, {"part": part, "code": code}).first()
    if row is None:
        raise ProjectionError(f"lot {part}/{code} does not exist")
    return row


def set_unit(c: Connection, part: str, serial: str, **values: Any) -> None:
    columns = tuple(sorted(values))
    statement = _SET_UNIT.get(columns)
    if statement is None:
        statement = (
            update(UNITS)
            .where(UNITS.c.part == bindparam("k_part"), UNITS.c.serial == bindparam("k_serial"))
            .values({name: bindparam(f"v_{name}") for name in columns})
        )
        _SET_UNIT[columns] = statement
    params = {f"v_{name}": value for name, value in values.items()}
    done = c.execute(statement, {"k_part": part, "k_serial": serial, **params})
    if done.rowcount != 1:
        raise ProjectionError(f"unit {part}/{serial} does not exist")


def take_from_lot(c: Connection, lot: Any, qty: Decimal) -> None:
    done = c.execute(_TAKE_FROM_LOT, {"lot_id": lot.id, "qty": qty})
    if done.rowcount != 1:
        raise ProjectionError(f"lot {lot.part}/{lot.code} does not hold {qty} any more")


@singledispatch
def project(event: ev.DomainEvent, c: Connection, w: Written) -> int | None:
    """Events without a projection (log-ins, log-outs) live in the journal only. An install
    answers the id of the genealogy link it made; every other event None."""
    return None


@project.register
def _(event: ev.MasterDataChanged, c: Connection, w: Written) -> None:
    """The importer writes the master-data tables itself, in the event's transaction; taken
    from another database (sync), the event is on the record and master data comes with the
    pull."""


@project.register
def _(event: ev.UnitRegistered, c: Connection, w: Written) -> None:
    c.execute(
        insert(UNITS).values(
            part=event.part,
            serial=event.serial,
            work_order=event.work_order,
            status=UnitStatus.IN_PROCESS.value,
            last_operation=None,
            registered_at=w.time,
        )
    )


@project.register
def _(event: ev.OperationCompleted, c: Connection, w: Written) -> None:
    # Rework redoes a step the unit has done: its place on the routing stays where it was.
    changes: dict[str, Any] = {} if event.rework else {"last_operation": event.operation}
    if event.finishes:
        changes["status"] = UnitStatus.FINISHED.value
    elif event.rework:
        changes["status"] = UnitStatus.IN_REWORK.value
    set_unit(c, event.part, event.serial, **changes)


@project.register
def _(event: ev.ChildUnitInstalled, c: Connection, w: Written) -> int:
    units = {
        "parent_part": event.parent_part,
        "parent_serial": event.parent_serial,
        "child_part": event.child_part,
        "child_serial": event.child_serial,
    }
    link = c.scalar(
        _INSERT_UNIT_LINK, {**units, **installed_values(Decimal(1), event.operation, w)}
    )
    if link is None:  # say which unit is missing
        unit_id(c, event.parent_part, event.parent_serial)
        unit_id(c, event.child_part, event.child_serial)
        raise ProjectionError(f"unit {event.child_part}/{event.child_serial} was not linked")
    return int(link)


@project.register
def _(event: ev.LotInstalled, c: Connection, w: Written) -> int:
    taken = c.scalar(
        _TAKE_FROM_LOT_NAMED, {"k_part": event.part, "k_code": event.lot, "k_qty": event.qty}
    )
    if taken is None:  # missing, or short of the quantity: say which
        take_from_lot(c, lot_row(c, event.part, event.lot), event.qty)
        raise ProjectionError(f"lot {event.part}/{event.lot} does not hold {event.qty} any more")
    parent = {"parent_part": event.parent_part, "parent_serial": event.parent_serial}
    link = c.scalar(
        _INSERT_LOT_LINK,
        {**parent, "child_lot_id": taken, **installed_values(event.qty, event.operation, w)},
    )
    if link is None:
        unit_id(c, event.parent_part, event.parent_serial)
        raise ProjectionError(f"lot {event.part}/{event.lot} was not linked")
    c.execute(
        _INSERT_CONSUMPTION,
        {
            "work_order": event.work_order,
            "lot_id": taken,
            "qty": event.qty,
            "operation": event.operation,
            "source": "install",
            "event_id": w.event_id,
        },
    )
    return int(link)


def installed_values(qty: Decimal, operation: str, w: Written) -> dict[str, Any]:
    return {
        "qty": qty,
        "operation": operation,
        "installed_event": w.event_id,
        "installed_at": w.time,
        "removed_event": None,
        "removed_at": None,
    }


# The active link an event installed, found through `ix_genealogy_links_installed_event`.
LINK_INSTALLED_BY = select(LINKS.c.id, LINKS.c.child_unit_id).where(
    LINKS.c.installed_event == bindparam("installed"), LINKS.c.removed_event.is_(None)
)


@project.register
def _(event: ev.ChildRemoved, c: Connection, w: Written) -> None:
    link = c.execute(LINK_INSTALLED_BY, {"installed": event.installed_event}).first()
    if link is None:
        raise ProjectionError(f"{event.installed_event} installed nothing still installed")
    c.execute(
        update(LINKS)
        .where(LINKS.c.id == link.id)
        .values(removed_event=w.event_id, removed_at=w.time)
    )
    if link.child_unit_id is not None:
        c.execute(
            update(UNITS)
            .where(UNITS.c.id == link.child_unit_id)
            .values(status=UnitStatus.IN_REWORK.value)
        )


@project.register
def _(event: ev.LotConsumed, c: Connection, w: Written) -> None:
    lot = lot_row(c, event.part, event.lot)
    take_from_lot(c, lot, event.qty)
    c.execute(
        insert(CONSUMPTIONS).values(
            work_order=event.work_order,
            lot_id=lot.id,
            qty=event.qty,
            operation=event.operation,
            source="kit",
            event_id=w.event_id,
        )
    )


@project.register
def _(event: ev.TestRecorded, c: Connection, w: Written) -> None:
    c.execute(
        insert(table_of(TestRecordRow)).values(
            unit_id=unit_id(c, event.part, event.serial),
            test=event.test,
            operation=event.operation,
            passed=event.passed,
            station=w.station,
            operator=w.operator,
            time=w.time,
            event_id=w.event_id,
        )
    )
    if event.passed:
        set_unit(
            c,
            event.part,
            event.serial,
            status=UnitStatus.PASSED.value,
            last_operation=event.operation,
        )
    else:
        set_unit(c, event.part, event.serial, status=UnitStatus.FAILED.value)


@project.register
def _(event: ev.ContainerOpened, c: Connection, w: Written) -> None:
    c.execute(
        insert(CONTAINERS).values(
            sscc=event.sscc,
            work_order=event.work_order,
            part=event.part,
            capacity=event.capacity,
            closed=False,
            station=w.station,
            opened_at=w.time,
        )
    )


@project.register
def _(event: ev.UnitPacked, c: Connection, w: Written) -> None:
    if c.execute(_PACK_INTO, {"k_sscc": event.sscc}).rowcount != 1:
        raise ProjectionError(f"carton {event.sscc} is closed, full or not recorded")
    set_unit(
        c,
        event.part,
        event.serial,
        status=UnitStatus.PACKED.value,
        last_operation=event.operation,
        container=event.sscc,
    )


@project.register
def _(event: ev.ContainerClosed, c: Connection, w: Written) -> None:
    done = c.execute(
        update(CONTAINERS)
        .where(CONTAINERS.c.sscc == event.sscc)
        .values(closed=True, closed_at=w.time)
    )
    if done.rowcount != 1:
        raise ProjectionError(f"container {event.sscc} does not exist")


@project.register
def _(event: ev.DeviationRecorded, c: Connection, w: Written) -> None:
    c.execute(
        insert(table_of(DeviationRow)).values(
            rule=event.rule,
            subject=event.subject,
            work_order=event.work_order,
            reason=event.reason,
            lead=event.lead,
            station=w.station,
            time=w.time,
            event_id=w.event_id,
        )
    )


@project.register
def _(event: ev.LotStatusChanged, c: Connection, w: Written) -> None:
    lot = lot_row(c, event.part, event.lot)
    c.execute(
        update(LOTS)
        .where(LOTS.c.id == lot.id)
        .values(status=event.status, status_reason=event.reason, status_since=w.time)
    )
    c.execute(
        insert(table_of(LotDispositionRow)).values(
            lot_id=lot.id,
            status=event.status,
            previous=event.previous,
            reason=event.reason,
            signed_by=w.signed_by,
            time=w.time,
            event_id=w.event_id,
        )
    )


def _new_lot(c: Connection, **values: Any) -> int:
    key = c.execute(insert(LOTS).values(**values)).inserted_primary_key
    assert key is not None
    return int(key[0])


def _lineage(c: Connection, source: int, result: int, kind: str, qty: Decimal, w: Written) -> None:
    c.execute(
        insert(table_of(LotLineageRow)).values(
            source_lot_id=source, result_lot_id=result, kind=kind, qty=qty, event_id=w.event_id
        )
    )


@project.register
def _(event: ev.LotSplit, c: Connection, w: Written) -> None:
    source = lot_row(c, event.part, event.lot)
    take_from_lot(c, source, event.qty)
    new = _new_lot(
        c,
        part=event.part,
        code=event.new_lot,
        quantity=event.qty,
        expiry=source.expiry,
        supplier=source.supplier,
        status=source.status,
        status_reason=source.status_reason,
        status_since=source.status_since,
    )
    _lineage(c, source.id, new, "split", event.qty, w)


@project.register
def _(event: ev.LotsMerged, c: Connection, w: Written) -> None:
    sources = [lot_row(c, event.part, code) for code in event.sources]
    expiries = [lot.expiry for lot in sources if lot.expiry is not None]
    suppliers = {lot.supplier for lot in sources}
    total = sum((Decimal(lot.quantity) for lot in sources), Decimal(0))
    new = _new_lot(
        c,
        part=event.part,
        code=event.new_lot,
        quantity=total,
        expiry=min(expiries) if expiries else None,
        supplier=suppliers.pop() if len(suppliers) == 1 else None,
        status=LotStatus.RELEASED.value,
    )
    for lot in sources:
        take_from_lot(c, lot, Decimal(lot.quantity))
        _lineage(c, lot.id, new, "merge", Decimal(lot.quantity), w)


@project.register
def _(event: ev.NonconformanceOpened, c: Connection, w: Written) -> None:
    c.execute(
        insert(table_of(NonconformanceRow)).values(
            number=event.number,
            subject_kind=event.subject_kind,
            part=event.part,
            subject=event.subject,
            defect_code=event.defect_code,
            description=event.description,
            disposition=event.disposition,
            signed_by=w.signed_by,
            time=w.time,
            event_id=w.event_id,
        )
    )
    if event.subject_kind == "unit":
        if event.disposition == "scrap":
            set_unit(c, event.part, event.subject, status=UnitStatus.SCRAPPED.value)
        elif event.disposition == "rework":
            set_unit(c, event.part, event.subject, status=UnitStatus.IN_REWORK.value)
    elif event.disposition in ("scrap", "return_to_vendor"):
        lot = lot_row(c, event.part, event.subject)
        c.execute(
            update(LOTS)
            .where(LOTS.c.id == lot.id)
            .values(
                status=LotStatus.REJECTED.value,
                status_reason=f"NC {event.number}: {event.defect_code}",
                status_since=w.time,
            )
        )


@project.register
def _(event: ev.ConflictRaised, c: Connection, w: Written) -> None:
    c.execute(
        insert(table_of(ConflictRow)).values(
            id=event.conflict,
            kind=event.conflict_kind,
            subject_kind=event.subject_kind,
            part=event.part,
            subject=event.subject,
            event_id=event.event_id,
            other_event_id=event.other_event_id,
            stations=", ".join(event.stations),
            detail=event.detail,
            nonconformance=event.nonconformance,
            raised_at=w.time,
            status="open",
            raised_event=w.event_id,
        )
    )


@project.register
def _(event: ev.ConflictResolved, c: Connection, w: Written) -> None:
    conflicts = table_of(ConflictRow)
    conflict = c.execute(select(conflicts).where(conflicts.c.id == event.conflict)).first()
    if conflict is None or conflict.status != "open":
        raise ProjectionError(f"conflict {event.conflict} is not open")
    c.execute(
        update(conflicts)
        .where(conflicts.c.id == event.conflict)
        .values(
            status="resolved",
            resolution=event.resolution,
            resolved_by=w.signed_by or w.operator,
            resolved_at=w.time,
        )
    )
    for installed in event.removed_links:
        struck = c.execute(
            update(LINKS)
            .where(LINKS.c.installed_event == installed, LINKS.c.removed_event.is_(None))
            .values(removed_event=w.event_id, removed_at=w.time)
        )
        if struck.rowcount != 1:
            raise ProjectionError(f"{installed} installed nothing still installed")
    if event.removed_links:
        # The child keeps one parent: that link is no longer contested.
        child = unit_id(c, conflict.part, conflict.subject)
        c.execute(
            update(LINKS)
            .where(LINKS.c.child_unit_id == child, LINKS.c.removed_event.is_(None))
            .values(contested_by=None)
        )
    if event.resolution == "scrap":
        _scrap(c, conflict.subject_kind, conflict.part, conflict.subject, w)
    if conflict.nonconformance:
        disposition = {"scrap": "scrap", "accept": "use_as_is"}.get(event.resolution, "rework")
        c.execute(
            update(table_of(NonconformanceRow))
            .where(table_of(NonconformanceRow).c.number == conflict.nonconformance)
            .values(disposition=disposition)
        )


def _scrap(c: Connection, subject_kind: str, part: str, subject: str, w: Written) -> None:
    if subject_kind == "unit":
        set_unit(c, part, subject, status=UnitStatus.SCRAPPED.value)
        return
    lot = lot_row(c, part, subject)
    c.execute(
        update(LOTS)
        .where(LOTS.c.id == lot.id)
        .values(
            status=LotStatus.REJECTED.value,
            status_reason="scrapped by a conflict's resolution",
            status_since=w.time,
        )
    )


# Lead PINs. Upserts that fit whatever the record holds, so the PIN events of other stations
# (pulled, or taken by the centre) apply as well as the station's own: a first event for a badge
# creates its row, an unlock of a PIN not locked here just leaves it clean.

PINS = table_of(PinStateRow)
_PIN_ROW = select(PINS.c.badge).where(PINS.c.badge == bindparam("badge"))


def _change_pin(c: Connection, badge: str, w: Written, **values: Any) -> None:
    if c.execute(_PIN_ROW, {"badge": badge}).first() is None:
        c.execute(
            insert(PINS).values(
                badge=badge, failures=0, changed_at=w.time, changed_event=w.event_id
            )
        )
    c.execute(
        update(PINS)
        .where(PINS.c.badge == badge)
        .values(changed_at=w.time, changed_event=w.event_id, **values)
    )


@project.register
def _(event: ev.PinRejected, c: Connection, w: Written) -> None:
    if event.while_locked:  # on the record, not counted again
        _change_pin(c, event.badge, w)
    else:
        _change_pin(c, event.badge, w, failures=PINS.c.failures + 1, last_failure_at=w.time)


@project.register
def _(event: ev.PinLocked, c: Connection, w: Written) -> None:
    _change_pin(c, event.badge, w, locked_until=datetime.fromisoformat(event.until))


@project.register
def _(event: ev.PinUnlocked, c: Connection, w: Written) -> None:
    _change_pin(c, event.badge, w, failures=0, locked_until=None)


@project.register
def _(event: ev.PinFailuresCleared, c: Connection, w: Written) -> None:
    _change_pin(c, event.badge, w, failures=0)


# What an event sets on its unit, as plain values: the same changes as `project` above makes
# with `set_unit`, for the centre's ingest, which applies a batch of events as a set (keep the
# two in step).


def completion_changes(event: ev.OperationCompleted) -> dict[str, Any]:
    changes: dict[str, Any] = {} if event.rework else {"last_operation": event.operation}
    if event.finishes:
        changes["status"] = UnitStatus.FINISHED.value
    elif event.rework:
        changes["status"] = UnitStatus.IN_REWORK.value
    return changes


def tested_changes(event: ev.TestRecorded) -> dict[str, Any]:
    if event.passed:
        return {"status": UnitStatus.PASSED.value, "last_operation": event.operation}
    return {"status": UnitStatus.FAILED.value}


def packing_changes(event: ev.UnitPacked) -> dict[str, Any]:
    return {
        "status": UnitStatus.PACKED.value,
        "last_operation": event.operation,
        "container": event.sscc,
    }


def tested_record(event: ev.TestRecorded, unit: int, w: Written) -> dict[str, Any]:
    """The test record `project` inserts for `event` on the unit with id `unit`."""
    return {
        "unit_id": unit,
        "test": event.test,
        "operation": event.operation,
        "passed": event.passed,
        "station": w.station,
        "operator": w.operator,
        "time": w.time,
        "event_id": w.event_id,
    }


def consumption_values(
    event: ev.LotInstalled | ev.LotConsumed, lot: int, source: str, w: Written
) -> dict[str, Any]:
    """The consumption `project` inserts for a lot drawn by `event` (`source`: install, kit)."""
    return {
        "work_order": event.work_order,
        "lot_id": lot,
        "qty": event.qty,
        "operation": event.operation,
        "source": source,
        "event_id": w.event_id,
    }


# The quality events' projections register themselves on `project` (kept apart for length).
from tracestation.store import quality_projections  # noqa: E402, F401
