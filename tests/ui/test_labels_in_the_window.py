"""Labels at the window: the operator sees labels the printer refused, in the printer's own
words, and sees them printed once the printer takes them, with no scan needed; the lead's
Labels tab lists every print job and shows a label before the lead signs its reprint."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.domain.model import Container, Unit
from tracestation.labels.printers import PrinterFault
from tracestation.store.tables import EventRow
from tracestation.ui.main_window import StationWindow
from ui.conftest import Scanner

NEW_SERIAL = ("B-1001", "WO:WO-2001", "OPN:10", "CMD:NEW")


class SwitchablePrinter:
    """A printer that refuses, in a printer's words, while `off`."""

    def __init__(self) -> None:
        self.off = True
        self.units: list[str] = []

    def print_unit_label(self, unit: Unit) -> None:
        if self.off:
            raise PrinterFault("printer 10.0.0.9:9100: Connection refused")
        self.units.append(unit.serial)

    def print_container_label(self, container: Container) -> None:
        raise PrinterFault("not in this test")

    def print_waiting(self) -> str | None:
        return None


@pytest.fixture
def printer() -> SwitchablePrinter:
    return SwitchablePrinter()


def retry_thread_round(engine: Any, clock: Any, printer: SwitchablePrinter) -> Any:
    """What the station's print thread does on its next round, after the back-off."""
    from tracestation.station.print_queue import QueuedPrinting, retry_delay
    from tracestation.store.plant import DatabasePlant
    from tracestation.store.print_jobs import DatabasePrintJobs

    clock.moment += retry_delay(1)
    printing = QueuedPrinting(
        DatabasePrintJobs(engine), DatabasePlant(engine), printer, clock, "ST-1"
    )
    return printing.print_due()


def notice_says(window: StationWindow, words: str) -> Callable[[], bool]:
    return lambda: window.notice.isVisible() and words in window.notice.text.text()


def test_the_operator_sees_a_refused_label_with_the_printers_words_then_sees_it_printed(
    window: StationWindow,
    wedge: Scanner,
    qtbot: Any,
    engine: Any,
    clock: Any,
    printer: SwitchablePrinter,
) -> None:
    wedge.scans(*NEW_SERIAL)
    qtbot.waitUntil(notice_says(window, "Connection refused"), timeout=15_000)
    text = window.notice.text.text()
    assert "Labels not printed: 1" in text and "10.0.0.9:9100" in text and "next try" in text
    assert window.notice.property("kind") == "error"

    printer.off = False
    done = retry_thread_round(engine, clock, printer)
    assert len(done.printed) == 1 and printer.units
    qtbot.waitUntil(notice_says(window, "The labels that waited are printed."), timeout=15_000)
    qtbot.waitUntil(lambda: not window.notice.isVisible(), timeout=20_000)


needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="label previews need poppler-utils"
)


def labels_tab(window: StationWindow, qtbot: Any) -> Any:
    """The lead's Labels tab, open, with its list as the record has it."""
    page = window.lead_page
    window.tabs.setCurrentWidget(page)
    with qtbot.waitSignal(window.client.sig_print_jobs, timeout=10_000):
        page.tabs.setCurrentWidget(page.reprint)
    return page.reprint


def column(tab: Any, name: str) -> list[str]:
    model = tab.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    at = headers.index(name)
    return [model.data(model.index(row, at)) for row in range(model.rowCount())]


def test_the_labels_tab_lists_a_refused_label_with_the_printers_words_and_then_printed(
    window: StationWindow,
    wedge: Scanner,
    qtbot: Any,
    engine: Any,
    clock: Any,
    printer: SwitchablePrinter,
) -> None:
    wedge.scans(*NEW_SERIAL)
    tab = labels_tab(window, qtbot)
    [label] = column(tab, "Label")
    assert label.startswith("unit PCBA-100/WO-2001-")
    assert column(tab, "State") == ["not printed, kept"] and column(tab, "Tries") == ["1"]
    assert column(tab, "The printer said") == ["printer 10.0.0.9:9100: Connection refused"]

    printer.off = False
    retry_thread_round(engine, clock, printer)
    qtbot.waitUntil(lambda: column(tab, "State") == ["printed"], timeout=15_000)
    assert column(tab, "The printer said") == [""] and column(tab, "Printed at") != [""]


@needs_pdftoppm
def test_a_lead_sees_the_label_before_signing_its_reprint_and_the_reprint_is_listed(
    window: StationWindow,
    wedge: Scanner,
    qtbot: Any,
    engine: Any,
    printer: SwitchablePrinter,
) -> None:
    printer.off = False
    wedge.scans(*NEW_SERIAL)
    tab = labels_tab(window, qtbot)
    assert not tab.confirm_button.isEnabled(), "nothing to reprint before a label is shown"
    with qtbot.waitSignal(window.client.sig_label_preview, timeout=30_000) as drawn:
        qtbot.mouseClick(
            tab.jobs.viewport(),
            Qt.MouseButton.LeftButton,
            pos=tab.jobs.visualRect(tab.model.index(0, 1)).center(),
        )
    preview = drawn.args[0]
    assert preview.png.startswith(b"\x89PNG") and preview.request.kind == "unit"
    assert tab.subject.text() == preview.request.subject
    assert not tab.picture.pixmap().isNull() and tab.picture.pixmap().width() > 200
    assert tab.confirm_button.isEnabled()

    page = window.lead_page
    page.badge.setText("B-9001")
    page.pin.setText("4321")
    with qtbot.waitSignal(window.client.sig_lead_outcome, timeout=10_000):
        qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    subject = preview.request.subject
    assert page.result.text() == f"Label of {subject} reprinted, signed by Ion Rus."
    assert printer.units == [subject.split("/")[1]] * 2, "printed, then reprinted"
    with Session(engine) as s:
        event = s.scalars(select(EventRow).where(EventRow.kind == "label_reprinted")).one()
    assert event.signed_by == "B-9001"
    qtbot.waitUntil(lambda: column(tab, "Reprint by") == ["B-9001", ""], timeout=10_000)
    assert column(tab, "State") == ["printed", "printed"]


@needs_pdftoppm
def test_a_label_of_nothing_recorded_is_not_shown_and_cannot_be_reprinted(
    window: StationWindow, qtbot: Any
) -> None:
    tab = labels_tab(window, qtbot)
    tab.kind.setCurrentIndex(tab.kind.findData("container"))
    tab.subject.setText("095060000000009999")
    with qtbot.waitSignal(window.client.sig_label_preview, timeout=30_000):
        qtbot.mouseClick(tab.preview_button, Qt.MouseButton.LeftButton)
    assert tab.note.text() == "No unit or carton 095060000000009999 is recorded."
    assert not tab.confirm_button.isEnabled() and tab.picture.pixmap().isNull()
