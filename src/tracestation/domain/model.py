"""The plant's things, as the station reads them: parts, routings, BOMs, lots, units, links.

These are plain value objects. The store loads them; the rules and the station core reason over
them; nothing here writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class Tracking(StrEnum):
    SERIAL = "serial"
    LOT = "lot"
    NONE = "none"


class OperationKind(StrEnum):
    CONSUME = "consume"
    ASSEMBLE = "assemble"
    TEST = "test"
    PACK = "pack"
    INSPECT = "inspect"


class LotStatus(StrEnum):
    RELEASED = "released"
    HOLD = "hold"
    QUARANTINE = "quarantine"
    REJECTED = "rejected"
    CONSUMED = "consumed"


class UnitStatus(StrEnum):
    IN_PROCESS = "in_process"
    # Completed the last operation of its routing, an assembly or kitting step: ready to go
    # into a parent. A routing that ends in a test or inspection ends `passed`, one that ends
    # in pack `packed`.
    FINISHED = "finished"
    PASSED = "passed"
    FAILED = "failed"
    IN_REWORK = "in_rework"
    SCRAPPED = "scrapped"
    PACKED = "packed"
    SHIPPED = "shipped"


class WorkOrderStatus(StrEnum):
    RELEASED = "released"
    CLOSED = "closed"


class Role(StrEnum):
    OPERATOR = "operator"
    LEAD = "lead"


@dataclass(frozen=True)
class Part:
    number: str
    description: str
    tracking: Tracking
    uom: str = "ea"
    gtin: str | None = None
    shelf_life_days: int | None = None
    supplier_parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class BomLine:
    parent: str
    child: str
    qty: Decimal
    operation: str


@dataclass(frozen=True)
class Operation:
    code: str
    name: str
    kind: OperationKind
    pack_qty: int | None = None
    # Work instructions for the operator at this operation: text, and an image file's path.
    instructions: str | None = None
    instructions_image: str | None = None


@dataclass(frozen=True)
class Routing:
    part: str
    operations: tuple[Operation, ...]

    def operation(self, code: str) -> Operation | None:
        return next((op for op in self.operations if op.code == code), None)

    @property
    def first(self) -> Operation:
        return self.operations[0]

    @property
    def last(self) -> Operation:
        return self.operations[-1]

    def next_after(self, code: str | None) -> Operation | None:
        """The operation that follows `code` (the first one when `code` is None)."""
        if code is None:
            return self.operations[0] if self.operations else None
        codes = [op.code for op in self.operations]
        if code not in codes:
            return None
        index = codes.index(code) + 1
        return self.operations[index] if index < len(self.operations) else None

    def is_before(self, code: str, other: str) -> bool:
        codes = [op.code for op in self.operations]
        return codes.index(code) < codes.index(other)

    def is_last(self, code: str | None) -> bool:
        return bool(self.operations) and code == self.last.code

    def checks_after(self, code: str) -> bool:
        """Whether a test or an inspection follows `code`: work redone at `code` is checked."""
        codes = [op.code for op in self.operations]
        later = self.operations[codes.index(code) + 1 :] if code in codes else ()
        return any(op.kind in (OperationKind.TEST, OperationKind.INSPECT) for op in later)


@dataclass(frozen=True)
class WorkOrder:
    number: str
    part: str
    quantity: int
    status: WorkOrderStatus = WorkOrderStatus.RELEASED


@dataclass(frozen=True)
class Operator:
    badge: str
    name: str
    role: Role
    pin_hash: str | None = None

    @property
    def is_lead(self) -> bool:
        return self.role is Role.LEAD


@dataclass(frozen=True)
class Lot:
    part: str
    code: str
    quantity: Decimal
    status: LotStatus = LotStatus.RELEASED
    expiry: date | None = None
    supplier: str | None = None
    status_reason: str | None = None
    status_since: datetime | None = None

    @property
    def label(self) -> str:
        return f"{self.part}/{self.code}"

    def is_expired(self, today: date) -> bool:
        return self.expiry is not None and self.expiry < today


@dataclass(frozen=True)
class Unit:
    part: str
    serial: str
    work_order: str
    status: UnitStatus = UnitStatus.IN_PROCESS
    last_operation: str | None = None
    container: str | None = None

    @property
    def label(self) -> str:
        return f"{self.part}/{self.serial}"


@dataclass(frozen=True)
class InstalledChild:
    """An active genealogy link of a parent unit: a child serial, or a quantity of a child lot."""

    link_id: int
    part: str
    serial: str | None
    lot: str | None
    qty: Decimal
    operation: str
    installed_event: str

    @property
    def label(self) -> str:
        return f"{self.part}/{self.serial or self.lot}"


@dataclass(frozen=True)
class Container:
    sscc: str
    work_order: str
    part: str
    capacity: int | None
    units: tuple[str, ...] = field(default_factory=tuple)
    closed: bool = False


@dataclass(frozen=True)
class Defect:
    """A defect of the plant's catalogue (master data): scanned as `DEF:<code>` from a
    defect-code sheet when a test fails or a part is taken out in rework."""

    code: str
    description: str
    category: str | None = None


@dataclass(frozen=True)
class Nonconformance:
    """A nonconformance on record: on a unit (`subject` its serial) or a lot (its code)."""

    number: str
    subject_kind: str
    part: str
    subject: str
    defect_code: str
    description: str
    disposition: str
    status: str = "open"

    @property
    def label(self) -> str:
        return f"{self.part}/{self.subject}"
