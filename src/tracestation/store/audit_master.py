"""Master data rebuilt from the imports the journal records (`master_data_changed` events).

The importer writes the master-data tables itself and records what it changed as events, each
change a record's `before` and `after` (see `domain.events.MasterDataChanged`); the events'
projection does nothing. Here, in the audit's scratch database only, each `after` is written
as the importer wrote it, so master data and lot receipts come from the journal as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select, update

from tracestation.store.tables import (
    BomLineRow,
    DefectRow,
    LotRow,
    OperationRow,
    OperatorRow,
    PartRow,
    SupplierPartRow,
    WorkOrderRow,
    table_of,
)

MASTER_DATA_CHANGED = "master_data_changed"
PARTS = table_of(PartRow)
SUPPLIER_PARTS = table_of(SupplierPartRow)
OPERATIONS = table_of(OperationRow)
BOM = table_of(BomLineRow)
WORK_ORDERS = table_of(WorkOrderRow)
OPERATORS = table_of(OperatorRow)
LOTS = table_of(LotRow)
DEFECTS = table_of(DefectRow)

Record = dict[str, Any]


class UnreadableImport(ValueError):
    """A `master_data_changed` event this program cannot replay."""


def lots_created(payload: Any) -> set[tuple[str, str]]:
    """The lots an import event received."""
    if not isinstance(payload, dict) or payload.get("section") != "lots":
        return set()
    return {
        (str(after["part"]), str(after["lot"]))
        for after in _afters(payload)
        if "part" in after and "lot" in after
    }


def replay_import(c: Connection, payload: Any, time: datetime) -> None:
    """Write what one import event changed, as the importer did."""
    if not isinstance(payload, dict):
        raise UnreadableImport("its payload is not an object")
    writer = _SECTIONS.get(str(payload.get("section")))
    if writer is None:
        raise UnreadableImport(f"unknown section {payload.get('section')!r}")
    try:
        with c.begin_nested():
            writer(c, _afters(payload), time)
    except (KeyError, TypeError, ValueError, ArithmeticError) as error:
        raise UnreadableImport(f"{type(error).__name__}: {error}") from None


def _afters(payload: dict[str, Any]) -> list[Record]:
    changes = payload.get("changes")
    if not isinstance(changes, list | tuple):
        raise UnreadableImport("it has no list of changes")
    return [
        change["after"]
        for change in changes
        if isinstance(change, dict) and isinstance(change.get("after"), dict)
    ]


def _upsert(c: Connection, table: Any, key: Sequence[str], values: Record) -> None:
    match = and_(*(table.c[k] == values[k] for k in key))
    if c.execute(update(table).where(match).values(**values)).rowcount == 0:
        c.execute(insert(table).values(**values))


def _parts(c: Connection, afters: list[Record], time: datetime) -> None:
    numbers = [str(a["number"]) for a in afters]
    # A GTIN or a supplier part number may move between parts of one event: free them first.
    c.execute(update(PARTS).where(PARTS.c.number.in_(numbers)).values(gtin=None))
    c.execute(delete(SUPPLIER_PARTS).where(SUPPLIER_PARTS.c.part.in_(numbers)))
    for after in afters:
        values = {
            "number": after["number"],
            "description": after.get("description") or "",
            "tracking": after["tracking"],
            "uom": after.get("uom") or "ea",
            "gtin": None,
            "shelf_life_days": after.get("shelf_life_days"),
        }
        _upsert(c, PARTS, ("number",), values)
    for after in afters:
        if after.get("gtin"):
            c.execute(
                update(PARTS).where(PARTS.c.number == after["number"]).values(gtin=after["gtin"])
            )
        for name in after.get("supplier_parts") or ():
            c.execute(delete(SUPPLIER_PARTS).where(SUPPLIER_PARTS.c.supplier_part == name))
            c.execute(insert(SUPPLIER_PARTS).values(supplier_part=name, part=after["number"]))


def _routings(c: Connection, afters: list[Record], time: datetime) -> None:
    for after in afters:
        part = after["part"]
        c.execute(delete(OPERATIONS).where(OPERATIONS.c.part == part))
        for position, operation in enumerate(after["operations"]):
            c.execute(
                insert(OPERATIONS).values(
                    part=part,
                    code=operation["code"],
                    position=position,
                    name=operation["name"],
                    kind=operation["kind"],
                    pack_qty=operation.get("pack_qty"),
                    instructions=operation.get("instructions"),
                    instructions_image=operation.get("instructions_image"),
                )
            )


def _boms(c: Connection, afters: list[Record], time: datetime) -> None:
    for after in afters:
        parent = after["parent"]
        c.execute(delete(BOM).where(BOM.c.parent == parent))
        for line in after["lines"]:
            c.execute(
                insert(BOM).values(
                    parent=parent,
                    child=line["part"],
                    qty=Decimal(str(line["qty"])),
                    operation=line["operation"],
                )
            )


def _work_orders(c: Connection, afters: list[Record], time: datetime) -> None:
    for after in afters:
        values = {
            "number": after["number"],
            "part": after["part"],
            "quantity": int(after["quantity"]),
            "status": after.get("status") or "released",
        }
        _upsert(c, WORK_ORDERS, ("number",), values)


def _operators(c: Connection, afters: list[Record], time: datetime) -> None:
    for after in afters:
        values = {
            "badge": after["badge"],
            "name": after["name"],
            "role": after["role"],
            "pin_hash": after.get("pin_hash"),
        }
        _upsert(c, OPERATORS, ("badge",), values)


def _lots(c: Connection, afters: list[Record], time: datetime) -> None:
    """Lots are only ever received by an import; one on record already is left alone."""
    for after in afters:
        part, code = after["part"], after["lot"]
        known = select(LOTS.c.id).where(LOTS.c.part == part, LOTS.c.code == code)
        if c.scalar(known) is not None:
            continue
        status = after.get("status") or "released"
        expiry = after.get("expiry")
        c.execute(
            insert(LOTS).values(
                part=part,
                code=code,
                quantity=Decimal(str(after["quantity"])),
                expiry=date.fromisoformat(expiry) if expiry else None,
                supplier=after.get("supplier"),
                status=status,
                status_reason=after.get("status_reason"),
                status_since=time if status != "released" else None,
            )
        )


def _defects(c: Connection, afters: list[Record], time: datetime) -> None:
    for after in afters:
        values = {
            "code": after["code"],
            "description": after["description"],
            "category": after.get("category"),
        }
        _upsert(c, DEFECTS, ("code",), values)


_SECTIONS: dict[str, Callable[[Connection, list[Record], datetime], None]] = {
    "parts": _parts,
    "routings": _routings,
    "boms": _boms,
    "work_orders": _work_orders,
    "operators": _operators,
    "lots": _lots,
    "defects": _defects,
}
