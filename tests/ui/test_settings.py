"""Settings are saved as JSON where TRACESTATION_CONFIG (else the user's config dir) says, read
back as they were saved, and the wedge timing applies to the window at once."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tracestation.config import (
    ConfigError,
    SerialScannerSettings,
    StationConfig,
    WedgeSettings,
    config_path,
    load_config,
    save_config,
)
from tracestation.scanners import Key
from tracestation.ui.main_window import StationWindow


def test_settings_round_trip_through_the_file_named_by_the_environment(config_file: Path) -> None:
    config = StationConfig(
        station_id="ST-7",
        language="ro",
        wedge=WedgeSettings(30, 6, "tab"),
        gs_substitutes=("~",),
        serial_scanners=(SerialScannerSettings("/dev/ttyACM0", 115200, "CR"),),
        central_url="postgresql+psycopg://central/trace",
        sounds=False,
    )
    assert config_path() == config_file
    save_config(config)
    assert json.loads(config_file.read_text())["serial_scanners"][0]["url"] == "/dev/ttyACM0"
    assert load_config() == config
    assert config.decode_options().gs_substitutes == ("~",)
    assert config.wedge.to_wedge_config().terminators == frozenset({Key.TAB})


def test_no_file_means_defaults_and_a_broken_file_says_which_and_why(config_file: Path) -> None:
    assert load_config() == StationConfig()
    config_file.parent.mkdir(parents=True)
    config_file.write_text('{"wedge": {"terminator": "space"}}')
    with pytest.raises(ConfigError, match=r"station\.json: wedge\.terminator must be one of"):
        load_config()


def test_the_settings_screen_saves_and_the_wedge_timing_applies_at_once(
    window: StationWindow, qtbot: Any, config_file: Path
) -> None:
    page = window.settings_page
    open_settings(window, qtbot)
    page.station_id.setText("ST-9")
    page.gap.setValue(80)
    page.min_length.setValue(5)
    page.port.setEditText("loop://")
    page.baud.setEditText("19200")
    qtbot.mouseClick(page.add_scanner, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.sig_saved):
        qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    saved = load_config()
    assert (saved.station_id, saved.wedge.max_key_gap_ms, saved.wedge.min_length) == ("ST-9", 80, 5)
    assert saved.serial_scanners == (SerialScannerSettings("loop://", 19200, "auto"),)
    assert window.wedge.config.max_key_gap == pytest.approx(0.08)
    assert window.wedge.config.min_length == 5
    assert str(config_file) in page.status.text()
    assert not window.settings_lock.is_open, "saved settings close behind the lead's PIN again"


def open_settings(
    window: StationWindow, qtbot: Any, badge: str = "B-9001", pin: str = "4321"
) -> Any:
    lock = window.settings_lock
    window.tabs.setCurrentWidget(window.settings_page)
    qtbot.keyClicks(lock.badge, badge)
    qtbot.keyClick(lock.badge, Qt.Key.Key_Return)
    assert lock.pin.hasFocus(), "Enter after the badge moves on to the PIN"
    with qtbot.waitSignal(window.client.sig_settings_outcome, timeout=10_000) as answer:
        qtbot.keyClicks(lock.pin, pin)
        qtbot.keyClick(lock.pin, Qt.Key.Key_Return)
    return answer.args[0]


def test_settings_stay_closed_to_an_operator_and_open_to_a_leads_badge_and_pin(
    window: StationWindow, qtbot: Any
) -> None:
    lock = window.settings_lock
    window.tabs.setCurrentWidget(window.settings_page)
    assert not lock.is_open and not window.settings_page.isVisible()
    assert lock.badge.isVisible() and lock.pin.isVisible()
    open_settings(window, qtbot, badge="B-1001", pin="1234")
    assert not lock.is_open
    assert "(B-1001) is not a line lead" in lock.result.text()
    open_settings(window, qtbot, pin="0000")
    assert not lock.is_open and "Wrong PIN" in lock.result.text()
    assert lock.pin.text() == "", "a PIN typed is never left on screen"
    open_settings(window, qtbot)
    assert lock.is_open and window.settings_page.isVisible()
    assert "Opened by" in window.settings_page.status.text()
    window.tabs.setCurrentWidget(window.scan_page)
    window.tabs.setCurrentWidget(window.settings_page)
    assert not lock.is_open, "leaving the tab closes the settings again"


def test_the_text_size_scales_every_size_of_the_style_sheet_and_applies_at_once(
    window: StationWindow, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QApplication

    from tracestation.ui.style import style_sheet

    assert "font-size: 17pt" in style_sheet(1.0)
    assert "font-size: 17pt" not in style_sheet(1.5) and "font-size: 26pt" in style_sheet(1.5)
    open_settings(window, qtbot)
    window.settings_page.font_scale.setValue(1.3)
    with qtbot.waitSignal(window.settings_page.sig_saved):
        qtbot.mouseClick(window.settings_page.save, Qt.MouseButton.LeftButton)
    assert load_config().font_scale == pytest.approx(1.3)
    assert QApplication.font().pointSize() == 20
    window.apply_settings(replace(window.config, font_scale=1.0))
    assert QApplication.font().pointSize() == 15


def test_a_text_size_out_of_range_is_refused_with_the_range(config_file: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text('{"font_scale": 9}')
    with pytest.raises(ConfigError, match=r"font_scale must be a number from 0\.75 to 2\.5"):
        load_config()


def test_the_port_picker_lists_the_machines_ports_from_a_worker(
    window: StationWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracestation.scanners import PortInfo
    from tracestation.ui.settings import port_lister

    monkeypatch.setattr(
        port_lister,
        "list_ports",
        lambda: [
            PortInfo("/dev/ttyACM0", "Bar Code Scanner", stable_path="/dev/serial/by-id/usb-scan")
        ],
    )
    page = window.settings_page
    with qtbot.waitSignal(page._ports.sig_ports, timeout=5_000):
        qtbot.mouseClick(page.refresh_ports, Qt.MouseButton.LeftButton)
    assert page.port.count() == 1
    assert page.port.itemData(0) == "/dev/serial/by-id/usb-scan"
    assert page.port.itemText(0).startswith("/dev/ttyACM0: Bar Code Scanner")
