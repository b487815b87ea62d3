"""The master-data file (the import contract): validated whole before anything is written.

`read_master_data` turns the parsed JSON into typed records or raises `MasterDataError` naming the
first bad record and field. References may point at records already in the database; the caller
passes what it knows (`Known`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from tracestation.domain.check_digits import has_valid_check_digit
from tracestation.domain.model import (
    BomLine,
    LotStatus,
    Operation,
    OperationKind,
    Part,
    Role,
    Routing,
    Tracking,
    WorkOrder,
)


class MasterDataError(ValueError):
    def __init__(self, record: str, field_name: str | None, problem: str) -> None:
        where = f"{record}, field '{field_name}'" if field_name else record
        super().__init__(f"{where}: {problem}")
        self.record = record
        self.field = field_name
        self.problem = problem


@dataclass(frozen=True)
class OperatorRecord:
    badge: str
    name: str
    role: Role
    pin: str | None


@dataclass(frozen=True)
class LotRecord:
    part: str
    code: str
    quantity: Decimal
    expiry: date | None
    supplier: str | None
    status: LotStatus


@dataclass(frozen=True)
class MasterData:
    parts: list[Part] = field(default_factory=list)
    boms: dict[str, list[BomLine]] = field(default_factory=dict)
    routings: list[Routing] = field(default_factory=list)
    work_orders: list[WorkOrder] = field(default_factory=list)
    operators: list[OperatorRecord] = field(default_factory=list)
    lots: list[LotRecord] = field(default_factory=list)


@dataclass(frozen=True)
class Known:
    """What the database already holds, for references the file does not define itself."""

    parts: dict[str, Tracking] = field(default_factory=dict)
    routings: dict[str, tuple[Operation, ...]] = field(default_factory=dict)


SECTIONS = ("parts", "boms", "routings", "work_orders", "operators", "lots")


def read_master_data(document: Any, known: Known | None = None) -> MasterData:
    known = known or Known()
    if not isinstance(document, dict):
        raise MasterDataError(
            "the file", None, "must be a JSON object with sections " + ", ".join(SECTIONS)
        )
    unknown = sorted(set(document) - set(SECTIONS))
    if unknown:
        raise MasterDataError(
            "the file", unknown[0], f"is not a section; expected {', '.join(SECTIONS)}"
        )
    reader = _Reader(document, known)
    return reader.read()


class _Reader:
    def __init__(self, document: dict[str, Any], known: Known) -> None:
        self.document = document
        self.tracking: dict[str, Tracking] = dict(known.parts)
        self.operations: dict[str, tuple[Operation, ...]] = dict(known.routings)

    def read(self) -> MasterData:
        parts = [self._part(i, r) for i, r in self._records("parts")]
        _unique("parts", [p.number for p in parts], "number")
        _unique("parts", [sp for p in parts for sp in p.supplier_parts], "supplier_parts")
        for part in parts:
            self.tracking[part.number] = part.tracking
        routings = [self._routing(i, r) for i, r in self._records("routings")]
        _unique("routings", [r.part for r in routings], "part")
        for routing in routings:
            self.operations[routing.part] = routing.operations
        boms: dict[str, list[BomLine]] = {}
        for i, record in self._records("boms"):
            parent, lines = self._bom(i, record)
            if parent in boms:
                raise MasterDataError(
                    f"boms[{i}] ({parent})", "parent", "appears twice in the file"
                )
            boms[parent] = lines
        work_orders = [self._work_order(i, r) for i, r in self._records("work_orders")]
        _unique("work_orders", [w.number for w in work_orders], "number")
        operators = [self._operator(i, r) for i, r in self._records("operators")]
        _unique("operators", [o.badge for o in operators], "badge")
        lots = [self._lot(i, r) for i, r in self._records("lots")]
        _unique("lots", [f"{lot.part}/{lot.code}" for lot in lots], "lot")
        return MasterData(parts, boms, routings, work_orders, operators, lots)

    def _records(self, section: str) -> list[tuple[int, dict[str, Any]]]:
        records = self.document.get(section, [])
        if not isinstance(records, list):
            raise MasterDataError(section, None, "must be a list of records")
        for i, record in enumerate(records):
            if not isinstance(record, dict):
                raise MasterDataError(f"{section}[{i}]", None, "must be an object")
        return list(enumerate(records))

    def _part(self, i: int, r: dict[str, Any]) -> Part:
        number = _text(r, "number", f"parts[{i}]")
        where = f"parts[{i}] ({number})"
        tracking = _choice(r, "tracking", where, Tracking)
        gtin = _optional_text(r, "gtin", where)
        if gtin is not None:
            if not gtin.isdigit() or len(gtin) not in (8, 12, 13, 14):
                raise MasterDataError(
                    where, "gtin", f"'{gtin}' is not a GTIN (8, 12, 13 or 14 digits)"
                )
            if not has_valid_check_digit(gtin):
                raise MasterDataError(where, "gtin", f"'{gtin}' has a wrong check digit")
            gtin = gtin.zfill(14)
        shelf_life = r.get("shelf_life_days")
        if shelf_life is not None and (not isinstance(shelf_life, int) or shelf_life < 0):
            raise MasterDataError(
                where, "shelf_life_days", "must be a whole number of days or null"
            )
        supplier_parts = r.get("supplier_parts", [])
        if not isinstance(supplier_parts, list) or not all(
            isinstance(sp, str) and sp.strip() for sp in supplier_parts
        ):
            raise MasterDataError(
                where, "supplier_parts", "must be a list of supplier part numbers"
            )
        return Part(
            supplier_parts=tuple(sp.strip() for sp in supplier_parts),
            number=number,
            description=_optional_text(r, "description", where) or "",
            tracking=tracking,
            uom=_optional_text(r, "uom", where) or "ea",
            gtin=gtin,
            shelf_life_days=shelf_life,
        )

    def _routing(self, i: int, r: dict[str, Any]) -> Routing:
        part = _text(r, "part", f"routings[{i}]")
        where = f"routings[{i}] ({part})"
        self._known_part(where, "part", part)
        raw_ops = r.get("operations")
        if not isinstance(raw_ops, list) or not raw_ops:
            raise MasterDataError(where, "operations", "must list at least one operation")
        operations: list[Operation] = []
        for j, op in enumerate(raw_ops):
            op_where = f"{where} operations[{j}]"
            if not isinstance(op, dict):
                raise MasterDataError(op_where, None, "must be an object")
            code = _text(op, "code", op_where)
            kind = _choice(op, "kind", op_where, OperationKind)
            pack_qty = op.get("pack_qty")
            if pack_qty is not None and (not isinstance(pack_qty, int) or pack_qty < 1):
                raise MasterDataError(op_where, "pack_qty", "must be a positive whole number")
            operations.append(
                Operation(code, _optional_text(op, "name", op_where) or code, kind, pack_qty)
            )
        _unique(where + " operations", [op.code for op in operations], "code")
        return Routing(part, tuple(operations))

    def _bom(self, i: int, r: dict[str, Any]) -> tuple[str, list[BomLine]]:
        parent = _text(r, "parent", f"boms[{i}]")
        where = f"boms[{i}] ({parent})"
        self._known_part(where, "parent", parent)
        if self.tracking[parent] is not Tracking.SERIAL:
            raise MasterDataError(
                where,
                "parent",
                f"{parent} is not serial-tracked; only serialized parts have BOMs here",
            )
        operations = {op.code: op for op in self.operations.get(parent, ())}
        if not operations:
            raise MasterDataError(
                where, "parent", f"{parent} has no routing; define its routing first"
            )
        raw_lines = r.get("lines")
        if not isinstance(raw_lines, list):
            raise MasterDataError(where, "lines", "must be a list")
        lines: list[BomLine] = []
        for j, line in enumerate(raw_lines):
            line_where = f"{where} lines[{j}]"
            if not isinstance(line, dict):
                raise MasterDataError(line_where, None, "must be an object")
            child = _text(line, "part", line_where)
            self._known_part(line_where, "part", child)
            if child == parent:
                raise MasterDataError(line_where, "part", "a part cannot contain itself")
            qty = _quantity(line, "qty", line_where, positive=True)
            if self.tracking[child] is Tracking.SERIAL and qty != qty.to_integral_value():
                raise MasterDataError(
                    line_where, "qty", f"{child} is serial-tracked: the quantity must be whole"
                )
            code = _text(line, "operation", line_where)
            op = operations.get(code)
            if op is None:
                raise MasterDataError(
                    line_where, "operation", f"{parent}'s routing has no operation '{code}'"
                )
            if op.kind not in (OperationKind.ASSEMBLE, OperationKind.CONSUME):
                raise MasterDataError(
                    line_where,
                    "operation",
                    f"operation {code} is a {op.kind} operation; "
                    "materials go to consume or assemble operations",
                )
            lines.append(BomLine(parent, child, qty, code))
        _unique(where + " lines", [f"{ln.child}@{ln.operation}" for ln in lines], "part")
        return parent, lines

    def _work_order(self, i: int, r: dict[str, Any]) -> WorkOrder:
        number = _text(r, "number", f"work_orders[{i}]")
        where = f"work_orders[{i}] ({number})"
        part = _text(r, "part", where)
        self._known_part(where, "part", part)
        if part not in self.operations:
            raise MasterDataError(where, "part", f"{part} has no routing; a work order needs one")
        quantity = r.get("quantity")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            raise MasterDataError(where, "quantity", "must be a positive whole number")
        return WorkOrder(number, part, quantity)

    def _operator(self, i: int, r: dict[str, Any]) -> OperatorRecord:
        badge = _text(r, "badge", f"operators[{i}]")
        where = f"operators[{i}] ({badge})"
        if ":" in badge:
            raise MasterDataError(
                where, "badge", "must not contain ':' (it would read as a station code)"
            )
        role = _choice(r, "role", where, Role)
        pin = r.get("pin")
        if pin is not None:
            pin = str(pin) if isinstance(pin, int) and not isinstance(pin, bool) else pin
            if not isinstance(pin, str) or not pin.isdigit() or not 4 <= len(pin) <= 12:
                raise MasterDataError(where, "pin", "must be 4 to 12 digits")
        if role is Role.LEAD and pin is None:
            raise MasterDataError(where, "pin", "a lead signs overrides and needs a PIN")
        return OperatorRecord(badge, _text(r, "name", where), role, pin)

    def _lot(self, i: int, r: dict[str, Any]) -> LotRecord:
        part = _text(r, "part", f"lots[{i}]")
        code = _text(r, "lot", f"lots[{i}]")
        where = f"lots[{i}] ({part}/{code})"
        self._known_part(where, "part", part)
        if self.tracking[part] is not Tracking.LOT:
            raise MasterDataError(where, "part", f"{part} is not lot-tracked")
        if "/" in code:
            raise MasterDataError(
                where, "lot", "must not contain '/' (LOT:<part>/<lot> labels use it)"
            )
        expiry_text = _optional_text(r, "expiry", where)
        expiry = None
        if expiry_text is not None:
            try:
                expiry = date.fromisoformat(expiry_text)
            except ValueError:
                raise MasterDataError(
                    where, "expiry", f"'{expiry_text}' is not a date (YYYY-MM-DD)"
                ) from None
        status = _choice(r, "status", where, LotStatus) if "status" in r else LotStatus.RELEASED
        return LotRecord(
            part,
            code,
            _quantity(r, "quantity", where, positive=False),
            expiry,
            _optional_text(r, "supplier", where),
            status,
        )

    def _known_part(self, where: str, field_name: str, number: str) -> None:
        if number not in self.tracking:
            raise MasterDataError(
                where, field_name, f"part '{number}' is not defined in the file or the database"
            )


def _text(r: dict[str, Any], name: str, where: str) -> str:
    value = r.get(name)
    if not isinstance(value, str) or not value.strip():
        raise MasterDataError(where, name, "is required and must be non-empty text")
    if value != value.strip():
        raise MasterDataError(where, name, f"'{value}' has leading or trailing spaces")
    return value


def _optional_text(r: dict[str, Any], name: str, where: str) -> str | None:
    value = r.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MasterDataError(where, name, "must be text or null")
    return value.strip() or None


E = TypeVar("E", Tracking, OperationKind, Role, LotStatus)


def _choice(r: dict[str, Any], name: str, where: str, enum: type[E]) -> E:
    value = r.get(name)
    try:
        return enum(str(value))
    except ValueError:
        allowed = ", ".join(e.value for e in enum)
        raise MasterDataError(where, name, f"'{value}' is not one of: {allowed}") from None


def _quantity(r: dict[str, Any], name: str, where: str, *, positive: bool) -> Decimal:
    value = r.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise MasterDataError(where, name, "must be a number")
    try:
        quantity = Decimal(str(value))
    except InvalidOperation:
        raise MasterDataError(where, name, f"'{value}' is not a number") from None
    if not quantity.is_finite() or quantity < 0 or (positive and quantity == 0):
        raise MasterDataError(
            where, name, "must be a positive number" if positive else "must not be negative"
        )
    return quantity


def _unique(section: str, keys: list[str], field_name: str) -> None:
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key in seen:
            raise MasterDataError(
                f"{section}[{i}] ({key})", field_name, "appears twice in the file"
            )
        seen.add(key)
