"""Property: whatever a scanner sends, the station answers and never raises; a rejected scan
never changes the record."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.snapshots import record_snapshot

PREFIXES = st.sampled_from(
    [
        "",
        "WO:",
        "OPN:",
        "CMD:",
        "SN:",
        "LOT:",
        "PN:",
        "QTY:",
        "PIN:",
        "RSN:",
        "]C1",
        "]d2",
        "[)>\x1e06\x1d",
    ]
)
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
KNOWN = st.sampled_from(
    [
        "B-1001",
        "B-9001",
        "WO:WO-2001",
        "WO:WO-1001",
        "OPN:10",
        "OPN:20",
        "PCB-1",
        "CTRL-1",
        "LOT:CAP-220/C-7781",
        "LOT:CAP-220/C-6001",
        "LOT:SCREW-M3/L-2288",
        "CMD:DONE",
        "CMD:REMOVE",
        "CMD:PASS",
        "CMD:FAIL",
        "QTY:1",
        "PIN:4321",
    ]
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    scans=st.lists(
        st.one_of(KNOWN, st.builds(lambda p, t: p + t, PREFIXES, TEXT)), min_size=1, max_size=12
    )
)
def test_any_sequence_of_scans_gets_an_answer_and_rejections_write_nothing(
    station: Any, engine: Any, scans: list[str]
) -> None:
    for raw in scans:
        before = record_snapshot(engine)
        result = station.scan(raw)
        assert result.outcome in ("accepted", "rejected", "needs_override")
        assert result.message
        assert result.code not in ("station_fault", "record_not_saved"), result.message
        if result.outcome != "accepted":
            assert record_snapshot(engine) == before, (
                f"{raw!r} was {result.outcome} but changed the record"
            )
