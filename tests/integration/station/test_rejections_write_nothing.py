"""Every kind of rejection says what was wrong and what to do, and writes nothing but the
rejected-scan log: genealogy, quantities and unit states stay exactly as they were."""

from __future__ import annotations

from typing import Any

import pytest

from support.snapshots import record_snapshot, rejected_count
from tracestation.store.importer import import_master_data

READY_CONTROLLER = (
    "B-1001",
    "WO:WO-2001",
    "OPN:10",
    "PCB-1",
    "LOT:CAP-220/C-7781",
    "CMD:DONE",
    "OPN:20",
    "PCB-1",
    "CMD:PASS",
    "OPN:10",
    "PCB-2",
    "LOT:CAP-220/C-7781",
    "CMD:DONE",
    "WO:WO-1001",
    "OPN:10",
    "LOT:PASTE-7/P-88",
    "CTRL-1",
    "OPN:20",
    "CTRL-1",
)

CASES = {
    "lot on hold": (READY_CONTROLLER, "LOT:SCREW-M3/L-2288", "is on hold since"),
    "lot in quarantine": (READY_CONTROLLER, "LOT:SCREW-M3/L-Q1", "is in quarantine"),
    "lot rejected": (READY_CONTROLLER, "LOT:SCREW-M3/L-R1", "was rejected"),
    "lot used up": (READY_CONTROLLER, "LOT:SCREW-M3/L-EMPTY", "is used up"),
    "lot short": (READY_CONTROLLER, "LOT:SCREW-M3/L-FEW", "has only 2 ea; 4 ea needed"),
    "unknown lot": (READY_CONTROLLER, "LOT:SCREW-M3/NOPE", "is not known"),
    "part not on the BOM": (
        READY_CONTROLLER,
        "LOT:CAP-220/C-7781",
        "is not on the bill of materials",
    ),
    "child not finished": (READY_CONTROLLER, "PCB-2", "has not finished its own routing"),
    "unit at the wrong operation": (
        ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "OPN:20"),
        "PCB-1",
        "its next operation is 10",
    ),
    "unit of another work order": (
        (*READY_CONTROLLER, "WO:WO-2001", "OPN:20"),
        "CTRL-1",
        "belongs to WO-1001, not WO-2001",
    ),
    "done with lines missing": (READY_CONTROLLER, "CMD:DONE", "still needs"),
    "unknown serial while building": (READY_CONTROLLER, "XYZ-404", "is not a known unit"),
    "garbage while building": (READY_CONTROLLER, "#%&*!", "is not a label this station reads"),
    "command that does nothing here": (
        READY_CONTROLLER,
        "CMD:PASS",
        "does nothing at operation 20",
    ),
    "pin without an override": (READY_CONTROLLER, "PIN:4321", "Nothing waits for a lead"),
    "unreadable scan": (READY_CONTROLLER, "LOT:\x07\x08", "LOT:"),
    "control characters": (READY_CONTROLLER, "AB\x01CD", "control characters"),
    "empty label": (READY_CONTROLLER, "QTY:", "empty"),
    "not logged in": ((), "WO:WO-2001", "Nobody is logged in"),
    "no work order": (("B-1001",), "OPN:10", "No work order selected"),
    "no operation": (("B-1001", "WO:WO-2001"), "PCB-1", "Scan the operation"),
    "bad quantity": (READY_CONTROLLER, "QTY:-3", "QTY:-3 is not a number"),
    "zero quantity": (READY_CONTROLLER, "QTY:0", "must be a positive number"),
}


@pytest.fixture
def plant_document(plant_document: dict[str, Any]) -> dict[str, Any]:
    plant_document["lots"] += [
        {"part": "SCREW-M3", "lot": "L-Q1", "quantity": 100, "status": "quarantine"},
        {"part": "SCREW-M3", "lot": "L-R1", "quantity": 100, "status": "rejected"},
        {"part": "SCREW-M3", "lot": "L-EMPTY", "quantity": 0, "status": "consumed"},
        {"part": "SCREW-M3", "lot": "L-FEW", "quantity": 2},
    ]
    return plant_document


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_rejected_scan_explains_itself_and_writes_nothing_but_the_rejection_log(
    case: str, engine: Any, scan: Any, station: Any
) -> None:
    setup, bad_scan, expected = CASES[case]
    scan(*setup)
    before = record_snapshot(engine)
    logged_before = rejected_count(engine)

    result = station.scan(bad_scan)

    assert result.outcome == "rejected", result.message
    assert expected in result.message
    assert result.event_id is None
    assert record_snapshot(engine) == before
    assert rejected_count(engine) == logged_before + 1


def test_the_rejection_log_keeps_the_scan_the_reason_and_the_operator(
    engine: Any, scan: Any
) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from tracestation.store.tables import RejectedScanRow

    scan(*READY_CONTROLLER, "LOT:SCREW-M3/L-2288")
    with Session(engine) as s:
        row = s.scalars(select(RejectedScanRow)).one()
    assert (row.raw, row.code, row.operator, row.station) == (
        "LOT:SCREW-M3/L-2288",
        "lot_on_hold",
        "B-1001",
        "ST-1",
    )


def test_a_held_lot_says_since_when_and_why(engine: Any, scan: Any) -> None:
    from tracestation.domain.events import LotStatusChanged
    from tracestation.station.ports import Signature
    from tracestation.store.journal import DatabaseJournal

    journal = DatabaseJournal(engine, "LEAD-DESK", _Clock())
    journal.record(
        [LotStatusChanged("SCREW-M3", "L-2291", "hold", "released", "supplier NCR 77")],
        operator="B-9001",
        signature=Signature("B-9001", "lot hold", "Ion Rus"),
    )
    result = scan(*READY_CONTROLLER, "LOT:SCREW-M3/L-2291")
    assert result.message == (
        "Lot L-2291 of SCREW-M3 is on hold since 2026-11-20 (reason: supplier NCR 77). "
        "Scan another lot or call a line lead."
    )


class _Clock:
    def now(self) -> Any:
        from datetime import UTC, datetime

        return datetime(2026, 11, 20, 7, 0, tzinfo=UTC)

    def today(self) -> Any:
        return self.now().date()


def test_importing_more_master_data_never_touches_recorded_work(engine: Any, scan: Any) -> None:
    scan(*READY_CONTROLLER)
    before = record_snapshot(
        engine,
        skip=(
            "rejected_scans",
            "parts",
            "routing_operations",
            "bom_lines",
            "work_orders",
            "operators",
            "lots",
        ),
    )
    import_master_data(engine, {"lots": [{"part": "CAP-220", "lot": "C-7781", "quantity": 1}]})
    assert (
        record_snapshot(
            engine,
            skip=(
                "rejected_scans",
                "parts",
                "routing_operations",
                "bom_lines",
                "work_orders",
                "operators",
                "lots",
            ),
        )
        == before
    )
