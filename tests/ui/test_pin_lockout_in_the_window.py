"""PIN guessing through the window's lead panel stops at the limit, as at the station and the
command line (one count per badge on the record); another lead unlocks it from the panel."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.store.tables import EventRow, LotRow
from tracestation.ui.main_window import StationWindow
from ui.conftest import Scanner

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
EXPIRED = "LOT:CAP-220/C-6001"


@pytest.fixture
def plant_document(plant_document: dict[str, Any]) -> dict[str, Any]:
    plant_document["operators"].append(
        {"badge": "B-9002", "name": "Elena Ilie", "role": "lead", "pin": "2468"}
    )
    return plant_document


def hold(window: StationWindow, qtbot: Any, badge: str, pin: str) -> str:
    page = window.lead_page
    window.tabs.setCurrentWidget(page)
    page.badge.setText(badge)
    page.pin.setText(pin)
    page.lots.lot.setText("SCREW-M3/L-2291")
    page.lots.reason.setText("supplier NCR 77")
    with qtbot.waitSignal(window.client.sig_lead_outcome, timeout=10_000):
        qtbot.mouseClick(page.lots.status_buttons["hold"], Qt.MouseButton.LeftButton)
    return page.result.text()


def unlock(window: StationWindow, qtbot: Any, badge: str, pin: str, locked: str) -> str:
    page = window.lead_page
    window.tabs.setCurrentWidget(page)
    page.tabs.setCurrentWidget(page.pins)
    page.badge.setText(badge)
    page.pin.setText(pin)
    page.pins.badge.setText(locked)
    page.pins.reason.setText("identity checked")
    with qtbot.waitSignal(window.client.sig_lead_outcome, timeout=10_000):
        qtbot.mouseClick(page.pins.button, Qt.MouseButton.LeftButton)
    return page.result.text()


def lot_status(engine: Any) -> str:
    with Session(engine) as s:
        return s.scalars(select(LotRow.status).where(LotRow.code == "L-2291")).one()


def pin_kinds(engine: Any) -> list[str]:
    with Session(engine) as s:
        rows = s.scalars(select(EventRow).order_by(EventRow.time, EventRow.seq)).all()
    return [r.kind for r in rows if r.kind.startswith("pin_")]


def test_pin_guessing_through_the_lead_panel_stops_at_the_limit(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    answers = [hold(window, qtbot, "B-9001", f"000{n}") for n in range(5)]

    assert answers[0] == (
        "Not done: Wrong PIN for Ion Rus (4 of 5 tries left before it locks). Nothing was changed."
    )
    assert answers[4].startswith("Not done: Wrong PIN for Ion Rus 5 times: the PIN is locked until")
    right = hold(window, qtbot, "B-9001", "4321")
    assert right.startswith("Not done: PIN of Ion Rus is locked after 5 wrong tries until ")
    assert right.endswith(", or until another lead unlocks it.")
    assert window.lead_page.result.property("kind") == "error"
    assert window.lead_page.pin.text() == "", "the PIN does not stay on screen"
    assert pin_kinds(engine) == ["pin_rejected"] * 5 + ["pin_locked", "pin_rejected"]
    assert lot_status(engine) == "released"


def test_tries_at_the_scanner_and_at_the_lead_panel_add_up(
    window: StationWindow, wedge: Scanner, qtbot: Any, engine: Any
) -> None:
    wedge.scans(*BOARD, EXPIRED, "B-9001", "PIN:1111", "PIN:2222", "PIN:3333")
    hold(window, qtbot, "B-9001", "0000")
    assert hold(window, qtbot, "B-9001", "0001").startswith(
        "Not done: Wrong PIN for Ion Rus 5 times: the PIN is locked"
    )
    window.tabs.setCurrentIndex(0)
    verdict = wedge.scan("B-9001")
    assert verdict.result.code == "pin_locked"
    assert window.scan_page.banner.message_text.startswith("PIN of Ion Rus is locked after 5")


def test_another_lead_unlocks_a_pin_from_the_panel(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    for n in range(5):
        hold(window, qtbot, "B-9001", f"000{n}")

    assert unlock(window, qtbot, "B-9002", "2468", "B-9001") == (
        "The PIN of Ion Rus (B-9001) is unlocked, signed by Elena Ilie."
    )
    assert hold(window, qtbot, "B-9001", "4321") == (
        "Lot SCREW-M3/L-2291: hold done, signed by Ion Rus."
    )
    with Session(engine) as s:
        unlocked = s.scalars(select(EventRow).where(EventRow.kind == "pin_unlocked")).one()
    assert (unlocked.signed_by, unlocked.reason) == ("B-9002", "identity checked")
    assert unlocked.payload["signature_name"] == "Elena Ilie"
