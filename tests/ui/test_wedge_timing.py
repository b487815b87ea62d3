"""A wedge scanner's keys are read by their own timing, not by when the GUI thread got to them.

Scans 5 ms apart were run together or cut ("only part of a barcode" for a whole `CMD:DONE`), a
burst that waited behind a busy GUI thread was split in two, and after the damaged-label field
was used, the next scanner burst was recorded as typed by hand."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from tracestation.scanners import WedgeConfig
from tracestation.ui.main_window import StationWindow
from tracestation.ui.scan.wedge_filter import WedgeKeyFilter
from ui.conftest import WEDGE_GAP_MS, Scanner

GAP = 0.05  # the default: keys of a burst come less than 50 ms apart


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Keyboard:
    """Key events as the window system makes them, stamped with the time they were pressed."""

    def __init__(self, target: QWidget, clock: Clock) -> None:
        self.target, self.clock = target, clock
        self.stamp_ms = 7_000_000  # the window system's own clock, in ms

    def press(self, text: str, after_ms: int = 2) -> None:
        self.stamp_ms += after_ms
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = Qt.Key.Key_Return if text == "\r" else Qt.Key(ord(text.upper()))
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            event.setTimestamp(self.stamp_ms)
            QApplication.sendEvent(self.target, event)

    def type(self, text: str, after_ms: int = 2) -> None:
        for n, char in enumerate(text):
            self.press(char, after_ms if n == 0 else 2)


def listening(qtbot: Any) -> tuple[QWidget, WedgeKeyFilter, Clock, list[str], list[str]]:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    clock = Clock()
    wedge = WedgeKeyFilter(window, WedgeConfig(max_key_gap=GAP), clock=clock)
    QApplication.instance().installEventFilter(wedge)
    bursts: list[str] = []
    cut: list[str] = []
    wedge.sig_burst.connect(bursts.append)
    wedge.sig_incomplete.connect(cut.append)
    return window, wedge, clock, bursts, cut


def test_two_scans_5_ms_apart_handled_together_are_two_whole_scans(qtbot: Any) -> None:
    window, wedge, clock, bursts, cut = listening(qtbot)
    try:
        keys = Keyboard(window, clock)
        clock.now += 0.3  # both scans waited in the queue; the GUI thread takes them at once
        keys.type("CMD:DONE\r")
        keys.type("PCB-2\r", after_ms=5)
        assert bursts == ["CMD:DONE", "PCB-2"] and cut == []
    finally:
        QApplication.instance().removeEventFilter(wedge)


def test_a_burst_held_up_by_a_busy_gui_thread_is_read_whole(qtbot: Any) -> None:
    window, wedge, clock, bursts, cut = listening(qtbot)
    try:
        keys = Keyboard(window, clock)
        keys.type("LOT:CAP-")
        clock.now += 0.12  # the GUI thread painted a verdict while the rest of the keys waited
        qtbot.wait(round(GAP * 1000) + 30)  # the pause timer fires before the queued keys
        assert bursts == [] and cut == [], "not cut while the rest may be queued"
        keys.type("220/C-7781\r")
        assert bursts == ["LOT:CAP-220/C-7781"] and cut == []
    finally:
        QApplication.instance().removeEventFilter(wedge)


def test_a_burst_that_really_stops_is_still_refused_as_half_a_barcode(qtbot: Any) -> None:
    window, wedge, clock, bursts, cut = listening(qtbot)
    try:
        Keyboard(window, clock).type("WO:WO-20")
        clock.now += 0.5
        qtbot.waitUntil(lambda: cut == ["WO:WO-20"], timeout=2_000)
        assert bursts == []
    finally:
        QApplication.instance().removeEventFilter(wedge)


def test_a_scanner_burst_into_the_open_damaged_label_field_is_a_scan_not_manual(
    window: StationWindow, wedge: Scanner, qtbot: Any
) -> None:
    wedge.scans("B-1001", "WO:WO-2001", "OPN:10")
    field = window.scan_page.manual.field
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    for char in "AB":  # a person starts typing a damaged label, slowly
        qtbot.keyClick(field, char)
        qtbot.wait(WEDGE_GAP_MS + 50)
    with qtbot.waitSignals([window.client.sig_verdict, window.client.sig_snapshot], timeout=10_000):
        qtbot.keyClicks(field, "PCB-1")  # then a scanner's burst lands in the field
        qtbot.keyClick(field, Qt.Key.Key_Return)
    verdict = wedge.verdicts[-1]
    assert verdict.request.raw == "PCB-1" and verdict.request.manual is False
    assert window.scan_page.banner.scan_text == "Scan: PCB-1"
    assert field.text() == "AB", "what the person typed stays"
