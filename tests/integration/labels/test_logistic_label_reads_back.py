"""The carton's GS1 logistic label carries its batch (10) and dates — production (11), expiry
(17) or best-before (15) where the data has them — as real GS1 AIs in GS1-128 symbols and in
words, on 4x6 and A6 stock, in PDF (rasterised at 203 and 300 dpi, read by ZXing-C++ and zbar)
and in ZPL (its ^BC fields drawn as the printer makes them, read the same way). Read together,
as a warehouse scanner reads a whole label, the symbols pass GS1's pairing rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from support.label_reading import (
    draw_zpl_barcodes,
    rasterise,
    read_zbar,
    read_zxing,
    tools_missing,
)
from tracestation.barcodes import decode
from tracestation.domain.model import Container, Part, Tracking
from tracestation.labels.layout import Text, lay_out
from tracestation.labels.pdf import render_pdf
from tracestation.labels.templates import CARTON_TEMPLATE, Label, carton_label
from tracestation.labels.zpl import render_zpl

pytestmark = pytest.mark.skipif(tools_missing(), reason="needs poppler-utils and zbar-tools")

GS = "\x1d"
PACKED = date(2026, 11, 30)
CARTON = Container("095060000000000015", "WO-1001", "CTRL-500", 10, ("C1", "C2", "C3"), True)
SHIP_FROM = ("ACME Electronics", "Str. Fabricii 1", "400000 Cluj-Napoca, RO")
STOCK = {"4x6": (101.6, 152.4), "A6": (105.0, 148.0)}


def carton(stock: str, shelf_life_days: int | None, shelf_life: str = "expiry") -> Label:
    part = Part(
        "CTRL-500", "Controller", Tracking.SERIAL, gtin="09506000134352",
        shelf_life_days=shelf_life_days,
    )  # fmt: skip
    width, height = STOCK[stock]
    template = replace(
        CARTON_TEMPLATE, width_mm=width, height_mm=height, ship_from=SHIP_FROM,
        shelf_life=shelf_life,
    )  # fmt: skip
    return carton_label(CARTON, part, PACKED, template)


CASES = {
    # name: (label, the batch-and-date symbol it must carry, words it must print)
    "4x6-production-date": (
        carton("4x6", None),
        "11261130" + "10WO-1001",
        ["BATCH/LOT (10)", "WO-1001", "PROD. DATE (11)", "2026-11-30"],
    ),
    "A6-production-date": (
        carton("A6", None),
        "11261130" + "10WO-1001",
        ["BATCH/LOT (10)", "WO-1001", "PROD. DATE (11)", "2026-11-30"],
    ),
    "4x6-expiry": (
        carton("4x6", 365),
        "17271130" + "10WO-1001",
        ["EXPIRY (17)", "2027-11-30", "PROD. DATE (11)", "2026-11-30", "WO-1001"],
    ),
    "A6-best-before": (
        carton("A6", 90, "best_before"),
        "15270228" + "10WO-1001",
        ["BEST BEFORE (15)", "2027-02-28", "PROD. DATE (11)", "2026-11-30", "WO-1001"],
    ),
}
SSCC = "00095060000000000015"
CONTENT = "0209506000134352" + "373"


def whole_label(reads: set[str]) -> str:
    """The symbols' data as one element string, as a scanner in label mode sends it."""
    ordered = sorted(reads, key=lambda data: not data.startswith("02"))
    return "]C1" + GS.join(ordered)


def check_reads(zxing: set[tuple[str, str]], zbar: set[str], dated: str, where: str) -> None:
    wanted = {SSCC, CONTENT, dated}
    assert {("]C1", data) for data in wanted} == zxing, f"{where}: ZXing-C++ read {zxing}"
    assert {data.replace(GS, "") for data in wanted} <= zbar, f"{where}: zbar read {zbar}"
    read = decode(whole_label({data for _, data in zxing}))
    assert read.error is None, f"{where}: {read.error}"
    assert read.ai["10"] == "WO-1001" and read.ai["00"] == SSCC[2:] and read.ai["37"] == "3"
    assert dated[:2] in read.ai


@pytest.mark.parametrize("case", list(CASES))
def test_the_pdf_label_carries_batch_and_dates_as_gs1_ais_at_203_and_300_dpi(
    case: str, tmp_path: Path
) -> None:
    label, dated, words = CASES[case]
    for printer_dpi in (203, 300):
        page = lay_out(label, printer_dpi)
        texts = [item.text for item in page.items if isinstance(item, Text)]
        for word in words:
            assert word in texts, f"{case} at {printer_dpi} dpi: {word!r} not in words"
        pdf = tmp_path / f"{case}-{printer_dpi}.pdf"
        pdf.write_bytes(render_pdf([label], printer_dpi))
        for dpi in (203, 300):
            [image] = rasterise(pdf, dpi)
            zxing = {(r.symbology_identifier, r.data.decode()) for r in read_zxing(image)}
            check_reads(zxing, set(read_zbar(image)), dated, f"{image.name} at {dpi} dpi")


@pytest.mark.parametrize("case", list(CASES))
def test_the_zpl_label_carries_the_same_symbols_as_the_pdf(case: str, tmp_path: Path) -> None:
    label, dated, _ = CASES[case]
    for dpi in (203, 300):
        zpl = render_zpl(label, dpi)
        for word in ("BATCH/LOT (10)", "WO-1001", "PROD. DATE (11)"):
            assert f"^FD{word}^FS" in zpl, f"{case}: {word!r} not in the ZPL's words"
        image = tmp_path / f"{case}-zpl-{dpi}.png"
        assert draw_zpl_barcodes(zpl, image) == 3
        zxing = {(r.symbology_identifier, r.data.decode()) for r in read_zxing(image)}
        check_reads(zxing, set(read_zbar(image)), dated, f"ZPL at {dpi} dpi")


def test_with_expiry_and_production_date_the_less_important_date_stays_in_words_only() -> None:
    """Four GS1-128 symbols 32 mm high do not fit on 152 mm: the expiry goes in a symbol with
    the batch, the production date stays in words."""
    label, _, _ = CASES["4x6-expiry"]
    data = [symbol.barcode.data for symbol in lay_out(label).symbols]
    assert data == [
        "(00)095060000000000015",
        "(02)09506000134352(37)3",
        "(17)271130(10)WO-1001",
    ]


def test_a_carton_of_a_part_without_a_gtin_carries_batch_and_dates_in_words_only() -> None:
    part = Part("PCBA-100", "Board", Tracking.SERIAL, shelf_life_days=30)
    label = carton_label(CARTON, part, PACKED)
    assert [code.data for code in label.barcodes] == ["(00)095060000000000015"]
    texts = [item.text for item in lay_out(label).items if isinstance(item, Text)]
    assert {"WO-1001", "2026-11-30", "2026-12-30"} <= set(texts)
