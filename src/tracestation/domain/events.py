"""Domain events: every change to the plant's record, past tense, immutable.

The station core decides which events a scan causes; the store appends them to the station's
hash-chained journal and updates the projections in the same transaction.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar


@dataclass(frozen=True)
class DomainEvent:
    kind: ClassVar[str] = "event"

    def payload(self) -> dict[str, Any]:
        return {k: _plain(v) for k, v in dataclasses.asdict(self).items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class MasterDataChanged(DomainEvent):
    """An import (`tracestation import`, the window's demo plant) changed master data: the
    records of one `section` it changed, each {"before": record or null, "after": record}.
    An import writes in transactions of up to 500 records, each with one such event for what
    it wrote (`chunk`: 1, 2, ... within the import `import_id`, from the file `source`), so
    the journal and the tables agree even when an import stops half-way. An import that
    changes nothing writes no event. Imports never delete a record; "before" null means the
    record was created. A record that gave up its GTIN or a supplier part number to another
    part of the file appears with its own before and after.

    The records, by section (as the tables hold them, plain JSON):
    - parts: {"number", "description", "tracking", "uom", "gtin" (14 digits or null),
      "shelf_life_days" (whole number or null), "supplier_parts" (sorted list)}
    - routings: {"part", "operations": [{"code", "name", "kind", "pack_qty"}, ...]} in order
    - boms: {"parent", "lines": [{"part", "qty" (decimal text), "operation"}, ...]}, lines
      sorted by operation, then part
    - work_orders: {"number", "part", "quantity", "status"}
    - operators: {"badge", "name", "role", "pin_hash"}: the salted argon2 hash, never a PIN
    - lots: {"part", "lot", "quantity" (decimal text), "expiry" (YYYY-MM-DD or null),
      "supplier", "status", "status_reason"}, created only ("before" null: a lot on record
      is changed by the station's own events, never by an import); a lot imported not
      released has the event's time as its `status_since`.

    The importer writes the tables itself, in the event's transaction; its projection does
    nothing."""

    kind: ClassVar[str] = "master_data_changed"
    section: str
    changes: tuple[dict[str, Any], ...]
    import_id: str
    chunk: int
    source: str = ""

    def payload(self) -> dict[str, Any]:
        # The records are plain JSON already: no deep copy of hundreds of them (`asdict`)
        # while the import holds the write lock.
        return {
            "section": self.section,
            "changes": list(self.changes),
            "import_id": self.import_id,
            "chunk": self.chunk,
            "source": self.source,
        }


@dataclass(frozen=True)
class OperatorLoggedIn(DomainEvent):
    kind: ClassVar[str] = "operator_logged_in"
    badge: str


@dataclass(frozen=True)
class OperatorLoggedOut(DomainEvent):
    kind: ClassVar[str] = "operator_logged_out"
    badge: str


@dataclass(frozen=True)
class UnitRegistered(DomainEvent):
    kind: ClassVar[str] = "unit_registered"
    part: str
    serial: str
    work_order: str
    operation: str


@dataclass(frozen=True)
class OperationCompleted(DomainEvent):
    """`finishes`: this was the last step of the unit's routing (the station core knows the
    routing, the projections need not), so the unit is finished and may go into a parent."""

    kind: ClassVar[str] = "operation_completed"
    part: str
    serial: str
    work_order: str
    operation: str
    rework: bool = False
    finishes: bool = False


@dataclass(frozen=True)
class ChildUnitInstalled(DomainEvent):
    kind: ClassVar[str] = "child_unit_installed"
    parent_part: str
    parent_serial: str
    child_part: str
    child_serial: str
    work_order: str
    operation: str


@dataclass(frozen=True)
class LotInstalled(DomainEvent):
    kind: ClassVar[str] = "lot_installed"
    parent_part: str
    parent_serial: str
    part: str
    lot: str
    qty: Decimal
    work_order: str
    operation: str


@dataclass(frozen=True)
class ChildRemoved(DomainEvent):
    """A child taken out of a unit in rework. The link stays, marked removed by this event."""

    kind: ClassVar[str] = "child_removed"
    parent_part: str
    parent_serial: str
    installed_event: str
    child_part: str
    child_serial: str | None
    lot: str | None
    qty: Decimal
    operation: str


@dataclass(frozen=True)
class LotConsumed(DomainEvent):
    kind: ClassVar[str] = "lot_consumed"
    work_order: str
    part: str
    lot: str
    qty: Decimal
    operation: str


@dataclass(frozen=True)
class TestRecorded(DomainEvent):
    kind: ClassVar[str] = "test_recorded"
    part: str
    serial: str
    work_order: str
    operation: str
    test: str
    passed: bool


@dataclass(frozen=True)
class TesterResultRecorded(DomainEvent):
    """An automatic tester's result for a unit, imported from its result file (`source`, the
    file's name; `content_hash`, SHA-256 of its bytes: a file imported again adds nothing).
    `measurements`: each {"name", "value" (decimal text), "unit", "low", "high" (decimal text
    or null), "passed"}; `tested_at`: when the tester says it tested (ISO 8601) or null.
    Projected as `TestRecorded` is, with the measurements: a failed result sends the unit to
    rework."""

    kind: ClassVar[str] = "tester_result_recorded"
    part: str
    serial: str
    work_order: str
    operation: str
    test: str
    passed: bool
    measurements: tuple[dict[str, Any], ...]
    tested_at: str | None
    source: str
    content_hash: str


@dataclass(frozen=True)
class DefectRecorded(DomainEvent):
    """A defect code (from the catalogue in master data) given to what went wrong with a unit:
    `source` "test", its last failed test at `operation`; "removal", the part taken out of it in
    rework (`reference`: the event that had installed that part)."""

    kind: ClassVar[str] = "defect_recorded"
    part: str
    serial: str
    work_order: str
    operation: str
    defect_code: str
    source: str
    reference: str | None = None


@dataclass(frozen=True)
class ContainerOpened(DomainEvent):
    kind: ClassVar[str] = "container_opened"
    sscc: str
    work_order: str
    part: str
    capacity: int | None


@dataclass(frozen=True)
class UnitPacked(DomainEvent):
    kind: ClassVar[str] = "unit_packed"
    sscc: str
    part: str
    serial: str
    work_order: str
    operation: str


@dataclass(frozen=True)
class ContainerClosed(DomainEvent):
    kind: ClassVar[str] = "container_closed"
    sscc: str
    count: int


@dataclass(frozen=True)
class DeviationRecorded(DomainEvent):
    """A lead waived a rule for one action: the signed permission that went with it."""

    kind: ClassVar[str] = "deviation_recorded"
    rule: str
    subject: str
    work_order: str | None
    reason: str
    lead: str


@dataclass(frozen=True)
class LotStatusChanged(DomainEvent):
    kind: ClassVar[str] = "lot_status_changed"
    part: str
    lot: str
    status: str
    previous: str
    reason: str


@dataclass(frozen=True)
class LotSplit(DomainEvent):
    kind: ClassVar[str] = "lot_split"
    part: str
    lot: str
    new_lot: str
    qty: Decimal


@dataclass(frozen=True)
class LotsMerged(DomainEvent):
    kind: ClassVar[str] = "lots_merged"
    part: str
    sources: tuple[str, ...]
    new_lot: str
    qty: Decimal
    # What each source gave, in the order of `sources` (empty in merges recorded before it
    # was kept): another station's replica records the lineage from it.
    source_quantities: tuple[Decimal, ...] = ()


@dataclass(frozen=True)
class NonconformanceOpened(DomainEvent):
    kind: ClassVar[str] = "nonconformance_opened"
    number: str
    subject_kind: str
    part: str
    subject: str
    defect_code: str
    description: str
    disposition: str


@dataclass(frozen=True)
class NonconformanceClosed(DomainEvent):
    """A lead closed a nonconformance: its disposition is carried out (`note` says how)."""

    kind: ClassVar[str] = "nonconformance_closed"
    number: str
    note: str


@dataclass(frozen=True)
class ConflictRaised(DomainEvent):
    """The centre took an event that broke a rule (it happened: it is never refused) and
    raised it for a lead, with a nonconformance against its subject."""

    kind: ClassVar[str] = "conflict_raised"
    conflict: str
    conflict_kind: str
    subject_kind: str
    part: str
    subject: str
    event_id: str
    other_event_id: str | None
    stations: tuple[str, ...]
    detail: str
    nonconformance: str


@dataclass(frozen=True)
class ConflictResolved(DomainEvent):
    """A lead's signed disposition of a conflict (the changes it makes are events of their own,
    recorded with it)."""

    kind: ClassVar[str] = "conflict_resolved"
    conflict: str
    resolution: str
    note: str
    # The links (by the event that installed them) the resolution takes out: the child was
    # never in those parents, so they are struck without sending the child to rework.
    removed_links: tuple[str, ...] = ()


# Lead PINs (tracestation.domain.pins): every try that is not accepted, every lock and unlock is
# on the record, with the lead's name at the time. The PIN itself never is.


@dataclass(frozen=True)
class PinRejected(DomainEvent):
    """A wrong PIN for a lead's badge. `failures`: wrong tries in a row now, `limit`: how many
    lock it; `during`: what the lead was signing. A try while the PIN is locked is not checked
    and not counted again (`while_locked`), but it is on the record."""

    kind: ClassVar[str] = "pin_rejected"
    badge: str
    name: str
    failures: int
    limit: int
    during: str
    while_locked: bool = False


@dataclass(frozen=True)
class PinLocked(DomainEvent):
    """The wrong try that reached the limit locked the PIN until `until` (ISO 8601, UTC)."""

    kind: ClassVar[str] = "pin_locked"
    badge: str
    name: str
    failures: int
    until: str


@dataclass(frozen=True)
class PinUnlocked(DomainEvent):
    """A lock ended: its time ran out (`cause` "lockout_expired", recorded at the next try), or
    another lead unlocked it (`cause` "lead", signed by that lead: `by`, `by_name`)."""

    kind: ClassVar[str] = "pin_unlocked"
    badge: str
    name: str
    cause: str
    by: str | None = None
    by_name: str | None = None


@dataclass(frozen=True)
class PinFailuresCleared(DomainEvent):
    """The right PIN after `failures` wrong ones: the count starts again."""

    kind: ClassVar[str] = "pin_failures_cleared"
    badge: str
    name: str
    failures: int


@dataclass(frozen=True)
class LabelReprinted(DomainEvent):
    """A lead reprinted a unit's (`label_kind` "unit", `subject` PART/SERIAL) or a carton's
    ("container", its SSCC) label; the label is kept as a print job until the printer took it."""

    kind: ClassVar[str] = "label_reprinted"
    label_kind: str
    subject: str


def event_from(kind: str, payload: dict[str, Any]) -> DomainEvent:
    """Rebuild a domain event from its journal kind and payload (keys the event does not have,
    such as a signature's meaning, are the journal's own and are left out)."""
    cls = _EVENT_CLASSES.get(kind)
    if cls is None:
        raise ValueError(f"unknown event kind {kind!r}")
    values: dict[str, Any] = {}
    for name, has_default, decimal in _fields_of(cls):
        if has_default and name not in payload:
            continue  # written before the field existed: it had the default's meaning
        value = payload.get(name)
        if value is not None and decimal:
            value = Decimal(str(value))
        elif isinstance(value, list):
            value = tuple(value)
        values[name] = value
    event: DomainEvent = cls(**values)
    return event


def _fields_of(cls: type[DomainEvent]) -> tuple[tuple[str, bool, bool], ...]:
    """Each field of an event class: its name, whether it has a default, whether it is a
    Decimal. Worked out once per class: resolving the types is most of the cost of
    `event_from`, which the centre calls for every event it takes."""
    found = _FIELDS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _FIELDS[cls] = tuple(
            (
                f.name,
                f.default is not dataclasses.MISSING,
                hints[f.name] is Decimal,
            )
            for f in dataclasses.fields(cls)
        )
    return found


_FIELDS: dict[type[DomainEvent], tuple[tuple[str, bool, bool], ...]] = {}


def _subclasses(base: type[DomainEvent]) -> list[type[DomainEvent]]:
    found = []
    for sub in base.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


_EVENT_CLASSES: dict[str, type[DomainEvent]] = {cls.kind: cls for cls in _subclasses(DomainEvent)}
