"""How the quality events change the state tables: a tester's result with its measurements, a
defect code given at a station, a nonconformance closed. Registered on `projections.project`;
runs inside the journal's transaction, on its connection."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert, select, update

from tracestation.domain import events as ev
from tracestation.store.projections import ProjectionError, Written, project, set_unit, unit_id
from tracestation.store.tables import (
    DefectRecordRow,
    MeasurementRow,
    NonconformanceRow,
    TestRecordRow,
    table_of,
)

TESTS = table_of(TestRecordRow)
MEASUREMENTS = table_of(MeasurementRow)
DEFECT_RECORDS = table_of(DefectRecordRow)
NONCONFORMANCES = table_of(NonconformanceRow)


@project.register
def _(event: ev.TesterResultRecorded, c: Connection, w: Written) -> None:
    unit = unit_id(c, event.part, event.serial)
    inserted = c.execute(
        insert(TESTS).values(
            unit_id=unit,
            test=event.test,
            operation=event.operation,
            passed=event.passed,
            station=w.station,
            operator=w.operator,
            time=w.time,
            attachment_hash=event.content_hash,
            source=event.source,
            tested_at=_moment(event.tested_at),
            event_id=w.event_id,
        )
    )
    assert inserted.inserted_primary_key is not None
    record = inserted.inserted_primary_key[0]
    rows = [_measurement(record, m) for m in event.measurements]
    if rows:
        c.execute(insert(MEASUREMENTS), rows)
    if event.passed:
        set_unit(c, event.part, event.serial, status="passed", last_operation=event.operation)
    else:
        set_unit(c, event.part, event.serial, status="failed")


def _measurement(record: Any, m: dict[str, Any]) -> dict[str, Any]:
    return {
        "test_record_id": record,
        "name": str(m["name"]),
        "value": Decimal(str(m["value"])),
        "unit": m.get("unit"),
        "low": _decimal(m.get("low")),
        "high": _decimal(m.get("high")),
        "passed": m.get("passed"),
    }


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@project.register
def _(event: ev.DefectRecorded, c: Connection, w: Written) -> None:
    unit = unit_id(c, event.part, event.serial)
    test_record = None
    if event.source == "test":
        test_record = c.scalar(
            select(TESTS.c.id)
            .where(
                TESTS.c.unit_id == unit,
                TESTS.c.operation == event.operation,
                TESTS.c.passed.is_(False),
            )
            .order_by(TESTS.c.id.desc())
            .limit(1)
        )
        if test_record is None:
            raise ProjectionError(
                f"unit {event.part}/{event.serial} has no failed test at {event.operation}"
            )
    c.execute(
        insert(DEFECT_RECORDS).values(
            unit_id=unit,
            work_order=event.work_order,
            operation=event.operation,
            defect_code=event.defect_code,
            source=event.source,
            test_record_id=test_record,
            reference=event.reference,
            station=w.station,
            operator=w.operator,
            time=w.time,
            event_id=w.event_id,
        )
    )


@project.register
def _(event: ev.NonconformanceClosed, c: Connection, w: Written) -> None:
    done = c.execute(
        update(NONCONFORMANCES)
        .where(NONCONFORMANCES.c.number == event.number, NONCONFORMANCES.c.status == "open")
        .values(
            status="closed",
            closed_by=w.signed_by,
            closed_at=w.time,
            closing_note=event.note,
            closed_event=w.event_id,
        )
    )
    if done.rowcount != 1:
        raise ProjectionError(f"nonconformance {event.number} is not open")
