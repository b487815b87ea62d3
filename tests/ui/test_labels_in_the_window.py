"""Labels at the window: the operator sees labels the printer refused, in the printer's own
words, and sees them printed once the printer takes them, with no scan needed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tracestation.domain.model import Container, Unit
from tracestation.labels.printers import PrinterFault
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
