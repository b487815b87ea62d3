"""The window fits the screens of the floor, 1366x768 and 1280x1024, in English and Romanian.

Its minimum size used to be its content (1,599x978 at start, 1,697 wide in Romanian): the
damaged-label row, the history's outcome and message and the sync state were off-screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from tracestation.ui.i18n import Translators
from tracestation.ui.main_window import StationWindow
from ui.conftest import CONTROLLER_READY, Scanner

SCREENS = ((1366, 768), (1280, 1024))
# What a title bar and a task bar leave of a 768-pixel screen on a maximized window.
TITLE_AND_TASK_BARS = 70


@pytest.fixture(params=["en", "ro"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    translators = Translators()
    if request.param != "en":
        assert translators.install(request.param)
    yield request.param
    translators.remove()


def operator_widgets(window: StationWindow) -> dict[str, QWidget]:
    page, bar = window.scan_page, window.top_bar
    return {
        "prompt": page.prompt,
        "verdict": page.banner,
        "checklist": page.checklist,
        "history": page.history,
        "damaged-label field": page.manual.field,
        "damaged-label button": page.manual.button,
        **{f"top bar {name}": getattr(bar, name) for name in bar.FIELDS},
    }


def on_window(widget: QWidget, window: StationWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_widget_an_operator_needs_is_inside_the_screen(
    make_window: Callable[..., StationWindow],
    prepared: Callable[..., None],
    qtbot: Any,
    language: str,
    screen: tuple[int, int],
) -> None:
    prepared(*CONTROLLER_READY)
    window = make_window()
    Scanner(qtbot, window).scans("B-1001", "WO:WO-1001", "OPN:20", "CTRL-1")
    width, height = screen[0], screen[1] - TITLE_AND_TASK_BARS
    hint = window.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= height, hint
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size().width() == width and window.size().height() == height)
    frame = window.rect()
    for name, widget in operator_widgets(window).items():
        place = on_window(widget, window)
        assert widget.isVisible(), name
        assert frame.contains(place), f"{name} at {place} is outside {frame} ({language})"
        assert place.width() >= widget.minimumSizeHint().width(), f"{name} squeezed"
    assert window.scan_page.banner.message_fits()
    assert window.scan_page.prompt.fits()


def test_a_long_refusal_keeps_its_what_to_do_on_a_small_screen(
    window: StationWindow, qtbot: Any
) -> None:
    window.resize(1280, 700)
    banner = window.scan_page.banner
    long = "Lot L-2291 of SCREW-M3 is on hold since 2026-11-20 (reason: supplier NCR 77 " * 3
    banner.show_verdict(banner.outcome or _rejected(), long + "). Scan another lot.", "Scan: x")
    qtbot.waitUntil(lambda: banner.width() < 900)
    assert banner.message_fits()
    assert banner.message_font_for(banner.message_area()).pointSize() < 22


def _rejected() -> Any:
    from tracestation.station.verdicts import Outcome

    return Outcome.REJECTED


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_top_bar_shows_every_value_whole_on_a_panel_pc(
    make_window: Callable[..., StationWindow],
    prepared: Callable[..., None],
    qtbot: Any,
    language: str,
    screen: tuple[int, int],
) -> None:
    prepared(*CONTROLLER_READY)
    window = make_window()
    Scanner(qtbot, window).scans("B-1001", "WO:WO-1001", "OPN:20", "CTRL-1")
    window.resize(screen[0], screen[1] - TITLE_AND_TASK_BARS)
    qtbot.waitUntil(lambda: window.size().width() == screen[0])
    bar = window.top_bar
    qtbot.waitUntil(lambda: not any(f.value.is_elided() for f in bar.fields()), timeout=5_000)
    window.resize(1920, 1000)
    qtbot.waitUntil(lambda: bar.density == "normal", timeout=5_000)
