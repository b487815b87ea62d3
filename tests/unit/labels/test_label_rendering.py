"""Labels carry real GS1 symbols at sizes printers can print, the same in ZPL and PDF."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
import zxingcpp
from barcode.charsets import code128 as patterns
from PIL import Image

from tracestation.barcodes import decode
from tracestation.domain.model import Container, Lot, Part, Tracking, Unit
from tracestation.labels.code128 import codewords, zpl_field
from tracestation.labels.layout import lay_out
from tracestation.labels.pdf import render_pdf
from tracestation.labels.sizes import SPECS, dots_to_mm
from tracestation.labels.templates import (
    CARTON_TEMPLATE,
    Label,
    Symbology,
    carton_label,
    lot_label,
    unit_label,
)
from tracestation.labels.zpl import render_zpl

CONTROLLER = Part("CTRL-500", "Controller", Tracking.SERIAL, gtin="09506000134352")
BOARD = Part("PCBA-100", "Controller board", Tracking.SERIAL)
CAPACITOR = Part("CAP-220", "Capacitor", Tracking.LOT, gtin="09506000134376")
CARTON = Container("095060000000000015", "WO-1001", "CTRL-500", 10, ("C1", "C2", "C3"), True)
MADE = date(2026, 11, 30)
UNIT = unit_label(Unit("CTRL-500", "CTRL-0001", "WO-1001"), CONTROLLER, MADE)
LOT = lot_label(Lot("CAP-220", "C-7781", Decimal(500), expiry=date(2028, 3, 31)), CAPACITOR)
CARTON_LABEL = carton_label(CARTON, CONTROLLER, MADE)


def test_a_unit_label_carries_a_gs1_datamatrix_with_fnc1_in_zpl() -> None:
    zpl = render_zpl(UNIT)
    [field] = re.findall(r"\^BXN,(\d+),200,(\d+),(\d+),,(.)\^FD([^^]*)\^FS", zpl)
    module, _, _, escape, data = field
    assert module == "4", "0.5 mm at 203 dpi"
    assert escape == "_" and data == "_1010950600013435211261130" + "21CTRL-0001"
    assert "^FH_^FD>:SN:CTRL-500/CTRL->50001^FS" in zpl, "code sets chosen, ^BC plain mode"


def test_a_gs1_datamatrix_with_an_underscore_in_its_data_escapes_fnc1_with_a_backslash() -> None:
    label = unit_label(Unit("CTRL-500", "A_1", "WO-1001"), CONTROLLER)
    assert "^FD\\10109506000134352" + "21A_1^FS" in render_zpl(label)


def test_a_part_without_a_gtin_gets_the_station_code_symbol_only() -> None:
    label = unit_label(Unit("PCBA-100", "PCB-1", "WO-2001"), BOARD, MADE)
    assert [(c.symbology, c.data) for c in label.barcodes] == [
        (Symbology.CODE128, "SN:PCBA-100/PCB-1")
    ]
    assert "^BX" not in render_zpl(label)


def test_a_serial_gs1_cannot_carry_gets_the_station_code_only() -> None:
    label = unit_label(Unit("CTRL-500", "S 1#", "WO-1001"), CONTROLLER)
    assert [c.symbology for c in label.barcodes] == [Symbology.CODE128]


def test_a_lot_label_carries_gtin_expiry_and_lot_as_gs1() -> None:
    [matrix] = [c for c in LOT.barcodes if c.is_2d]
    assert matrix.data == "(01)09506000134376(17)280331(10)C-7781"
    assert "EXP 2028-03-31" in LOT.lines


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("label", [UNIT, LOT, CARTON_LABEL], ids=["unit", "lot", "carton"])
def test_every_module_is_whole_dots_within_gs1_figures(label: Label, dpi: int) -> None:
    page = lay_out(label, dpi)
    for symbol in page.symbols:
        spec = SPECS[symbol.use]
        x = dots_to_mm(symbol.module, dpi)
        assert spec.x_min_mm <= x <= spec.x_max_mm, (symbol.barcode.data, x)
        if symbol.bar_height:
            assert dots_to_mm(symbol.bar_height, dpi) >= spec.min_height_mm
        quiet = spec.quiet_modules * symbol.module
        assert symbol.x >= quiet and symbol.x + symbol.width + quiet <= page.width
    zpl = render_zpl(label, dpi)
    modules = {int(m) for m in re.findall(r"\^BY(\d+)", zpl) + re.findall(r"\^BXN,(\d+)", zpl)}
    assert modules == {s.module for s in page.symbols}


def test_the_sscc_is_4_dots_at_203_dpi_and_6_at_300_about_32_mm_high_and_lowest() -> None:
    for dpi, module in ((203, 4), (300, 6)):
        page = lay_out(CARTON_LABEL, dpi)
        sscc = next(s for s in page.symbols if s.barcode.data.startswith("(00)"))
        assert sscc.module == module
        assert 31.75 <= dots_to_mm(sscc.bar_height, dpi) <= 33.5
        assert sscc.y == max(s.y for s in page.symbols)
        zpl = render_zpl(CARTON_LABEL, dpi)
        assert f"^BY{module}^BCN,{sscc.bar_height},N,N,N,N^FH_^FD>;>800095060000000000015^FS" in zpl


def test_the_logistic_label_has_ship_from_content_in_words_and_both_sizes() -> None:
    from dataclasses import replace

    template = replace(CARTON_TEMPLATE, ship_from=("ACME Plant", "1 Road"))
    for width, height in ((101.6, 152.4), (105, 148)):
        label = carton_label(
            CARTON, CONTROLLER, MADE, replace(template, width_mm=width, height_mm=height)
        )
        page = lay_out(label)
        texts = [getattr(item, "text", "") for item in page.items]
        for words in ("FROM", "ACME Plant", "SSCC (00)", "CONTENT (02)", "COUNT (37)"):
            assert words in texts
        assert "2026-11-30" in texts and "WO-1001" in texts and "3" in texts
        data = [s.barcode.data for s in page.symbols]
        assert data[0] == "(00)095060000000000015"
        assert "(02)09506000134352(37)3" in data


@pytest.mark.parametrize(
    "label",
    [UNIT, LOT, CARTON_LABEL, lot_label(Lot("X", "A>B^~_1", Decimal(1)), None)],
    ids=["unit", "lot", "carton", "odd-characters"],
)
def test_the_zpl_code_128_fields_make_the_symbols_the_pdf_shows(label: Label) -> None:
    """Rebuild each ^BC symbol from the code sets written into the ZPL and read it back."""
    for code in (c for c in label.barcodes if not c.is_2d):
        bars = (
            "".join(patterns.CODES[v] for v in codewords(code)) + patterns.STOP + "11"
        )  # stop + bar
        row = [0] * 20 + [1 if ch == "1" else 0 for ch in bars] + [0] * 20
        image = Image.new("L", (len(row) * 3, 60), 255)
        for x, dark in enumerate(row):
            if dark:
                image.paste(0, (x * 3, 0, x * 3 + 3, 60))
        [read] = zxingcpp.read_barcodes(image)
        expected_id = "]C1" if code.is_gs1 else "]C0"
        assert read.symbology_identifier == expected_id
        if code.is_gs1:
            assert (
                decode(expected_id + read.bytes.decode()).ai
                == {e.ai: e.value for e in code.elements}
                or code.elements[0].ai == "02"
            )
        else:
            assert read.bytes.decode() == code.text
            assert "><" in zpl_field(code) or ">" not in code.text


def test_label_text_cannot_inject_zpl_commands() -> None:
    part = Part("X", "Evil ^XZ~JR part", Tracking.LOT)
    zpl = render_zpl(lot_label(Lot("X", "L^1", Decimal(5)), part))
    assert "^XZ~" not in zpl and "Evil _5EXZ_7EJR part" in zpl
    assert zpl.count("^XZ") == 1


def test_a_label_kept_as_json_comes_back_the_same() -> None:
    for label in (UNIT, LOT, CARTON_LABEL):
        assert Label.from_json(label.to_json()) == label


def test_a_pdf_has_one_page_per_label_at_the_label_size() -> None:
    pdf = render_pdf([CARTON_LABEL, UNIT])
    assert pdf.startswith(b"%PDF") and b"/Count 2" in pdf
    assert b"/MediaBox [ 0 0 288.0" in pdf or b"288" in pdf
