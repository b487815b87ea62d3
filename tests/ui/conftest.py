"""The station window on the test database, with the station on its own thread as in production.

`window` is shown offscreen (tests/conftest.py sets QT_QPA_PLATFORM=offscreen). The wedge gap is
generous (`WEDGE_GAP_MS`) so `qtbot.keyClicks` always counts as a scanner's burst, even on a
loaded CI machine; slow typing is simulated with pauses longer than that.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tracestation.config import StationConfig, WedgeSettings
from tracestation.ui.app import prepare_application
from tracestation.ui.main_window import StationWindow
from tracestation.ui.scan.sounds import VerdictSounds
from tracestation.ui.station_client import StationClient
from tracestation.ui.station_worker import Verdict

WEDGE_GAP_MS = 400

# Scanned before the window opens, on a station of its own, to reach CTRL-500 assembly quickly.
CONTROLLER_READY = (
    "B-1001",
    "WO:WO-2001",
    "OPN:10",
    "PCB-1",
    "LOT:CAP-220/C-7781",
    "CMD:DONE",
    "OPN:20",
    "PCB-1",
    "CMD:PASS",
    "WO:WO-1001",
    "OPN:10",
    "LOT:PASTE-7/P-88",
    "CTRL-1",
)


@pytest.fixture(autouse=True)
def garbage_collected_on_the_main_thread() -> Iterator[None]:
    """As the window does (`ui.gui_thread_gc`): no automatic collection while a test runs, so
    no station or query thread frees a widget; the main thread collects after the test."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


@pytest.fixture(autouse=True)
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings never touch the user's own config directory."""
    path = tmp_path / "config" / "station.json"
    monkeypatch.setenv("TRACESTATION_CONFIG", str(path))
    monkeypatch.delenv("TRACESTATION_LANG", raising=False)
    monkeypatch.delenv("TRACESTATION_CENTRAL", raising=False)  # no test syncs with a real centre
    return path


@pytest.fixture
def styled_app(qapp: QApplication) -> QApplication:
    return prepare_application()


@pytest.fixture
def station_config() -> StationConfig:
    return StationConfig(wedge=WedgeSettings(max_key_gap_ms=WEDGE_GAP_MS))


@pytest.fixture
def prepared(engine: Any, clock: Any) -> Callable[..., None]:
    """Scan on a separate station before the window opens (state the window then finds)."""
    from tracestation.wiring import station_on

    def run(*raws: str) -> None:
        station = station_on(engine, "ST-PREP", clock=clock)
        for raw in raws:
            result = station.scan(raw)
            assert result.outcome == "accepted", (raw, result.message)

    return run


@pytest.fixture
def make_window(
    styled_app: QApplication,
    qtbot: Any,
    engine: Any,
    clock: Any,
    printer: Any,
    station_config: StationConfig,
) -> Iterator[Callable[..., StationWindow]]:
    from tracestation.wiring import services_on

    clients: list[StationClient] = []

    def build(source_engine: Any = None, config: StationConfig | None = None) -> StationWindow:
        target = source_engine if source_engine is not None else engine
        client = StationClient(lambda: services_on(target, "ST-1", clock=clock, printer=printer))
        clients.append(client)
        config = config or station_config
        window = StationWindow(client, config, "ST-1", sounds=VerdictSounds(backend="silent"))
        qtbot.addWidget(window)
        window.resize(1600, 1000)
        window.show()
        qtbot.waitExposed(window)
        window.centralWidget().setFocus()
        with qtbot.waitSignal(client.sig_ready, timeout=10_000):
            client.start()
        return window

    yield build
    for client in clients:
        client.shutdown()


@pytest.fixture
def window(make_window: Callable[..., StationWindow]) -> StationWindow:
    return make_window()


class Scanner:
    """Types scans into the window as a keyboard wedge does: a fast burst, then Enter."""

    def __init__(self, qtbot: Any, window: StationWindow) -> None:
        self.qtbot = qtbot
        self.window = window
        self.verdicts: list[Verdict] = []
        window.client.sig_verdict.connect(self.verdicts.append)

    def scan(self, raw: str) -> Verdict:
        """Type `raw` and Enter; return once the verdict and the snapshot after it are shown."""
        client = self.window.client
        with self.qtbot.waitSignals([client.sig_verdict, client.sig_snapshot], timeout=10_000):
            self.qtbot.keyClicks(self.window, raw)
            self.qtbot.keyClick(self.window, Qt.Key.Key_Return)
        return self.verdicts[-1]

    def scans(self, *raws: str) -> Verdict:
        for raw in raws:
            self.scan(raw)
        return self.verdicts[-1]


@pytest.fixture
def wedge(qtbot: Any, window: StationWindow) -> Scanner:
    return Scanner(qtbot, window)
