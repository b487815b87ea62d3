"""In the window: a lead's PIN never shows (verdict banner, last scans, any label) nor lands in
the database file or the log, whether right or wrong; a control character a wedge types inside
a scan is refused naming it, logged, and writes nothing else."""

from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QTabWidget, QWidget

from support.snapshots import record_snapshot, rejected_count
from tracestation.station.verdicts import Outcome
from tracestation.ui.main_window import StationWindow
from ui.conftest import WEDGE_GAP_MS, Scanner

RIGHT, WRONG, ALSO_WRONG = "8675309", "2718281", "1414213"
CLEAR_PIN = re.compile(rf"PIN:\s*[0-9]|{RIGHT}|{WRONG}|{ALSO_WRONG}", re.IGNORECASE)
BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")


@pytest.fixture
def plant_document(plant_document: dict[str, Any]) -> dict[str, Any]:
    for operator in plant_document["operators"]:
        if operator.get("pin"):
            operator["pin"] = RIGHT
    return plant_document


def everything_on_screen(window: StationWindow) -> str:
    page = window.scan_page
    history = page.history_model
    rows = [
        str(history.index(row, column).data())
        for row in range(history.rowCount())
        for column in range(history.columnCount())
    ]
    labels = [label.text() for label in window.findChildren(QLabel)]
    banner = [page.banner.title_text, page.banner.message_text, page.banner.scan_text]
    return "\n".join([*rows, *labels, *banner])


def database_bytes(engine: Any) -> bytes:
    db = Path(engine.url.database)
    return b"".join(path.read_bytes() for path in sorted(db.parent.glob(db.name + "*")))


def test_an_override_with_wrong_and_right_pins_shows_only_the_mask_on_screen_and_on_record(
    window: StationWindow, wedge: Scanner, engine: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []

    def scan(raw: str) -> Outcome:
        verdict = wedge.scan(raw)
        seen.append(everything_on_screen(window))
        return verdict.result.outcome

    scan(f"PIN:{RIGHT}")
    assert window.scan_page.banner.scan_text == "Scan: PIN:****"
    for raw in (*BOARD, "LOT:CAP-220/C-6001", "B-9001"):
        scan(raw)
    assert scan(f"PIN:{WRONG}") is Outcome.REJECTED
    assert window.scan_page.banner.scan_text == "Scan: PIN:****"
    assert "Wrong PIN for Ion Rus" in window.scan_page.banner.message_text
    assert scan(f"pin:{ALSO_WRONG}") is Outcome.REJECTED
    assert scan(f"PIN:{RIGHT}") is Outcome.ACCEPTED
    assert scan("RSN:ENG-OK") is Outcome.ACCEPTED

    history = window.scan_page.history_model
    listed = [history.index(row, 1).data() for row in range(history.rowCount())]
    assert listed.count("PIN:****") == 4
    for where, text in [
        *((f"the screen after scan {n}", s) for n, s in enumerate(seen, 1)),
        ("the log", caplog.text),
    ]:
        found = CLEAR_PIN.search(text)
        assert found is None, f"a PIN in clear on {where}: {text[found.start() :][:80]}"
    window.client.shutdown()  # the station thread closes the database: all of it on disk
    data = database_bytes(engine)
    for pin in (RIGHT, WRONG, ALSO_WRONG):
        assert pin.encode() not in data, f"PIN {pin} in the database file"
    assert re.search(rb"(?i)PIN:\s*[0-9]", data) is None


def press(window: StationWindow, key: Qt.Key, text: str, modifiers: Any = None) -> None:
    """One key as a wedge sends it, with the text the keyboard layout gives it."""
    mods = modifiers if modifiers is not None else Qt.KeyboardModifier.NoModifier
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window, QKeyEvent(kind, key, mods, text))


def test_a_control_character_typed_inside_a_wedge_scan_is_refused_naming_it_not_dropped(
    window: StationWindow, wedge: Scanner, qtbot: Any, engine: Any
) -> None:
    wedge.scans(*BOARD)
    before, logged = record_snapshot(engine), rejected_count(engine)
    client = window.client

    with qtbot.waitSignals([client.sig_verdict, client.sig_snapshot], timeout=10_000):
        qtbot.keyClicks(window, "LOT:CAP-220/C-77")
        press(window, Qt.Key.Key_At, "\x00", Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(window, "81")
        qtbot.keyClick(window, Qt.Key.Key_Return)

    verdict = wedge.verdicts[-1]
    banner = window.scan_page.banner
    assert verdict.result.outcome is Outcome.REJECTED, "not read as lot C-7781"
    assert "control characters" in banner.message_text and "(\\x00)" in banner.message_text
    assert banner.scan_text == "Scan: LOT:CAP-220/C-77\\x0081"
    assert record_snapshot(engine) == before
    assert rejected_count(engine) == logged + 1
    assert wedge.scan("LOT:CAP-220/C-7781").result.outcome is Outcome.ACCEPTED, "carries on"


def test_a_pin_typed_by_hand_shows_as_dots_and_is_listed_masked(
    window: StationWindow, wedge: Scanner, qtbot: Any
) -> None:
    field = window.scan_page.manual.field
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, f"PIN:{RIGHT}")

    assert RIGHT not in field.displayText() and "PIN" not in field.displayText()
    qtbot.wait(WEDGE_GAP_MS + 50)  # a person's Enter, not a scanner's
    with qtbot.waitSignals([window.client.sig_verdict, window.client.sig_snapshot], timeout=10_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.scan_page.banner.scan_text == "Scan: PIN:**** (entered by hand)"
    assert window.scan_page.history_model.index(0, 1).data() == "PIN:**** (manual)"
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, "PCB-7")
    assert field.displayText() == "PCB-7", "other labels typed by hand show as typed"


def every_text_in_the_window(window: StationWindow) -> str:
    """Whatever any widget would show or say: texts, fields, tooltips, accessible names, tab
    titles and the rows of every list and table."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        texts += [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
        for reader in ("text", "title", "placeholderText", "currentText"):
            value = getattr(widget, reader, None)
            if callable(value):
                with contextlib.suppress(TypeError):  # a text(...) that wants arguments
                    texts.append(str(value()))
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.index(row, column).data())
                for row in range(model.rowCount())
                for column in range(model.columnCount())
            ]
    banner = window.scan_page.banner
    return "\n".join([*texts, banner.title_text, banner.message_text, banner.scan_text])


def test_after_a_leads_pin_no_widget_of_the_window_holds_a_digit_of_it(
    window: StationWindow, wedge: Scanner, qtbot: Any
) -> None:
    wedge.scans(*BOARD, "LOT:CAP-220/C-6001", "B-9001", f"PIN:{RIGHT}", "RSN:ENG-OK")
    lock = window.settings_lock  # and the PIN typed to open the settings
    window.tabs.setCurrentWidget(window.settings_page)
    lock.badge.setText("B-9001")
    with qtbot.waitSignal(window.client.sig_settings_outcome, timeout=10_000):
        qtbot.keyClicks(lock.pin, RIGHT)
        qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    assert lock.is_open
    window.tabs.setCurrentWidget(window.scan_page)
    assert not window.grab().isNull()
    shown = every_text_in_the_window(window)
    assert "PIN:****" in shown
    found = CLEAR_PIN.search(shown)
    assert found is None, f"a PIN on screen: {shown[found.start() :][:80]}"
