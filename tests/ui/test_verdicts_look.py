"""Every outcome has its own look, and each verdict is visibly new.

A failed test showed a green "Accepted"; two accepted scans in a row looked the same (a missed
scan left the old green panel up); a garbage scan was called "not a known unit. Finish …"."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from tracestation.ui.main_window import StationWindow
from tracestation.ui.scan.verdict_banner import FLASH_MS
from ui.conftest import Scanner

TESTING = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE", "OPN:20")


def test_a_failed_test_is_its_own_orange_verdict_not_a_green_accepted(
    window: StationWindow, wedge: Scanner
) -> None:
    wedge.scans(*TESTING, "PCB-1")
    verdict = wedge.scan("CMD:FAIL")
    banner = window.scan_page.banner
    assert banner.property("outcome") == "test_failed"
    assert banner.title_text == "Test failed"
    assert banner.background == QColor("#c2410c")
    assert banner.background not in (QColor("#15803d"),), "not the green of a pass"
    assert verdict.result.code == "test_failed"
    assert window.sounds.last_played is not None
    assert window.sounds.last_played.value == "rejected", "a failed test sounds like no pass"


def test_two_accepted_scans_in_a_row_are_visibly_two_verdicts(
    window: StationWindow, wedge: Scanner, qtbot: Any
) -> None:
    banner = window.scan_page.banner
    wedge.scans("B-1001", "WO:WO-2001")
    first = banner.number
    qtbot.waitUntil(lambda: not banner.flashing, timeout=FLASH_MS * 10)
    wedge.scan("OPN:10")
    assert banner.property("outcome") == "accepted"
    assert banner.number == first + 1, "the verdict counts the scans (#n)"
    assert banner.flashing, "a new verdict flashes its frame"
    image = banner.grab().toImage()
    assert image.pixelColor(3, banner.height() // 2) == QColor("#ffffff")
    qtbot.waitUntil(lambda: not banner.flashing, timeout=FLASH_MS * 10)
    banner.repaint()
    assert banner.grab().toImage().pixelColor(3, banner.height() // 2) != QColor("#ffffff")


def test_a_garbage_scan_while_building_says_so_and_keeps_the_unit_open(
    window: StationWindow, wedge: Scanner
) -> None:
    wedge.scans("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
    verdict = wedge.scan("#%&*!")
    message = window.scan_page.banner.message_text
    assert verdict.result.code == "unreadable_while_building"
    assert "is not a label this station reads" in message and "stays open" in message
    assert "Finish" not in message
