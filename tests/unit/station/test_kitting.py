"""Kitting: lots consumed against the work order, up to what its BOM requires in all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from support.fakes import FakePlant, Scan

KITTING = ("B-1001", "WO:WO-1001", "OPN:10")


def test_kitting_consumes_what_the_work_order_still_needs_then_refuses_more(
    scan: Scan, plant: FakePlant
) -> None:
    kitted = scan(*KITTING, "LOT:PASTE-7/P-88")
    assert (kitted.outcome, kitted.message) == (
        "accepted",
        "40 g of lot PASTE-7/P-88 kitted to WO-1001 (0 g still to kit).",
    )
    assert kitted.prompt == "Kitting complete. Scan units of CTRL-500 to move them on."
    assert plant.kitted_quantity("WO-1001", "PASTE-7", "10") == 40
    before = plant.snapshot()

    again = scan("LOT:PASTE-7/P-88")
    assert (again.outcome, again.code) == ("rejected", "line_kitted")
    assert again.message == "WO-1001 already has all 40 g of PASTE-7 kitted."
    assert plant.snapshot() == before


def test_a_quantity_scanned_before_the_lot_kits_that_much(scan: Scan, plant: FakePlant) -> None:
    result = scan(*KITTING, "QTY:15", "LOT:PASTE-7/P-88")
    assert result.message == "15 g of lot PASTE-7/P-88 kitted to WO-1001 (25 g still to kit)."
    assert result.prompt == "Scan lots to kit: PASTE-7 25."
    lot = plant.lot("PASTE-7", "P-88")
    assert lot is not None and lot.quantity == 485


def test_more_than_the_work_order_still_needs_is_rejected(scan: Scan, plant: FakePlant) -> None:
    result = scan(*KITTING, "QTY:50", "LOT:PASTE-7/P-88")
    assert (result.outcome, result.code) == ("rejected", "qty_over_requirement")
    assert result.message == "50 g of PASTE-7 is more than the 40 g still to kit."
    assert plant.kitted_quantity("WO-1001", "PASTE-7", "10") == 0


def test_a_small_lot_kits_what_it_holds_is_used_up_and_the_next_lot_kits_the_rest(
    scan: Scan, plant: FakePlant
) -> None:
    plant.add_lot("PASTE-7", "P-90", 30, expiry=date(2027, 1, 31))
    first = scan(*KITTING, "LOT:PASTE-7/P-90")
    assert first.message == "30 g of lot PASTE-7/P-90 kitted to WO-1001 (10 g still to kit)."
    used_up = plant.lot("PASTE-7", "P-90")
    assert used_up is not None and (used_up.quantity, used_up.status) == (Decimal(0), "consumed")
    rest = scan("LOT:PASTE-7/P-88")
    assert rest.message == "10 g of lot PASTE-7/P-88 kitted to WO-1001 (0 g still to kit)."
    assert scan("LOT:PASTE-7/P-90").code == "line_kitted"
