"""From what a barcode says to what it names in the plant: a badge, a unit, a lot, a command.

Prefixed station codes name their kind; GS1 and ISO/IEC 15434 labels name it by their fields; a
bare value is looked up, and one that matches more than one kind of thing is ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from tracestation.barcodes import Decoded
from tracestation.domain.model import Defect, Lot, Operator, Unit, WorkOrder
from tracestation.messages.verdicts import Verdict
from tracestation.station.ports import PlantReader


@dataclass(frozen=True)
class Command:
    name: str


@dataclass(frozen=True)
class WorkOrderScan:
    number: str


@dataclass(frozen=True)
class OperationScan:
    code: str


@dataclass(frozen=True)
class PinScan:
    """A lead's PIN, for the override flow to verify; never shown (`repr` leaves it out)."""

    pin: str = field(repr=False)


@dataclass(frozen=True)
class ReasonScan:
    code: str


@dataclass(frozen=True)
class DefectScan:
    """A defect code (`DEF:`), with its entry of the catalogue when master data has it."""

    code: str
    defect: Defect | None


@dataclass(frozen=True)
class QuantityScan:
    qty: Decimal


@dataclass(frozen=True)
class PartScan:
    number: str


@dataclass(frozen=True)
class BadgeScan:
    operator: Operator


@dataclass(frozen=True)
class SerialScan:
    """A serial, with its part when the label or the context names one."""

    serial: str
    part: str | None
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class LotScan:
    """A lot, from a station label or a supplier's label. `qty` is the quantity the label
    states (a reel's count), `expiry` the expiry printed on it."""

    code: str
    part: str | None
    lots: tuple[Lot, ...]
    qty: Decimal | None = None
    expiry: date | None = None


@dataclass(frozen=True)
class ContainerScan:
    sscc: str


@dataclass(frozen=True)
class Unresolved:
    """A scan the station cannot place; `code` says why (unknown, ambiguous, unknown GTIN)."""

    code: Verdict
    params: dict[str, str]


Thing = (
    Command
    | WorkOrderScan
    | OperationScan
    | PinScan
    | ReasonScan
    | DefectScan
    | QuantityScan
    | PartScan
    | BadgeScan
    | SerialScan
    | LotScan
    | ContainerScan
    | Unresolved
)


def resolve(
    decoded: Decoded, plant: PlantReader, expected_parts: frozenset[str], pending_part: str | None
) -> Thing:
    f = decoded.fields
    if "command" in f:
        return Command(f["command"])
    if "work_order" in f:
        return WorkOrderScan(f["work_order"])
    if "operation" in f:
        return OperationScan(f["operation"])
    if "pin" in f:  # the field shows a mask; the decoder keeps the PIN itself apart
        return PinScan(decoded.pin or "")
    if "reason" in f:
        return ReasonScan(f["reason"])
    if "defect" in f:
        return DefectScan(f["defect"], plant.defect(f["defect"]))
    if "value" in f:
        return _bare(f["value"], plant, expected_parts, pending_part)
    part = _part_of(decoded, plant, pending_part)
    if isinstance(part, Unresolved):
        return part
    qty = Decimal(f["quantity"]) if "quantity" in f else None
    if "lot" in f and "serial" not in f:
        expiry = date.fromisoformat(f["expiry"]) if "expiry" in f else None
        return replace(_lot(f["lot"], part, plant, qty), expiry=expiry)
    if "serial" in f:
        return _serial(f["serial"], part, plant)
    if "sscc" in f:
        return ContainerScan(f["sscc"])
    if part is not None and qty is None:
        return PartScan(part)
    if qty is not None and part is None:
        return QuantityScan(qty)
    return Unresolved(Verdict.LABEL_WITHOUT_IDENTITY, {"scan": decoded.raw.strip()})


def _part_of(
    decoded: Decoded, plant: PlantReader, pending_part: str | None
) -> str | Unresolved | None:
    """Our part number for a label: its own part field, its GTIN, or the supplier's part number
    (ISO/IEC 15434 `1P`) through the cross-reference in master data."""
    f = decoded.fields
    named = f.get("part")
    if named is not None and plant.part(named) is not None:
        return named
    if "gtin" in f:
        part = plant.part_by_gtin(f["gtin"])
        if part is None:
            return Unresolved(Verdict.UNKNOWN_GTIN, {"gtin": f["gtin"]})
        return part.number
    if "supplier_part" in f:
        known = plant.part(f["supplier_part"]) or plant.part_by_supplier_part(f["supplier_part"])
        if known is not None:
            return known.number
        if named is None:
            return Unresolved(Verdict.UNKNOWN_SUPPLIER_PART, {"supplier_part": f["supplier_part"]})
    return named or pending_part


def _serial(serial: str, part: str | None, plant: PlantReader) -> SerialScan:
    if part is not None:
        unit = plant.unit(part, serial)
        return SerialScan(serial, part, (unit,) if unit else ())
    return SerialScan(serial, None, tuple(plant.units_by_serial(serial)))


def _lot(code: str, part: str | None, plant: PlantReader, qty: Decimal | None) -> LotScan:
    if part is not None:
        lot = plant.lot(part, code)
        return LotScan(code, part, (lot,) if lot else (), qty)
    return LotScan(code, None, tuple(plant.lots_by_code(code)), qty)


def _bare(
    value: str, plant: PlantReader, expected_parts: frozenset[str], pending_part: str | None
) -> Thing:
    operator = plant.operator(value)
    work_order: WorkOrder | None = plant.work_order(value)
    units = [u for u in plant.units_by_serial(value) if pending_part in (None, u.part)]
    lots = [lot for lot in plant.lots_by_code(value) if pending_part in (None, lot.part)]
    if len(units) > 1:
        units = [u for u in units if u.part in expected_parts] or units
    if len(lots) > 1:
        lots = [lot for lot in lots if lot.part in expected_parts] or lots
    kinds: list[Thing] = []
    if operator is not None:
        kinds.append(BadgeScan(operator))
    if work_order is not None:
        kinds.append(WorkOrderScan(work_order.number))
    if units:
        kinds.append(SerialScan(value, units[0].part if len(units) == 1 else None, tuple(units)))
    if lots:
        kinds.append(LotScan(value, lots[0].part if len(lots) == 1 else None, tuple(lots)))
    if len(kinds) == 1:
        return kinds[0]
    if not kinds:
        # Unknown: may be a new serial at the first operation; the handler decides.
        return SerialScan(value, pending_part, ())
    names = ", ".join(_kind_name(k) for k in kinds)
    return Unresolved(Verdict.AMBIGUOUS_VALUE, {"value": value, "matches": names})


def _kind_name(thing: Thing) -> str:
    return {
        BadgeScan: "a badge",
        WorkOrderScan: "a work order",
        SerialScan: "a serial",
        LotScan: "a lot",
    }.get(type(thing), "something else")
