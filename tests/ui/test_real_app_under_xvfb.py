"""End to end: the real `python -m tracestation` window in a real X server (Xvfb), with scans
typed by xdotool the way a keyboard-wedge scanner types them (a fast burst, then Return).

Needs the system packages `xvfb` and `xdotool` (and Qt's xcb libraries); skipped without them.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support.xvfb import x_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("Xvfb") and shutil.which("xdotool")),
        reason="needs Xvfb and xdotool: apt-get install xvfb xdotool libxcb-cursor0",
    ),
]

STATION = "ST-E2E"
WEDGE_SCANS = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")
_USER_SETTINGS = (
    "TRACESTATION_DB",
    "TRACESTATION_STATION",
    "TRACESTATION_LANG",
    "TRACESTATION_CONFIG",
    "TRACESTATION_CENTRAL",
)


@pytest.fixture(params=[(1600, 1000), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def display(request: pytest.FixtureRequest) -> Iterator[str]:
    width, height = request.param
    with x_server(width, height) as name:
        yield name


def environment(tmp_path: Path, display: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _USER_SETTINGS}
    env["TRACESTATION_CONFIG"] = str(tmp_path / "config.json")
    env["PYTHONUNBUFFERED"] = "1"
    if display:
        env["DISPLAY"] = display
        env["QT_QPA_PLATFORM"] = "xcb"
    return env


def xdotool(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["xdotool", *args], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.strip()


def wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the station")


def events(db: Path, kind: str) -> list[dict[str, object]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT station, payload FROM events WHERE kind = ?", (kind,)
        ).fetchall()
    return [{"station": station, **json.loads(payload)} for station, payload in rows]


def test_the_real_app_takes_wedge_scans_typed_by_xdotool_and_records_them(
    tmp_path: Path, display: str
) -> None:
    db = tmp_path / "station.sqlite"
    tracestation = [sys.executable, "-m", "tracestation", "--db", str(db)]
    subprocess.run(
        [*tracestation, "demo"],
        env=environment(tmp_path),
        check=True,
        capture_output=True,
        timeout=120,
    )
    env = environment(tmp_path, display)
    log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen(
        [*tracestation, "--station", STATION], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        window = xdotool(
            env, "search", "--sync", "--onlyvisible", "--name", "TraceStation"
        ).splitlines()[0]
        xdotool(env, "windowfocus", "--sync", window)
        time.sleep(1.0)  # the station thread opens the database meanwhile; scans would queue anyway
        for raw in WEDGE_SCANS:
            xdotool(env, "type", "--delay", "5", raw)
            xdotool(env, "key", "Return")
            time.sleep(0.3)
        wait_for(lambda: any(e["station"] == STATION for e in events(db, "operation_completed")))

        # A person typing slowly is not a scanner: the keys go to manual entry, marked manual.
        xdotool(env, "type", "--delay", "150", "PCB-2")
        xdotool(env, "key", "Return")
        wait_for(lambda: any(e.get("serial") == "PCB-2" for e in events(db, "unit_registered")))
    finally:
        app.send_signal(signal.SIGTERM)
        code = app.wait(30)
        log.close()
    output = (tmp_path / "app.log").read_text()
    assert code == 0, output

    trace = subprocess.run(
        [*tracestation, "trace", "backward", "PCB-1", "--json"],
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    tree = json.loads(trace.stdout)
    assert [(c["part"], c.get("lot"), c["qty"]) for c in tree["children"]] == [
        ("CAP-220", "C-7781", "2")
    ]
    registered = {e["serial"]: e for e in events(db, "unit_registered")}
    assert registered["PCB-1"]["station"] == STATION and "entry" not in registered["PCB-1"]
    assert registered["PCB-2"]["entry"] == "manual"


# The real window (run_station_app, maximized as at a station) reports where the widgets an
# operator needs are, in screen pixels, once the unit's checklist is up.
WHERE_DRIVER = """
import sys
from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtGui import QGuiApplication
import tracestation.ui.app as app
from tracestation.wiring import open_station_services

class ReportingWindow(app.StationWindow):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.client.sig_ready.connect(lambda _s: QTimer.singleShot(1500, self.report))

    def report(self):
        screen = QGuiApplication.primaryScreen().geometry()
        page, bar = self.scan_page, self.top_bar
        needed = {"prompt": page.prompt, "verdict": page.banner, "checklist": page.checklist,
                  "history": page.history, "damaged label": page.manual.field,
                  "enter by hand": page.manual.button,
                  **{name: getattr(bar, name) for name in bar.FIELDS}}
        for name, widget in needed.items():
            place = QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())
            inside = widget.isVisible() and screen.contains(place)
            print(f"{name}|{inside}|{place.x()},{place.y()},{place.width()},{place.height()}")
        print(f"screen|{screen.width()}x{screen.height()}", flush=True)
        self.close()

app.StationWindow = ReportingWindow
sys.exit(app.run_station_app(app.AppOptions(sys.argv[1], "ST-E2E", sys.argv[2]),
                             open_services=open_station_services))
"""


@pytest.mark.parametrize("language", ["en", "ro"])
def test_at_1366x768_every_widget_an_operator_needs_is_on_the_screen(
    tmp_path: Path, language: str
) -> None:
    db = tmp_path / "station.sqlite"
    subprocess.run(
        [sys.executable, "-m", "tracestation", "--db", str(db), "demo"],
        env=environment(tmp_path),
        check=True,
        capture_output=True,
        timeout=120,
    )
    with x_server(1366, 768) as name:
        done = subprocess.run(
            [sys.executable, "-c", WHERE_DRIVER, str(db), language],
            env=environment(tmp_path, name),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [line.split("|") for line in done.stdout.splitlines() if "|" in line]
    assert ["screen", "1366x768"] in lines, done.stdout
    outside = [(name, place) for name, inside, *place in lines if inside == "False"]
    assert not outside, outside
    assert len(lines) == 6 + 8 + 1, done.stdout  # the scan page's 6, the top bar's 8, the screen
