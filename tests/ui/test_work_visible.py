"""The work, visible in the top bar: how far the work order is (at this operation and in total)
and how many operations this station completed since the operator logged in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracestation.ui.main_window import StationWindow
from ui.conftest import Scanner

ONE_BOARD = ("PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")


def test_the_top_bar_counts_units_done_at_this_operation_in_total_and_in_the_shift(
    make_window: Callable[..., StationWindow],
    prepared: Callable[..., None],
    qtbot: Any,
) -> None:
    prepared("B-1001", "WO:WO-2001", "OPN:10", *ONE_BOARD)  # another station, earlier
    window = make_window()
    wedge = Scanner(qtbot, window)
    bar = window.top_bar
    wedge.scans("B-1001", "WO:WO-2001", "OPN:10")
    assert bar.progress.value.text() == "1 done \u00b7 49 to go"
    assert bar.shift.value.text() == "0", "the shift counts this station's work"
    wedge.scans("PCB-2", "LOT:CAP-220/C-7781", "CMD:DONE")
    assert bar.progress.value.text() == "2 done \u00b7 48 to go"
    assert bar.shift.value.text() == "1"
    tooltip = bar.progress.toolTip()
    assert "At operation 10: 2 done" in tooltip and "of 50" in tooltip
    assert bar.work_order.value.text().endswith("0/50 done"), "no board finished its routing"
    wedge.scans("OPN:20", "PCB-1", "CMD:PASS")
    assert bar.progress.value.text() == "1 done \u00b7 49 to go"
    assert "1 waiting for it" in bar.progress.toolTip(), "PCB-2 is next for the test"
    assert bar.work_order.value.text().endswith("1/50 done")
    assert bar.shift.value.text() == "2"
