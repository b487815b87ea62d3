"""Closing the window exits 0 after any number of scans.

It aborted on close after a few dozen scans (`Fatal Python error: bool_dealloc`, exit 134): the
PySide6 6.12 wheels return `None` and `True` without a reference on CPython 3.11 (see
`tracestation.ui.immortal_constants`). These tests run the window in a process of its own, as a
station does, and look at how it ends.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support.xvfb import have_xvfb, x_server

CALLS = 100_000

WEAR = f"""
from PySide6.QtCore import QObject, QTimer, Signal
from tracestation.ui.app import prepare_application

class Sender(QObject):
    sig = Signal()

app = prepare_application()
timer, sender = QTimer(), Sender()
for _ in range({CALLS}):
    timer.setInterval(5)
    sender.sig.emit()
print("done")
"""

# Runs the station window as `tracestation` does (run_station_app), types the scans into it as a
# wedge scanner, and closes the window after the last verdict.
DRIVER = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
import tracestation.ui.app as app
from tracestation.wiring import open_station_services

db, count = sys.argv[1], int(sys.argv[2])
units = [(f"PCB-S{n}", "LOT:CAP-220/C-7781", "CMD:DONE") for n in range(count)]
scans = ["B-1001", "WO:WO-2001", "OPN:10", *(raw for unit in units for raw in unit)][:count]
judged = []

class DrivenWindow(app.StationWindow):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.client.sig_ready.connect(lambda _snapshot: QTimer.singleShot(50, self.type_next))
        self.client.sig_verdict.connect(self.judged)

    def type_next(self):
        QTest.keyClicks(self.centralWidget(), scans[len(judged)])
        QTest.keyClick(self.centralWidget(), Qt.Key.Key_Return)

    def judged(self, verdict):
        judged.append(verdict.result.outcome.value)
        QTimer.singleShot(1, self.close if len(judged) == len(scans) else self.type_next)

app.StationWindow = DrivenWindow
code = app.run_station_app(app.AppOptions(db, "ST-CLOSE"), open_services=open_station_services)
print("judged", len(judged), flush=True)
sys.exit(code)
"""


def test_a_hundred_thousand_qt_calls_and_signals_leave_the_process_to_exit_0(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", WEAR],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "done"), done.stderr[-2000:]


@pytest.mark.slow
def test_closing_the_window_after_200_scans_exits_0_run_after_run(tmp_path: Path) -> None:
    env = {**os.environ, "TRACESTATION_CONFIG": str(tmp_path / "config.json")}
    for name in ("TRACESTATION_DB", "TRACESTATION_STATION", "TRACESTATION_CENTRAL"):
        env.pop(name, None)
    demo = tmp_path / "demo.sqlite"
    subprocess.run(
        [sys.executable, "-m", "tracestation", "--db", str(demo), "demo"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    with x_server(1366, 768) if have_xvfb() else _offscreen() as display:
        if display:
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
        for run in range(3):
            db = tmp_path / f"run{run}.sqlite"
            db.write_bytes(demo.read_bytes())
            done = subprocess.run(
                [sys.executable, "-c", DRIVER, str(db), "200"],
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            assert done.returncode == 0, f"run {run}: {done.stderr[-3000:]}"
            # WO-2001 is for 50 units: the scans past them are refused, and judged all the same.
            assert done.stdout.split() == ["judged", "200"], done.stdout


class _offscreen:
    def __enter__(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        return ""

    def __exit__(self, *_: object) -> None:
        return None


def test_closing_mid_unit_says_what_will_be_resumed_then_closes(window: Any, qtbot: Any) -> None:
    from ui.conftest import Scanner

    Scanner(qtbot, window).scans("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
    window.close()
    assert window.isVisible(), "it stays a moment to say what is left open"
    text = window.notice.text.text()
    assert "PCB-1" in text and "operation 10" in text and "resumes it" in text
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)


def test_closing_with_no_unit_open_closes_at_once(window: Any, qtbot: Any) -> None:
    from ui.conftest import Scanner

    Scanner(qtbot, window).scans("B-1001", "WO:WO-2001")
    window.close()
    assert not window.isVisible()
