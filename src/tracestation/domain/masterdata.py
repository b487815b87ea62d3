"""The master-data file (the import contract): validated whole before anything is written.

`read_master_data` turns the parsed JSON into typed records, or raises `MasterDataError` with every
problem of the file, each naming its record and field. References may point at records already in
the database, and some rules span the file and the database (a GTIN or a supplier part number
names one part; no BOM cycle; a started work order keeps its part): the caller passes what the
database holds (`Known`) and the checks see the records as the file would leave them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from tracestation.domain.masterdata_checks import Claim, bom_cycles, check_claims
from tracestation.domain.masterdata_fields import Fields, Problem, Problems, kind_of, shown
from tracestation.domain.model import (
    BomLine,
    Defect,
    LotStatus,
    Operation,
    OperationKind,
    Part,
    Role,
    Routing,
    Tracking,
    WorkOrder,
)

__all__ = ["Known", "KnownWorkOrder", "MasterData", "MasterDataError", "Problem"]

FILE = "the file"  # the record of a problem with the file as a whole
SECTIONS = ("parts", "boms", "routings", "work_orders", "operators", "lots", "defects")
_SLASH = (
    "station labels and scans read PART/LOT and PART/SERIAL (LOT:<part>/<lot>, "
    "SN:<part>/<serial>), so a slash would split it in two"
)
# The lengths of the database columns (tracestation.store.tables).
CODE = 64  # part numbers, lot codes, badges, work orders, supplier part numbers
OPERATION_CODE = 16
NAME = 100
DESCRIPTION = 200
UOM = 16
DEFECT_CODE = 32
CATEGORY = 64


class MasterDataError(ValueError):
    """The file cannot be imported; nothing was written. `problems` lists the first of them
    (`count` in all); `record`, `field` and `problem` are the first one's."""

    def __init__(self, problems: Sequence[Problem], count: int | None = None) -> None:
        self.problems = tuple(problems)
        self.count = max(count or 0, len(self.problems))
        first = self.problems[0]
        self.record, self.field, self.problem = first.record, first.field, first.message
        more = self.count - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{first}{suffix}")

    @classmethod
    def single(cls, record: str, field_name: str | None, problem: str) -> MasterDataError:
        return cls([Problem(record, field_name, problem)])


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
    defects: list[Defect] = field(default_factory=list)


@dataclass(frozen=True)
class KnownWorkOrder:
    part: str
    registered: int  # units registered against it


@dataclass(frozen=True)
class Known:
    """What the database already holds, for references and for the rules that span records."""

    parts: dict[str, Tracking] = field(default_factory=dict)
    routings: dict[str, tuple[Operation, ...]] = field(default_factory=dict)
    gtins: dict[str, str] = field(default_factory=dict)  # GTIN-14 -> part
    supplier_parts: dict[str, str] = field(default_factory=dict)  # supplier part -> part
    boms: dict[str, frozenset[str]] = field(default_factory=dict)  # parent -> children
    work_orders: dict[str, KnownWorkOrder] = field(default_factory=dict)


def read_master_data(document: Any, known: Known | None = None) -> MasterData:
    problems = Problems()
    data = _Reader(known or Known(), problems).read(document)
    if problems:
        raise MasterDataError(problems.kept, problems.count)
    return data


class _Reader:
    def __init__(self, known: Known, problems: Problems) -> None:
        self.known = known
        self.problems = problems
        self.document: dict[str, Any] = {}
        # Parts and routings the file may refer to: None when the file defines one but its
        # record is wrong (already reported; the references to it are not).
        self.tracking: dict[str, Tracking | None] = dict(known.parts)
        self.operations: dict[str, tuple[Operation, ...] | None] = dict(known.routings)

    def read(self, document: Any) -> MasterData:
        if not isinstance(document, dict):
            self.problems.add(
                FILE,
                None,
                f"must be a JSON object with the sections {', '.join(SECTIONS)}, "
                f"not {kind_of(document)}",
            )
            return MasterData()
        self.document = document
        for name in document:
            if name not in SECTIONS:
                key = f"'{shown(name)}'" if isinstance(name, str) else kind_of(name)
                self.problems.add(
                    FILE, None, f"{key} is not a section; expected {', '.join(SECTIONS)}"
                )
        parts = self._parts()
        routings = self._routings()
        boms = self._boms()
        work_orders = self._work_orders()
        operators = self._operators()
        lots = self._lots()
        defects = self._defects()
        return MasterData(parts, boms, routings, work_orders, operators, lots, defects)

    def _records(self, section: str) -> list[tuple[int, dict[str, Any]]]:
        records = self.document.get(section, [])
        if records is None:
            return []
        if not isinstance(records, list):
            self.problems.add(section, None, f"must be a list of records, not {kind_of(records)}")
            return []
        readable = []
        for i, record in enumerate(records):
            if isinstance(record, dict):
                readable.append((i, record))
            else:
                self.problems.add(
                    f"{section}[{i}]", None, f"must be an object, not {kind_of(record)}"
                )
        return readable

    # --- parts ----------------------------------------------------------------------------

    def _parts(self) -> list[Part]:
        parts: list[tuple[str, Part]] = []
        first: dict[str, str] = {}
        for i, r in self._records("parts"):
            f = Fields(r, f"parts[{i}]", self.problems)
            number = f.code("number", CODE, no_slash=_SLASH)
            if number:
                f.where = f"parts[{i}] ({shown(number)})"
            tracking = f.choice("tracking", Tracking)
            gtin = f.gtin("gtin")
            shelf_life = f.whole("shelf_life_days", least=0, required=False)
            description = f.text("description", DESCRIPTION) or ""
            uom = f.text("uom", UOM) or "ea"
            supplier_parts = f.code_list("supplier_parts", CODE)
            if number and _first(f, "number", number, first):
                self.tracking[number] = tracking
            if f.ok and tracking is not None:
                part = Part(number, description, tracking, uom, gtin, shelf_life, supplier_parts)
                parts.append((f.where, part))
        in_file = set(first)
        gtins = (Claim(where, p.number, p.gtin) for where, p in parts if p.gtin)
        check_claims(gtins, self.known.gtins, in_file, "gtin", "GTIN", self.problems)
        names = (Claim(where, p.number, sp) for where, p in parts for sp in p.supplier_parts)
        check_claims(
            names,
            self.known.supplier_parts,
            in_file,
            "supplier_parts",
            "supplier part number",
            self.problems,
        )
        return [part for _, part in parts]

    # --- routings -------------------------------------------------------------------------

    def _routings(self) -> list[Routing]:
        routings: list[Routing] = []
        first: dict[str, str] = {}
        for i, r in self._records("routings"):
            f = Fields(r, f"routings[{i}]", self.problems)
            part = f.code("part", CODE)
            if part:
                f.where = f"routings[{i}] ({shown(part)})"
                self._known_part(f, "part", part)
            operations = self._operations(f)
            if part and _first(f, "part", part, first):
                self.operations[part] = operations if f.ok else None
            if f.ok:
                routings.append(Routing(part, operations))
        return routings

    def _operations(self, f: Fields) -> tuple[Operation, ...]:
        raw = f.records("operations")
        if f.ok and not raw:
            f.problem("operations", "must list at least one operation")
        operations: list[Operation] = []
        codes: dict[str, str] = {}
        for j, op in self._items(f, "operations", raw):
            of = Fields(op, f"{f.where} operations[{j}]", self.problems)
            code = of.code("code", OPERATION_CODE)
            kind = of.choice("kind", OperationKind)
            pack_qty = of.whole("pack_qty", least=1, required=False)
            name = of.text("name", NAME) or code
            text, image = work_instructions(of)
            if code:
                _first(of, "code", code, codes, "this routing")
            if of.ok and kind is not None:
                operations.append(Operation(code, name, kind, pack_qty, text, image))
            f.ok &= of.ok
        return tuple(operations)

    def _items(self, f: Fields, name: str, raw: list[Any]) -> list[tuple[int, dict[str, Any]]]:
        items = []
        for j, item in enumerate(raw):
            if isinstance(item, dict):
                items.append((j, item))
            else:
                f.problem(None, f"{name}[{j}] must be an object, not {kind_of(item)}")
        return items

    # --- BOMs -----------------------------------------------------------------------------

    def _boms(self) -> dict[str, list[BomLine]]:
        boms: dict[str, list[BomLine]] = {}
        first: dict[str, str] = {}
        graph: dict[str, list[str]] = {}
        for i, r in self._records("boms"):
            f = Fields(r, f"boms[{i}]", self.problems)
            parent = f.code("parent", CODE)
            operations: dict[str, Operation] | None = None
            if parent:
                f.where = f"boms[{i}] ({shown(parent)})"
                operations = self._bom_parent(f, parent)
            lines = self._bom_lines(f, parent, operations)
            if parent and _first(f, "parent", parent, first):
                graph[parent] = [line.child for line in lines]
            if f.ok and parent:
                boms[parent] = lines
        self._no_cycles(graph, first)
        return boms

    def _bom_parent(self, f: Fields, parent: str) -> dict[str, Operation] | None:
        """The parent's operations by code, or None when they cannot be checked."""
        if not self._known_part(f, "parent", parent):
            return None
        tracking = self.tracking.get(parent)
        if tracking is not None and tracking is not Tracking.SERIAL:
            f.problem(
                "parent",
                f"{shown(parent)} is not serial-tracked; only serialized parts have BOMs here",
            )
        if parent not in self.operations:
            f.problem("parent", f"{shown(parent)} has no routing; define its routing first")
            return None
        operations = self.operations[parent]
        return None if operations is None else {op.code: op for op in operations}

    def _bom_lines(
        self, f: Fields, parent: str, operations: dict[str, Operation] | None
    ) -> list[BomLine]:
        lines: list[BomLine] = []
        seen: dict[str, str] = {}
        for j, line in self._items(f, "lines", f.records("lines")):
            lf = Fields(line, f"{f.where} lines[{j}]", self.problems)
            child = lf.code("part", CODE)
            if child and self._known_part(lf, "part", child) and child == parent:
                lf.problem("part", "a part cannot contain itself")
            qty = lf.quantity("qty", positive=True)
            serial = self.tracking.get(child) is Tracking.SERIAL
            if qty is not None and serial and qty != qty.to_integral_value():
                lf.problem("qty", f"{shown(child)} is serial-tracked: the quantity must be whole")
            code = lf.code("operation", OPERATION_CODE)
            if code and operations is not None:
                _material_operation(lf, parent, code, operations.get(code))
            if child and code:
                _first(
                    lf, "part", f"{child} at operation {code}", seen, "this BOM at one operation"
                )
            if lf.ok and qty is not None:
                lines.append(BomLine(parent, child, qty, code))
            f.ok &= lf.ok
        return lines

    def _no_cycles(self, graph: dict[str, list[str]], where: dict[str, str]) -> None:
        whole: dict[str, Any] = {p: c for p, c in self.known.boms.items() if p not in graph}
        whole.update(graph)
        for cycle in bom_cycles(whole, list(graph)):
            start = next(part for part in cycle if part in where)
            at = cycle.index(start)
            named = [*cycle[at:-1], *cycle[:at], start]
            path = " → ".join(shown(part) for part in named)
            self.problems.add(
                where[start],
                "lines",
                f"the BOMs make a cycle, {path}: a part would be inside itself; "
                "take one of these lines out",
            )

    # --- work orders, operators, lots ------------------------------------------------------

    def _work_orders(self) -> list[WorkOrder]:
        work_orders: list[WorkOrder] = []
        first: dict[str, str] = {}
        for i, r in self._records("work_orders"):
            f = Fields(r, f"work_orders[{i}]", self.problems)
            number = f.code("number", CODE)
            if number:
                f.where = f"work_orders[{i}] ({shown(number)})"
            part = f.code("part", CODE)
            if part and self._known_part(f, "part", part) and part not in self.operations:
                f.problem("part", f"{shown(part)} has no routing; a work order needs one")
            quantity = f.whole("quantity", least=1, required=True)
            if number:
                _first(f, "number", number, first)
                self._started(f, number, part, quantity)
            if f.ok and quantity is not None:
                work_orders.append(WorkOrder(number, part, quantity))
        return work_orders

    def _started(self, f: Fields, number: str, part: str, quantity: int | None) -> None:
        on_record = self.known.work_orders.get(number)
        if on_record is None:
            return
        if part and part != on_record.part:
            f.problem(
                "part",
                f"is {shown(on_record.part)} on record; a work order's part cannot change",
            )
        if quantity is not None and quantity < on_record.registered:
            f.problem(
                "quantity",
                f"{quantity} is below the {on_record.registered} units already registered",
            )

    def _operators(self) -> list[OperatorRecord]:
        operators: list[OperatorRecord] = []
        first: dict[str, str] = {}
        for i, r in self._records("operators"):
            f = Fields(r, f"operators[{i}]", self.problems)
            badge = f.code("badge", CODE)
            if badge:
                f.where = f"operators[{i}] ({shown(badge)})"
                if ":" in badge:
                    f.problem("badge", "must not contain ':' (it would read as a station code)")
                _first(f, "badge", badge, first)
            role = f.choice("role", Role)
            name = f.text("name", NAME, required=True)
            pin = f.digits("pin", 4, 12)
            if role is Role.LEAD and r.get("pin") is None:
                f.problem("pin", "a lead signs overrides and needs a PIN")
            if f.ok and role is not None and name is not None:
                operators.append(OperatorRecord(badge, name, role, pin))
        return operators

    def _lots(self) -> list[LotRecord]:
        lots: list[LotRecord] = []
        first: dict[str, str] = {}
        for i, r in self._records("lots"):
            f = Fields(r, f"lots[{i}]", self.problems)
            part = f.code("part", CODE)
            if part:
                f.where = f"lots[{i}] ({shown(part)})"
            code = f.code("lot", CODE, no_slash=_SLASH)
            if part and code:
                f.where = f"lots[{i}] ({shown(part)}/{shown(code)})"
            if part and self._known_part(f, "part", part):
                tracking = self.tracking.get(part)
                if tracking is not None and tracking is not Tracking.LOT:
                    f.problem("part", f"{shown(part)} is not lot-tracked")
            quantity = f.quantity("quantity", positive=False)
            expiry = f.day("expiry")
            supplier = f.text("supplier", NAME)
            status = f.choice("status", LotStatus, LotStatus.RELEASED)
            if part and code:
                _first(f, "lot", f"{part}/{code}", first)
            if f.ok and quantity is not None and status is not None:
                lots.append(LotRecord(part, code, quantity, expiry, supplier, status))
        return lots

    def _defects(self) -> list[Defect]:
        """The defect catalogue: codes scanned as DEF:<code> (so no ':' or spaces in them)."""
        defects: list[Defect] = []
        first: dict[str, str] = {}
        for i, r in self._records("defects"):
            f = Fields(r, f"defects[{i}]", self.problems)
            code = f.code("code", DEFECT_CODE)
            if code:
                f.where = f"defects[{i}] ({shown(code)})"
                if ":" in code or " " in code:
                    f.problem(
                        "code", "must not contain ':' or spaces (it is scanned as DEF:<code>)"
                    )
                _first(f, "code", code, first)
            description = f.text("description", DESCRIPTION, required=True)
            category = f.text("category", CATEGORY)
            if f.ok and description is not None:
                defects.append(Defect(code, description, category))
        return defects

    def _known_part(self, f: Fields, field_name: str, number: str) -> bool:
        if number in self.tracking:
            return True
        f.problem(field_name, f"part '{shown(number)}' is not defined in the file or the database")
        return False


INSTRUCTIONS_TEXT = 4000
INSTRUCTIONS_IMAGE = 500
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".bmp", ".gif")


def work_instructions(of: Fields) -> tuple[str | None, str | None]:
    """An operation's optional `instructions`: text, or {"text": ..., "image": path}."""
    raw = of.record.get("instructions")
    if raw is None:
        return None, None
    if isinstance(raw, str):
        return of.text("instructions", INSTRUCTIONS_TEXT, lines=True), None
    if not isinstance(raw, dict):
        of.problem(
            "instructions", f"must be text or an object with text and image, not {kind_of(raw)}"
        )
        return None, None
    unknown = sorted(set(raw) - {"text", "image"})
    if unknown:
        of.problem("instructions", f"has unknown keys {', '.join(unknown)}; use text and image")
        return None, None
    inner = Fields(raw, f"{of.where} instructions", of.problems)
    text = inner.text("text", INSTRUCTIONS_TEXT, lines=True)
    image = inner.text("image", INSTRUCTIONS_IMAGE)
    if image is not None and not image.lower().endswith(IMAGE_SUFFIXES):
        inner.problem("image", f"must be an image file ({', '.join(IMAGE_SUFFIXES)})")
        image = None
    if text is None and image is None and inner.ok:
        inner.problem(None, "needs text, an image, or both")
    of.ok &= inner.ok
    return text, image


def _first(
    f: Fields, field_name: str, key: str, first: dict[str, str], scope: str = "the file"
) -> bool:
    """Whether this is the first record with `key` (in `scope`); a repeat is a problem."""
    earlier = first.setdefault(key, f.where)
    if earlier is f.where:
        return True
    f.problem(field_name, f"appears twice in {scope} (first at {earlier})")
    return False


def _material_operation(f: Fields, parent: str, code: str, op: Operation | None) -> None:
    if op is None:
        f.problem("operation", f"{shown(parent)}'s routing has no operation '{shown(code)}'")
    elif op.kind not in (OperationKind.ASSEMBLE, OperationKind.CONSUME):
        f.problem(
            "operation",
            f"operation {shown(code)} is a {op.kind} operation; "
            "materials go to consume or assemble operations",
        )
