"""The rows a run of received events touches, held in memory while the run is played.

`Run` reads the units, lots and cartons a run of events names in one query each (locking them,
keys in sorted order, as the per-event updates would lock them), holds them as the events before
the current one left them, and writes what the run changed and added with a statement or two per
table (`received_batch` plays the events on it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, bindparam, literal, select, text, tuple_, union_all, update

from tracestation.domain import events as ev
from tracestation.domain.model import LotStatus
from tracestation.store.bulk import by_key, insert_rows, keyed, member, on_postgresql, text_array
from tracestation.store.projections import CONTAINERS, LINKS, LOTS, UNITS
from tracestation.store.received import routing_breach
from tracestation.store.tables import (
    ConsumptionRow,
    OperationRow,
    PartRow,
    TestRecordRow,
    WorkOrderRow,
    table_of,
)

ROUTING = table_of(OperationRow)
CONSUMPTIONS = table_of(ConsumptionRow)
TESTS = table_of(TestRecordRow)
WORK_ORDERS = table_of(WorkOrderRow)
PARTS = table_of(PartRow)

Key = tuple[str, str]


@dataclass
class HeldUnit:
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
class HeldLot:
    id: int
    quantity: Decimal
    status: str
    changed: bool = False


@dataclass
class HeldContainer:
    part: str
    capacity: int | None
    packed: int
    closed: bool
    closed_at: Any
    new: dict[str, Any] | None = None
    changed: bool = False


SIX_PLACES = Decimal("0.000001")  # the scale of a quantity column (Numeric(18, 6))
DRAWABLE = (LotStatus.RELEASED.value, LotStatus.CONSUMED.value)
_ACTIVE_LINK = and_(
    LINKS.c.child_unit_id == UNITS.c.id,
    LINKS.c.removed_event.is_(None),
    LINKS.c.contested_by.is_(None),
)


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
    master: Any  # routings of parts, and which work orders and parts exist

    @staticmethod
    def made(pg: bool) -> _Reads:
        # The routings of the units' parts and which work orders and parts exist: one query.
        master = union_all(
            select(literal("routing"), ROUTING.c.part, ROUTING.c.code, ROUTING.c.position).where(
                member(ROUTING.c.part, "routed", pg)
            ),
            select(literal("work_order"), WORK_ORDERS.c.number, literal(""), literal(0)).where(
                member(WORK_ORDERS.c.number, "work_orders", pg)
            ),
            select(literal("part"), PARTS.c.number, literal(""), literal(0)).where(
                member(PARTS.c.number, "parts", pg)
            ),
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
                master,
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
            master,
        )


_READS = {pg: _Reads.made(pg) for pg in (False, True)}


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


class Run:
    """The rows a run of events touches, as the events before the current one left them, and
    what the run adds."""

    def __init__(self, c: Connection, events: Sequence[ev.DomainEvent]) -> None:
        units: set[Key] = set()
        lots: set[Key] = set()
        ssccs: set[str] = set()
        work_orders: set[str] = set()
        parts: set[str] = set()
        for event in events:
            subjects(event, units, lots, ssccs, work_orders, parts)
        self.units: dict[Key, HeldUnit] = {}
        self.lots: dict[Key, HeldLot] = {}
        self.containers: dict[str, HeldContainer] = {}
        self.routings: dict[str, list[str]] = {}
        self.work_orders: set[str] = set()
        self.parts: set[str] = set()
        self._clean()
        pg = on_postgresql(c)
        reads = _READS[pg]
        self._load(c, units, lots, ssccs)
        if units or work_orders or parts:
            asked = {
                "routed": sorted({key[0] for key in units}),
                "work_orders": sorted(work_orders),
                "parts": sorted(parts),
            }
            steps: list[tuple[str, int, str]] = []
            for what, number, code, position in c.execute(reads.master, asked):
                if what == "routing":
                    steps.append((number, position, code))
                else:
                    (self.work_orders if what == "work_order" else self.parts).add(number)
            for part, _position, code in sorted(steps):
                self.routings.setdefault(part, []).append(code)

    def _clean(self) -> None:
        """Nothing to write: what is held is what the database holds."""
        self.new_units: list[HeldUnit] = []
        self.new_containers: list[str] = []
        # Rows to insert, naming units by key: a unit registered in this run has no id yet.
        self.links: list[tuple[Key, Key | None, dict[str, Any]]] = []
        self.consumptions: list[dict[str, Any]] = []
        self.tests: list[tuple[Key, dict[str, Any]]] = []
        self.played: list[int] = []  # the indices of the events played since the last write

    def _load(self, c: Connection, units: set[Key], lots: set[Key], ssccs: set[str]) -> None:
        """Read (again) these units, lots and cartons; those not found are not held."""
        pg = on_postgresql(c)
        reads = _READS[pg]
        for key in units:
            self.units.pop(key, None)
        for key in lots:
            self.lots.pop(key, None)
        for sscc in ssccs:
            self.containers.pop(sscc, None)
        # Rows fetched at once and unpacked: a batch reads thousands, and a field read by name
        # off a result's row costs ten times one unpacked.
        if units:
            found = c.execute(reads.units, keyed(pg, _UNIT_KEY, units)).all()
            for unit_id, part, serial, status, last, container, installed_event in found:
                self.units[(part, serial)] = HeldUnit(
                    unit_id, part, serial, status, last, container, installed_event
                )
        if lots:
            for lot_id, part, code, quantity, status in c.execute(
                reads.lots, keyed(pg, _LOT_KEY, lots)
            ).all():
                self.lots[(part, code)] = HeldLot(lot_id, Decimal(quantity), status)
        if ssccs:
            for box in c.execute(reads.containers, keyed(pg, _SSCC, {(x,) for x in ssccs})):
                self.containers[box.sscc] = HeldContainer(
                    box.part, box.capacity, box.packed, box.closed, box.closed_at
                )

    def refresh(self, c: Connection, event: ev.DomainEvent) -> None:
        """Read again what `event` names, after `apply_received` applied it."""
        units: set[Key] = set()
        lots: set[Key] = set()
        ssccs: set[str] = set()
        subjects(event, units, lots, ssccs, set(), set())
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

    def in_order(self, unit: HeldUnit, operation: str) -> bool:
        codes = self.routings.get(unit.part, [])
        return routing_breach(codes, unit.part, unit.serial, unit.last_operation, operation) is None

    def drawable(self, part: str, code: str, qty: Decimal) -> HeldLot | None:
        """The lot, if `qty` can be drawn from it without a breach."""
        lot = self.lots.get((part, code))
        if lot is None or lot.status not in DRAWABLE:
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
                    "ids": text_array([u.id for u in changed]),
                    "statuses": text_array([u.status for u in changed]),
                    "lasts": text_array([u.last_operation for u in changed]),
                    "containers": text_array([u.container for u in changed]),
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
        ids = {(part, serial): i for i, part, serial in c.execute(_READS[pg].ids, keys).all()}
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


def subjects(
    event: ev.DomainEvent,
    units: set[Key],
    lots: set[Key],
    ssccs: set[str],
    work_orders: set[str],
    parts: set[str],
) -> None:
    """Collect what `event` names that `Run` reads."""
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
