"""The window tells the truth about labels and sync: a label is printed, not printed with the
printer's words, or not printed because no printer is configured (it used to say "its label is
printing" with no printer set); a station without a central database is "standalone"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tracestation.config import PrinterSettings, StationConfig, WedgeSettings
from tracestation.domain.model import Container, Unit
from tracestation.labels.printers import PrinterFault
from tracestation.ui.main_window import StationWindow
from ui.conftest import WEDGE_GAP_MS, Scanner

NEW_SERIAL = ("B-1001", "WO:WO-2001", "OPN:10", "CMD:NEW")


class StationPrinter:
    """The station's printer: takes labels, or refuses them in a printer's words."""

    def __init__(self) -> None:
        self.refusing = False
        self.units: list[str] = []

    def print_unit_label(self, unit: Unit) -> None:
        if self.refusing:
            raise PrinterFault("printer 10.0.0.9:9100: out of labels")
        self.units.append(unit.serial)

    def print_container_label(self, container: Container) -> None:
        raise PrinterFault("not in this test")

    def print_waiting(self) -> str | None:
        return None


@pytest.fixture
def printer() -> StationPrinter:
    return StationPrinter()


def with_printer(tmp_path: Path) -> StationConfig:
    return StationConfig(
        wedge=WedgeSettings(max_key_gap_ms=WEDGE_GAP_MS),
        printer=PrinterSettings("zpl-folder", str(tmp_path / "labels")),
    )


def shown(window: StationWindow) -> str:
    return window.scan_page.banner.message_text


def test_without_a_printer_the_verdict_says_the_label_was_not_printed(
    window: StationWindow, wedge: Scanner, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRACESTATION_PRINTER", raising=False)
    verdict = wedge.scans(*NEW_SERIAL)
    assert verdict.result.code == "serial_assigned"
    assert shown(window).startswith("Serial assigned: ")
    assert shown(window).endswith("No printer configured: label not printed.")
    assert "printing" not in shown(window)
    qtbot.waitUntil(lambda: window.scan_page.history_model.rowCount() == 4)
    history = window.scan_page.history_model.entry(0).message
    assert history.endswith("No printer configured: label not printed.")


def test_with_a_printer_that_took_the_label_the_verdict_says_printed(
    make_window: Callable[..., StationWindow], qtbot: Any, tmp_path: Path, printer: StationPrinter
) -> None:
    window = make_window(config=with_printer(tmp_path))
    Scanner(qtbot, window).scans(*NEW_SERIAL)
    assert shown(window).endswith("Label printed.")
    assert printer.units, "the printer took it"
    assert "printing" not in shown(window)


def test_a_printer_that_refused_is_named_with_its_words_and_nothing_says_printed(
    make_window: Callable[..., StationWindow],
    qtbot: Any,
    tmp_path: Path,
    printer: StationPrinter,
) -> None:
    printer.refusing = True
    window = make_window(config=with_printer(tmp_path))
    Scanner(qtbot, window).scans(*NEW_SERIAL)
    assert "The label did not print (printer 10.0.0.9:9100: out of labels)" in shown(window)
    assert "Label printed." not in shown(window) and "printing" not in shown(window)


def test_without_a_central_database_the_sync_field_says_standalone(
    window: StationWindow, qtbot: Any
) -> None:
    qtbot.waitUntil(lambda: window.top_bar.sync.value.text() == "standalone", timeout=10_000)
    assert window.top_bar.sync.value.property("state") == "normal"
