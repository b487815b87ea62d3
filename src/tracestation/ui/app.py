"""Starting the operator station window: application, language, style, station thread, scanners.

`run_station_app` is what `tracestation` (no subcommand) and `python -m tracestation.ui` call; they
hand it the composition root's `open_station_services`, so the window itself never opens the
database nor builds an adapter.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tracestation.config import ConfigError, StationConfig, load_config, resolve_central_url
from tracestation.station.services import StationServices
from tracestation.station.sync_schedule import SyncPolicy
from tracestation.ui.gui_thread_gc import GuiThreadGarbageCollector
from tracestation.ui.i18n import Translators, choose_language
from tracestation.ui.immortal_constants import pin_constants
from tracestation.ui.main_window import StationWindow
from tracestation.ui.scanners.serial_bridge import SerialScannerBridge
from tracestation.ui.station_client import StationClient
from tracestation.ui.style import apply_font_scale

# (database, station id, settings) -> the built services; slow, so called on the station thread.
ServicesOpener = Callable[[str | None, str, StationConfig], StationServices]

DEFAULT_STATION = "STATION-1"


@dataclass(frozen=True)
class AppOptions:
    db: str | None = (
        None  # SQLite path or SQLAlchemy URL; None: $TRACESTATION_DB or the embedded one
    )
    station: str | None = None  # None: the configured station id
    lang: str | None = None
    central: str | None = None  # None: $TRACESTATION_CENTRAL, else the settings; "": no sync
    sync_policy: SyncPolicy = field(default_factory=SyncPolicy)
    kiosk: bool = False  # full screen, no window frame (the settings are behind a lead's PIN)


def prepare_application(argv: Sequence[str] | None = None, font_scale: float = 1.0) -> QApplication:
    pin_constants()  # before any Qt call from Python: see immortal_constants
    existing = QApplication.instance()
    app = (
        existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    )
    app.setApplicationName("TraceStation")
    app.setOrganizationName("TraceStation")
    app.setStyle("Fusion")
    apply_font_scale(app, font_scale)
    return app


def run_station_app(
    options: AppOptions, argv: Sequence[str] | None = None, *, open_services: ServicesOpener
) -> int:
    """Open the window and run until it closes; returns the exit code. `open_services` builds
    the station on its own thread once the window shows."""
    config_problem = None
    try:
        config = load_config()
    except ConfigError as error:
        config, config_problem = StationConfig(), str(error)
    app = prepare_application(argv, config.font_scale)
    translators = Translators()
    translators.install(choose_language(options.lang, config.language))
    station_id = options.station or config.station_id or DEFAULT_STATION
    # The window's settings keep what was saved; only the station is built on the override.
    wired = replace(config, central_url=resolve_central_url(options.central, config))
    client = StationClient(
        lambda: open_services(options.db, station_id, wired), sync_policy=options.sync_policy
    )
    window = StationWindow(client, config, station_id)
    for scanner in config.serial_scanners:
        bridge = SerialScannerBridge(scanner.to_config(), window)
        window.attach_scanner(bridge)
        bridge.start()
    if config_problem:
        window.show_config_problem(config_problem)
    if options.kiosk:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
    else:
        window.showMaximized()
    window.setFocus()
    client.start()
    heartbeat = quit_on_signals(app)
    collector = GuiThreadGarbageCollector(app).start()
    try:
        return app.exec()
    finally:
        for bridge in window.bridges:
            bridge.stop()
        client.shutdown()
        translators.remove()
        heartbeat.stop()
        collector.stop()


def quit_on_signals(app: QApplication) -> QTimer:
    """SIGTERM and Ctrl+C close the window cleanly (scans already sent are still judged).

    Python runs signal handlers only between bytecodes; the timer lets it in while Qt waits.
    """
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _n, _f: app.quit())
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
    return heartbeat
