"""Master-data import: validate the whole file, then write it in one transaction.

Idempotent: importing the same file again changes nothing. Lots already on record keep their
quantity and status (the station's own events own those after receipt).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from tracestation.domain.masterdata import Known, MasterData, MasterDataError, read_master_data
from tracestation.domain.model import Operation, OperationKind, Tracking
from tracestation.store.database import writer
from tracestation.store.pins import Argon2Pins, hash_pin
from tracestation.store.tables import (
    BomLineRow,
    LotRow,
    OperationRow,
    OperatorRow,
    PartRow,
    PlantMetaRow,
    SupplierPartRow,
    UnitRow,
    WorkOrderRow,
)

MASTER_DATA = "master_data"


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    sections: dict[str, Tally] = field(default_factory=dict)

    def tally(self, section: str) -> Tally:
        return self.sections.setdefault(section, Tally())

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated for t in self.sections.values())

    def to_json(self) -> dict[str, Any]:
        return {name: vars(t) for name, t in self.sections.items()}


def load_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise MasterDataError(str(path), None, f"cannot be read ({error.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MasterDataError(
            str(path),
            None,
            f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
        ) from None


class DatabaseMasterData:
    """`MasterDataLoader` (tracestation.station.queries) on a database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def load(self, document: Mapping[str, Any]) -> None:
        import_master_data(self.engine, document)


def import_master_data(engine: Engine, document: Any) -> ImportReport:
    """Validate `document` against itself and the database, then write it all or nothing."""
    with Session(engine) as s:
        data = read_master_data(document, _known(s))
    report = ImportReport()
    with Session(writer(engine)) as s, s.begin():
        _parts(s, data, report)
        _routings(s, data, report)
        _boms(s, data, report)
        _work_orders(s, data, report)
        _operators(s, data, report)
        _lots(s, data, report)
        if report.changed:
            bump_master_data_version(s)
    return report


def bump_master_data_version(s: Session) -> None:
    meta = s.get(PlantMetaRow, MASTER_DATA)
    if meta is None:
        s.add(PlantMetaRow(key=MASTER_DATA, value=1))
    else:
        meta.value += 1


def _known(s: Session) -> Known:
    parts = {row.number: Tracking(row.tracking) for row in s.scalars(select(PartRow))}
    routings: dict[str, list[Operation]] = {}
    for row in s.scalars(select(OperationRow).order_by(OperationRow.part, OperationRow.position)):
        routings.setdefault(row.part, []).append(
            Operation(row.code, row.name, OperationKind(row.kind), row.pack_qty)
        )
    return Known(parts, {part: tuple(ops) for part, ops in routings.items()})


def _parts(s: Session, data: MasterData, report: ImportReport) -> None:
    tally = report.tally("parts")
    for part in data.parts:
        values = {
            "description": part.description,
            "tracking": part.tracking.value,
            "uom": part.uom,
            "gtin": part.gtin,
            "shelf_life_days": part.shelf_life_days,
        }
        row = s.get(PartRow, part.number)
        if row is None:
            s.add(PartRow(number=part.number, **values))
            s.flush()
            _supplier_parts(s, part.number, part.supplier_parts)
            tally.created += 1
        elif _update(row, values) | _supplier_parts(s, part.number, part.supplier_parts):
            tally.updated += 1
        else:
            tally.unchanged += 1
    s.flush()


def _supplier_parts(s: Session, part: str, wanted: tuple[str, ...]) -> bool:
    rows = s.scalars(select(SupplierPartRow).where(SupplierPartRow.part == part)).all()
    if sorted(r.supplier_part for r in rows) == sorted(wanted):
        return False
    for number in wanted:
        other = s.get(SupplierPartRow, number)
        if other is not None and other.part != part:
            raise MasterDataError(
                f"parts ({part})", "supplier_parts", f"'{number}' already names part {other.part}"
            )
    s.execute(delete(SupplierPartRow).where(SupplierPartRow.part == part))
    s.flush()
    for number in wanted:
        s.add(SupplierPartRow(supplier_part=number, part=part))
    return True


def _routings(s: Session, data: MasterData, report: ImportReport) -> None:
    tally = report.tally("routings")
    for routing in data.routings:
        wanted = [
            (op.code, i, op.name, op.kind.value, op.pack_qty)
            for i, op in enumerate(routing.operations)
        ]
        rows = s.scalars(
            select(OperationRow)
            .where(OperationRow.part == routing.part)
            .order_by(OperationRow.position)
        ).all()
        have = [(r.code, r.position, r.name, r.kind, r.pack_qty) for r in rows]
        if have == wanted:
            tally.unchanged += 1
            continue
        s.execute(delete(OperationRow).where(OperationRow.part == routing.part))
        s.flush()
        for code, position, name, kind, pack_qty in wanted:
            s.add(
                OperationRow(
                    part=routing.part,
                    code=code,
                    position=position,
                    name=name,
                    kind=kind,
                    pack_qty=pack_qty,
                )
            )
        if have:
            tally.updated += 1
        else:
            tally.created += 1
    s.flush()


def _boms(s: Session, data: MasterData, report: ImportReport) -> None:
    tally = report.tally("boms")
    for parent, lines in data.boms.items():
        wanted = sorted((ln.child, ln.operation, ln.qty) for ln in lines)
        rows = s.scalars(select(BomLineRow).where(BomLineRow.parent == parent)).all()
        have = sorted((r.child, r.operation, Decimal(r.qty)) for r in rows)
        if have == wanted:
            tally.unchanged += 1
            continue
        s.execute(delete(BomLineRow).where(BomLineRow.parent == parent))
        s.flush()
        for line in lines:
            s.add(
                BomLineRow(parent=parent, child=line.child, qty=line.qty, operation=line.operation)
            )
        if have:
            tally.updated += 1
        else:
            tally.created += 1
    s.flush()


def _work_orders(s: Session, data: MasterData, report: ImportReport) -> None:
    tally = report.tally("work_orders")
    for wo in data.work_orders:
        row = s.get(WorkOrderRow, wo.number)
        if row is None:
            s.add(
                WorkOrderRow(
                    number=wo.number, part=wo.part, quantity=wo.quantity, status="released"
                )
            )
            tally.created += 1
            continue
        if row.part != wo.part:
            raise MasterDataError(
                f"work_orders ({wo.number})",
                "part",
                f"is {row.part} on record; a work order's part cannot change",
            )
        registered = len(s.scalars(select(UnitRow.id).where(UnitRow.work_order == wo.number)).all())
        if wo.quantity < registered:
            raise MasterDataError(
                f"work_orders ({wo.number})",
                "quantity",
                f"{wo.quantity} is below the {registered} units already registered",
            )
        if _update(row, {"quantity": wo.quantity}):
            tally.updated += 1
        else:
            tally.unchanged += 1
    s.flush()


def _operators(s: Session, data: MasterData, report: ImportReport) -> None:
    tally = report.tally("operators")
    pins = Argon2Pins()
    for op in data.operators:
        row = s.get(OperatorRow, op.badge)
        if row is None:
            s.add(
                OperatorRow(
                    badge=op.badge,
                    name=op.name,
                    role=op.role.value,
                    pin_hash=hash_pin(op.pin) if op.pin else None,
                )
            )
            tally.created += 1
            continue
        changed = _update(row, {"name": op.name, "role": op.role.value})
        same_pin = (op.pin is None and row.pin_hash is None) or (
            op.pin is not None and row.pin_hash is not None and pins.verify(row.pin_hash, op.pin)
        )
        if not same_pin:
            row.pin_hash = hash_pin(op.pin) if op.pin else None
            changed = True
        if changed:
            tally.updated += 1
        else:
            tally.unchanged += 1


def _lots(s: Session, data: MasterData, report: ImportReport) -> None:
    tally = report.tally("lots")
    for lot in data.lots:
        row = s.scalars(
            select(LotRow).where(LotRow.part == lot.part, LotRow.code == lot.code)
        ).first()
        if row is not None:
            tally.unchanged += 1
            continue
        held = lot.status.value != "released"
        s.add(
            LotRow(
                part=lot.part,
                code=lot.code,
                quantity=lot.quantity,
                expiry=lot.expiry,
                supplier=lot.supplier,
                status=lot.status.value,
                status_reason=f"{lot.status.value} in the master data" if held else None,
                status_since=datetime.now(UTC) if held else None,
            )
        )
        tally.created += 1


def _update(row: object, values: dict[str, Any]) -> bool:
    changed = False
    for name, value in values.items():
        current = getattr(row, name)
        if isinstance(current, Decimal) or isinstance(value, Decimal):
            same = current is not None and value is not None and Decimal(current) == Decimal(value)
        else:
            same = current == value
        if not same:
            setattr(row, name, value)
            changed = True
    return changed
