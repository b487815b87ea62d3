"""A line lead at the window: overrides by scanning badge, PIN and reason; signed lot actions,
nonconformances, deviations and label reprints from the lead panel, with no dialog."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from support.snapshots import PIN_RECORD, record_snapshot
from tracestation.station.verdicts import Outcome
from tracestation.store.tables import DeviationRow, EventRow, LotRow, NonconformanceRow
from tracestation.ui.main_window import StationWindow
from ui.conftest import Scanner

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
EXPIRED = "LOT:CAP-220/C-6001"


def steps(window: StationWindow) -> list[str]:
    override = window.scan_page.override
    return [override.badge.text(), override.pin.text(), override.reason.text()]


def test_an_expired_lot_turns_the_banner_amber_and_a_lead_overrides_it_by_scanning(
    window: StationWindow, wedge: Scanner, engine: Any
) -> None:
    wedge.scans(*BOARD)
    needs = wedge.scan(EXPIRED)
    banner = window.scan_page.banner
    assert needs.result.outcome is Outcome.NEEDS_OVERRIDE
    assert (
        banner.title_text == "Needs a line lead" and banner.property("outcome") == "needs_override"
    )
    assert "expired on 2026-01-31" in banner.message_text
    assert window.sounds.last_played is Outcome.NEEDS_OVERRIDE
    assert window.scan_page.override.isVisible()
    assert steps(window) == [
        "\u25cb Lead badge: scan it",
        "\u25cb PIN: scan PIN:<n>",
        "\u25cb Reason code: scan RSN:<code>",
    ]
    assert "line lead" in window.scan_page.prompt.text()

    wedge.scan("B-9001")
    assert steps(window)[0] == "\u2714 Lead badge: Ion Rus"
    wedge.scan("PIN:4321")
    assert steps(window)[1] == "\u2714 PIN accepted"
    applied = wedge.scan("RSN:ENG-OK")

    assert applied.result.outcome is Outcome.ACCEPTED
    assert (
        banner.message_text
        == "Override signed by Ion Rus (lot_expired waived); deviation recorded."
    )
    assert not window.scan_page.override.isVisible()
    with Session(engine) as s:
        deviation = s.scalars(select(DeviationRow)).one()
    assert (deviation.subject, deviation.reason, deviation.lead) == (
        "CAP-220/C-6001",
        "ENG-OK",
        "B-9001",
    )
    assert window.top_bar.operator.value.text() == "Ana Pop", "the operator stays logged in"


def test_the_lead_panel_shows_what_the_pending_override_still_needs(
    window: StationWindow, wedge: Scanner
) -> None:
    wedge.scans(*BOARD, EXPIRED, "RSN:ENG-OK")
    lead_steps = window.lead_page.override
    assert lead_steps.override is not None
    assert lead_steps.override.still_needed == ("badge", "pin")
    assert lead_steps.reason.text() == "\u2714 Reason: ENG-OK"


def sign(window: StationWindow, qtbot: Any, pin: str = "4321") -> None:
    page = window.lead_page
    window.tabs.setCurrentWidget(page)
    page.badge.setText("B-9001")
    page.pin.setText(pin)


def click_and_wait(qtbot: Any, window: StationWindow, button: Any) -> None:
    with qtbot.waitSignal(window.client.sig_lead_outcome, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_lead_puts_a_lot_on_hold_from_the_panel_with_badge_and_pin(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    sign(window, qtbot)
    lots = window.lead_page.lots
    lots.lot.setText("SCREW-M3/L-2291")
    lots.reason.setText("supplier NCR 77")
    click_and_wait(qtbot, window, lots.status_buttons["hold"])
    assert window.lead_page.result.text() == "Lot SCREW-M3/L-2291: hold done, signed by Ion Rus."
    assert window.lead_page.pin.text() == "", "the PIN does not stay on screen"
    with Session(engine) as s:
        lot = s.scalars(select(LotRow).where(LotRow.code == "L-2291")).one()
        event = s.scalars(select(EventRow).where(EventRow.kind == "lot_status_changed")).one()
    assert (lot.status, lot.status_reason) == ("hold", "supplier NCR 77")
    assert event.signed_by == "B-9001"


def test_a_wrong_pin_changes_nothing_but_the_record_of_the_try_and_says_so_in_the_panel(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    before = record_snapshot(engine, skip=PIN_RECORD)
    sign(window, qtbot, pin="0000")
    lots = window.lead_page.lots
    lots.lot.setText("SCREW-M3/L-2291")
    lots.reason.setText("test")
    click_and_wait(qtbot, window, lots.status_buttons["quarantine"])
    assert window.lead_page.result.text() == (
        "Not done: Wrong PIN for Ion Rus (4 of 5 tries left before it locks). Nothing was changed."
    )
    assert window.lead_page.result.property("kind") == "error"
    assert record_snapshot(engine, skip=PIN_RECORD) == before


def test_an_action_without_a_signature_is_not_sent(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    before = record_snapshot(engine)
    window.tabs.setCurrentWidget(window.lead_page)
    qtbot.mouseClick(window.lead_page.lots.status_buttons["hold"], Qt.MouseButton.LeftButton)
    assert "badge and PIN" in window.lead_page.result.text()
    assert record_snapshot(engine) == before


def test_a_lead_splits_a_lot_from_the_panel(window: StationWindow, qtbot: Any, engine: Any) -> None:
    sign(window, qtbot)
    lots = window.lead_page.lots
    lots.lot.setText("LOT:SCREW-M3/L-2291")
    lots.split_qty.setText("1000")
    click_and_wait(qtbot, window, lots.split_button)
    assert window.lead_page.result.text() == (
        "1000 of SCREW-M3/L-2291 split into new lot SCREW-M3/L-2291-S1, signed by Ion Rus."
    )
    with Session(engine) as s:
        assert s.scalars(select(LotRow.quantity).where(LotRow.code == "L-2291-S1")).one() == 1000


def test_a_lead_opens_a_nonconformance_on_a_lot(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    sign(window, qtbot)
    form = window.lead_page.nonconformance
    window.lead_page.tabs.setCurrentWidget(form)
    form.number.setText("NC-0042")
    form.kind.setCurrentIndex(form.kind.findData("lot"))
    form.subject.setText("CAP-220/C-7790")
    qtbot.waitUntil(lambda: form.defect.count() == 8)  # the demo plant's catalogue
    form.defect.setCurrentIndex(form.defect.findData("WRONG-PART"))
    assert form.defect.currentText() == "WRONG-PART \u2014 Wrong component fitted"
    form.description.setPlainText("Reel marked 22 uF")
    form.disposition.setCurrentIndex(form.disposition.findData("return_to_vendor"))
    click_and_wait(qtbot, window, form.button)
    assert (
        window.lead_page.result.text()
        == "Nonconformance NC-0042 opened on CAP-220/C-7790, signed by Ion Rus."
    )
    with Session(engine) as s:
        row = s.scalars(select(NonconformanceRow)).one()
    assert (row.subject, row.disposition, row.signed_by) == ("C-7790", "return_to_vendor", "B-9001")
    assert row.defect_code == "WRONG-PART"


def test_a_lots_nonconformance_from_the_panel_can_hold_the_lot_in_the_same_step(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    sign(window, qtbot)
    form = window.lead_page.nonconformance
    window.lead_page.tabs.setCurrentWidget(form)
    form.kind.setCurrentIndex(form.kind.findData("lot"))
    form.subject.setText("CAP-220/C-7790")
    form.defect.setEditText("DEF:DAMAGED-PART")  # scanned from the defect sheet
    form.description.setPlainText("Reel crushed")
    form.hold.setChecked(True)
    click_and_wait(qtbot, window, form.button)
    assert window.lead_page.result.text().startswith("Nonconformance NC-")
    with Session(engine) as s:
        row = s.scalars(select(NonconformanceRow)).one()
        lot = s.scalars(select(LotRow).where(LotRow.code == "C-7790")).one()
    assert (row.defect_code, row.disposition) == ("DAMAGED-PART", "use_as_is")
    assert lot.status == "hold"


def test_the_deviations_tab_lists_signed_overrides_with_the_leads_printed_name_and_meaning(
    window: StationWindow, wedge: Scanner, qtbot: Any
) -> None:
    wedge.scans(*BOARD, EXPIRED, "B-9001", "PIN:4321", "RSN:ENG-OK")
    window.tabs.setCurrentWidget(window.lead_page)
    model = window.lead_page.deviations_model
    with qtbot.waitSignal(window.client.sig_deviations, timeout=10_000):
        window.lead_page.tabs.setCurrentWidget(window.lead_page.deviations)
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(1, 7)] == [
        "lot expired",
        "CAP-220/C-6001",
        "WO-2001",
        "ENG-OK",
        "Ion Rus (B-9001)",
        "waived lot_expired",
    ]
    assert model.headerData(5, Qt.Orientation.Horizontal) == "Signed by"
    assert model.headerData(6, Qt.Orientation.Horizontal) == "Meaning"


def shown_label(window: StationWindow, qtbot: Any, subject: str) -> Any:
    """Ask the Labels tab for the label of `subject` and wait until it is drawn."""
    tab = window.lead_page.reprint
    window.lead_page.tabs.setCurrentWidget(tab)
    tab.subject.setText(subject)
    with qtbot.waitSignal(window.client.sig_label_preview, timeout=30_000):
        qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    return tab


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="previews need poppler-utils")
def test_a_unit_label_is_reprinted_through_the_station_printer_signed_by_the_lead(
    window: StationWindow, wedge: Scanner, qtbot: Any, printer: Any, engine: Any
) -> None:
    wedge.scans(*BOARD)
    printed_before = list(printer.printed)
    sign(window, qtbot)
    tab = shown_label(window, qtbot, "PCB-1")
    click_and_wait(qtbot, window, tab.confirm_button)
    assert printer.printed == [*printed_before, "unit PCBA-100/PCB-1"]
    assert window.lead_page.result.text() == "Label of PCBA-100/PCB-1 reprinted, signed by Ion Rus."
    with Session(engine) as s:
        event = s.scalars(select(EventRow).where(EventRow.kind == "label_reprinted")).one()
    assert event.signed_by == "B-9001"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="previews need poppler-utils")
def test_a_reprint_without_a_signature_is_not_sent(
    window: StationWindow, wedge: Scanner, qtbot: Any, engine: Any
) -> None:
    wedge.scans(*BOARD)
    before = record_snapshot(engine)
    tab = shown_label(window, qtbot, "PCB-1")
    qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    assert "badge and PIN" in window.lead_page.result.text()
    assert record_snapshot(engine) == before
