"""A supplier's GS1 or ISO/IEC 15434 label on a lot works wherever LOT: works."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.store.tables import ConsumptionRow, EventRow

GS = "\x1d"
RS = "\x1e"
EOT = "\x04"
BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")


def test_a_gs1_lot_label_installs_the_part_its_gtin_names(scan: Any) -> None:
    result = scan(*BOARD, f"]C10109506000134376{GS}10C-7781")
    assert result.outcome == "accepted"
    assert result.message == "2 ea of lot CAP-220/C-7781 installed in PCBA-100/PCB-1."


def test_a_gs1_label_whose_wedge_lost_the_separator_still_reads_with_a_substitute(
    scan: Any,
) -> None:
    result = scan(*BOARD, "]C1010950600013437610C-7781|17280331")
    assert result.outcome == "accepted", result.message


def test_a_gs1_lot_label_printed_expired_needs_a_lead_even_if_master_data_has_no_date(
    scan: Any,
) -> None:
    result = scan(*BOARD, f"]C101095060001343761726013110C-7781{GS}")
    assert result.outcome == "needs_override"
    assert "expired on 2026-01-31" in result.message


def test_an_unknown_gtin_is_rejected_with_what_to_do(scan: Any) -> None:
    result = scan(*BOARD, f"]C10109506000134383{GS}10C-7781")
    assert result.outcome == "rejected"
    assert "No part carries GTIN 09506000134383" in result.message


def test_an_iso_15434_reel_label_names_the_part_by_supplier_part_number(scan: Any) -> None:
    reel = f"[)>{RS}06{GS}1PEEE-FK1E221P{GS}1TC-7790{GS}Q2000{GS}10D2540{GS}4LJP{RS}{EOT}"
    result = scan(*BOARD, reel)
    assert result.outcome == "accepted"
    assert result.message == "2 ea of lot CAP-220/C-7790 installed in PCBA-100/PCB-1.", (
        "the reel count is not the unit's quantity"
    )


def test_an_iso_15434_label_with_an_unknown_supplier_part_is_rejected(scan: Any) -> None:
    reel = f"[)>{RS}06{GS}1PXYZ-1{GS}1TC-7790{GS}Q2000{RS}{EOT}"
    result = scan(*BOARD, reel)
    assert result.outcome == "rejected"
    assert "Supplier part XYZ-1 is not cross-referenced" in result.message


def test_kitting_a_reel_by_its_label_kits_its_count_up_to_the_work_order_need(
    engine: Any, scan: Any
) -> None:
    from tracestation.store.importer import import_master_data

    import_master_data(
        engine,
        {
            "parts": [
                {
                    "number": "PASTE-7",
                    "description": "Thermal paste",
                    "tracking": "lot",
                    "uom": "g",
                    "shelf_life_days": 365,
                    "supplier_parts": ["DOW-TC5"],
                }
            ]
        },
    )
    result = scan(
        "B-1001", "WO:WO-1001", "OPN:10", f"[)>{RS}06{GS}1PDOW-TC5{GS}1TP-88{GS}Q25{RS}{EOT}"
    )
    assert result.message == "25 g of lot PASTE-7/P-88 kitted to WO-1001 (15 g still to kit)."
    with Session(engine) as s:
        assert [str(q.normalize()) for q in s.scalars(select(ConsumptionRow.qty))] == ["25"]
        assert s.scalars(select(EventRow.kind).where(EventRow.kind == "lot_consumed")).one()


def test_a_gs1_serial_label_selects_the_unit_its_gtin_and_serial_name(scan: Any) -> None:
    scan("B-1001", "WO:WO-1001", "OPN:10", "CTRL-1", "OPN:20")
    result = scan(f"]C10109506000134352{GS}21CTRL-1")
    assert result.outcome == "accepted"
    assert result.message == "Unit CTRL-500/CTRL-1 selected."
