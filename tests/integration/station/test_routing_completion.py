"""A unit finishes when it completes the last operation of its routing, whatever that step's kind,
and a finished unit goes into its parent. Scanned as an operator would, on a real SQLite file."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.store.tables import UnitRow
from tracestation.trace.recall import recall_scope
from tracestation.wiring import station_on

SCREWS = "LOT:SCREW-M3/L-2291"


@pytest.fixture
def plant_document(plant_document: dict[str, Any]) -> dict[str, Any]:
    """The demo plant with two sub-assemblies of the controller: a fan module whose routing ends
    in an assembly step (no test of its own) and a power supply whose routing ends in inspection.
    """
    plant_document["parts"] += [
        {"number": "FAN-300", "description": "Fan module", "tracking": "serial", "uom": "ea"},
        {"number": "PSU-400", "description": "Power supply", "tracking": "serial", "uom": "ea"},
    ]
    plant_document["routings"] += [
        {
            "part": "FAN-300",
            "operations": [
                {"code": "10", "name": "Fan assembly", "kind": "assemble"},
                {"code": "20", "name": "Fan cover", "kind": "assemble"},
            ],
        },
        {
            "part": "PSU-400",
            "operations": [
                {"code": "10", "name": "PSU assembly", "kind": "assemble"},
                {"code": "20", "name": "Visual inspection", "kind": "inspect"},
            ],
        },
    ]
    plant_document["boms"] += [
        {
            "parent": "FAN-300",
            "lines": [
                {"part": "SCREW-M3", "qty": 2, "operation": "10"},
                {"part": "SCREW-M3", "qty": 2, "operation": "20"},
            ],
        },
        {"parent": "PSU-400", "lines": [{"part": "CAP-220", "qty": 1, "operation": "10"}]},
    ]
    controller = next(b for b in plant_document["boms"] if b["parent"] == "CTRL-500")
    controller["lines"] += [
        {"part": "FAN-300", "qty": 1, "operation": "20"},
        {"part": "PSU-400", "qty": 1, "operation": "20"},
    ]
    plant_document["work_orders"] += [
        {"number": "WO-3001", "part": "FAN-300", "quantity": 10},
        {"number": "WO-4001", "part": "PSU-400", "quantity": 10},
    ]
    return plant_document


def unit(engine: Any, serial: str) -> tuple[str, str | None]:
    with Session(engine) as s:
        row = s.scalars(select(UnitRow).where(UnitRow.serial == serial)).one()
        return row.status, row.last_operation


def fan_at_first_step(scan: Any, serial: str) -> None:
    scan("WO:WO-3001", "OPN:10", serial, SCREWS, "CMD:DONE")


def finished_fan(scan: Any, serial: str) -> Any:
    fan_at_first_step(scan, serial)
    return scan("OPN:20", serial, SCREWS, "CMD:DONE")


def inspected_psu(scan: Any, serial: str) -> Any:
    return scan(
        "WO:WO-4001",
        "OPN:10",
        serial,
        "LOT:CAP-220/C-7781",
        "CMD:DONE",
        "OPN:20",
        serial,
        "CMD:PASS",
    )


def controller_at_assembly(scan: Any, serial: str) -> None:
    scan("WO:WO-1001", "OPN:10", serial, "OPN:20", serial)


def test_done_at_the_last_assembly_step_finishes_the_unit_and_it_goes_into_its_parent(
    engine: Any, scan: Any
) -> None:
    scan("B-1001")
    fan_at_first_step(scan, "FAN-1")
    assert unit(engine, "FAN-1") == ("in_process", "10")

    done = scan("OPN:20", "FAN-1", SCREWS, "CMD:DONE")
    assert done.outcome == "accepted"
    assert done.code == "unit_finished"
    assert done.message == "Operation 20 done for FAN-300/FAN-1; it has finished its routing."
    assert unit(engine, "FAN-1") == ("finished", "20")

    controller_at_assembly(scan, "CTRL-1")
    installed = scan("FAN-1")
    assert installed.outcome == "accepted"
    assert installed.message == "FAN-300/FAN-1 installed in CTRL-500/CTRL-1."
    with Session(engine) as s:
        scope = recall_scope(s, "L-2291", "SCREW-M3")["unit_scope"]["units"]
    assert {u["serial"]: u["status"] for u in scope} == {
        "FAN-1": "finished",
        "CTRL-1": "in_process",
    }


def test_a_routing_that_ends_in_inspection_finishes_on_pass_and_the_unit_goes_into_its_parent(
    engine: Any, scan: Any
) -> None:
    scan("B-1001")
    passed = inspected_psu(scan, "PSU-1")
    assert passed.message == "PSU-400/PSU-1 passed Visual inspection."
    assert unit(engine, "PSU-1") == ("passed", "20")

    controller_at_assembly(scan, "CTRL-1")
    installed = scan("PSU-1")
    assert installed.outcome == "accepted"
    assert installed.message == "PSU-400/PSU-1 installed in CTRL-500/CTRL-1."


def test_a_unit_that_has_not_finished_its_routing_is_still_refused_by_its_parent(
    station: Any, scan: Any
) -> None:
    scan("B-1001")
    fan_at_first_step(scan, "FAN-1")
    scan("WO:WO-4001", "OPN:10", "PSU-1", "LOT:CAP-220/C-7781", "CMD:DONE")

    controller_at_assembly(scan, "CTRL-1")
    fan = scan("FAN-1")
    assert fan.outcome == "rejected"
    assert fan.message == (
        "FAN-300/FAN-1 has not finished its own routing (status in_process, last operation 10)."
        " Scan a finished one."
    )
    psu = scan("PSU-1")
    assert psu.outcome == "rejected"
    assert "PSU-400/PSU-1 has not finished its own routing" in psu.message
    installed = {line.part: line.installed for line in station.checklist()}
    assert (installed["FAN-300"], installed["PSU-400"]) == (0, 0)


def test_rework_at_the_last_assembly_step_of_a_routing_without_a_test_finishes_the_unit_again(
    engine: Any, scan: Any
) -> None:
    scan("B-1001")
    scan("WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")
    scan("OPN:20", "PCB-1", "CMD:PASS")
    finished_fan(scan, "FAN-1")
    finished_fan(scan, "FAN-2")
    inspected_psu(scan, "PSU-1")
    controller_at_assembly(scan, "CTRL-1")
    assert scan("PCB-1", "FAN-1", "PSU-1", SCREWS, "CMD:DONE").outcome == "accepted"
    scan("OPN:30", "CTRL-1", "CMD:FAIL")
    # The controller's rework swaps the fan; a test follows, so the controller is tested again.
    swapped = scan("OPN:20", "CTRL-1", "CMD:REMOVE", "FAN-1", "FAN-2", "CMD:DONE")
    assert swapped.message == "Rework done for CTRL-500/CTRL-1; it must pass test again."
    assert unit(engine, "CTRL-1")[0] == "in_rework"
    assert unit(engine, "FAN-1") == ("in_rework", "20")

    # The fan taken out is reworked at its own last step: no test follows, it is finished again.
    started = scan("WO:WO-3001", "OPN:20", "FAN-1")
    assert started.code == "rework_started"
    scan("CMD:REMOVE", SCREWS, SCREWS)
    again = scan("CMD:DONE")
    assert again.outcome == "accepted"
    assert again.message == "Rework done for FAN-300/FAN-1; it has finished its routing again."
    assert unit(engine, "FAN-1") == ("finished", "20")

    controller_at_assembly(scan, "CTRL-2")
    assert scan("FAN-1").message == "FAN-300/FAN-1 installed in CTRL-500/CTRL-2."


def test_a_rework_interrupted_by_a_restart_resumes_as_a_rework(
    engine: Any, clock: Any, scan: Any
) -> None:
    scan("B-1001")
    scan("WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")
    scan("OPN:20", "PCB-1", "CMD:PASS")
    finished_fan(scan, "FAN-1")
    finished_fan(scan, "FAN-2")
    inspected_psu(scan, "PSU-1")
    controller_at_assembly(scan, "CTRL-1")
    scan("PCB-1", "FAN-1", "PSU-1", SCREWS, "CMD:DONE", "OPN:30", "CTRL-1", "CMD:FAIL")
    scan("OPN:20", "CTRL-1", "CMD:REMOVE", "FAN-1")

    restarted = station_on(engine, "ST-1", clock=clock)
    assert restarted.scan("B-1001").message.endswith("unit CTRL-500/CTRL-1.")
    restarted.scan("FAN-2")
    done = restarted.scan("CMD:DONE")
    assert done.message == "Rework done for CTRL-500/CTRL-1; it must pass test again."
    assert unit(engine, "CTRL-1")[0] == "in_rework"
    assert restarted.scan("OPN:30").outcome == "accepted"
    assert restarted.scan("CTRL-1").outcome == "accepted", "the reworked unit may be tested"


def test_a_unit_another_station_finished_meanwhile_is_not_resumed(
    engine: Any, clock: Any, scan: Any
) -> None:
    scan("B-1001")
    fan_at_first_step(scan, "FAN-1")
    scan("OPN:20", "FAN-1")
    other = station_on(engine, "ST-2", clock=clock)
    for raw in ("B-1002", "WO:WO-3001", "OPN:20", "FAN-1", SCREWS, "CMD:DONE"):
        other.scan(raw)
    assert unit(engine, "FAN-1") == ("finished", "20")

    restarted = station_on(engine, "ST-1", clock=clock)
    result = restarted.scan("B-1001")
    assert result.message.endswith("WO-3001, operation 20 Fan cover, unit -.")
    assert restarted.context.unit is None
