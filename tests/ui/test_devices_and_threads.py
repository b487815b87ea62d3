"""Scans and writes run on the station's thread, never the GUI thread; a serial scanner's scans
arrive through its worker as Qt signals on the GUI thread and are judged like wedge scans."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.scanners import ScannerState, SerialScannerConfig
from tracestation.station.verdicts import Outcome
from tracestation.store.audit import verify_journal
from tracestation.store.database import open_database
from tracestation.store.tables import EventRow, OperatorRow
from tracestation.ui.main_window import StationWindow
from tracestation.ui.scanners.serial_bridge import SerialScannerBridge
from ui.conftest import Scanner


def test_the_station_judges_scans_on_its_own_thread(
    window: StationWindow, wedge: Scanner, monkeypatch: Any
) -> None:
    worker = window.client.worker
    station = worker._services.station  # type: ignore[union-attr]
    seen: list[threading.Thread] = []
    original = station.scan

    def spy(raw: str, *, manual: bool = False) -> Any:
        seen.append(threading.current_thread())
        return original(raw, manual=manual)

    monkeypatch.setattr(station, "scan", spy)
    wedge.scan("B-1001")
    assert seen and seen[0] is not threading.main_thread()
    assert worker.thread() is window.client.station_thread
    assert window.client.station_thread is not QApplication.instance().thread()


def test_a_serial_scanner_feeds_the_station_through_qt_signals(
    window: StationWindow, qtbot: Any
) -> None:
    bridge = SerialScannerBridge(SerialScannerConfig("loop://", name="loop"), window)
    window.attach_scanner(bridge)
    threads: list[Any] = []
    bridge.sig_scan.connect(lambda _scan: threads.append(QThread.currentThread()))
    with qtbot.waitSignal(bridge.sig_state, timeout=5_000) as state:
        bridge.start()
    assert state.args[0].state is ScannerState.CONNECTED
    assert "loop connected" in window.top_bar.scanners.value.text()
    try:
        with qtbot.waitSignal(window.client.sig_verdict, timeout=10_000) as verdict:
            assert bridge.scanner.send(b"B-1001\r")
        assert verdict.args[0].request.source == "loop"
        assert verdict.args[0].result.outcome is Outcome.ACCEPTED
        assert threads == [QApplication.instance().thread()]
    finally:
        bridge.stop()


def test_an_empty_database_offers_the_demo_plant_and_loads_it_journaled_as_this_station(
    make_window: Any, qtbot: Any, tmp_path: Any
) -> None:
    empty = open_database(str(tmp_path / "empty.sqlite"))
    window = make_window(empty)
    try:
        qtbot.waitUntil(window.notice.isVisible, timeout=5_000)
        assert window.notice.button.text() == "Load the demo plant"
        assert window.notice.button.isVisible()
        with qtbot.waitSignal(window.client.sig_demo_loaded, timeout=30_000) as loaded:
            qtbot.mouseClick(window.notice.button, Qt.MouseButton.LeftButton)
        assert loaded.args == [""]
        assert "Demo plant loaded" in window.notice.text.text()
        with Session(empty) as s:
            assert "B-1001" in set(s.scalars(select(OperatorRow.badge)))
            chains = set(s.scalars(select(EventRow.station).distinct()))
        assert chains == {"ST-1"}  # not an IMPORT-<host>-<database> chain of its own
        checked, breaks = verify_journal(empty)
        assert checked["ST-1"] > 0 and breaks == []
        wedge = Scanner(qtbot, window)
        assert wedge.scan("B-1001").result.outcome is Outcome.ACCEPTED
    finally:
        window.client.shutdown()
        empty.dispose()


def test_a_station_that_cannot_open_its_database_says_so_without_a_dialog(
    styled_app: Any, qtbot: Any, station_config: Any
) -> None:
    from tracestation.ui.scan.sounds import VerdictSounds
    from tracestation.ui.station_client import StationClient

    def broken() -> Any:
        raise OSError("unable to open database file")

    client = StationClient(broken)
    window = StationWindow(client, station_config, "ST-1", sounds=VerdictSounds(backend="silent"))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(client.sig_failed, timeout=5_000):
        client.start()
    try:
        assert "unable to open database file" in window.notice.text.text()
        assert window.top_bar.sync.value.text() == "database unavailable"
        with qtbot.waitSignal(client.sig_verdict, timeout=5_000) as verdict:
            client.submit_scan("B-1001")
        assert verdict.args[0].result.outcome is Outcome.REJECTED
        assert QApplication.activeModalWidget() is None
    finally:
        client.shutdown()
