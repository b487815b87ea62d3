"""After a restart or a crash, the next operator who logs in is back at the station's work."""

from __future__ import annotations

from typing import Any

from tracestation.wiring import station_on


def restarted(engine: Any, clock: Any) -> Any:
    return station_on(engine, "ST-1", clock=clock)


def test_a_restarted_station_resumes_its_work_order_operation_and_unit_at_login(
    engine: Any, clock: Any, scan: Any
) -> None:
    scan("B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "QTY:1", "LOT:CAP-220/C-7781")
    station = restarted(engine, clock)
    result = station.scan("B-1002")
    assert result.outcome == "accepted"
    assert result.message == (
        "Welcome, Mihai Dan. Picking up where this station left off: WO-2001, "
        "operation 10 SMT assembly, unit PCBA-100/PCB-1."
    )
    assert result.notes == (
        (
            "work_resumed",
            {"work_order": "WO-2001", "operation": "10 SMT assembly", "unit": "PCBA-100/PCB-1"},
        ),
    )
    assert (
        station.scan("LOT:CAP-220/C-7790").message
        == "1 ea of lot CAP-220/C-7790 installed in PCBA-100/PCB-1."
    )


def test_nothing_is_resumed_before_a_badge_is_scanned(engine: Any, clock: Any, scan: Any) -> None:
    scan("B-1001", "WO:WO-2001", "OPN:10")
    station = restarted(engine, clock)
    assert station.scan("PCB-1").outcome == "rejected"
    assert station.context.work_order is None


def test_a_finished_unit_is_not_resumed_only_the_operation(
    engine: Any, clock: Any, scan: Any
) -> None:
    scan("B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")
    station = restarted(engine, clock)
    result = station.scan("B-1001")
    assert result.message.endswith("WO-2001, operation 10 SMT assembly, unit -.")
    assert station.context.unit is None


def test_a_work_order_that_was_closed_meanwhile_is_not_resumed(
    engine: Any, clock: Any, scan: Any
) -> None:
    from sqlalchemy import update

    from tracestation.store.importer import bump_master_data_version
    from tracestation.store.tables import WorkOrderRow

    scan("B-1001", "WO:WO-2001", "OPN:10")
    with engine.begin() as connection:
        connection.execute(
            update(WorkOrderRow).where(WorkOrderRow.number == "WO-2001").values(status="closed")
        )
    from sqlalchemy.orm import Session

    with Session(engine) as s, s.begin():
        bump_master_data_version(s)
    station = restarted(engine, clock)
    result = station.scan("B-1001")
    assert result.message == "Welcome, Ana Pop."
    assert station.context.work_order is None
