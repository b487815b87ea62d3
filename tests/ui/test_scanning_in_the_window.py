"""Scans typed into the window as a keyboard wedge types them reach the station, and the
operator sees the verdict, the prompt, the checklist and the history; the record is written."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from support.snapshots import record_snapshot, rejected_count
from tracestation.station.verdicts import Outcome
from tracestation.store.tables import EventRow, GenealogyLinkRow, UnitRow
from tracestation.ui.main_window import StationWindow
from tracestation.ui.scan.checklist import DONE_ROLE
from ui.conftest import CONTROLLER_READY, WEDGE_GAP_MS, Scanner

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")


def test_a_wedge_burst_typed_into_the_window_logs_the_operator_in_with_a_green_verdict(
    window: StationWindow, wedge: Scanner
) -> None:
    verdict = wedge.scan("B-1001")
    banner = window.scan_page.banner
    assert verdict.result.outcome is Outcome.ACCEPTED
    assert banner.outcome is Outcome.ACCEPTED
    assert banner.title_text == "Accepted"
    assert banner.message_text == "Welcome, Ana Pop."
    assert window.top_bar.operator.value.text() == "Ana Pop"
    assert window.scan_page.prompt.text() == "Scan a work order (WO:...)."
    assert window.sounds.last_played is Outcome.ACCEPTED


def test_building_a_board_by_wedge_records_the_unit_and_ticks_its_checklist(
    window: StationWindow, wedge: Scanner, engine: Any
) -> None:
    registered = wedge.scans(*BOARD)
    checklist = window.scan_page.checklist_model
    assert registered.result.outcome is Outcome.ACCEPTED
    assert [line.part for line in checklist.lines] == ["CAP-220"]
    assert checklist.index(0, 0).data(DONE_ROLE) is False
    assert window.scan_page.prompt.text() == "Scan for PCBA-100/PCB-1: CAP-220 2 ea."

    installed = wedge.scan("LOT:CAP-220/C-7781")
    assert (
        window.scan_page.banner.message_text
        == "2 ea of lot CAP-220/C-7781 installed in PCBA-100/PCB-1."
    )
    assert checklist.index(0, 0).data(DONE_ROLE) is True
    assert checklist.index(0, 3).data() == "2 / 2 ea"
    with Session(engine) as s:
        unit = s.scalars(select(UnitRow).where(UnitRow.serial == "PCB-1")).one()
        link = s.scalars(
            select(GenealogyLinkRow).where(GenealogyLinkRow.parent_unit_id == unit.id)
        ).one()
        recorded = set(s.scalars(select(EventRow.id)))
    assert link.qty == 2
    assert set(installed.result.event_ids) <= recorded and installed.result.event_ids


def test_the_history_lists_the_last_scans_newest_first(
    window: StationWindow, wedge: Scanner
) -> None:
    wedge.scans("B-1001", "WO:WO-9999")
    history = window.scan_page.history_model
    assert history.rowCount() == 2
    assert [history.index(0, c).data() for c in (1, 2)] == ["WO:WO-9999", "rejected"]
    assert [history.index(1, c).data() for c in (1, 2)] == ["B-1001", "accepted"]
    assert "does not exist" in history.index(0, 3).data()


def test_a_rejected_scan_shows_the_reason_in_red_and_writes_nothing(
    engine: Any, prepared: Any, make_window: Any, qtbot: Any
) -> None:
    prepared(*CONTROLLER_READY)
    window = make_window()
    wedge = Scanner(qtbot, window)
    wedge.scans("B-1001", "WO:WO-1001", "OPN:20", "CTRL-1", "SN:PCBA-100/PCB-1")
    before, rejected_before = record_snapshot(engine), rejected_count(engine)

    verdict = wedge.scan("LOT:SCREW-M3/L-2288")

    banner = window.scan_page.banner
    assert verdict.result.outcome is Outcome.REJECTED
    assert banner.outcome is Outcome.REJECTED and banner.title_text == "Rejected"
    assert banner.message_text.startswith("Lot L-2288 of SCREW-M3 is on hold since")
    assert banner.message_text.endswith("Scan another lot or call a line lead.")
    assert banner.property("outcome") == "rejected"
    assert window.sounds.last_played is Outcome.REJECTED
    assert record_snapshot(engine) == before
    assert rejected_count(engine) == rejected_before + 1
    assert [line.done for line in window.scan_page.checklist_model.lines] == [True, False]


def test_text_entered_by_hand_is_marked_manual_in_the_record_and_on_screen(
    window: StationWindow, wedge: Scanner, qtbot: Any, engine: Any
) -> None:
    wedge.scans(*BOARD[:3])
    field = window.scan_page.manual.field
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    with qtbot.waitSignals([window.client.sig_verdict, window.client.sig_snapshot], timeout=10_000):
        for char in "PCB-7":  # a person's keys: slower than a scanner's
            qtbot.keyClick(field, char)
            qtbot.wait(WEDGE_GAP_MS + 50)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    verdict = wedge.verdicts[-1]
    assert verdict.request.manual and verdict.result.outcome is Outcome.ACCEPTED
    assert window.scan_page.banner.scan_text == "Scan: PCB-7 (entered by hand)"
    assert window.scan_page.history_model.index(0, 1).data() == "PCB-7 (manual)"
    assert field.text() == "" and not field.hasFocus()
    with Session(engine) as s:
        event = s.scalars(select(EventRow).where(EventRow.kind == "unit_registered")).one()
    assert event.payload["entry"] == "manual"
    assert wedge.scan("LOT:CAP-220/C-7781").request.manual is False, (
        "the next wedge scan is a scan again"
    )


def test_slow_typing_in_the_window_opens_manual_entry_and_is_not_a_scan(
    window: StationWindow, wedge: Scanner, qtbot: Any, engine: Any
) -> None:
    qtbot.keyClick(window, "B")
    field = window.scan_page.manual.field
    qtbot.waitUntil(lambda: field.text() == "B", timeout=5_000)
    qtbot.wait(WEDGE_GAP_MS)
    assert wedge.verdicts == []
    assert rejected_count(engine) == 0
    assert window.focusWidget() is field


def test_a_burst_cut_off_before_its_enter_is_refused_as_half_a_barcode(
    window: StationWindow, wedge: Scanner, qtbot: Any
) -> None:
    with qtbot.waitSignal(window.client.sig_verdict, timeout=10_000):
        qtbot.keyClicks(window, "WO:WO-2001")
    assert wedge.verdicts[-1].result.code == "scan_partial"
    assert "Only part of a barcode arrived" in window.scan_page.banner.message_text


def test_keys_typed_into_a_text_field_stay_in_that_field(
    window: StationWindow, wedge: Scanner, qtbot: Any
) -> None:
    window.tabs.setCurrentWidget(window.trace_page)
    search = window.trace_page.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(search, "B-1001")
    qtbot.wait(WEDGE_GAP_MS + 100)
    assert search.text() == "B-1001"
    assert wedge.verdicts == []


def test_no_dialog_opens_for_an_operator_error(
    window: StationWindow, wedge: Scanner, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QApplication

    wedge.scans("WO:WO-2001", "B-7777", "LOT:NOPE")
    assert QApplication.activeModalWidget() is None
    assert all(v.result.outcome is Outcome.REJECTED for v in wedge.verdicts)


def test_ctrl_right_bracket_from_the_wedge_is_the_gs1_separator(
    prepared: Any, make_window: Any, qtbot: Any
) -> None:
    prepared(*CONTROLLER_READY)
    window = make_window()
    wedge = Scanner(qtbot, window)
    wedge.scans("B-1001", "WO:WO-1001", "OPN:20")
    with qtbot.waitSignals([window.client.sig_verdict, window.client.sig_snapshot], timeout=10_000):
        qtbot.keyClicks(window, "21CTRL-1")
        qtbot.keyClick(window, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(window, "0109506000134352")
        qtbot.keyClick(window, Qt.Key.Key_Return)
    verdict = wedge.verdicts[-1]
    assert verdict.result.scan == "21CTRL-1\x1d0109506000134352"
    assert verdict.result.outcome is Outcome.ACCEPTED, verdict.result.message
    assert window.top_bar.work_order.value.text() == "WO-1001 \u00b7 CTRL-500 \u00b7 0/20 done"
    assert window.scan_page.checklist_title.text().startswith("Unit CTRL-500/CTRL-1")
