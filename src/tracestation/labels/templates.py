"""What goes on a label: pure content, rendered to ZPL or PDF by the renderers.

Unit labels carry the serial as GS1 (01)(21) when the part has a GTIN, else as the station's
`SN:<part>/<serial>` code; lot labels carry `LOT:<part>/<lot>`; carton labels carry the SSCC as
GS1-128 (00). Human-readable text sits beside every barcode.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tracestation.domain.model import Container, Lot, Part, Unit
from tracestation.domain.rules import qty_text

FNC1 = "\x1d"  # in `data`, a GS marks a GS1 separator (FNC1) for the renderers


class Symbology(StrEnum):
    CODE128 = "code128"
    GS1_128 = "gs1-128"
    DATAMATRIX = "datamatrix"
    GS1_DATAMATRIX = "gs1-datamatrix"


@dataclass(frozen=True)
class Barcode:
    symbology: Symbology
    data: str
    text: str


@dataclass(frozen=True)
class Label:
    kind: str
    title: str
    lines: tuple[str, ...]
    barcodes: tuple[Barcode, ...]
    width_mm: int = 100
    height_mm: int = 50


def unit_label(unit: Unit, part: Part | None) -> Label:
    description = part.description if part else ""
    if part is not None and part.gtin:
        data = f"01{part.gtin}21{unit.serial}"
        code = Barcode(Symbology.GS1_DATAMATRIX, data, f"(01){part.gtin}(21){unit.serial}")
    else:
        code = Barcode(Symbology.DATAMATRIX, f"SN:{unit.part}/{unit.serial}", unit.serial)
    serial = Barcode(Symbology.CODE128, f"SN:{unit.part}/{unit.serial}", f"SN {unit.serial}")
    return Label(
        "unit",
        unit.part,
        (description, f"Serial {unit.serial}", f"Work order {unit.work_order}"),
        (serial, code),
    )


def lot_label(lot: Lot, part: Part | None) -> Label:
    uom = part.uom if part else "ea"
    supplier = f" - {lot.supplier}" if lot.supplier else ""
    expiry = f" - expires {lot.expiry.isoformat()}" if lot.expiry else ""
    lines = (
        part.description if part else "",
        f"Lot {lot.code}{supplier}",
        f"Qty {qty_text(lot.quantity)} {uom}{expiry}",
    )
    code = Barcode(Symbology.CODE128, f"LOT:{lot.part}/{lot.code}", f"LOT {lot.part}/{lot.code}")
    return Label("lot", lot.part, lines, (code,))


def carton_label(container: Container, part: Part | None) -> Label:
    count = len(container.units)
    sscc = Barcode(Symbology.GS1_128, f"00{container.sscc}", f"(00) {container.sscc}")
    codes = [sscc]
    if part is not None and part.gtin:
        content = f"02{part.gtin}37{count}"
        codes.append(Barcode(Symbology.GS1_128, content, f"(02){part.gtin}(37){count}"))
    lines = (
        part.description if part else "",
        f"{count} x {container.part}",
        f"Work order {container.work_order}",
        f"SSCC {container.sscc}",
    )
    return Label("carton", f"CARTON {container.part}", lines, tuple(codes), 100, 150)
