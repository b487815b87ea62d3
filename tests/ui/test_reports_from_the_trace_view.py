"""From the trace view: a unit's history by double-click on it in the as-built tree, and the
device history record of a unit and the recall report of a lot, written off the GUI thread
and handed to the system viewer (here a recording opener)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl

from support.reworked_unit import SCANS
from tracestation.ui.main_window import StationWindow


def prepare(engine: Any, clock: Any) -> None:
    from tracestation.wiring import station_on

    station = station_on(engine, "ST-PREP", clock=clock)
    for raw in SCANS:
        station.scan(raw)


def trace(window: StationWindow, qtbot: Any, text: str) -> None:
    window.tabs.setCurrentWidget(window.trace_page)
    window.trace_page.search.setText(text)
    with qtbot.waitSignal(window.client.sig_trace_answer, timeout=10_000):
        window.trace_page.run()


class RecordingOpener:
    def __init__(self) -> None:
        self.opened: list[QUrl] = []
        self.threads: list[threading.Thread] = []

    def __call__(self, url: QUrl) -> bool:
        self.opened.append(url)
        self.threads.append(threading.current_thread())
        return True


def with_opener(window: StationWindow, folder: Path) -> RecordingOpener:
    opener = RecordingOpener()
    window.trace_page.opener = opener
    window.trace_page.report_folder = folder
    return opener


def test_double_clicking_a_unit_in_the_tree_opens_its_history(
    engine: Any, clock: Any, make_window: Any, qtbot: Any
) -> None:
    prepare(engine, clock)
    window = make_window()
    trace(window, qtbot, "CTRL-0001")
    page = window.trace_page
    root = page.tree_model.index(0, 0)
    board = page.tree_model.index(2, 0, root)  # PCB-0002, the board that replaced PCB-0001

    with qtbot.waitSignal(window.client.sig_unit_history, timeout=10_000):
        page.tree.doubleClicked.emit(board)

    view = page.history_view
    assert view is not None and view.isVisible()
    assert view.windowTitle() == "History of PCBA-100/PCB-0002"
    what = [row[4] for row in view.rows()]
    assert what[0] == "registered on WO-2001"
    assert any(
        w.startswith("deviation: lot_expired waived for CAP-220/C-6001 (reason ENG-OK)")
        and "signed by Ion Rus (B-9001)" in w
        for w in what
    )
    assert what[-1] == "installed into CTRL-500/CTRL-0001"
    assert {row[1] for row in view.rows()} == {"ST-PREP"}


def test_the_device_history_record_of_a_traced_unit_is_written_and_opened(
    engine: Any, clock: Any, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    prepare(engine, clock)
    window = make_window()
    opener = with_opener(window, tmp_path / "reports")
    trace(window, qtbot, "CTRL-0001")

    with qtbot.waitSignal(window.client.sig_report_written, timeout=30_000) as written:
        window.trace_page.dhr_button.click()

    path = Path(written.args[0].path)
    assert path.parent == tmp_path / "reports" and path.name.startswith("DHR-CTRL-500_CTRL-0001")
    assert path.read_bytes().startswith(b"%PDF")
    assert opener.opened == [QUrl.fromLocalFile(str(path))]
    assert opener.threads == [threading.main_thread()]
    assert str(path) in window.trace_page.status.text()


def test_the_recall_report_of_a_traced_lot_is_written_as_pdf_and_csv_and_opened(
    engine: Any, clock: Any, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    prepare(engine, clock)
    window = make_window()
    opener = with_opener(window, tmp_path)
    trace(window, qtbot, "LOT:CAP-220/C-7781")

    with qtbot.waitSignal(window.client.sig_report_written, timeout=30_000) as pdf:
        window.trace_page.recall_pdf_button.click()
    with qtbot.waitSignal(window.client.sig_report_written, timeout=30_000) as csv:
        window.trace_page.recall_csv_button.click()

    pdf_path, csv_path = Path(pdf.args[0].path), Path(csv.args[0].path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    assert csv_path.read_text().splitlines()[0].startswith("part,serial,work_order")
    assert opener.opened == [QUrl.fromLocalFile(str(pdf_path)), QUrl.fromLocalFile(str(csv_path))]


def test_a_report_that_cannot_be_written_says_why_and_opens_nothing(
    engine: Any, clock: Any, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    prepare(engine, clock)
    window = make_window()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    opener = with_opener(window, blocker / "reports")
    trace(window, qtbot, "CTRL-0001")

    with qtbot.waitSignal(window.client.sig_report_written, timeout=30_000):
        window.trace_page.dhr_button.click()

    assert window.trace_page.status.text().startswith("The report was not written: cannot write")
    assert opener.opened == []


def test_screenshot_of_a_units_history(
    engine: Any, clock: Any, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    """Saved to resources/ui/screenshots/unit-history.png with TRACESTATION_SCREENSHOTS=update."""
    import os

    from tracestation.resources import resources_dir

    update = os.environ.get("TRACESTATION_SCREENSHOTS") == "update"
    folder = resources_dir() / "ui" / "screenshots" if update else tmp_path
    prepare(engine, clock)
    window = make_window()
    trace(window, qtbot, "CTRL-0001")
    with qtbot.waitSignal(window.client.sig_unit_history, timeout=10_000):
        window.trace_page.tree.doubleClicked.emit(window.trace_page.tree_model.index(0, 0))
    view = window.trace_page.history_view
    assert view is not None
    view.resize(1100, 660)
    qtbot.waitExposed(view)
    qtbot.wait(50)
    assert view.grab().save(str(folder / "unit-history.png"))
    assert [row[4] for row in view.rows()].count("test Final test: FAILED") == 1
