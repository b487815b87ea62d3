"""An in-memory plant for the station core's unit tests: master data, and the state the journal's
events build (lots, units, genealogy links, consumptions, cartons), read as `PlantReader` reads it.

State changes only through `support.fake_projection.apply` (the journal's projection of an
event) or through the seeding helpers a test calls before it scans. Records are frozen, so a
copy of the containers is a full snapshot.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracestation.domain.conflicts import Conflict, ParentLink
from tracestation.domain.masterdata import read_master_data
from tracestation.domain.model import (
    BomLine,
    Container,
    Defect,
    InstalledChild,
    Lot,
    LotStatus,
    Operation,
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
from tracestation.domain.model import Nonconformance as DomainNonconformance
from tracestation.domain.pins import PinState
from tracestation.station.ports import RaceLost

DEMO_PLANT = Path(__file__).resolve().parents[2] / "resources" / "demo" / "plant.json"
# When the lots the master data holds back were put on hold (the importer uses "now").
HELD_SINCE = datetime(2026, 11, 19, 7, 30, tzinfo=UTC)
Key = tuple[str, str]


def plain_pin_hash(pin: str) -> str:
    """What `FakePins` accepts as the stored hash of `pin`."""
    return f"plain:{pin}"


class ProjectionMismatch(RaceLost):
    """An event that does not fit the state it should change. The store's projections raise
    `ProjectionError` here, which its unit of work reports as `RaceLost`; so does the fake."""


class StrayRead(AssertionError):
    """The station read the plant outside the open unit of work: its decision would rest on
    rows the transaction does not hold."""


@dataclass(frozen=True)
class Link:
    """A genealogy link: a parent unit holds a child unit, or a quantity of a child lot."""

    link_id: int
    parent: Key
    child_unit: Key | None
    child_lot: Key | None
    qty: Decimal
    operation: str
    installed_event: str
    removed_event: str | None = None


@dataclass(frozen=True)
class Consumption:
    work_order: str
    part: str
    lot: str
    qty: Decimal
    operation: str
    source: str  # "kit" or "install"
    event_id: str


@dataclass(frozen=True)
class Carton:
    sscc: str
    work_order: str
    part: str
    capacity: int | None
    station: str
    packed: int = 0
    closed: bool = False


@dataclass(frozen=True)
class TestRecord:
    __test__ = False  # not a pytest test class
    part: str
    serial: str
    operation: str
    test: str
    passed: bool
    station: str
    operator: str | None
    event_id: str


@dataclass(frozen=True)
class Deviation:
    rule: str
    subject: str
    work_order: str | None
    reason: str
    lead: str
    station: str
    event_id: str


@dataclass(frozen=True)
class Disposition:
    lot: Key
    status: str
    previous: str
    reason: str
    signed_by: str | None
    event_id: str


@dataclass(frozen=True)
class Lineage:
    source: Key
    result: Key
    kind: str
    qty: Decimal
    event_id: str


@dataclass(frozen=True)
class Nonconformance:
    number: str
    subject_kind: str
    part: str
    subject: str
    defect_code: str
    disposition: str
    signed_by: str | None
    event_id: str
    description: str = ""
    status: str = "open"


@dataclass(frozen=True)
class DefectGiven:
    """A `defect_recorded` event's row: the defect code given to a unit's test or removal."""

    part: str
    serial: str
    work_order: str
    operation: str
    defect_code: str
    source: str
    reference: str | None
    event_id: str


@dataclass
class PlantState:
    """What the events have built. Equal states are equal records: compare snapshots."""

    lots: dict[Key, Lot] = field(default_factory=dict)
    units: dict[Key, Unit] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    consumptions: list[Consumption] = field(default_factory=list)
    cartons: dict[str, Carton] = field(default_factory=dict)
    tests: list[TestRecord] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)
    dispositions: list[Disposition] = field(default_factory=list)
    lineage: list[Lineage] = field(default_factory=list)
    nonconformances: list[Nonconformance] = field(default_factory=list)
    defects: list[DefectGiven] = field(default_factory=list)
    tester_files: set[str] = field(default_factory=set)
    pins: dict[str, PinState] = field(default_factory=dict)

    def copy(self) -> PlantState:
        return PlantState(**{f.name: copy.copy(getattr(self, f.name)) for f in fields(self)})

    def take(self, other: PlantState) -> None:
        """Become `other` (a committed transaction's state), keeping this object's identity."""
        for f in fields(self):
            setattr(self, f.name, getattr(other, f.name))


@dataclass
class _Guard:
    """Shared by a plant and its views inside units of work."""

    open_transactions: int = 0
    broken: Exception | None = None


class FakePlant:
    """`PlantReader` on memory. The plant itself reads the committed state; `within(state)` is
    the view a unit of work reads and writes. Reading the plant itself while a unit of work is
    open raises `StrayRead`; `break_outside_reads` makes those reads fail (a database gone
    after the commit)."""

    def __init__(self) -> None:
        self.parts: dict[str, Part] = {}
        self.routings: dict[str, Routing] = {}
        self.bom: list[BomLine] = []
        self.work_orders: dict[str, WorkOrder] = {}
        self.operators: dict[str, Operator] = {}
        self.defects: dict[str, Defect] = {}
        self.state = PlantState()
        self.refreshes = 0
        self._guard = _Guard()
        self._in_transaction = False

    # --- building a plant -------------------------------------------------------------------

    @classmethod
    def demo(cls) -> FakePlant:
        """The demo plant of resources/demo/plant.json."""
        return cls.from_document(json.loads(DEMO_PLANT.read_text()))

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> FakePlant:
        data = read_master_data(document)
        plant = cls()
        plant.parts = {p.number: p for p in data.parts}
        plant.routings = {r.part: r for r in data.routings}
        plant.bom = [line for lines in data.boms.values() for line in lines]
        plant.work_orders = {w.number: w for w in data.work_orders}
        plant.defects = {d.code: d for d in data.defects}
        for op in data.operators:
            plant.add_operator(op.badge, op.name, op.role, pin=op.pin)
        for lot in data.lots:
            held = lot.status is not LotStatus.RELEASED
            plant.add_lot(
                lot.part,
                lot.code,
                lot.quantity,
                status=lot.status,
                expiry=lot.expiry,
                supplier=lot.supplier,
                reason=f"{lot.status.value} in the master data" if held else None,
            )
        return plant

    def add_part(
        self, number: str, tracking: Tracking = Tracking.SERIAL, *, uom: str = "ea", **more: Any
    ) -> Part:
        part = Part(number, more.pop("description", number), tracking, uom, **more)
        self.parts[number] = part
        return part

    def add_routing(self, part: str, *operations: Operation) -> Routing:
        routing = Routing(part, operations)
        self.routings[part] = routing
        return routing

    def add_bom_line(self, parent: str, child: str, qty: int | str, operation: str) -> None:
        self.bom.append(BomLine(parent, child, Decimal(qty), operation))

    def add_work_order(
        self,
        number: str,
        part: str,
        quantity: int,
        status: WorkOrderStatus = WorkOrderStatus.RELEASED,
    ) -> WorkOrder:
        work_order = WorkOrder(number, part, quantity, status)
        self.work_orders[number] = work_order
        return work_order

    def add_operator(
        self, badge: str, name: str, role: Role = Role.OPERATOR, *, pin: str | None = None
    ) -> Operator:
        operator = Operator(badge, name, role, plain_pin_hash(pin) if pin else None)
        self.operators[badge] = operator
        return operator

    def add_lot(
        self,
        part: str,
        code: str,
        quantity: int | str | Decimal,
        *,
        status: LotStatus = LotStatus.RELEASED,
        expiry: date | None = None,
        supplier: str | None = None,
        reason: str | None = None,
        since: datetime | None = None,
    ) -> Lot:
        held = status is not LotStatus.RELEASED
        lot = Lot(
            part,
            code,
            Decimal(quantity),
            status,
            expiry,
            supplier,
            reason,
            since or (HELD_SINCE if held else None),
        )
        self.state.lots[(part, code)] = lot
        return lot

    def add_unit(
        self,
        part: str,
        serial: str,
        work_order: str,
        *,
        status: UnitStatus = UnitStatus.IN_PROCESS,
        last_operation: str | None = None,
    ) -> Unit:
        """A unit built before the test starts (its history is not in the journal)."""
        unit = Unit(part, serial, work_order, status, last_operation)
        self.state.units[(part, serial)] = unit
        return unit

    # --- units of work ----------------------------------------------------------------------

    def within(self, state: PlantState) -> FakePlant:
        """The same plant reading and writing `state`, a unit of work's own copy."""
        view = copy.copy(self)
        view.state = state
        view._in_transaction = True
        return view

    def snapshot(self) -> PlantState:
        return self.state.copy()

    def break_outside_reads(self, error: Exception | None) -> None:
        """Reads outside units of work (the prompt, the labels) raise `error` from now on."""
        self._guard.broken = error

    def opened(self) -> None:
        self._guard.open_transactions += 1

    def closed(self) -> None:
        self._guard.open_transactions -= 1

    def _read(self) -> PlantState:
        if not self._in_transaction:
            if self._guard.broken is not None:
                raise self._guard.broken
            if self._guard.open_transactions:
                raise StrayRead("the plant was read outside the open unit of work")
        return self.state

    # --- PlantReader ------------------------------------------------------------------------

    def refresh(self, unit: tuple[str, str] | None = None) -> None:
        self._read()
        self.refreshes += 1

    def operator(self, badge: str) -> Operator | None:
        self._read()
        return self.operators.get(badge)

    def work_order(self, number: str) -> WorkOrder | None:
        self._read()
        return self.work_orders.get(number)

    def part(self, number: str) -> Part | None:
        self._read()
        return self.parts.get(number)

    def part_by_gtin(self, gtin: str) -> Part | None:
        self._read()
        return next((p for p in self.parts.values() if p.gtin == gtin.zfill(14)), None)

    def part_by_supplier_part(self, supplier_part: str) -> Part | None:
        self._read()
        return next((p for p in self.parts.values() if supplier_part in p.supplier_parts), None)

    def routing(self, part: str) -> Routing | None:
        self._read()
        return self.routings.get(part)

    def bom_lines(self, parent: str, operation: str) -> list[BomLine]:
        self._read()
        return [b for b in self.bom if b.parent == parent and b.operation == operation]

    def lot(self, part: str, code: str) -> Lot | None:
        return self._read().lots.get((part, code))

    def lots_by_code(self, code: str) -> list[Lot]:
        return [lot for lot in self._read().lots.values() if lot.code == code]

    def unit(self, part: str, serial: str) -> Unit | None:
        return self._read().units.get((part, serial))

    def units_by_serial(self, serial: str) -> list[Unit]:
        return [u for u in self._read().units.values() if u.serial == serial]

    def installed_children(self, part: str, serial: str) -> list[InstalledChild]:
        state = self._read()
        children = []
        for link in state.links:
            if link.parent != (part, serial) or link.removed_event is not None:
                continue
            child = link.child_unit or link.child_lot
            assert child is not None
            children.append(
                InstalledChild(
                    link.link_id,
                    child[0],
                    link.child_unit[1] if link.child_unit else None,
                    link.child_lot[1] if link.child_lot else None,
                    link.qty,
                    link.operation,
                    link.installed_event,
                )
            )
        return children

    def installed_in(self, part: str, serial: str) -> Unit | None:
        state = self._read()
        for link in state.links:
            if link.child_unit == (part, serial) and link.removed_event is None:
                return state.units[link.parent]
        return None

    def unit_count(self, work_order: str) -> int:
        return sum(1 for u in self._read().units.values() if u.work_order == work_order)

    def kitted_quantity(self, work_order: str, part: str, operation: str) -> Decimal:
        return sum(
            (
                c.qty
                for c in self._read().consumptions
                if (c.work_order, c.part, c.operation, c.source)
                == (work_order, part, operation, "kit")
            ),
            Decimal(0),
        )

    def open_container(self, work_order: str) -> Container | None:
        state = self._read()
        carton = next(
            (c for c in state.cartons.values() if c.work_order == work_order and not c.closed),
            None,
        )
        return _container(state, carton) if carton else None

    def container(self, sscc: str) -> Container | None:
        state = self._read()
        carton = state.cartons.get(sscc)
        return _container(state, carton) if carton else None

    def conflict(self, conflict_id: str) -> Conflict | None:
        """Conflicts are raised by a centre; a plant in memory has none."""
        return None

    def defect(self, code: str) -> Defect | None:
        self._read()
        return self.defects.get(code)

    def has_defects(self) -> bool:
        self._read()
        return bool(self.defects)

    def nonconformance(self, number: str) -> DomainNonconformance | None:
        for nc in self._read().nonconformances:
            if nc.number == number:
                return DomainNonconformance(
                    nc.number,
                    nc.subject_kind,
                    nc.part,
                    nc.subject,
                    nc.defect_code,
                    nc.description,
                    nc.disposition,
                    nc.status,
                )
        return None

    def tester_file_imported(self, content_hash: str) -> bool:
        return content_hash in self._read().tester_files

    def pin_state(self, badge: str) -> PinState:
        return self._read().pins.get(badge, PinState(badge))

    def parents_of(self, part: str, serial: str) -> list[ParentLink]:
        parent = self.installed_in(part, serial)
        if parent is None:
            return []
        return [ParentLink(parent.part, parent.serial, "", False)]


def _container(state: PlantState, carton: Carton) -> Container:
    serials = sorted(u.serial for u in state.units.values() if u.container == carton.sscc)
    return Container(
        carton.sscc, carton.work_order, carton.part, carton.capacity, tuple(serials), carton.closed
    )
