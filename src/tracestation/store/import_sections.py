"""Writing validated master data, one chunk of one section inside a transaction the caller owns.

Each writer reads the records as they are in that transaction, writes what differs and returns
what it changed as `(key, before, after)`, the records shaped as `MasterDataChanged` describes
them. What the database already holds is read here too (`read_known`), for the validation.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from tracestation.domain.masterdata import Known, KnownWorkOrder, LotRecord, OperatorRecord
from tracestation.domain.model import (
    BomLine,
    Defect,
    LotStatus,
    Operation,
    OperationKind,
    Part,
    Routing,
    Tracking,
    WorkOrder,
)
from tracestation.store.tables import (
    BomLineRow,
    DefectRow,
    LotRow,
    OperationRow,
    OperatorRow,
    PartRow,
    SupplierPartRow,
    UnitRow,
    WorkOrderRow,
    table_of,
)

PARTS = table_of(PartRow)
SUPPLIER_PARTS = table_of(SupplierPartRow)
OPERATIONS = table_of(OperationRow)
BOM = table_of(BomLineRow)
WORK_ORDERS = table_of(WorkOrderRow)
OPERATORS = table_of(OperatorRow)
LOTS = table_of(LotRow)
UNITS = table_of(UnitRow)
DEFECTS = table_of(DefectRow)

Record = dict[str, Any]
Change = tuple[str, Record | None, Record]


class Changes:
    """What a chunk changed, by key: the first `before` and the last `after` of each record."""

    def __init__(self) -> None:
        self._by_key: dict[str, tuple[Record | None, Record]] = {}

    def note(self, key: str, before: Record | None, after: Record) -> None:
        first = self._by_key.get(key, (before, after))[0]
        self._by_key[key] = (first, after)

    def listed(self) -> list[Change]:
        return [(k, b, a) for k, (b, a) in self._by_key.items() if b != a]


def read_known(c: Connection) -> Known:
    parts: dict[str, Tracking] = {}
    gtins: dict[str, str] = {}
    for number, tracking, gtin in c.execute(select(PARTS.c.number, PARTS.c.tracking, PARTS.c.gtin)):
        parts[number] = Tracking(tracking)
        if gtin:
            gtins[gtin] = number
    routings: dict[str, list[Operation]] = {}
    for row in c.execute(select(OPERATIONS).order_by(OPERATIONS.c.part, OPERATIONS.c.position)):
        operation = Operation(
            row.code,
            row.name,
            OperationKind(row.kind),
            row.pack_qty,
            row.instructions,
            row.instructions_image,
        )
        routings.setdefault(row.part, []).append(operation)
    boms: dict[str, set[str]] = {}
    for parent, child in c.execute(select(BOM.c.parent, BOM.c.child)):
        boms.setdefault(parent, set()).add(child)
    registered: dict[str, int] = dict(
        c.execute(select(UNITS.c.work_order, func.count()).group_by(UNITS.c.work_order)).all()
    )
    return Known(
        parts=parts,
        routings={part: tuple(ops) for part, ops in routings.items()},
        gtins=gtins,
        supplier_parts=dict(
            c.execute(select(SUPPLIER_PARTS.c.supplier_part, SUPPLIER_PARTS.c.part)).all()
        ),
        boms={parent: frozenset(children) for parent, children in boms.items()},
        work_orders={
            number: KnownWorkOrder(part, int(registered.get(number, 0)))
            for number, part in c.execute(select(WORK_ORDERS.c.number, WORK_ORDERS.c.part))
        },
    )


# --- parts ---------------------------------------------------------------------------------


def write_parts(c: Connection, parts: Sequence[Part]) -> list[Change]:
    changes = Changes()
    for part in parts:
        if part.gtin is not None:
            _take_gtin(c, part.gtin, part.number, changes)
        _take_supplier_parts(c, part, changes)
        before = _read_part(c, part.number)
        after = {
            "number": part.number,
            "description": part.description,
            "tracking": part.tracking.value,
            "uom": part.uom,
            "gtin": part.gtin,
            "shelf_life_days": part.shelf_life_days,
            "supplier_parts": sorted(part.supplier_parts),
        }
        if before != after:
            _write_part(c, before, after)
            changes.note(part.number, before, after)
    return changes.listed()


def _read_part(c: Connection, number: str) -> Record | None:
    row = c.execute(select(PARTS).where(PARTS.c.number == number)).first()
    if row is None:
        return None
    names = select(SUPPLIER_PARTS.c.supplier_part).where(SUPPLIER_PARTS.c.part == number)
    return {
        "number": row.number,
        "description": row.description,
        "tracking": row.tracking,
        "uom": row.uom,
        "gtin": row.gtin,
        "shelf_life_days": row.shelf_life_days,
        "supplier_parts": sorted(c.scalars(names)),
    }


def _take_gtin(c: Connection, gtin: str, number: str, changes: Changes) -> None:
    """The part holding `gtin` gives it up (the validation saw the file give it another)."""
    holder = c.scalar(select(PARTS.c.number).where(PARTS.c.gtin == gtin, PARTS.c.number != number))
    before = _read_part(c, holder) if holder is not None else None
    if holder is None or before is None:
        return
    c.execute(update(PARTS).where(PARTS.c.number == holder).values(gtin=None))
    changes.note(holder, before, {**before, "gtin": None})


def _take_supplier_parts(c: Connection, part: Part, changes: Changes) -> None:
    if not part.supplier_parts:
        return
    taken = SUPPLIER_PARTS.c.supplier_part.in_(part.supplier_parts)
    holders = c.scalars(
        select(SUPPLIER_PARTS.c.part).where(taken, SUPPLIER_PARTS.c.part != part.number).distinct()
    ).all()
    for holder in sorted(holders):
        before = _read_part(c, holder)
        c.execute(delete(SUPPLIER_PARTS).where(SUPPLIER_PARTS.c.part == holder, taken))
        after = _read_part(c, holder)
        if before is not None and after is not None:
            changes.note(holder, before, after)


def _write_part(c: Connection, before: Record | None, after: Record) -> None:
    number = after["number"]
    values = {k: after[k] for k in ("description", "tracking", "uom", "gtin", "shelf_life_days")}
    if before is None:
        c.execute(insert(PARTS).values(number=number, **values))
    else:
        c.execute(update(PARTS).where(PARTS.c.number == number).values(**values))
    have = set(before["supplier_parts"]) if before else set()
    wanted = set(after["supplier_parts"])
    if have - wanted:
        c.execute(
            delete(SUPPLIER_PARTS).where(
                SUPPLIER_PARTS.c.part == number,
                SUPPLIER_PARTS.c.supplier_part.in_(sorted(have - wanted)),
            )
        )
    if wanted - have:
        rows = [{"supplier_part": sp, "part": number} for sp in sorted(wanted - have)]
        c.execute(insert(SUPPLIER_PARTS), rows)


# --- routings and BOMs -----------------------------------------------------------------------


def write_routings(c: Connection, routings: Sequence[Routing]) -> list[Change]:
    changes = Changes()
    for routing in routings:
        rows = c.execute(
            select(OPERATIONS)
            .where(OPERATIONS.c.part == routing.part)
            .order_by(OPERATIONS.c.position)
        ).all()
        before = _routing(
            routing.part,
            [
                (r.code, r.name, r.kind, r.pack_qty, r.instructions, r.instructions_image)
                for r in rows
            ],
        )
        wanted = [
            (op.code, op.name, op.kind.value, op.pack_qty, op.instructions, op.instructions_image)
            for op in routing.operations
        ]
        after = _routing(routing.part, wanted)
        if before == after or after is None:
            continue
        c.execute(delete(OPERATIONS).where(OPERATIONS.c.part == routing.part))
        c.execute(
            insert(OPERATIONS),
            [
                {
                    "part": routing.part,
                    "position": i,
                    "instructions": None,
                    "instructions_image": None,
                    **op,
                }
                for i, op in enumerate(after["operations"])
            ],
        )
        changes.note(routing.part, before, after)
    return changes.listed()


OperationFields = tuple[str, str, str, int | None, str | None, str | None]


def _routing(part: str, operations: list[OperationFields]) -> Record | None:
    if not operations:
        return None
    return {"part": part, "operations": [_operation(*fields) for fields in operations]}


def _operation(
    code: str,
    name: str,
    kind: str,
    pack_qty: int | None,
    instructions: str | None,
    image: str | None,
) -> Record:
    """An operation as its row and its record in master_data_changed: work instructions only
    when it has them, so a routing without them reads as it always did."""
    record: Record = {"code": code, "name": name, "kind": kind, "pack_qty": pack_qty}
    if instructions is not None:
        record["instructions"] = instructions
    if image is not None:
        record["instructions_image"] = image
    return record


def write_boms(c: Connection, boms: Sequence[tuple[str, list[BomLine]]]) -> list[Change]:
    changes = Changes()
    for parent, lines in boms:
        rows = c.execute(select(BOM).where(BOM.c.parent == parent)).all()
        before = _bom(parent, [(r.child, Decimal(r.qty), r.operation) for r in rows])
        after = _bom(parent, [(ln.child, ln.qty, ln.operation) for ln in lines])
        if before == after:
            continue
        c.execute(delete(BOM).where(BOM.c.parent == parent))
        if lines:
            c.execute(
                insert(BOM),
                [
                    {"parent": parent, "child": ln.child, "qty": ln.qty, "operation": ln.operation}
                    for ln in lines
                ],
            )
        changes.note(parent, before, after or {"parent": parent, "lines": []})
    return changes.listed()


def _bom(parent: str, lines: list[tuple[str, Decimal, str]]) -> Record | None:
    if not lines:
        return None
    ordered = sorted(lines, key=lambda line: (line[2], line[0]))
    return {
        "parent": parent,
        "lines": [
            {"part": child, "qty": decimal_text(qty), "operation": operation}
            for child, qty, operation in ordered
        ],
    }


def decimal_text(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


# --- work orders, operators, lots ------------------------------------------------------------


def write_work_orders(c: Connection, work_orders: Sequence[WorkOrder]) -> list[Change]:
    changes = Changes()
    for wo in work_orders:
        row = c.execute(select(WORK_ORDERS).where(WORK_ORDERS.c.number == wo.number)).first()
        if row is None:
            after = {"number": wo.number, "part": wo.part, "quantity": wo.quantity}
            c.execute(insert(WORK_ORDERS).values(**after, status="released"))
            changes.note(wo.number, None, {**after, "status": "released"})
            continue
        # The validation kept a work order's part; only its quantity changes.
        before = {
            "number": row.number,
            "part": row.part,
            "quantity": row.quantity,
            "status": row.status,
        }
        if row.quantity != wo.quantity:
            c.execute(
                update(WORK_ORDERS)
                .where(WORK_ORDERS.c.number == wo.number)
                .values(quantity=wo.quantity)
            )
            changes.note(wo.number, before, {**before, "quantity": wo.quantity})
    return changes.listed()


def write_operators(
    c: Connection, operators: Sequence[tuple[OperatorRecord, str | None]]
) -> list[Change]:
    """`operators` with the PIN hash each is to have (hashed before the transaction: argon2 is
    slow on purpose)."""
    changes = Changes()
    for op, pin_hash in operators:
        row = c.execute(select(OPERATORS).where(OPERATORS.c.badge == op.badge)).first()
        after = {"badge": op.badge, "name": op.name, "role": op.role.value, "pin_hash": pin_hash}
        if row is None:
            c.execute(insert(OPERATORS).values(**after))
            changes.note(op.badge, None, after)
            continue
        before = {"badge": row.badge, "name": row.name, "role": row.role, "pin_hash": row.pin_hash}
        if before != after:
            values = {k: v for k, v in after.items() if k != "badge"}
            c.execute(update(OPERATORS).where(OPERATORS.c.badge == op.badge).values(**values))
            changes.note(op.badge, before, after)
    return changes.listed()


def read_pin_hashes(c: Connection, badges: Sequence[str]) -> dict[str, str | None]:
    rows = c.execute(
        select(OPERATORS.c.badge, OPERATORS.c.pin_hash).where(OPERATORS.c.badge.in_(badges))
    )
    return {badge: pin_hash for badge, pin_hash in rows}


def write_lots(c: Connection, lots: Sequence[LotRecord], now: datetime) -> list[Change]:
    """Creates the lots not on record yet; a lot on record is left as it is (its quantity and
    status are the station's events' since it was received)."""
    codes = sorted({lot.code for lot in lots})
    same_codes = c.execute(select(LOTS.c.part, LOTS.c.code).where(LOTS.c.code.in_(codes)))
    on_record = {(part, code) for part, code in same_codes}
    new = [lot for lot in lots if (lot.part, lot.code) not in on_record]
    if not new:
        return []
    rows = [_lot_row(lot, now) for lot in new]
    c.execute(insert(LOTS), rows)
    return [(f"{lot.part}/{lot.code}", None, lot_record(lot)) for lot in new]


def lot_record(lot: LotRecord) -> Record:
    held = lot.status is not LotStatus.RELEASED
    return {
        "part": lot.part,
        "lot": lot.code,
        "quantity": decimal_text(lot.quantity),
        "expiry": lot.expiry.isoformat() if lot.expiry else None,
        "supplier": lot.supplier,
        "status": lot.status.value,
        "status_reason": f"{lot.status.value} in the master data" if held else None,
    }


def _lot_row(lot: LotRecord, now: datetime) -> Record:
    record = lot_record(lot)
    return {
        "part": lot.part,
        "code": lot.code,
        "quantity": lot.quantity,
        "expiry": lot.expiry,
        "supplier": lot.supplier,
        "status": record["status"],
        "status_reason": record["status_reason"],
        "status_since": now if record["status_reason"] else None,
    }


# --- defects -------------------------------------------------------------------------------


def write_defects(c: Connection, defects: Sequence[Defect]) -> list[Change]:
    """The defect catalogue: a code is created or its description and category changed."""
    changes = Changes()
    for defect in defects:
        row = c.execute(select(DEFECTS).where(DEFECTS.c.code == defect.code)).first()
        after = defect_record(defect)
        if row is None:
            c.execute(insert(DEFECTS).values(**after))
            changes.note(defect.code, None, after)
            continue
        before = {"code": row.code, "description": row.description, "category": row.category}
        if before != after:
            values = {k: v for k, v in after.items() if k != "code"}
            c.execute(update(DEFECTS).where(DEFECTS.c.code == defect.code).values(**values))
            changes.note(defect.code, before, after)
    return changes.listed()


def defect_record(defect: Defect) -> Record:
    return {"code": defect.code, "description": defect.description, "category": defect.category}
