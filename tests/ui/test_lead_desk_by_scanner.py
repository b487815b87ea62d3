"""The line lead's desk with a scanner alone: on the lead's tab a badge is a signature, not a
log-in; badge, PIN, reason code and action from the command sheet, then the lot, unit or carton,
sign one action, recorded with the lead's signature and reason. The PIN is never on screen."""

from __future__ import annotations

import shutil
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from sqlalchemy import select
from sqlalchemy.orm import Session

from support.snapshots import record_snapshot
from tracestation.store.tables import EventRow, LotRow, NonconformanceRow
from tracestation.ui.i18n import Translators
from tracestation.ui.main_window import StationWindow
from ui.conftest import Scanner

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")


class LeadScanner:
    """Scans on the lead's tab as a keyboard wedge types them: a burst, then Enter."""

    def __init__(self, qtbot: Any, window: StationWindow) -> None:
        self.qtbot = qtbot
        self.window = window
        self.answers: list[tuple[str, str]] = []
        window.lead_page.desk.sig_answer.connect(
            lambda text, kind: self.answers.append((text, kind))
        )
        window.tabs.setCurrentWidget(window.lead_page)

    def scan(self, raw: str) -> str:
        """Type `raw` and Enter; return what the lead's desk answers."""
        before = len(self.answers)
        self.qtbot.keyClicks(self.window, raw)
        self.qtbot.keyClick(self.window, Qt.Key.Key_Return)
        self.qtbot.waitUntil(lambda: len(self.answers) > before, timeout=10_000)
        return self.answers[-1][0]

    def sign(self, *raws: str) -> str:
        """Scan `raws`, the last of which completes an action; return the panel's answer."""
        for raw in raws[:-1]:
            self.scan(raw)
        with self.qtbot.waitSignal(self.window.client.sig_lead_outcome, timeout=10_000):
            self.scan(raws[-1])
        return str(self.window.lead_page.result.text())


def steps(window: StationWindow) -> str:
    return str(window.lead_page.desk.text())


def texts_on_screen(window: StationWindow) -> list[str]:
    shown: list[str] = []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton):
            shown.append(widget.text())
        if isinstance(widget, QLineEdit):
            shown += [widget.displayText(), widget.placeholderText()]
        shown.append(widget.toolTip())
    return shown


def test_a_badge_scanned_on_the_leads_tab_is_a_signature_not_a_log_in(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    station_verdicts: list[Any] = []
    window.client.sig_verdict.connect(station_verdicts.append)
    desk = LeadScanner(qtbot, window)
    before = record_snapshot(engine)

    assert desk.scan("B-9001") == "Badge B-9001: scan your PIN."

    assert window.tabs.currentWidget() is window.lead_page, "the lead stays on the lead's tab"
    assert station_verdicts == [], "the station did not see the badge"
    assert window.lead_page.badge.text() == "B-9001"
    assert steps(window).startswith("\u2714 Badge B-9001")
    assert record_snapshot(engine) == before, "nobody logged in, nothing recorded"


def test_a_lead_holds_a_lot_with_the_scanner_alone(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    desk = LeadScanner(qtbot, window)
    desk.scan("B-9001")
    assert desk.scan("PIN:4321") == (
        "PIN read. Scan the reason code (RSN:...) from the command sheet."
    )
    assert "\u2714 PIN ****" in steps(window)
    assert desk.scan("RSN:SUSPECT").startswith("Reason SUSPECT. Scan the action")
    assert desk.scan("CMD:HOLD") == "CMD:HOLD: scan the lot (LOT:...)."

    answer = desk.sign("LOT:SCREW-M3/L-2291")

    assert answer == "Lot SCREW-M3/L-2291: hold done, signed by Ion Rus."
    assert window.lead_page.result.property("kind") == "success"
    with Session(engine) as s:
        lot = s.scalars(select(LotRow).where(LotRow.code == "L-2291")).one()
        event = s.scalars(select(EventRow).where(EventRow.kind == "lot_status_changed")).one()
    assert (lot.status, lot.status_reason) == ("hold", "SUSPECT")
    assert (event.signed_by, event.operator) == ("B-9001", "B-9001")
    assert steps(window).startswith("\u25cb Badge: scan it"), "the signature is spent"
    assert window.lead_page.badge.text() == ""


def test_the_pin_is_never_on_screen_while_the_lead_signs(window: StationWindow, qtbot: Any) -> None:
    desk = LeadScanner(qtbot, window)
    desk.scan("B-9001")
    desk.scan("PIN:4321")
    desk.scan("RSN:DAMAGED")
    assert not any("4321" in text for text in texts_on_screen(window))
    assert window.lead_page.pin.placeholderText() == "PIN:****"


def test_enter_in_the_badge_field_moves_to_the_pin_and_typed_steps_sign_as_scans_do(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    page = window.lead_page
    desk = LeadScanner(qtbot, window)
    qtbot.keyClicks(page.badge, "B-9001")
    qtbot.keyClick(page.badge, Qt.Key.Key_Return)
    assert page.pin.hasFocus(), "Enter after the badge moves on to the PIN"
    assert page.badge.text() == "B-9001", "not B-90014321: the PIN goes to its own field"
    qtbot.keyClicks(page.pin, "4321")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    assert page.pin.text() == "" and "\u2714 PIN ****" in steps(window)

    answer = desk.sign("RSN:SUPPLIER", "CMD:QUARANTINE", "LOT:SCREW-M3/L-2291")

    assert answer == "Lot SCREW-M3/L-2291: quarantine done, signed by Ion Rus."
    with Session(engine) as s:
        lot = s.scalars(select(LotRow).where(LotRow.code == "L-2291")).one()
    assert lot.status == "quarantine"


def test_a_wrong_pin_by_scan_changes_nothing_and_says_so(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    desk = LeadScanner(qtbot, window)
    answer = desk.sign("B-9001", "PIN:0000", "RSN:SUSPECT", "CMD:SCRAP", "LOT:SCREW-M3/L-2291")
    assert answer == (
        "Not done: Wrong PIN for Ion Rus (4 of 5 tries left before it locks). Nothing was changed."
    )
    with Session(engine) as s:
        lot = s.scalars(select(LotRow).where(LotRow.code == "L-2291")).one()
    assert lot.status == "released"


def test_a_scan_out_of_order_is_answered_with_what_to_scan_and_records_nothing(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    desk = LeadScanner(qtbot, window)
    before = record_snapshot(engine)
    assert (
        desk.scan("PIN:4321")
        == "Scan your badge before the PIN. Scan your lead badge to sign an action."
    )
    assert window.lead_page.result.property("kind") == "error"
    desk.scan("B-9001")
    desk.scan("PIN:4321")
    desk.scan("RSN:SUSPECT")
    desk.scan("CMD:RELEASE")
    assert desk.scan("SN:PCBA-100/PCB-1") == (
        "SN:PCBA-100/PCB-1 is not what CMD:RELEASE needs. CMD:RELEASE: scan the lot (LOT:...)."
    )
    assert desk.scan("CMD:CANCEL") == (
        "Cancelled: nothing was signed. Scan your badge to start again."
    )
    assert record_snapshot(engine) == before


def test_a_label_reprint_by_scan_is_signed_recorded_with_its_reason_and_printed(
    window: StationWindow, wedge: Scanner, qtbot: Any, printer: Any, engine: Any
) -> None:
    wedge.scans(*BOARD)
    printed_before = list(printer.printed)
    desk = LeadScanner(qtbot, window)
    assert desk.scan("B-9001") == "Badge B-9001: scan your PIN.", "not the operator's log-in"

    answer = desk.sign("PIN:4321", "RSN:LABEL-DAMAGED", "CMD:REPRINT", "SN:PCBA-100/PCB-1")

    assert answer == "Label of PCBA-100/PCB-1 reprinted, signed by Ion Rus."
    assert printer.printed == [*printed_before, "unit PCBA-100/PCB-1"]
    with Session(engine) as s:
        event = s.scalars(select(EventRow).where(EventRow.kind == "label_reprinted")).one()
    assert (event.signed_by, event.reason) == ("B-9001", "LABEL-DAMAGED")
    assert window.top_bar.operator.value.text() == "Ana Pop", "the operator stays logged in"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="label previews need poppler-utils")
def test_a_reprint_by_scan_shows_the_label_it_sends_drawn_off_the_gui_thread(
    window: StationWindow, wedge: Scanner, qtbot: Any, monkeypatch: Any
) -> None:
    wedge.scans(*BOARD)
    printing = window.client.queries._read.printing  # type: ignore[union-attr]
    drawn_on: list[threading.Thread] = []
    draw = printing.preview

    def spy(request: Any) -> Any:
        drawn_on.append(threading.current_thread())
        return draw(request)

    monkeypatch.setattr(printing, "preview", spy)
    desk = LeadScanner(qtbot, window)
    preview = window.lead_page.desk_preview
    assert not preview.isVisible(), "no label beside the desk before a reprint"

    desk.sign("B-9001", "PIN:4321", "RSN:LABEL-DAMAGED", "CMD:REPRINT", "SN:PCBA-100/PCB-1")

    qtbot.waitUntil(lambda: not preview.picture.pixmap().isNull(), timeout=30_000)
    assert preview.isVisible() and preview.picture.pixmap().width() > 100
    assert preview.caption.text() == "Reprinting this label of PCBA-100/PCB-1."
    assert drawn_on and threading.main_thread() not in drawn_on
    desk.scan("B-9001")
    assert not preview.isVisible(), "the next signature puts the label away"


def test_a_nonconformance_by_scan_names_its_subject_defect_and_disposition(
    window: StationWindow, qtbot: Any, engine: Any
) -> None:
    desk = LeadScanner(qtbot, window)
    for raw in ("B-9001", "PIN:4321", "RSN:SUPPLIER", "CMD:NC-RETURN"):
        desk.scan(raw)
    assert desk.scan("LOT:SCREW-M3/L-2291") == (
        "CMD:NC-RETURN on SCREW-M3/L-2291: scan the defect code (DEF:...)."
    )

    answer = desk.sign("DEF:WRONG-THREAD")

    with Session(engine) as s:
        nc = s.scalars(select(NonconformanceRow)).one()
    assert answer == f"Nonconformance {nc.number} opened on SCREW-M3/L-2291, signed by Ion Rus."
    assert nc.number.startswith("NC-")
    assert (nc.subject_kind, nc.defect_code, nc.disposition, nc.signed_by) == (
        "lot",
        "WRONG-THREAD",
        "return_to_vendor",
        "B-9001",
    )
    assert nc.description == "SUPPLIER: Supplier problem or missing certificate"


def test_the_desk_speaks_romanian(qapp: Any, make_window: Any, qtbot: Any) -> None:
    translators = Translators()
    assert translators.install("ro")
    try:
        window = make_window()
        desk = LeadScanner(qtbot, window)
        assert desk.scan("B-9001") == "Ecuson B-9001: scanați PIN-ul."
        desk.scan("PIN:4321")
        assert desk.scan("RSN:DAMAGED").startswith("Motiv DAMAGED. Scanați acțiunea")
        assert "Motiv DAMAGED (Deteriorat la manipulare)" in steps(window)
    finally:
        translators.remove()


def test_an_override_the_station_waits_for_is_still_signed_by_scans_on_the_leads_tab(
    window: StationWindow, wedge: Scanner, engine: Any
) -> None:
    wedge.scans(*BOARD, "LOT:CAP-220/C-6001")  # expired: the station waits for a lead
    window.tabs.setCurrentWidget(window.lead_page)
    assert wedge.scan("B-9001").result.code == "override_lead"
    wedge.scan("PIN:4321")
    applied = wedge.scan("RSN:ENG-OK")
    assert applied.result.code == "override_applied"
    assert window.top_bar.operator.value.text() == "Ana Pop"


def test_a_half_done_signature_is_forgotten_after_a_quiet_while(
    window: StationWindow, qtbot: Any
) -> None:
    page = window.lead_page
    page.desk.quiet.setInterval(50)
    desk = LeadScanner(qtbot, window)
    desk.scan("B-9001")
    desk.scan("PIN:4321")
    qtbot.waitUntil(lambda: not page.desk.scans.pin, timeout=5_000)
    assert page.result.text() == (
        "Nothing was scanned for a while: the badge and PIN were forgotten. "
        "Scan your badge to start again."
    )
    assert page.badge.text() == "" and steps(window).startswith("\u25cb Badge: scan it")
