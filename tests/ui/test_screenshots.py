"""The window at the states the README shows, saved as PNG.

Each test asserts what the picture must show (the banner's colour, the tree's rows). The PNGs go
to a temporary folder; with TRACESTATION_SCREENSHOTS=update they replace the committed ones in
resources/ui/screenshots/:

    TRACESTATION_SCREENSHOTS=update pytest tests/ui/test_screenshots.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from tracestation.resources import resources_dir
from tracestation.station.queries import TraceQuery
from tracestation.ui.main_window import StationWindow
from tracestation.ui.scan.verdict_banner import FLASH_MS
from ui.conftest import CONTROLLER_READY, Scanner

SIZE = (1920, 1080)
GREEN, RED, AMBER = QColor("#15803d"), QColor("#b91c1c"), QColor("#f59e0b")


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    if os.environ.get("TRACESTATION_SCREENSHOTS") == "update":
        return resources_dir() / "ui" / "screenshots"
    return tmp_path


def save(
    window: StationWindow, qtbot: Any, folder: Path, name: str, size: tuple[int, int] = SIZE
) -> QImage:
    qtbot.wait(FLASH_MS + 100)  # after the new verdict's flash
    path = folder / name
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == size
    return image


def banner_colour(window: StationWindow, image: QImage) -> QColor:
    banner = window.scan_page.banner
    corner = banner.mapTo(window, banner.rect().bottomRight())
    return image.pixelColor(corner.x() - 12, corner.y() - 12)


def screenshot_window(make_window: Any, qtbot: Any) -> tuple[StationWindow, Scanner]:
    window = make_window()
    window.resize(*SIZE)
    qtbot.wait(50)
    return window, Scanner(qtbot, window)


def test_screenshot_of_an_operator_logging_in(make_window: Any, qtbot: Any, shots: Path) -> None:
    window, wedge = screenshot_window(make_window, qtbot)
    wedge.scan("B-1001")
    image = save(window, qtbot, shots, "01-login.png")
    assert banner_colour(window, image) == GREEN


def test_screenshot_of_a_unit_being_built_with_its_checklist(
    prepared: Any, make_window: Any, qtbot: Any, shots: Path
) -> None:
    prepared(*CONTROLLER_READY)
    window, wedge = screenshot_window(make_window, qtbot)
    wedge.scans("B-1001", "WO:WO-1001", "OPN:20", "CTRL-1", "SN:PCBA-100/PCB-1")
    image = save(window, qtbot, shots, "02-building-a-unit.png")
    assert banner_colour(window, image) == GREEN
    assert [line.done for line in window.scan_page.checklist_model.lines] == [True, False]


def test_screenshot_of_a_red_rejection(
    prepared: Any, make_window: Any, qtbot: Any, shots: Path
) -> None:
    prepared(*CONTROLLER_READY)
    window, wedge = screenshot_window(make_window, qtbot)
    wedge.scans(
        "B-1001", "WO:WO-1001", "OPN:20", "CTRL-1", "SN:PCBA-100/PCB-1", "LOT:SCREW-M3/L-2288"
    )
    image = save(window, qtbot, shots, "03-rejected.png")
    assert banner_colour(window, image) == RED


def test_screenshot_of_an_override_waiting_for_a_lead(
    make_window: Any, qtbot: Any, shots: Path
) -> None:
    window, wedge = screenshot_window(make_window, qtbot)
    wedge.scans("B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-6001")
    image = save(window, qtbot, shots, "04-needs-a-lead.png")
    assert banner_colour(window, image) == AMBER
    assert window.scan_page.override.isVisible()


def test_screenshot_of_the_trace_view(
    prepared: Any, make_window: Any, qtbot: Any, shots: Path
) -> None:
    prepared(
        *CONTROLLER_READY,
        "OPN:20",
        "CTRL-1",
        "SN:PCBA-100/PCB-1",
        "LOT:SCREW-M3/L-2291",
        "CMD:DONE",
    )
    window, _wedge = screenshot_window(make_window, qtbot)
    window.tabs.setCurrentWidget(window.trace_page)
    window.trace_page.search.setText("CTRL-1")
    with qtbot.waitSignal(window.client.sig_trace_answer, timeout=10_000):
        window.trace_page.run()
    save(window, qtbot, shots, "05-trace.png")
    assert window.trace_page.tree_model.rowCount() == 1


def test_screenshot_of_a_recall_scope(
    prepared: Any, make_window: Any, qtbot: Any, shots: Path
) -> None:
    prepared(
        *CONTROLLER_READY,
        "OPN:20",
        "CTRL-1",
        "SN:PCBA-100/PCB-1",
        "LOT:SCREW-M3/L-2291",
        "CMD:DONE",
        "WO:WO-2001",
        "OPN:10",
        "PCB-2",
        "LOT:CAP-220/C-7790",
        "CMD:DONE",
        "PCB-3",
        "LOT:CAP-220/C-7790",
        "CMD:DONE",
    )
    window, _wedge = screenshot_window(make_window, qtbot)
    window.tabs.setCurrentWidget(window.trace_page)
    window.trace_page.search.setText("LOT:CAP-220/C-7781")
    with qtbot.waitSignal(window.client.sig_trace_answer, timeout=10_000):
        window.client.trace(TraceQuery("LOT:CAP-220/C-7781"))
    save(window, qtbot, shots, "06-recall-scope.png")
    assert window.trace_page.pages.currentIndex() == 2


def test_screenshot_of_the_line_lead_panel(make_window: Any, qtbot: Any, shots: Path) -> None:
    window, _wedge = screenshot_window(make_window, qtbot)
    page = window.lead_page
    window.tabs.setCurrentWidget(page)
    page.badge.setText("B-9001")
    page.pin.setText("4321")
    page.lots.lot.setText("SCREW-M3/L-2291")
    page.lots.reason.setText("Supplier NCR 77: wrong thread pitch")
    with qtbot.waitSignal(window.client.sig_lead_outcome, timeout=10_000):
        page.lots.status_buttons["hold"].click()
    save(window, qtbot, shots, "07-line-lead.png")
    assert page.result.property("kind") == "success"


def test_screenshot_of_a_panel_pc_at_1366x768_with_everything_on_screen(
    prepared: Any, make_window: Any, qtbot: Any, shots: Path
) -> None:
    prepared(*CONTROLLER_READY)
    window, wedge = screenshot_window(make_window, qtbot)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366 and window.height() == 768)
    wedge.scans("B-1001", "WO:WO-1001", "OPN:20", "CTRL-1", "SN:PCBA-100/PCB-1")
    image = save(window, qtbot, shots, "08-panel-pc-1366x768.png", (1366, 768))
    assert banner_colour(window, image) == GREEN
    manual = window.scan_page.manual.button
    corner = manual.mapTo(window, manual.rect().bottomRight())
    assert window.rect().contains(corner), "the damaged-label row is on the screen"


def test_screenshot_of_a_failed_test(make_window: Any, qtbot: Any, shots: Path) -> None:
    window, wedge = screenshot_window(make_window, qtbot)
    wedge.scans(
        "B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE", "OPN:20"
    )
    wedge.scans("PCB-1", "CMD:FAIL")
    image = save(window, qtbot, shots, "09-test-failed.png")
    assert banner_colour(window, image) == QColor("#c2410c")
