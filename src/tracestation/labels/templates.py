"""What goes on a label: pure content, laid out by `layout` and rendered to ZPL, PDF or PNG.

Unit labels (UDI): plain text and, for a part with a GTIN, a GS1 DataMatrix with (01)(11)(21);
always the station's `SN:<part>/<serial>` as Code 128. A part without a GTIN, or a serial GS1
cannot carry, gets the station code only. Lot labels: `LOT:<part>/<lot>` as Code 128 and, with a
GTIN, a GS1 DataMatrix with (01)(17)(10). Carton labels are GS1 logistic labels: ship-from on
top, the content in words in the middle, GS1-128 symbols at the bottom with the SSCC lowest.

A label's size, printer resolution, ship-from lines and logo come from its `LabelTemplate`
(`tracestation.labels.template_files` reads them from `resources/labels/`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, TypeVar

from tracestation.domain.model import Container, Lot, Part, Unit
from tracestation.domain.rules import qty_text
from tracestation.labels.gs1 import Element, bracketed, fits_gs1, human_readable, ordered

_T = TypeVar("_T")


class Symbology(StrEnum):
    CODE128 = "code128"  # station codes: symbology identifier ]C0
    GS1_128 = "gs1-128"  # ]C1: FNC1 first
    GS1_DATAMATRIX = "gs1-datamatrix"  # ]d2: FNC1 first


@dataclass(frozen=True)
class Barcode:
    """One symbol: a station code's text (`CODE128`) or GS1 element strings."""

    symbology: Symbology
    text: str = ""
    elements: tuple[Element, ...] = ()

    @property
    def is_gs1(self) -> bool:
        return self.symbology is not Symbology.CODE128

    @property
    def is_2d(self) -> bool:
        return self.symbology is Symbology.GS1_DATAMATRIX

    @property
    def data(self) -> str:
        """What a scanner transmits after the symbology identifier, in bracketed form for GS1."""
        return bracketed(self.elements) if self.is_gs1 else self.text

    @property
    def human_readable(self) -> str:
        return human_readable(self.elements) if self.is_gs1 else self.text

    @staticmethod
    def gs1(symbology: Symbology, *elements: Element) -> Barcode:
        return Barcode(symbology, elements=ordered(elements))

    @staticmethod
    def station(text: str) -> Barcode:
        return Barcode(Symbology.CODE128, text)


@dataclass(frozen=True)
class LabelTemplate:
    """A label's stock and printer: size in mm, dots per inch, and what a plant prints on it."""

    name: str
    width_mm: float
    height_mm: float
    dpi: int = 203
    ship_from: tuple[str, ...] = ()
    logo: str | None = None  # a PNG file, printed top right of a logistic label
    fields: tuple[str, ...] = ()  # the named text fields to print, in order; () prints all
    # What a part's shelf life makes of a carton's date: "expiry" (17) or "best_before" (15).
    shelf_life: str = "expiry"

    def with_dpi(self, dpi: int | None) -> LabelTemplate:
        return self if dpi is None else replace(self, dpi=dpi)

    def chosen(self, named: list[tuple[str, _T]]) -> tuple[_T, ...]:
        """The template's choice of named fields, in the template's order."""
        if not self.fields:
            return tuple(value for _, value in named)
        by_name = dict(named)
        return tuple(by_name[name] for name in self.fields if name in by_name)


UNIT_TEMPLATE = LabelTemplate("unit", 100, 50)
LOT_TEMPLATE = LabelTemplate("lot", 100, 50)
CARTON_TEMPLATE = LabelTemplate("carton", 101.6, 152.4)  # 4 x 6 in: the GS1 logistic label


@dataclass(frozen=True)
class Field:
    """A captioned value in a logistic label's middle section: `COUNT (37)` / `10`."""

    caption: str
    value: str


@dataclass(frozen=True)
class Label:
    kind: str  # unit | lot | carton
    title: str
    lines: tuple[str, ...]
    barcodes: tuple[Barcode, ...]
    template: LabelTemplate = UNIT_TEMPLATE
    fields: tuple[Field, ...] = ()
    subject: str = ""  # the serial, lot or SSCC the label is for (file names, job lists)

    def to_json(self) -> dict[str, Any]:
        """The label's content, to keep a print job as it was when the scan was accepted."""
        return {
            "kind": self.kind,
            "title": self.title,
            "lines": list(self.lines),
            "subject": self.subject,
            "barcodes": [
                {
                    "symbology": code.symbology.value,
                    "text": code.text,
                    "elements": [[e.ai, e.value] for e in code.elements],
                }
                for code in self.barcodes
            ],
            "fields": [[f.caption, f.value] for f in self.fields],
            "template": {
                "name": self.template.name,
                "width_mm": self.template.width_mm,
                "height_mm": self.template.height_mm,
                "dpi": self.template.dpi,
                "ship_from": list(self.template.ship_from),
                "logo": self.template.logo,
                "fields": list(self.template.fields),
                "shelf_life": self.template.shelf_life,
            },
        }

    @staticmethod
    def from_json(document: dict[str, Any]) -> Label:
        t = document["template"]
        template = LabelTemplate(
            t["name"],
            t["width_mm"],
            t["height_mm"],
            t["dpi"],
            tuple(t["ship_from"]),
            t["logo"],
            tuple(t.get("fields", ())),
            t.get("shelf_life", "expiry"),
        )
        codes = tuple(
            Barcode(
                Symbology(c["symbology"]),
                c["text"],
                tuple(Element(ai, value) for ai, value in c["elements"]),
            )
            for c in document["barcodes"]
        )
        return Label(
            document["kind"],
            document["title"],
            tuple(document["lines"]),
            codes,
            template,
            tuple(Field(caption, value) for caption, value in document["fields"]),
            document.get("subject", ""),
        )


def unit_label(
    unit: Unit,
    part: Part | None,
    made: date | None = None,
    template: LabelTemplate = UNIT_TEMPLATE,
) -> Label:
    """A unit's serial label, fit for UDI: the GS1 DataMatrix (01)(11)(21) when the part has a
    GTIN, and the station code `SN:<part>/<serial>` always."""
    codes = [Barcode.station(f"SN:{unit.part}/{unit.serial}")]
    if part is not None and part.gtin and fits_gs1("21", unit.serial):
        elements = [Element("01", part.gtin), Element("21", unit.serial)]
        if made is not None:
            elements.insert(1, Element("11", made.strftime("%y%m%d")))
        codes.insert(0, Barcode.gs1(Symbology.GS1_DATAMATRIX, *elements))
    lines = [
        ("description", part.description if part else ""),
        ("serial", f"SN {unit.serial}"),
        ("work_order", f"WO {unit.work_order}"),
    ]
    if made is not None:
        lines.append(("production_date", f"MFG {made.isoformat()}"))
    if part is not None and part.gtin:
        lines.append(("gtin", f"GTIN {part.gtin}"))
    return Label("unit", unit.part, template.chosen(lines), tuple(codes), template, (), unit.serial)


def lot_label(lot: Lot, part: Part | None, template: LabelTemplate = LOT_TEMPLATE) -> Label:
    """A lot's label: `LOT:<part>/<lot>` always; with a GTIN, GS1 (01)(17)(10) as DataMatrix."""
    uom = part.uom if part else "ea"
    codes = [Barcode.station(f"LOT:{lot.part}/{lot.code}")]
    if part is not None and part.gtin and fits_gs1("10", lot.code):
        elements = [Element("01", part.gtin), Element("10", lot.code)]
        if lot.expiry is not None:
            elements.insert(1, Element("17", lot.expiry.strftime("%y%m%d")))
        codes.insert(0, Barcode.gs1(Symbology.GS1_DATAMATRIX, *elements))
    lines = [
        ("description", part.description if part else ""),
        ("lot", f"LOT {lot.code}"),
        ("quantity", f"QTY {qty_text(lot.quantity)} {uom}"),
    ]
    if lot.expiry is not None:
        lines.append(("expiry", f"EXP {lot.expiry.isoformat()}"))
    if lot.supplier:
        lines.append(("supplier", f"Supplier {lot.supplier}"))
    return Label("lot", lot.part, template.chosen(lines), tuple(codes), template, (), lot.code)


def carton_label(
    container: Container,
    part: Part | None,
    packed: date | None = None,
    template: LabelTemplate = CARTON_TEMPLATE,
) -> Label:
    """The GS1 logistic label of a carton: the SSCC (00) lowest; above it the content (02)+(37)
    when the part has a GTIN, then the batch (10, the work order) and the dates: the expiry (17)
    or best-before date (15, as the template says) the part's shelf life gives from the packing
    day, and the production date (11, the packing day). Every one is in words in the middle
    section; the layout puts them in as few GS1-128 symbols as fit, in that order of
    importance, as many as the label has room for. A carton of a part without a GTIN has the
    SSCC alone in symbols: GS1 pairs a batch or a date with the GTIN it belongs to."""
    count = len(container.units)
    fields = [("sscc", Field("SSCC (00)", container.sscc))]
    content: list[Element] = []
    if part is not None and part.gtin:
        fields.append(("content", Field("CONTENT (02)", part.gtin)))
        content.append(Element("02", part.gtin))
        content.append(Element("37", str(count)))
    fields.append(("part", Field("PART", container.part)))
    fields.append(("count", Field("COUNT (37)" if content else "COUNT", str(count))))
    extra: list[Element] = []
    if fits_gs1("10", container.work_order):
        fields.append(("batch", Field("BATCH/LOT (10)", container.work_order)))
        extra.append(Element("10", container.work_order))
    else:
        fields.append(("batch", Field("WORK ORDER", container.work_order)))
    if packed is not None:
        shelf_life = part.shelf_life_days if part is not None else None
        if shelf_life is not None:
            name, caption, ai = _SHELF_LIFE_DATES[template.shelf_life]
            until = packed + timedelta(days=shelf_life)
            fields.append((name, Field(caption, until.isoformat())))
            extra.append(Element(ai, until.strftime("%y%m%d")))
        fields.append(("production_date", Field("PROD. DATE (11)", packed.isoformat())))
        extra.append(Element("11", packed.strftime("%y%m%d")))
    # In order of importance: what is in the carton and how many, then the batch and dates.
    # GS1 lets a batch or a date stand only beside the GTIN of what it describes: without a
    # content GTIN (02) they stay in words.
    groups = (content, extra) if content else ()
    codes = [Barcode(Symbology.GS1_128, elements=tuple(group)) for group in groups]
    codes = [code for code in codes if code.elements]
    codes.append(Barcode.gs1(Symbology.GS1_128, Element("00", container.sscc)))
    title = part.description if part and part.description else container.part
    return Label(
        "carton", title, (), tuple(codes), template, template.chosen(fields), container.sscc
    )


# A template's `shelf_life`: the field, its data title and the AI of the date it gives.
_SHELF_LIFE_DATES = {
    "expiry": ("expiry", "EXPIRY (17)", "17"),
    "best_before": ("best_before", "BEST BEFORE (15)", "15"),
}
SHELF_LIFE_DATES = tuple(_SHELF_LIFE_DATES)
