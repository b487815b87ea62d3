"""Cold start to scan-ready, in a process of its own (run by `bench/run.py`).

    python bench/startup.py headless|window DB STATION [SCAN_UNITS]

Prints one JSON line: `ready_at` (time.time() when the station answered its first scan, the
operator's badge: scan-ready; `first_scan_ms` is that scan's own share, from the badge typed
(the window: once the station thread said it was ready), so work moved from the start into the
first scan still shows), then the resident memory after `SCAN_UNITS` sensors were built by
scanning (12 scans each) on the plant. The caller takes the process's start as the moment it
spawned it, so interpreter start-up and imports count.

- headless: the station core as `tracestation run --headless` builds it (`station_on`);
- window: the real window as `tracestation` opens it (`run_station_app`'s steps: the application,
  the station client building the services on its thread, the window shown), on the Qt platform
  of $QT_QPA_PLATFORM (offscreen unless set); ready when the badge's verdict is painted.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

# The operator's badge of the plants (`plants.OPERATOR`): `plants` itself is imported only after
# the measured point, since it pulls in the bench's plant builder, which the station never loads.
OPERATOR = "B-2001"


def cpu_seconds() -> float:
    """CPU time of this process so far, every thread, interpreter start-up included: less
    swayed than the wall clock by the other work of a shared machine."""
    return round(time.process_time(), 3)


def memory() -> dict[str, float]:
    """VmRSS and VmHWM of this process, in MB."""
    found: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mb": found.get("VmRSS", 0.0), "peak_rss_mb": found.get("VmHWM", 0.0)}


def scan_plan_checked(station_id: str, units: int) -> list[str]:
    """The scans after the first (`plants.scan_plan`), imported once the start is measured."""
    import plants

    assert plants.OPERATOR == OPERATOR, "startup.py's badge is no longer the plants' operator"
    return plants.scan_plan(station_id, units)


def headless(db: str, station_id: str, units: int) -> dict[str, Any]:
    from tracestation.store.database import open_database
    from tracestation.wiring import station_on

    station = station_on(open_database(db), station_id)
    asked = time.perf_counter()
    first = station.scan(OPERATOR)
    first_scan_ms = (time.perf_counter() - asked) * 1000
    ready = time.time()
    cpu_at_ready = cpu_seconds()
    at_ready = memory()
    answers = [station.scan(raw).outcome.value for raw in scan_plan_checked(station_id, units)]
    return {
        "ready_at": ready,
        "first_scan": first.outcome.value,
        "first_scan_ms": round(first_scan_ms, 1),
        "scans": len(answers),
        "refused": sum(a != "accepted" for a in answers),
        "cpu_s_at_ready": cpu_at_ready,
        "at_ready": at_ready,
        **memory(),
    }


def window(db: str, station_id: str, units: int) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from tracestation.config import StationConfig
    from tracestation.ui.app import prepare_application
    from tracestation.ui.main_window import StationWindow
    from tracestation.ui.scan.sounds import VerdictSounds
    from tracestation.ui.station_client import StationClient
    from tracestation.wiring import open_station_services

    app = prepare_application([sys.argv[0]])  # noqa: F841  (kept alive while the window runs)
    config = StationConfig()
    client = StationClient(lambda: open_station_services(db, station_id, config))
    win = StationWindow(client, config, station_id, sounds=VerdictSounds(backend="silent"))
    ready: list[object] = []
    painted: list[int] = []
    outcomes: list[str] = []
    client.sig_ready.connect(ready.append)
    win.scan_page.banner.sig_painted.connect(painted.append)
    client.sig_verdict.connect(lambda v: outcomes.append(v.result.outcome.value))
    win.showMaximized()
    win.setFocus()
    client.start()

    def until(condition: Any, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit(f"the window did not get there in time ({len(outcomes)} verdicts)")
            loop = QEventLoop()
            QTimer.singleShot(2, loop.quit)
            loop.exec()

    until(lambda: bool(ready))
    asked = time.perf_counter()
    QTest.keyClicks(win, OPERATOR)
    QTest.keyClick(win, Qt.Key.Key_Return)
    until(lambda: len(outcomes) >= 1 and bool(painted))
    first_scan_ms = (time.perf_counter() - asked) * 1000
    ready_at = time.time()
    cpu_at_ready = cpu_seconds()
    at_ready = memory()
    for raw in scan_plan_checked(station_id, units):
        done = len(outcomes)
        QTest.keyClicks(win, raw)
        QTest.keyClick(win, Qt.Key.Key_Return)
        until(lambda d=done: len(outcomes) > d)
    client.shutdown()
    win.close()
    QCoreApplication.processEvents()
    return {
        "ready_at": ready_at,
        "first_scan": outcomes[0],
        "first_scan_ms": round(first_scan_ms, 1),
        "scans": len(outcomes) - 1,
        "refused": sum(o != "accepted" for o in outcomes[1:]),
        "cpu_s_at_ready": cpu_at_ready,
        "at_ready": at_ready,
        **memory(),
    }


def main() -> int:
    mode, db, station_id = sys.argv[1:4]
    units = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    result = (headless if mode == "headless" else window)(db, station_id, units)
    print(json.dumps(result), flush=True)
    # PySide6 can crash while the interpreter tears down Qt objects (see scan_to_verdict.py);
    # the answer is out, so leave without that teardown.
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
