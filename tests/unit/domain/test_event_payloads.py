"""An event rebuilt from its journal payload is the event that was written (sync relies on it)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracestation.domain import events as ev
from tracestation.domain.events import event_from

SAMPLES = [
    ev.UnitRegistered("PCBA-100", "PCB-1", "WO-2001", "10"),
    ev.LotInstalled("PCBA-100", "PCB-1", "CAP-220", "C-7781", Decimal("2.5"), "WO-2001", "10"),
    ev.ChildRemoved("CTRL-500", "C-1", "e-1", "PCBA-100", "PCB-1", None, Decimal(1), "20"),
    ev.LotsMerged("SCREW-M3", ("L-1", "L-2"), "L-1-M1", Decimal(300)),
    ev.TestRecorded("CTRL-500", "C-1", "WO-1001", "30", "Final test", False),
    ev.ContainerOpened("095060000000000015", "WO-1001", "CTRL-500", None),
]


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: e.kind)
def test_an_event_survives_its_journal_payload(event: ev.DomainEvent) -> None:
    payload = {**event.payload(), "signature_meaning": "lot merge", "entry": "manual"}
    assert event_from(event.kind, payload) == event


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown event kind"):
        event_from("teleported", {})
