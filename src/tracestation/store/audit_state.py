"""The state tables as plain rows keyed by what they mean, and the differences between two
databases' state.

Rows are keyed by natural keys (a unit by part/serial, a genealogy link by the event that
installed it, a test record by its event), never by autoincrement ids, so a database rebuilt from
the journal compares with the live one; values are plain (text, numbers as normalised decimal
text, times as UTC ISO text), so a SQLite file compares with PostgreSQL and with a checkpoint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, Select, select

from tracestation.store.tables import (
    Base,
    BomLineRow,
    ConflictRow,
    ConsumptionRow,
    ContainerRow,
    DefectRecordRow,
    DefectRow,
    DeviationRow,
    GenealogyLinkRow,
    LotDispositionRow,
    LotLineageRow,
    LotRow,
    MeasurementRow,
    NonconformanceRow,
    OperationRow,
    OperatorRow,
    PartRow,
    SupplierPartRow,
    TestRecordRow,
    UnitRow,
    WorkOrderRow,
    table_of,
)

Fields = dict[str, Any]
Rows = dict[str, Fields]
State = dict[str, Rows]

UNITS = table_of(UnitRow)
LOTS = table_of(LotRow)
LINKS = table_of(GenealogyLinkRow)
LINEAGE = table_of(LotLineageRow)
DISPOSITIONS = table_of(LotDispositionRow)
CONSUMPTIONS = table_of(ConsumptionRow)
TESTS = table_of(TestRecordRow)
MEASUREMENTS = table_of(MeasurementRow)
CONTAINERS = table_of(ContainerRow)
NONCONFORMANCES = table_of(NonconformanceRow)
DEVIATIONS = table_of(DeviationRow)
CONFLICTS = table_of(ConflictRow)
PARTS = table_of(PartRow)
SUPPLIER_PARTS = table_of(SupplierPartRow)
ROUTINGS = table_of(OperationRow)
BOMS = table_of(BomLineRow)
WORK_ORDERS = table_of(WorkOrderRow)
OPERATORS = table_of(OperatorRow)
DEFECTS = table_of(DefectRow)
DEFECT_RECORDS = table_of(DefectRecordRow)

# What the events make, in the order a report lists them.
PROJECTED = (
    "unit",
    "link",
    "lot",
    "lot_lineage",
    "lot_disposition",
    "consumption",
    "test_record",
    "measurement",
    "container",
    "nonconformance",
    "deviation",
    "conflict",
    "defect_record",
) + (("pin_state",) if "pin_states" in Base.metadata.tables else ())
MASTER = (
    "part",
    "supplier_part",
    "routing_operation",
    "bom_line",
    "work_order",
    "operator",
    "defect",
)
LOT_FIELDS = ("quantity", "status", "status_reason", "expiry", "supplier")

_QUANTUM = Decimal("0.000001")


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """One consistent read of a database (PostgreSQL: one snapshot for every query)."""
    with engine.connect() as c:
        if c.dialect.name == "postgresql":
            c = c.execution_options(isolation_level="REPEATABLE READ")
        with c.begin():
            yield c


def plain(value: Any) -> Any:
    """A value as the same plain text or number whichever database it came from."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            return str(value)
        return format(value.quantize(_QUANTUM).normalize(), "f")
    if isinstance(value, datetime):
        moment = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return moment.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def pin_digest(pin_hash: str | None) -> str | None:
    """A PIN hash stands for itself in reports and checkpoints only by a digest of it."""
    if pin_hash is None:
        return None
    return "sha256:" + hashlib.sha256(pin_hash.encode("utf-8")).hexdigest()[:24]


def _unit_name(part: str | None, serial: str | None) -> str | None:
    return None if part is None else f"{part}/{serial}"


def _lot_name(part: str | None, code: str | None) -> str | None:
    return None if part is None else f"lot {part}/{code}"


def _keyed(rows: Iterable[tuple[str, Fields]]) -> Rows:
    """Rows by key; a key seen again (a row copied by hand) is kept apart, numbered."""
    found: Rows = {}
    for key, fields in rows:
        name, n = key, 1
        while name in found:
            n += 1
            name = f"{key} #{n}"
        found[name] = {k: plain(v) for k, v in fields.items()}
    return found


def _units(c: Connection) -> Rows:
    return _keyed(
        (
            f"{r.part}/{r.serial}",
            {
                "work_order": r.work_order,
                "status": r.status,
                "last_operation": r.last_operation,
                "container": r.container,
                "registered_at": r.registered_at,
            },
        )
        for r in c.execute(select(UNITS))
    )


def _links(c: Connection) -> Rows:
    parent, child, lot = UNITS.alias("parent"), UNITS.alias("child"), LOTS.alias("lot")
    query = select(
        LINKS,
        parent.c.part.label("parent_part"),
        parent.c.serial.label("parent_serial"),
        child.c.part.label("child_part"),
        child.c.serial.label("child_serial"),
        lot.c.part.label("lot_part"),
        lot.c.code.label("lot_code"),
    ).select_from(
        LINKS.outerjoin(parent, parent.c.id == LINKS.c.parent_unit_id)
        .outerjoin(child, child.c.id == LINKS.c.child_unit_id)
        .outerjoin(lot, lot.c.id == LINKS.c.child_lot_id)
    )
    return _keyed(
        (
            r.installed_event,
            {
                "parent": _unit_name(r.parent_part, r.parent_serial),
                "child": _unit_name(r.child_part, r.child_serial)
                or _lot_name(r.lot_part, r.lot_code),
                "qty": r.qty,
                "operation": r.operation,
                "installed_at": r.installed_at,
                "removed_event": r.removed_event,
                "removed_at": r.removed_at,
                "contested": r.contested_by is not None,
            },
        )
        for r in c.execute(query)
    )


def _lots(c: Connection) -> Rows:
    return _keyed(
        (f"{r.part}/{r.code}", {name: getattr(r, name) for name in LOT_FIELDS})
        for r in c.execute(select(LOTS))
    )


def _with_lot(query: Select[Any], lot_id: Any) -> Select[Any]:
    lot = LOTS.alias("lot_named")
    return query.add_columns(lot.c.part.label("lot_part"), lot.c.code.label("lot_code")).outerjoin(
        lot, lot.c.id == lot_id
    )


def _lineage(c: Connection) -> Rows:
    source, result = LOTS.alias("source"), LOTS.alias("result")
    query = select(
        LINEAGE,
        source.c.part.label("s_part"),
        source.c.code.label("s_code"),
        result.c.part.label("r_part"),
        result.c.code.label("r_code"),
    ).select_from(
        LINEAGE.outerjoin(source, source.c.id == LINEAGE.c.source_lot_id).outerjoin(
            result, result.c.id == LINEAGE.c.result_lot_id
        )
    )
    return _keyed(
        (
            f"{r.event_id} {r.s_part}/{r.s_code} -> {r.r_part}/{r.r_code}",
            {"kind": r.kind, "qty": r.qty},
        )
        for r in c.execute(query)
    )


def _dispositions(c: Connection) -> Rows:
    query = _with_lot(select(DISPOSITIONS), DISPOSITIONS.c.lot_id)
    return _keyed(
        (
            r.event_id,
            {
                "lot": _lot_name(r.lot_part, r.lot_code),
                "status": r.status,
                "previous": r.previous,
                "reason": r.reason,
                "signed_by": r.signed_by,
                "time": r.time,
            },
        )
        for r in c.execute(query)
    )


def _consumptions(c: Connection) -> Rows:
    query = _with_lot(select(CONSUMPTIONS), CONSUMPTIONS.c.lot_id)
    return _keyed(
        (
            r.event_id,
            {
                "lot": _lot_name(r.lot_part, r.lot_code),
                "work_order": r.work_order,
                "qty": r.qty,
                "operation": r.operation,
                "source": r.source,
            },
        )
        for r in c.execute(query)
    )


def _tests(c: Connection) -> Rows:
    unit = UNITS.alias("tested")
    query = select(
        TESTS, unit.c.part.label("unit_part"), unit.c.serial.label("unit_serial")
    ).outerjoin(unit, unit.c.id == TESTS.c.unit_id)
    return _keyed(
        (
            r.event_id,
            {
                "unit": _unit_name(r.unit_part, r.unit_serial),
                "test": r.test,
                "operation": r.operation,
                "passed": r.passed,
                "station": r.station,
                "operator": r.operator,
                "time": r.time,
                "attachment_hash": r.attachment_hash,
                "source": r.source,
                "tested_at": r.tested_at,
            },
        )
        for r in c.execute(query)
    )


def _measurements(c: Connection) -> Rows:
    query = select(MEASUREMENTS, TESTS.c.event_id).outerjoin(
        TESTS, TESTS.c.id == MEASUREMENTS.c.test_record_id
    )
    return _keyed(
        (
            f"{r.event_id} {r.name}",
            {"value": r.value, "unit": r.unit, "low": r.low, "high": r.high, "passed": r.passed},
        )
        for r in c.execute(query)
    )


def _by_column(c: Connection, table: Any, key: str, skip: tuple[str, ...] = ()) -> Rows:
    return _keyed(
        (
            str(r._mapping[key]),
            {k: v for k, v in r._mapping.items() if k != key and k not in skip},
        )
        for r in c.execute(select(table))
    )


def _defect_records(c: Connection) -> Rows:
    unit = UNITS.alias("defective")
    tested = TESTS.alias("explained")
    query = (
        select(
            DEFECT_RECORDS,
            unit.c.part.label("unit_part"),
            unit.c.serial.label("unit_serial"),
            tested.c.event_id.label("test_event"),
        )
        .outerjoin(unit, unit.c.id == DEFECT_RECORDS.c.unit_id)
        .outerjoin(tested, tested.c.id == DEFECT_RECORDS.c.test_record_id)
    )
    return _keyed(
        (
            r.event_id,
            {
                "unit": _unit_name(r.unit_part, r.unit_serial),
                "work_order": r.work_order,
                "operation": r.operation,
                "defect_code": r.defect_code,
                "source": r.source,
                "test_event": r.test_event,
                "reference": r.reference,
                "station": r.station,
                "operator": r.operator,
                "time": r.time,
            },
        )
        for r in c.execute(query)
    )


def _defects(c: Connection) -> Rows:
    return _by_column(c, DEFECTS, "code")


def _containers(c: Connection) -> Rows:
    return _by_column(c, CONTAINERS, "sscc")


def _nonconformances(c: Connection) -> Rows:
    return _by_column(c, NONCONFORMANCES, "number")


def _deviations(c: Connection) -> Rows:
    return _by_column(c, DEVIATIONS, "event_id", skip=("id",))


def _conflicts(c: Connection) -> Rows:
    return _by_column(c, CONFLICTS, "id")


def _pin_states(c: Connection) -> Rows:
    return _by_column(c, Base.metadata.tables["pin_states"], "badge")


def _parts(c: Connection) -> Rows:
    return _by_column(c, PARTS, "number")


def _supplier_parts(c: Connection) -> Rows:
    return _by_column(c, SUPPLIER_PARTS, "supplier_part")


def _routings(c: Connection) -> Rows:
    return _keyed(
        (
            f"{r.part}/{r.code}",
            {
                "position": r.position,
                "name": r.name,
                "kind": r.kind,
                "pack_qty": r.pack_qty,
                "instructions": r.instructions,
                "instructions_image": r.instructions_image,
            },
        )
        for r in c.execute(select(ROUTINGS))
    )


def _boms(c: Connection) -> Rows:
    return _keyed(
        (f"{r.parent} <- {r.child} at {r.operation}", {"qty": r.qty})
        for r in c.execute(select(BOMS))
    )


def _work_orders(c: Connection) -> Rows:
    return _by_column(c, WORK_ORDERS, "number")


def _operators(c: Connection) -> Rows:
    return _keyed(
        (r.badge, {"name": r.name, "role": r.role, "pin_hash": pin_digest(r.pin_hash)})
        for r in c.execute(select(OPERATORS))
    )


_READERS = {
    "unit": _units,
    "link": _links,
    "lot": _lots,
    "lot_lineage": _lineage,
    "lot_disposition": _dispositions,
    "consumption": _consumptions,
    "test_record": _tests,
    "measurement": _measurements,
    "container": _containers,
    "nonconformance": _nonconformances,
    "deviation": _deviations,
    "conflict": _conflicts,
    "pin_state": _pin_states,
    "part": _parts,
    "supplier_part": _supplier_parts,
    "routing_operation": _routings,
    "bom_line": _boms,
    "work_order": _work_orders,
    "operator": _operators,
    "defect_record": _defect_records,
    "defect": _defects,
}

_LABELS = {
    "unit": "unit",
    "link": "genealogy link installed by event",
    "lot": "lot",
    "lot_lineage": "lot lineage of event",
    "lot_disposition": "lot disposition of event",
    "consumption": "consumption of event",
    "test_record": "test record of event",
    "measurement": "measurement of event",
    "container": "container",
    "nonconformance": "nonconformance",
    "deviation": "deviation of event",
    "conflict": "conflict",
    "pin_state": "PIN state of badge",
    "part": "part",
    "supplier_part": "supplier part number",
    "routing_operation": "routing operation",
    "bom_line": "BOM line",
    "work_order": "work order",
    "operator": "operator",
    "defect_record": "defect record of event",
    "defect": "defect code",
}


def read_state(c: Connection, subjects: Iterable[str]) -> State:
    return {subject: _READERS[subject](c) for subject in subjects}


@dataclass(frozen=True)
class Difference:
    """One way the live database differs from what it should hold (`expected`, according to
    `source`: "journal" or "checkpoint"). `field` is None when the whole row is missing here
    (`live` None) or is here without a cause (`expected` None)."""

    subject: str
    key: str
    field: str | None
    live: Any
    expected: Any
    source: str
    context: str | None = None

    @property
    def problem(self) -> str:
        name = f"{_LABELS[self.subject]} {self.key}"
        if self.context:
            name += f" ({self.context})"
        by = "the journal's events make" if self.source == "journal" else "the checkpoint had"
        if self.field is None and self.live is None:
            return f"{name}: missing here; {by} it"
        if self.field is None:
            cause = (
                "no event in the journal makes it"
                if self.source == "journal"
                else ("the checkpoint did not have it")
            )
            return f"{name}: is here, but {cause}"
        return f"{name}: {self.field} is {_shown(self.live)} here; {by} {_shown(self.expected)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "key": self.key,
            "field": self.field,
            "live": self.live,
            "expected": self.expected,
            "source": self.source,
            "problem": self.problem,
        }


def _shown(value: Any) -> str:
    return "empty" if value is None else repr(value) if isinstance(value, str) else str(value)


def _context(subject: str, fields: Mapping[str, Any]) -> str | None:
    if subject == "link":
        return f"{fields.get('parent')} <- {fields.get('child')}"
    if subject in ("test_record",):
        return f"{fields.get('unit')}, {fields.get('test')}"
    if subject in ("consumption", "lot_disposition"):
        return str(fields.get("lot"))
    return None


def compare(
    live: State,
    expected: State,
    source: str,
    *,
    only: Mapping[str, set[str]] | None = None,
    ignore: Mapping[str, Iterable[str]] | None = None,
) -> list[Difference]:
    """Each difference of `live` from `expected`, subject by subject (those of `expected`).
    `only` restricts a subject to the keys named; `ignore` leaves fields of a subject out."""
    found: list[Difference] = []
    for subject, wanted in expected.items():
        have = live.get(subject, {})
        keys = set(wanted) | set(have)
        if only is not None and subject in only:
            keys &= only[subject]
        skipped = set((ignore or {}).get(subject, ()))
        for key in sorted(keys):
            mine, theirs = have.get(key), wanted.get(key)
            context = _context(subject, theirs or mine or {})
            if mine is None or theirs is None:
                found.append(Difference(subject, key, None, mine, theirs, source, context))
                continue
            for name in sorted(set(mine) | set(theirs)):
                if name in skipped or mine.get(name) == theirs.get(name):
                    continue
                found.append(
                    Difference(
                        subject, key, name, mine.get(name), theirs.get(name), source, context
                    )
                )
    return found
