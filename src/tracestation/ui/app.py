"""Starting the operator station window: application, language, style, station thread, scanners.

`run_station_app` is what `tracestation` (no subcommand) and `python -m tracestation.ui` call.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from tracestation.config import (
    ConfigError,
    PrinterSettings,
    StationConfig,
    load_config,
    printer_target,
)
from tracestation.labels.printers import LabelPrinting, sink_for
from tracestation.resources import resources_dir
from tracestation.station.ports import LabelPrinter, PlantReader
from tracestation.ui.i18n import Translators, choose_language
from tracestation.ui.main_window import StationWindow
from tracestation.ui.scanners.serial_bridge import SerialScannerBridge
from tracestation.ui.station_client import StationClient
from tracestation.ui.station_worker import StationFactory, StationParts

DEFAULT_STATION = "STATION-1"


@dataclass(frozen=True)
class AppOptions:
    db: str | None = (
        None  # SQLite path or SQLAlchemy URL; None: $TRACESTATION_DB or the embedded one
    )
    station: str | None = None  # None: the configured station id
    lang: str | None = None


def make_printer(settings: PrinterSettings, plant: PlantReader) -> LabelPrinter:
    """The configured label printer; $TRACESTATION_PRINTER wins over the settings."""
    target = os.environ.get("TRACESTATION_PRINTER") or printer_target(settings)
    return LabelPrinting(plant, sink_for(target))


def database_station(db: str | None, station_id: str, config: StationConfig) -> StationFactory:
    """A factory the station worker calls on its own thread: opens (and migrates) the database."""

    def build() -> StationParts:
        from tracestation.store.database import open_database
        from tracestation.store.plant import DatabasePlant
        from tracestation.wiring import station_on

        engine = open_database(db)
        station = station_on(
            engine,
            station_id,
            printer=make_printer(config.printer, DatabasePlant(engine)),
            decode_options=config.decode_options(),
        )
        return StationParts(engine, station)

    return build


def style_sheet() -> str:
    path = resources_dir() / "ui" / "station.qss"
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def prepare_application(argv: Sequence[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = (
        existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    )
    app.setApplicationName("TraceStation")
    app.setOrganizationName("TraceStation")
    app.setStyle("Fusion")
    font = QFont("DejaVu Sans")
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSize(15)
    app.setFont(font)
    app.setStyleSheet(style_sheet())
    return app


def run_station_app(options: AppOptions, argv: Sequence[str] | None = None) -> int:
    """Open the window and run until it closes; returns the exit code."""
    app = prepare_application(argv)
    config_problem = None
    try:
        config = load_config()
    except ConfigError as error:
        config, config_problem = StationConfig(), str(error)
    translators = Translators()
    translators.install(choose_language(options.lang, config.language))
    station_id = options.station or config.station_id or DEFAULT_STATION
    client = StationClient(database_station(options.db, station_id, config))
    window = StationWindow(client, config, station_id)
    for scanner in config.serial_scanners:
        bridge = SerialScannerBridge(scanner.to_config(), window)
        window.attach_scanner(bridge)
        bridge.start()
    if config_problem:
        window.show_config_problem(config_problem)
    window.showMaximized()
    window.setFocus()
    client.start()
    heartbeat = quit_on_signals(app)
    try:
        return app.exec()
    finally:
        for bridge in window.bridges:
            bridge.stop()
        client.shutdown()
        translators.remove()
        heartbeat.stop()


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
