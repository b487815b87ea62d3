"""The current operation's work instructions, from master data, on the scan page: the text and
the image, and a clear line when the image file cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage

from tracestation.ui.main_window import StationWindow
from ui.conftest import Scanner

PICTURE_NAME = "smt-stencil.png"


@pytest.fixture
def plant_document(plant_document: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    picture = QImage(400, 300, QImage.Format.Format_RGB32)
    picture.fill(QColor("#2f81f7"))
    assert picture.save(str(tmp_path / PICTURE_NAME))
    pcba = next(r for r in plant_document["routings"] if r["part"] == "PCBA-100")
    pcba["operations"][0]["instructions"] = {
        "text": "Check the stencil is clean.\nPaste, place, reflow.",
        "image": str(tmp_path / PICTURE_NAME),
    }
    pcba["operations"][1]["instructions"] = {"image": str(tmp_path / "missing.png")}
    return plant_document


def test_the_scan_page_shows_the_operations_instructions_text_and_image(
    window: StationWindow, wedge: Scanner
) -> None:
    panel = window.scan_page.instructions
    wedge.scans("B-1001", "WO:WO-2001")
    assert not panel.isVisible(), "no operation yet: nothing to show"
    wedge.scan("OPN:10")
    assert panel.isVisible()
    assert panel.title.text() == "Work instructions \u00b7 operation 10"
    assert panel.text.text() == "Check the stencil is clean.\nPaste, place, reflow."
    pixmap = panel.image.pixmap()
    assert not pixmap.isNull() and pixmap.height() == 180
    wedge.scan("OPN:20")
    assert panel.image.text().startswith("Image not found or not readable: ")
    assert "missing.png" in panel.image.text()
    assert not panel.text.isVisible()
