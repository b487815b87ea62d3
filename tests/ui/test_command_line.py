"""`tracestation` opens the window, but the command line itself never needs Qt or a display."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tracestation.cli import build_parser
from tracestation.cli.station_commands import open_station

NO_QT = "import sys, tracestation.cli; assert 'PySide6' not in sys.modules, 'Qt imported'"


def test_the_command_line_imports_without_qt() -> None:
    done = subprocess.run([sys.executable, "-c", NO_QT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_no_subcommand_opens_the_station_window(monkeypatch: pytest.MonkeyPatch) -> None:
    from tracestation.ui import app
    from tracestation.wiring import open_station_services

    opened: list[app.AppOptions] = []

    def run(options: app.AppOptions, argv: object = None, *, open_services: object) -> int:
        assert open_services is open_station_services, "the window is wired by the one root"
        opened.append(options)
        return 0

    monkeypatch.setattr(app, "run_station_app", run)
    args = build_parser().parse_args(["--db", "plant.sqlite", "--station", "ST-4"])
    assert getattr(args, "handler", None) is None
    assert open_station(args) == 0
    assert opened == [app.AppOptions(db="plant.sqlite", station="ST-4", lang=None)]
    assert open_station(build_parser().parse_args(["--kiosk"])) == 0
    assert opened[-1].kiosk, "--kiosk opens the window full screen, frameless"
