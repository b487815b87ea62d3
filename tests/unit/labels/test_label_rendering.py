"""Labels carry the right codes: GS1-128 SSCC on cartons, GS1 DataMatrix on units with a GTIN."""

from __future__ import annotations

from decimal import Decimal

from tracestation.domain.model import Container, Lot, Part, Tracking, Unit
from tracestation.labels.pdf import render_pdf
from tracestation.labels.templates import carton_label, lot_label, unit_label
from tracestation.labels.zpl import render_zpl

CONTROLLER = Part("CTRL-500", "Controller", Tracking.SERIAL, gtin="09506000134352")
CARTON = Container("095060000000000015", "WO-1001", "CTRL-500", 10, ("C1", "C2", "C3"), True)


def test_a_carton_label_carries_its_sscc_as_gs1_128_with_fnc1() -> None:
    zpl = render_zpl(carton_label(CARTON, CONTROLLER))
    assert zpl.startswith("^XA") and zpl.rstrip().endswith("^XZ")
    assert "^BCN,90,N,N,N^FH_^FD>;>800095060000000000015^FS" in zpl
    assert ">;>80209506000134352373^FS" in zpl, "content (02) GTIN and (37) count 3"


def test_a_unit_label_of_a_part_with_a_gtin_carries_a_gs1_datamatrix() -> None:
    zpl = render_zpl(unit_label(Unit("CTRL-500", "CTRL-0001", "WO-1001"), CONTROLLER))
    assert "^BXN,6,200,,,,_^FH_^FD_10109506000134352" in zpl
    assert "^FDSN:CTRL-500/CTRL-0001^FS" in zpl


def test_a_unit_label_without_a_gtin_uses_the_station_serial_code() -> None:
    board = Part("PCBA-100", "Controller board", Tracking.SERIAL)
    label = unit_label(Unit("PCBA-100", "PCB-1", "WO-2001"), board)
    assert [code.data for code in label.barcodes] == ["SN:PCBA-100/PCB-1", "SN:PCBA-100/PCB-1"]


def test_label_text_cannot_inject_zpl_commands() -> None:
    part = Part("X", "Evil ^XZ~JR part", Tracking.LOT)
    zpl = render_zpl(lot_label(Lot("X", "L^1", Decimal(5)), part))
    assert "^XZ~" not in zpl and "Evil _5EXZ_7EJR part" in zpl
    assert zpl.count("^XZ") == 1


def test_a_pdf_has_one_page_per_label() -> None:
    pdf = render_pdf(
        [carton_label(CARTON, CONTROLLER), unit_label(Unit("CTRL-500", "S", "W"), CONTROLLER)]
    )
    assert pdf.startswith(b"%PDF")
    assert b"/Count 2" in pdf
