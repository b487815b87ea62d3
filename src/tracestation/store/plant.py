"""`PlantReader` on the database: the station core's view of master data and projections.

Outside a unit of work each call runs in its own short connection, so a reader never holds a
snapshot between scans. Inside one (`DatabasePlant.within`) every read runs on the unit of work's
connection, and the rows a scan may change (lots, units, work orders, open cartons) are read with
`FOR UPDATE`: on PostgreSQL a second station reaching for the same row waits for the first to
commit and then decides on what it wrote. SQLite has one writer at a time and needs no row locks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, bindparam, func, select
from sqlalchemy.orm import Session

from tracestation.domain.conflicts import Conflict, ParentLink
from tracestation.domain.events import ChildUnitInstalled, LotInstalled, UnitRegistered
from tracestation.domain.model import (
    BomLine,
    Container,
    Defect,
    InstalledChild,
    Lot,
    LotStatus,
    Nonconformance,
    Operation,
    OperationKind,
    Operator,
    Part,
    Role,
    Routing,
    Tracking,
    Unit,
    UnitStatus,
    WorkOrder,
    WorkOrderStatus,
)
from tracestation.domain.pins import PinState
from tracestation.store.projections import Projected
from tracestation.store.tables import (
    BomLineRow,
    ConflictRow,
    ConsumptionRow,
    ContainerRow,
    DefectRow,
    GenealogyLinkRow,
    LotRow,
    NonconformanceRow,
    OperationRow,
    OperatorRow,
    PartRow,
    PinStateRow,
    PlantMetaRow,
    Quantity,
    SupplierPartRow,
    TestRecordRow,
    UnitRow,
    WorkOrderRow,
    table_of,
)

T = TypeVar("T")
# The unit of work's first read: the master data's version, and the row of the unit asked
# for (locked) when there is one.
Opening = Callable[[tuple[str, str] | None], tuple[int | None, Any | None]]

# The hot path reads through Core on plain connections; the genealogy statements are built once.
UNITS = table_of(UnitRow)
LOTS = table_of(LotRow)
LINKS = table_of(GenealogyLinkRow)
_CHILD = UNITS.alias("child_unit")
_PARENT = UNITS.alias("parent_unit")
_INSTALLED_CHILDREN = (
    select(
        LINKS.c.id.label("link_id"),
        LINKS.c.qty,
        LINKS.c.operation,
        LINKS.c.installed_event,
        _CHILD.c.part.label("unit_part"),
        _CHILD.c.serial.label("unit_serial"),
        LOTS.c.part.label("lot_part"),
        LOTS.c.code.label("lot_code"),
    )
    .join(_PARENT, _PARENT.c.id == LINKS.c.parent_unit_id)
    .outerjoin(_CHILD, _CHILD.c.id == LINKS.c.child_unit_id)
    .outerjoin(LOTS, LOTS.c.id == LINKS.c.child_lot_id)
    .where(
        _PARENT.c.part == bindparam("part"),
        _PARENT.c.serial == bindparam("serial"),
        LINKS.c.removed_event.is_(None),
    )
    .order_by(LINKS.c.id)
)
_LOT = select(LOTS).where(LOTS.c.part == bindparam("part"), LOTS.c.code == bindparam("code"))
_LOTS_BY_CODE = select(LOTS).where(LOTS.c.code == bindparam("code"))
_UNIT = select(UNITS).where(
    UNITS.c.part == bindparam("part"), UNITS.c.serial == bindparam("serial")
)
_UNITS_BY_SERIAL = select(UNITS).where(UNITS.c.serial == bindparam("serial"))
WORK_ORDERS = table_of(WorkOrderRow)
CONTAINERS = table_of(ContainerRow)
_LOCK_WORK_ORDER = (
    select(WORK_ORDERS.c.number)
    .where(WORK_ORDERS.c.number == bindparam("number"))
    .with_for_update()
)
_OPEN_CONTAINER = (
    select(CONTAINERS)
    .where(CONTAINERS.c.work_order == bindparam("work_order"), CONTAINERS.c.closed.is_(False))
    .order_by(CONTAINERS.c.opened_at)
)
_CONTAINER = select(CONTAINERS).where(CONTAINERS.c.sscc == bindparam("sscc"))
_CONTAINER_SERIALS = (
    select(UNITS.c.serial).where(UNITS.c.container == bindparam("sscc")).order_by(UNITS.c.serial)
)
CONFLICTS = table_of(ConflictRow)
_CONFLICT = select(CONFLICTS).where(CONFLICTS.c.id == bindparam("conflict"))
_PARENTS_OF = (
    select(_PARENT.c.part, _PARENT.c.serial, LINKS.c.installed_event, LINKS.c.contested_by)
    .join(LINKS, LINKS.c.parent_unit_id == _PARENT.c.id)
    .join(_CHILD, _CHILD.c.id == LINKS.c.child_unit_id)
    .where(
        _CHILD.c.part == bindparam("part"),
        _CHILD.c.serial == bindparam("serial"),
        LINKS.c.removed_event.is_(None),
    )
    .order_by(LINKS.c.id)
)
PINS = table_of(PinStateRow)
_PIN_STATE = select(PINS.c.failures, PINS.c.locked_until).where(PINS.c.badge == bindparam("badge"))
# Inside a unit of work: the same reads, holding the rows until the commit.
_LOCKED = {
    id(statement): statement.with_for_update()
    for statement in (
        _LOT,
        _LOTS_BY_CODE,
        _UNIT,
        _UNITS_BY_SERIAL,
        _OPEN_CONTAINER,
        _CONTAINER,
        _PIN_STATE,
    )
}
_UNIT_COUNT = (
    select(func.count()).select_from(UNITS).where(UNITS.c.work_order == bindparam("work_order"))
)
_CACHE_LIMIT = 20_000
# Operators and work orders are read whole while they are this few, so a bare value (a serial,
# a lot code) is known not to be a badge or a work order without asking the database.
_WHOLE_TABLE_LIMIT = 20_000
_OPERATORS = select(OperatorRow.badge, OperatorRow.name, OperatorRow.role, OperatorRow.pin_hash)
_WORK_ORDER_ROWS = select(
    WORK_ORDERS.c.number, WORK_ORDERS.c.part, WORK_ORDERS.c.quantity, WORK_ORDERS.c.status
)
_MASTER_DATA_VERSION = select(PlantMetaRow.value).where(PlantMetaRow.key == "master_data")
_INSTALLED_IN = (
    select(_PARENT)
    .join(LINKS, LINKS.c.parent_unit_id == _PARENT.c.id)
    .join(_CHILD, _CHILD.c.id == LINKS.c.child_unit_id)
    .where(
        _CHILD.c.part == bindparam("part"),
        _CHILD.c.serial == bindparam("serial"),
        LINKS.c.removed_event.is_(None),
    )
)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything here is stored in UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def to_part(row: PartRow) -> Part:
    return Part(
        row.number, row.description, Tracking(row.tracking), row.uom, row.gtin, row.shelf_life_days
    )


def to_lot(row: Any) -> Lot:
    return Lot(
        row.part,
        row.code,
        Decimal(row.quantity),
        LotStatus(row.status),
        row.expiry,
        row.supplier,
        row.status_reason,
        as_utc(row.status_since),
    )


def to_unit(row: Any) -> Unit:
    return Unit(
        row.part,
        row.serial,
        row.work_order,
        UnitStatus(row.status),
        row.last_operation,
        row.container,
    )


class _MasterData:
    """Master data held in memory, shared by a plant and its views inside units of work."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, ...], Any] = {}
        self.version: int | None = -1
        self.operators: dict[str, Operator] | None = None
        self.work_orders: dict[str, WorkOrder] | None = None
        self.whole = True  # False once a table was found too large to hold whole

    def clear(self, version: int | None) -> None:
        self.values.clear()
        self.operators = None
        self.work_orders = None
        self.whole = True
        self.version = version


def _child_of(r: Any) -> InstalledChild:
    return InstalledChild(
        r.link_id,
        r.unit_part or r.lot_part,
        r.unit_serial,
        r.lot_code,
        Decimal(r.qty),
        r.operation,
        r.installed_event,
    )


_QTY_SCALE = Decimal(1).scaleb(-(Quantity.scale or 0))  # 0.000001


def _child_installed(event: LotInstalled | ChildUnitInstalled, w: Projected) -> InstalledChild:
    """The child an install made, as `_INSTALLED_CHILDREN` reads it back (its quantity at the
    column's scale)."""
    assert w.link_id is not None
    if isinstance(event, LotInstalled):
        qty = Decimal(event.qty).quantize(_QTY_SCALE)
        return InstalledChild(
            w.link_id, event.part, None, event.lot, qty, event.operation, w.event_id
        )
    one = Decimal(1).quantize(_QTY_SCALE)
    return InstalledChild(
        w.link_id, event.child_part, event.child_serial, None, one, event.operation, w.event_id
    )


class DatabasePlant:
    """Master data (operators, work orders, parts, routings, BOMs) is kept in memory and dropped
    when `refresh()` sees that an import changed it; state (lots, units, links) is always read
    fresh. Not thread-safe: one thread owns a DatabasePlant and the views `within` gives."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._master = _MasterData()
        self._connection: Connection | None = None
        self._opening: Opening | None = None
        self._units: dict[tuple[str, str], Unit | None] = {}
        self._serials: set[str] = set()
        self._children: dict[tuple[str, str], list[InstalledChild]] = {}
        self._children_before_write: dict[tuple[str, str], list[InstalledChild]] = {}

    def within(self, connection: Connection, opening: Opening | None = None) -> DatabasePlant:
        """The same plant read on `connection`, inside its transaction, locking what it reads
        of the rows a scan may change. `opening` is the unit of work's first read, which
        `refresh` asks for the master data's version and the unit in work."""
        view = DatabasePlant.__new__(DatabasePlant)
        view.engine = self.engine
        view._master = self._master
        view._connection = connection
        view._opening = opening
        view._units = {}
        view._serials = set()
        view._children = {}
        view._children_before_write = {}
        return view

    def forget_state(self) -> None:
        """Inside a unit of work: the state read so far (units, their children) is about to
        change (the journal writes); read it again when asked. Master data stays."""
        self._units.clear()
        self._serials.clear()
        self._children_before_write, self._children = self._children, {}

    def note_written(self, written: Sequence[Projected]) -> None:
        """Inside a unit of work, after the journal wrote these events: what they make certain
        without reading. A unit registered in this transaction has nothing installed; a unit
        whose children were read before a write of installs only (its row locked by the scan,
        so no other station adds to it meanwhile) has those and the links the installs made."""
        before, self._children_before_write = self._children_before_write, {}
        installs_only = all(
            isinstance(w.event, UnitRegistered | LotInstalled | ChildUnitInstalled) for w in written
        )
        for w in written:
            event = w.event
            if isinstance(event, UnitRegistered):
                self._children[(event.part, event.serial)] = []
            elif installs_only and w.link_id is not None:
                assert isinstance(event, LotInstalled | ChildUnitInstalled)
                key = (event.parent_part, event.parent_serial)
                known = self._children.get(key, before.get(key))
                if known is not None:
                    self._children[key] = [*known, _child_installed(event, w)]

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        if self._connection is not None:
            yield self._connection
        else:
            with self.engine.connect() as c:
                yield c

    def _read(self, statement: Any) -> Any:
        """`statement`, locking the rows it reads when inside a unit of work."""
        return _LOCKED[id(statement)] if self._connection is not None else statement

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._connect() as c, Session(bind=c) as s:
            yield s

    def refresh(self, unit: tuple[str, str] | None = None) -> None:
        """Call before each scan: one query (inside a unit of work, its first statement, which
        also reads and locks the unit in work), and the cache is dropped if master data
        changed."""
        if self._opening is not None:
            version, row = self._opening(unit)
            if unit is not None and row is not None:
                self._units[unit] = to_unit(row)
        else:
            with self._connect() as c:
                version = c.scalar(_MASTER_DATA_VERSION)
        if version != self._master.version:
            self._master.clear(version)

    def _cached(self, key: tuple[str, ...], load: Callable[[], T]) -> T:
        cache = self._master.values
        if len(cache) > _CACHE_LIMIT:  # bare-value lookups add keys all shift long
            cache.clear()
        if key not in cache:
            cache[key] = load()
        value: T = cache[key]
        return value

    def _whole_tables(self) -> bool:
        """Operators and work orders held whole in memory (loaded at the first question), or
        False when there are too many of them: then each is read and cached by its key."""
        master = self._master
        if master.whole and master.operators is None:
            with self._connect() as c:
                operators = c.execute(_OPERATORS.limit(_WHOLE_TABLE_LIMIT + 1)).all()
                orders = c.execute(_WORK_ORDER_ROWS.limit(_WHOLE_TABLE_LIMIT + 1)).all()
            if max(len(operators), len(orders)) > _WHOLE_TABLE_LIMIT:
                master.whole = False
                return False
            master.operators = {
                r.badge: Operator(r.badge, r.name, Role(r.role), r.pin_hash) for r in operators
            }
            master.work_orders = {
                r.number: WorkOrder(r.number, r.part, r.quantity, WorkOrderStatus(r.status))
                for r in orders
            }
        return master.whole

    def operator(self, badge: str) -> Operator | None:
        if self._whole_tables():
            assert self._master.operators is not None
            return self._master.operators.get(badge)
        return self._cached(("operator", badge), lambda: self._load_operator(badge))

    def _load_operator(self, badge: str) -> Operator | None:
        with self._session() as s:
            row = s.get(OperatorRow, badge)
            return Operator(row.badge, row.name, Role(row.role), row.pin_hash) if row else None

    def work_order(self, number: str) -> WorkOrder | None:
        if self._whole_tables():
            assert self._master.work_orders is not None
            return self._master.work_orders.get(number)
        return self._cached(("work_order", number), lambda: self._load_work_order(number))

    def _load_work_order(self, number: str) -> WorkOrder | None:
        with self._session() as s:
            row = s.get(WorkOrderRow, number)
            return (
                WorkOrder(row.number, row.part, row.quantity, WorkOrderStatus(row.status))
                if row
                else None
            )

    def part(self, number: str) -> Part | None:
        return self._cached(("part", number), lambda: self._load_part(number))

    def _load_part(self, number: str) -> Part | None:
        with self._session() as s:
            row = s.get(PartRow, number)
            return to_part(row) if row else None

    def part_by_gtin(self, gtin: str) -> Part | None:
        return self._cached(("part_by_gtin", gtin), lambda: self._load_part_by_gtin(gtin))

    def _load_part_by_gtin(self, gtin: str) -> Part | None:
        with self._session() as s:
            row = s.scalars(select(PartRow).where(PartRow.gtin == gtin.zfill(14))).first()
            return to_part(row) if row else None

    def part_by_supplier_part(self, supplier_part: str) -> Part | None:
        return self._cached(
            ("part_by_supplier_part", supplier_part),
            lambda: self._load_part_by_supplier_part(supplier_part),
        )

    def _load_part_by_supplier_part(self, supplier_part: str) -> Part | None:
        with self._session() as s:
            row = s.scalars(
                select(PartRow)
                .join(SupplierPartRow, SupplierPartRow.part == PartRow.number)
                .where(SupplierPartRow.supplier_part == supplier_part)
            ).first()
            return to_part(row) if row else None

    def routing(self, part: str) -> Routing | None:
        return self._cached(("routing", part), lambda: self._load_routing(part))

    def _load_routing(self, part: str) -> Routing | None:
        with self._session() as s:
            rows = s.scalars(
                select(OperationRow)
                .where(OperationRow.part == part)
                .order_by(OperationRow.position)
            ).all()
            if not rows:
                return None
            ops = tuple(
                Operation(
                    r.code,
                    r.name,
                    OperationKind(r.kind),
                    r.pack_qty,
                    r.instructions,
                    r.instructions_image,
                )
                for r in rows
            )
            return Routing(part, ops)

    def bom_lines(self, parent: str, operation: str) -> list[BomLine]:
        return list(
            self._cached(("bom", parent, operation), lambda: self._load_bom(parent, operation))
        )

    def _load_bom(self, parent: str, operation: str) -> list[BomLine]:
        with self._session() as s:
            rows = s.scalars(
                select(BomLineRow)
                .where(BomLineRow.parent == parent, BomLineRow.operation == operation)
                .order_by(BomLineRow.id)
            ).all()
            return [BomLine(r.parent, r.child, Decimal(r.qty), r.operation) for r in rows]

    def lot(self, part: str, code: str) -> Lot | None:
        with self._connect() as c:
            row = c.execute(self._read(_LOT), {"part": part, "code": code}).first()
            return to_lot(row) if row else None

    def lots_by_code(self, code: str) -> list[Lot]:
        with self._connect() as c:
            return [to_lot(r) for r in c.execute(self._read(_LOTS_BY_CODE), {"code": code})]

    def unit(self, part: str, serial: str) -> Unit | None:
        c = self._connection
        if c is None:
            with self._connect() as outside:
                row = outside.execute(_UNIT, {"part": part, "serial": serial}).first()
                return to_unit(row) if row else None
        key = (part, serial)
        if key in self._units or serial in self._serials:
            return self._units.get(key)
        row = c.execute(_LOCKED[id(_UNIT)], {"part": part, "serial": serial}).first()
        unit = to_unit(row) if row else None
        self._units[key] = unit
        return unit

    def units_by_serial(self, serial: str) -> list[Unit]:
        with self._connect() as c:
            rows = c.execute(self._read(_UNITS_BY_SERIAL), {"serial": serial})
            units = [to_unit(r) for r in rows]
        if self._connection is not None:  # every unit of that serial, locked: remembered
            self._serials.add(serial)
            self._units.update({(u.part, u.serial): u for u in units})
        return units

    def installed_children(self, part: str, serial: str) -> list[InstalledChild]:
        known = self._children.get((part, serial))
        if known is not None:
            return list(known)
        with self._connect() as c:
            rows = c.execute(_INSTALLED_CHILDREN, {"part": part, "serial": serial}).all()
        children = [_child_of(r) for r in rows]
        if self._connection is not None:
            self._children[(part, serial)] = children
        return list(children)

    def installed_in(self, part: str, serial: str) -> Unit | None:
        with self._connect() as c:
            row = c.execute(_INSTALLED_IN, {"part": part, "serial": serial}).first()
            return to_unit(row) if row else None

    def _lock_work_order(self, c: Connection, work_order: str) -> None:
        """Inside a unit of work, what is counted per work order (units registered, material
        kitted, the open carton) is decided by one station at a time."""
        if self._connection is not None:
            c.execute(_LOCK_WORK_ORDER, {"number": work_order})

    def unit_count(self, work_order: str) -> int:
        with self._connect() as c:
            self._lock_work_order(c, work_order)
            return int(c.scalar(_UNIT_COUNT, {"work_order": work_order}) or 0)

    def kitted_quantity(self, work_order: str, part: str, operation: str) -> Decimal:
        with self._session() as s:
            self._lock_work_order(s.connection(), work_order)
            total = s.scalar(
                select(func.coalesce(func.sum(ConsumptionRow.qty), 0))
                .join(LotRow, LotRow.id == ConsumptionRow.lot_id)
                .where(
                    ConsumptionRow.work_order == work_order,
                    LotRow.part == part,
                    ConsumptionRow.operation == operation,
                    ConsumptionRow.source == "kit",
                )
            )
            return Decimal(str(total or 0))

    def open_container(self, work_order: str) -> Container | None:
        with self._connect() as c:
            self._lock_work_order(c, work_order)
            row = c.execute(self._read(_OPEN_CONTAINER), {"work_order": work_order}).first()
            return _container(c, row) if row else None

    def container(self, sscc: str) -> Container | None:
        with self._connect() as c:
            row = c.execute(self._read(_CONTAINER), {"sscc": sscc}).first()
            return _container(c, row) if row else None

    def conflict(self, conflict_id: str) -> Conflict | None:
        with self._connect() as c:
            row = c.execute(_CONFLICT, {"conflict": conflict_id}).first()
        if row is None:
            return None
        stations = tuple(s.strip() for s in row.stations.split(",") if s.strip())
        return Conflict(
            row.id,
            row.kind,
            row.subject_kind,
            row.part,
            row.subject,
            row.event_id,
            stations,
            row.detail,
            row.nonconformance,
            row.status == "open",
        )

    def parents_of(self, part: str, serial: str) -> list[ParentLink]:
        with self._connect() as c:
            rows = c.execute(_PARENTS_OF, {"part": part, "serial": serial}).all()
        return [
            ParentLink(r.part, r.serial, r.installed_event, r.contested_by is not None)
            for r in rows
        ]

    def defect(self, code: str) -> Defect | None:
        return self._cached(("defect", code), lambda: self._load_defect(code))

    def _load_defect(self, code: str) -> Defect | None:
        with self._session() as s:
            row = s.get(DefectRow, code)
            return Defect(row.code, row.description, row.category) if row else None

    def has_defects(self) -> bool:
        return self._cached(("has_defects",), self._load_has_defects)

    def _load_has_defects(self) -> bool:
        with self._connect() as c:
            return c.scalar(select(DefectRow.code).limit(1)) is not None

    def nonconformance(self, number: str) -> Nonconformance | None:
        with self._session() as s:
            row = s.get(NonconformanceRow, number)
            if row is None:
                return None
            return Nonconformance(
                row.number,
                row.subject_kind,
                row.part,
                row.subject,
                row.defect_code,
                row.description,
                row.disposition,
                row.status,
            )

    def tester_file_imported(self, content_hash: str) -> bool:
        with self._connect() as c:
            found = select(TestRecordRow.id).where(TestRecordRow.attachment_hash == content_hash)
            return c.scalar(found.limit(1)) is not None

    def pin_state(self, badge: str) -> PinState:
        with self._connect() as c:
            row = c.execute(self._read(_PIN_STATE), {"badge": badge}).first()
        if row is None:
            return PinState(badge)
        return PinState(badge, int(row.failures), as_utc(row.locked_until))


def _container(c: Connection, row: Any) -> Container:
    serials = c.scalars(_CONTAINER_SERIALS, {"sscc": row.sscc}).all()
    return Container(row.sscc, row.work_order, row.part, row.capacity, tuple(serials), row.closed)
