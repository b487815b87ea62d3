"""The window opens with what scanning needs; the other pages are built when first shown.

The lead, trace and settings pages, biip's GS1 tables and the label renderers are not loaded
until asked for (they made the window slower to become ready to scan); a tab clicked shows its
page all the same.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from PySide6.QtCore import Qt

from tracestation.ui.main_window import StationWindow

from .conftest import Scanner

OPENED = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from tracestation.config import StationConfig
from tracestation.ui.app import prepare_application
from tracestation.ui.main_window import StationWindow
from tracestation.ui.scan.sounds import VerdictSounds
from tracestation.ui.station_client import StationClient
app = prepare_application(["test"])
window = StationWindow(
    StationClient(lambda: None), StationConfig(), "ST-1", sounds=VerdictSounds(backend="silent")
)
window.show()
app.processEvents()
later = ("biip", "reportlab", "PIL", "zxingcpp", "alembic", "tracestation.ui.lead.lead_page",
         "tracestation.ui.trace.trace_page", "tracestation.ui.settings.settings_page")
print(json.dumps(sorted(n for n in later if n in sys.modules)))
os._exit(0)
"""


def test_an_opened_window_has_loaded_nothing_the_first_scan_does_not_need() -> None:
    opened = subprocess.run(
        [sys.executable, "-c", OPENED], capture_output=True, text=True, check=False
    )
    assert opened.returncode == 0, opened.stderr
    assert json.loads(opened.stdout.strip().splitlines()[-1]) == []


def test_each_tab_clicked_shows_its_page_built_then_and_kept(
    window: StationWindow, wedge: Scanner, qtbot: Any
) -> None:
    wedge.scan("B-1001")
    bar = window.tabs.tabBar()
    pages = []
    for index in (1, 2, 3):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        page = window.tabs.page_at(index)
        assert page is not None and page.isVisible()
        pages.append(page)
    assert pages == [window.lead_page, window.trace_page, window.settings_lock]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert window.tabs.currentWidget() is pages[0], "built once, then kept"
