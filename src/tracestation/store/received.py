"""Events that already happened elsewhere, applied to this database's projections.

A station's own scans are checked before they happen; an event received from another station (at
the centre on push, at a station on pull) has happened, so it is never refused. It is applied as
far as it fits, and every rule it broke is returned as a `Breach` for the centre to raise as a
conflict: a held or scrapped lot used, more taken than a lot held, a child already installed in
another parent (the second link is kept, marked contested, so a recall counts both parents), a
serial or SSCC given out twice, a unit worked at an operation its routing did not expect, or a
subject this database does not know.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import singledispatch
from typing import Any

from sqlalchemy import (
    ARRAY,
    JSON,
    Connection,
    Table,
    and_,
    any_,
    bindparam,
    insert,
    literal,
    select,
    text,
    tuple_,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from tracestation.domain import events as ev
from tracestation.domain.model import LotStatus, UnitStatus
from tracestation.store.projections import (
    CONTAINERS,
    LINKS,
    LOTS,
    UNITS,
    ProjectionError,
    Written,
    completion_changes,
    consumption_values,
    installed_values,
    packing_changes,
    project,
    tested_changes,
    tested_record,
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


# --- A batch of received events, applied as a set --------------------------------------------
#
# The centre's ingest takes events by the hundred. Applying them one by one costs a savepoint
# and a few statements each; `apply_received_batch` instead reads the units, lots and cartons a
# run of events touches in one query each (locking them, keys in sorted order, as the per-event
# updates would lock them), plays the events on those rows in memory in order with the rules of
# the handlers above, and writes what changed with a statement or two per table. An event that
# would break a rule (or that the run cannot judge: an unknown subject, a payload of the wrong
# type) is applied by `apply_received` after what came before it is written, with its own
# savepoint and the same breaches, and the rows it touched are read again; an event of a kind
# not played in memory (lot splits, merges and status changes, removals, nonconformances,
# conflicts, deviations) the same, and then everything is read again. If writing a run fails
# anyway (another writer got in first), it is undone and its events are applied one by one.

_Key = tuple[str, str]


@dataclass
class _Unit:
    id: int | None  # None until a unit registered in this run is written
    part: str
    serial: str
    status: str
    last_operation: str | None
    container: str | None
    parent_link: str | None  # the event that installed it in its active, uncontested parent
    new: dict[str, Any] | None = None  # registered in this run: the columns to insert
    changed: bool = False


@dataclass
class _Lot:
    id: int
    quantity: Decimal
    status: str
    changed: bool = False


@dataclass
class _Container:
    part: str
    capacity: int | None
    packed: int
    closed: bool
    closed_at: Any
    new: dict[str, Any] | None = None
    changed: bool = False


_SIX_PLACES = Decimal("0.000001")  # the scale of a quantity column (Numeric(18, 6))
_DRAWABLE = (LotStatus.RELEASED.value, LotStatus.CONSUMED.value)
_ACTIVE_LINK = and_(
    LINKS.c.child_unit_id == UNITS.c.id,
    LINKS.c.removed_event.is_(None),
    LINKS.c.contested_by.is_(None),
)


def member(column: Any, name: str, pg: bool) -> Any:
    """`column` is one of the list bound as `name`: one array parameter on PostgreSQL (quick to
    plan however long the list), an expanded IN list elsewhere. For small tables (master data);
    rows of the record are looked up `by_key`."""
    if pg:
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))


def by_key(table: str, key: tuple[str, ...], columns: str, *, lock: bool = False) -> Any:
    """PostgreSQL: the rows of `table` whose `key` (the columns of a unique index) is one of
    a list, bound as one array per column (`keyed`). Each key is looked up on its own through
    the index (LATERAL ... LIMIT 1, which the planner cannot turn into a scan of the table,
    however stale its statistics: they are while a fresh centre takes its first pushes), in
    the keys' order; `lock` locks each row found. `columns` name those of `u`, the row found."""
    arrays = ", ".join(f"CAST(:{name} AS VARCHAR[])" for name in key)
    match = " AND ".join(f"t.{name} = k.{name}" for name in key)
    locking = " FOR NO KEY UPDATE" if lock else ""
    return text(
        f"SELECT {columns} FROM unnest({arrays}) AS k({', '.join(key)}) CROSS JOIN LATERAL "
        f"(SELECT * FROM {table} AS t WHERE {match} LIMIT 1{locking}) AS u"
    )


def keyed(pg: bool, key: tuple[str, ...], keys: Iterable[tuple[str, ...]]) -> dict[str, Any]:
    """The parameters of a lookup of `keys`: one list per column of the key for `by_key` on
    PostgreSQL, a list of tuples (`keys`) for the IN list elsewhere; sorted, so that two
    transactions lock what they share in one order."""
    ordered = sorted(set(keys))
    if pg:
        return {name: [k[i] for k in ordered] for i, name in enumerate(key)}
    return {"keys": ordered if len(key) > 1 else [k[0] for k in ordered]}


_UNIT_KEY = ("part", "serial")
_LOT_KEY = ("part", "code")
_SSCC = ("sscc",)


@dataclass(frozen=True)
class _Reads:
    """What a run reads, locking the rows it may change (as the per-event updates would)."""

    units: Any
    ids: Any  # of units just inserted
    lots: Any
    containers: Any
    routings: Any
    known: Any

    @staticmethod
    def made(pg: bool) -> _Reads:
        routings = (
            select(ROUTING.c.part, ROUTING.c.code)
            .where(member(ROUTING.c.part, "parts", pg))
            .order_by(ROUTING.c.part, ROUTING.c.position)
        )
        known = union_all(
            select(literal("work_order"), WORK_ORDERS.c.number).where(
                member(WORK_ORDERS.c.number, "work_orders", pg)
            ),
            select(literal("part"), PARTS.c.number).where(member(PARTS.c.number, "parts", pg)),
        )
        if pg:
            active_link = (
                "(SELECT l.installed_event FROM genealogy_links AS l WHERE l.child_unit_id = u.id "
                "AND l.removed_event IS NULL AND l.contested_by IS NULL) AS installed_event"
            )
            return _Reads(
                by_key(
                    "units",
                    _UNIT_KEY,
                    "u.id, u.part, u.serial, u.status, u.last_operation, u.container, "
                    + active_link,
                    lock=True,
                ),
                by_key("units", _UNIT_KEY, "u.id, u.part, u.serial"),
                by_key("lots", _LOT_KEY, "u.id, u.part, u.code, u.quantity, u.status", lock=True),
                by_key(
                    "containers",
                    _SSCC,
                    "u.sscc, u.part, u.capacity, u.packed, u.closed, u.closed_at",
                    lock=True,
                ),
                routings,
                known,
            )
        units = tuple_(UNITS.c.part, UNITS.c.serial).in_(bindparam("keys", expanding=True))
        return _Reads(
            select(
                UNITS.c.id,
                UNITS.c.part,
                UNITS.c.serial,
                UNITS.c.status,
                UNITS.c.last_operation,
                UNITS.c.container,
                LINKS.c.installed_event,
            )
            .outerjoin(LINKS, _ACTIVE_LINK)
            .where(units)
            .with_for_update(of=UNITS, key_share=True),
            select(UNITS.c.id, UNITS.c.part, UNITS.c.serial).where(units),
            select(LOTS.c.id, LOTS.c.part, LOTS.c.code, LOTS.c.quantity, LOTS.c.status)
            .where(tuple_(LOTS.c.part, LOTS.c.code).in_(bindparam("keys", expanding=True)))
            .with_for_update(key_share=True),
            select(
                CONTAINERS.c.sscc,
                CONTAINERS.c.part,
                CONTAINERS.c.capacity,
                CONTAINERS.c.packed,
                CONTAINERS.c.closed,
                CONTAINERS.c.closed_at,
            )
            .where(CONTAINERS.c.sscc.in_(bindparam("keys", expanding=True)))
            .with_for_update(key_share=True),
            routings,
            known,
        )


_READS = {pg: _Reads.made(pg) for pg in (False, True)}


def on_postgresql(c: Connection) -> bool:
    return c.dialect.name == "postgresql"


def insert_rows(c: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (each with the same keys) in their order. With psycopg on PostgreSQL by
    COPY, which costs a fraction of an INSERT a row (triggers fire and constraints hold as for
    an INSERT); elsewhere one executemany."""
    if not rows:
        return
    if not on_postgresql(c) or c.dialect.driver != "psycopg":
        c.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    serialize = getattr(c.dialect, "_json_serializer", None) or json.dumps
    as_json = [isinstance(table.c[name].type, JSON) for name in names]
    quote = c.dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in names)
    driver = c.connection.driver_connection
    assert driver is not None
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(
                [
                    serialize(row[name]) if json_ else row[name]
                    for name, json_ in zip(names, as_json, strict=True)
                ]
            )


_SET_UNITS_FROM_ARRAYS = text(
    "UPDATE units SET status = v.status, last_operation = v.last_operation, "
    "container = v.container FROM unnest(CAST(:ids AS INTEGER[]), CAST(:statuses AS VARCHAR[]), "
    "CAST(:lasts AS VARCHAR[]), CAST(:containers AS VARCHAR[])) "
    "AS v(id, status, last_operation, container) WHERE units.id = v.id"
)
_SET_UNITS = (
    update(UNITS)
    .where(UNITS.c.id == bindparam("k_id"))
    .values(
        status=bindparam("v_status"),
        last_operation=bindparam("v_last_operation"),
        container=bindparam("v_container"),
    )
)
_SET_LOTS = (
    update(LOTS)
    .where(LOTS.c.id == bindparam("k_id"))
    .values(quantity=bindparam("v_quantity"), status=bindparam("v_status"))
)
_SET_CONTAINERS = (
    update(CONTAINERS)
    .where(CONTAINERS.c.sscc == bindparam("k_sscc"))
    .values(packed=bindparam("v_packed"), closed=bindparam("v_closed"), closed_at=bindparam("v_at"))
)


class _Run:
    """The rows a run of events touches, as the events before the current one left them, and
    what the run adds."""

    def __init__(self, c: Connection, events: Sequence[ev.DomainEvent]) -> None:
        units: set[_Key] = set()
        lots: set[_Key] = set()
        ssccs: set[str] = set()
        work_orders: set[str] = set()
        parts: set[str] = set()
        for event in events:
            _subjects(event, units, lots, ssccs, work_orders, parts)
        self.units: dict[_Key, _Unit] = {}
        self.lots: dict[_Key, _Lot] = {}
        self.containers: dict[str, _Container] = {}
        self.routings: dict[str, list[str]] = {}
        self.work_orders: set[str] = set()
        self.parts: set[str] = set()
        self._clean()
        pg = on_postgresql(c)
        reads = _READS[pg]
        self._load(c, units, lots, ssccs)
        if units:
            for part, code in c.execute(reads.routings, {"parts": sorted({k[0] for k in units})}):
                self.routings.setdefault(part, []).append(code)
        if work_orders or parts:
            known = {"work_orders": sorted(work_orders), "parts": sorted(parts)}
            for what, number in c.execute(reads.known, known):
                (self.work_orders if what == "work_order" else self.parts).add(number)

    def _clean(self) -> None:
        """Nothing to write: what is held is what the database holds."""
        self.new_units: list[_Unit] = []
        self.new_containers: list[str] = []
        # Rows to insert, naming units by key: a unit registered in this run has no id yet.
        self.links: list[tuple[_Key, _Key | None, dict[str, Any]]] = []
        self.consumptions: list[dict[str, Any]] = []
        self.tests: list[tuple[_Key, dict[str, Any]]] = []
        self.played: list[int] = []  # the indices of the events played since the last write

    def _load(self, c: Connection, units: set[_Key], lots: set[_Key], ssccs: set[str]) -> None:
        """Read (again) these units, lots and cartons; those not found are not held."""
        pg = on_postgresql(c)
        reads = _READS[pg]
        for key in units:
            self.units.pop(key, None)
        for key in lots:
            self.lots.pop(key, None)
        for sscc in ssccs:
            self.containers.pop(sscc, None)
        if units:
            for row in c.execute(reads.units, keyed(pg, _UNIT_KEY, units)):
                self.units[(row.part, row.serial)] = _Unit(
                    row.id,
                    row.part,
                    row.serial,
                    row.status,
                    row.last_operation,
                    row.container,
                    row.installed_event,
                )
        if lots:
            for lot in c.execute(reads.lots, keyed(pg, _LOT_KEY, lots)):
                self.lots[(lot.part, lot.code)] = _Lot(lot.id, Decimal(lot.quantity), lot.status)
        if ssccs:
            for box in c.execute(reads.containers, keyed(pg, _SSCC, {(x,) for x in ssccs})):
                self.containers[box.sscc] = _Container(
                    box.part, box.capacity, box.packed, box.closed, box.closed_at
                )

    def refresh(self, c: Connection, event: ev.DomainEvent) -> None:
        """Read again what `event` names, after `apply_received` applied it."""
        units: set[_Key] = set()
        lots: set[_Key] = set()
        ssccs: set[str] = set()
        _subjects(event, units, lots, ssccs, set(), set())
        self._load(c, units, lots, ssccs)

    @property
    def pending(self) -> bool:
        return bool(self.played)

    def written(self) -> None:
        """The run was written: hold what was written as what the database holds."""
        for unit in self.new_units:
            unit.new = None
        for unit in self.units.values():
            unit.changed = False
        for lot in self.lots.values():
            lot.changed = False
        for container in self.containers.values():
            container.new, container.changed = None, False
        self._clean()

    def in_order(self, unit: _Unit, operation: str) -> bool:
        codes = self.routings.get(unit.part, [])
        return routing_breach(codes, unit.part, unit.serial, unit.last_operation, operation) is None

    def drawable(self, part: str, code: str, qty: Decimal) -> _Lot | None:
        """The lot, if `qty` can be drawn from it without a breach."""
        lot = self.lots.get((part, code))
        if lot is None or lot.status not in _DRAWABLE:
            return None
        if not isinstance(qty, Decimal) or not qty.is_finite():
            return None
        return lot if lot.quantity >= qty else None

    def write(self, c: Connection) -> None:
        """Everything the run changed and added, a statement or two per table."""
        pg = on_postgresql(c)
        if self.new_units:
            self._insert_units(c, pg)
        changed = [u for u in self.units.values() if u.changed and u.new is None]
        if changed and pg:
            c.execute(
                _SET_UNITS_FROM_ARRAYS,
                {
                    "ids": [u.id for u in changed],
                    "statuses": [u.status for u in changed],
                    "lasts": [u.last_operation for u in changed],
                    "containers": [u.container for u in changed],
                },
            )
        elif changed:
            c.execute(
                _SET_UNITS,
                [
                    {
                        "k_id": u.id,
                        "v_status": u.status,
                        "v_last_operation": u.last_operation,
                        "v_container": u.container,
                    }
                    for u in changed
                ],
            )
        lots = [lot for lot in self.lots.values() if lot.changed]
        if lots:
            c.execute(
                _SET_LOTS,
                [{"k_id": x.id, "v_quantity": x.quantity, "v_status": x.status} for x in lots],
            )
        insert_rows(c, CONTAINERS, [self._new_container(s) for s in self.new_containers])
        containers = [
            {"k_sscc": sscc, "v_packed": x.packed, "v_closed": x.closed, "v_at": x.closed_at}
            for sscc, x in self.containers.items()
            if x.changed and x.new is None
        ]
        if containers:
            c.execute(_SET_CONTAINERS, containers)
        links = [
            {
                **link,
                "parent_unit_id": self.units[parent].id,
                "child_unit_id": self.units[child].id if child else None,
            }
            for parent, child, link in self.links
        ]
        insert_rows(c, LINKS, links)
        insert_rows(c, CONSUMPTIONS, self.consumptions)
        insert_rows(c, TESTS, [{**test, "unit_id": self.units[key].id} for key, test in self.tests])

    def _insert_units(self, c: Connection, pg: bool) -> None:
        """Insert the units registered in the run, in order, and learn their ids."""
        rows = [
            {
                **(u.new or {}),
                "status": u.status,
                "last_operation": u.last_operation,
                "container": u.container,
            }
            for u in self.new_units
        ]
        insert_rows(c, UNITS, rows)
        keys = keyed(pg, _UNIT_KEY, {(u.part, u.serial) for u in self.new_units})
        ids = {(r.part, r.serial): r.id for r in c.execute(_READS[pg].ids, keys)}
        for unit in self.new_units:
            unit.id = ids[(unit.part, unit.serial)]

    def _new_container(self, sscc: str) -> dict[str, Any]:
        container = self.containers[sscc]
        assert container.new is not None
        return {
            **container.new,
            "packed": container.packed,
            "closed": container.closed,
            "closed_at": container.closed_at,
        }


def _subjects(
    event: ev.DomainEvent,
    units: set[_Key],
    lots: set[_Key],
    ssccs: set[str],
    work_orders: set[str],
    parts: set[str],
) -> None:
    """Collect what `event` names that `_Run` reads."""
    if isinstance(event, ev.UnitRegistered):
        units.add((event.part, event.serial))
        work_orders.add(event.work_order)
        parts.add(event.part)
    elif isinstance(event, ev.OperationCompleted | ev.TestRecorded):
        units.add((event.part, event.serial))
    elif isinstance(event, ev.ChildUnitInstalled):
        units.add((event.parent_part, event.parent_serial))
        units.add((event.child_part, event.child_serial))
    elif isinstance(event, ev.LotInstalled):
        units.add((event.parent_part, event.parent_serial))
        lots.add((event.part, event.lot))
        work_orders.add(event.work_order)
    elif isinstance(event, ev.LotConsumed):
        lots.add((event.part, event.lot))
        work_orders.add(event.work_order)
    elif isinstance(event, ev.ContainerOpened):
        ssccs.add(event.sscc)
        work_orders.add(event.work_order)
        parts.add(event.part)
    elif isinstance(event, ev.UnitPacked):
        units.add((event.part, event.serial))
        ssccs.add(event.sscc)
    elif isinstance(event, ev.ContainerClosed):
        ssccs.add(event.sscc)


def _changed(unit: _Unit, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(unit, name, value)
    unit.changed = True


@singledispatch
def _play(event: ev.DomainEvent, run: _Run, w: Written) -> bool:
    """Play `event` on the run's rows if it fits without a breach; False (nothing changed) if
    it must go through `apply_received`."""
    return False


@_play.register
def _(event: ev.OperatorLoggedIn, run: _Run, w: Written) -> bool:
    return True  # the journal only


@_play.register
def _(event: ev.OperatorLoggedOut, run: _Run, w: Written) -> bool:
    return True


@_play.register
def _(event: ev.UnitRegistered, run: _Run, w: Written) -> bool:
    key = (event.part, event.serial)
    if key in run.units or event.part not in run.parts or event.work_order not in run.work_orders:
        return False
    unit = _Unit(None, event.part, event.serial, UnitStatus.IN_PROCESS.value, None, None, None)
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
def _(event: ev.OperationCompleted, run: _Run, w: Written) -> bool:
    unit = run.units.get((event.part, event.serial))
    if unit is None or not run.in_order(unit, event.operation):
        return False
    _changed(unit, completion_changes(event))
    return True


@_play.register
def _(event: ev.TestRecorded, run: _Run, w: Written) -> bool:
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
def _(event: ev.ChildUnitInstalled, run: _Run, w: Written) -> bool:
    parent_key = (event.parent_part, event.parent_serial)
    child_key = (event.child_part, event.child_serial)
    child = run.units.get(child_key)
    if parent_key not in run.units or child is None or child.parent_link is not None:
        return False
    link = {"child_lot_id": None, **installed_values(Decimal(1), event.operation, w)}
    run.links.append((parent_key, child_key, {**link, "contested_by": None}))
    child.parent_link = w.event_id
    return True


def _drawn(lot: _Lot, qty: Decimal) -> None:
    lot.quantity = (lot.quantity - qty).quantize(_SIX_PLACES, ROUND_HALF_UP)
    if lot.quantity == 0:
        lot.status = LotStatus.CONSUMED.value
    lot.changed = True


@_play.register
def _(event: ev.LotInstalled, run: _Run, w: Written) -> bool:
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
def _(event: ev.LotConsumed, run: _Run, w: Written) -> bool:
    lot = run.drawable(event.part, event.lot, event.qty)
    if lot is None or event.work_order not in run.work_orders:
        return False
    _drawn(lot, event.qty)
    run.consumptions.append(consumption_values(event, lot.id, "kit", w))
    return True


@_play.register
def _(event: ev.ContainerOpened, run: _Run, w: Written) -> bool:
    capacity = event.capacity
    sized = capacity is None or (type(capacity) is int and capacity >= 0)
    if (
        event.sscc in run.containers
        or not sized
        or event.part not in run.parts
        or event.work_order not in run.work_orders
    ):
        return False
    run.containers[event.sscc] = _Container(
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
def _(event: ev.UnitPacked, run: _Run, w: Written) -> bool:
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
def _(event: ev.ContainerClosed, run: _Run, w: Written) -> bool:
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
    run: _Run | None = None
    for index, (event, w) in enumerate(received):
        if playable[index]:
            if run is None:
                ahead = itertools.takewhile(lambda i: playable[i], range(index, len(received)))
                run = _Run(c, [received[i][0] for i in ahead])
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
    run: _Run,
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
