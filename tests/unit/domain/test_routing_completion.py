"""When a unit has finished its routing and may go into a parent, on plain values."""

from __future__ import annotations

import pytest

from tracestation.domain import events as ev
from tracestation.domain.model import Operation, OperationKind, Routing, Unit, UnitStatus
from tracestation.domain.rules import child_unit_installable, completion_finishes

FAN = Routing(
    "FAN-300",
    (
        Operation("10", "Fan assembly", OperationKind.ASSEMBLE),
        Operation("20", "Fan cover", OperationKind.ASSEMBLE),
    ),
)
PSU = Routing(
    "PSU-400",
    (
        Operation("10", "PSU assembly", OperationKind.ASSEMBLE),
        Operation("20", "Visual inspection", OperationKind.INSPECT),
    ),
)
PARENT = Unit("CTRL-500", "C1", "WO-1001")


def fan(status: UnitStatus, last_operation: str | None) -> Unit:
    return Unit("FAN-300", "F1", "WO-3001", status, last_operation)


def test_a_child_finished_or_passed_at_its_routings_last_step_may_go_into_a_parent() -> None:
    assert child_unit_installable(fan(UnitStatus.FINISHED, "20"), FAN, None, PARENT) is None
    passed = Unit("PSU-400", "P1", "WO-4001", UnitStatus.PASSED, "20")
    assert child_unit_installable(passed, PSU, None, PARENT) is None


@pytest.mark.parametrize(
    ("status", "last_operation"),
    [
        (UnitStatus.IN_PROCESS, "10"),
        (UnitStatus.IN_PROCESS, None),
        (UnitStatus.FINISHED, "10"),
        (UnitStatus.IN_REWORK, "20"),
        (UnitStatus.FAILED, "20"),
        (UnitStatus.SCRAPPED, "20"),
    ],
)
def test_a_child_short_of_its_routings_end_or_not_good_there_is_refused_with_where_it_is(
    status: UnitStatus, last_operation: str | None
) -> None:
    violation = child_unit_installable(fan(status, last_operation), FAN, None, PARENT)
    assert violation is not None and violation.code == "child_not_finished"
    assert violation.params == {
        "child": "FAN-300/F1",
        "status": status.value,
        "operation": last_operation or "none",
    }


def test_a_child_whose_part_has_no_routing_is_refused() -> None:
    violation = child_unit_installable(fan(UnitStatus.FINISHED, "20"), None, None, PARENT)
    assert violation is not None and violation.code == "child_not_finished"


@pytest.mark.parametrize("kind", list(OperationKind))
def test_completing_the_last_step_finishes_the_unit_whatever_its_kind(kind: OperationKind) -> None:
    routing = Routing(
        "X", (Operation("10", "First", OperationKind.ASSEMBLE), Operation("20", "Last", kind))
    )
    unit = Unit("X", "S1", "WO-1", last_operation="10")
    assert completion_finishes(unit, routing, routing.operations[1], rework=False)
    assert not completion_finishes(unit, routing, routing.operations[0], rework=False)


def test_rework_finishes_a_finished_unit_again_only_when_no_test_or_inspection_follows() -> None:
    finished_fan = fan(UnitStatus.IN_REWORK, "20")
    assert completion_finishes(finished_fan, FAN, FAN.operations[1], rework=True)
    assert completion_finishes(finished_fan, FAN, FAN.operations[0], rework=True)
    passed_psu = Unit("PSU-400", "P1", "WO-4001", UnitStatus.IN_REWORK, "20")
    assert not completion_finishes(passed_psu, PSU, PSU.operations[0], rework=True)


def test_rework_of_a_unit_that_had_not_finished_does_not_finish_it() -> None:
    halfway = fan(UnitStatus.IN_REWORK, "10")
    assert not completion_finishes(halfway, FAN, FAN.operations[0], rework=True)


def test_a_completion_journaled_before_finishes_existed_reads_back_as_not_finishing() -> None:
    payload = {"part": "FAN-300", "serial": "F1", "work_order": "WO-3001", "operation": "20"}
    event = ev.event_from("operation_completed", payload)
    assert isinstance(event, ev.OperationCompleted)
    assert event.finishes is False and event.rework is False


def test_a_finishing_completion_survives_its_journal_payload() -> None:
    event = ev.OperationCompleted("FAN-300", "F1", "WO-3001", "20", rework=True, finishes=True)
    assert ev.event_from(event.kind, event.payload()) == event
