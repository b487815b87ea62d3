"""A board taken out of a controller in rework goes back to its own test, and once it passes
again it can go into another controller; until then it is refused, and says why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracestation.scanners.replay import read_replay

WALKTHROUGH = Path(__file__).resolve().parents[3] / "resources" / "demo" / "first-units.scans"


def test_a_board_removed_in_rework_is_retested_and_then_goes_into_another_controller(
    station: Any, scan: Callable[..., Any]
) -> None:
    for raw in read_replay(WALKTHROUGH):  # PCB-0001 ends up removed from CTRL-0001, in rework
        assert station.scan(raw).outcome == "accepted", raw
    scan("WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88", "CTRL-0002", "OPN:20", "CTRL-0002")
    refused = station.scan("PCB-0001")
    assert refused.outcome == "rejected" and refused.code == "child_not_finished"

    scan("CMD:CANCEL", "WO:WO-2001", "OPN:20")
    retested = station.scan("PCB-0001")
    assert retested.outcome == "accepted", retested.message
    assert scan("CMD:PASS").outcome == "accepted"

    scan("WO:WO-1001", "OPN:20", "CTRL-0002")
    installed = station.scan("PCB-0001")
    assert installed.outcome == "accepted" and installed.code == "child_installed"
