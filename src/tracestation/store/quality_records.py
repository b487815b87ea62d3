"""`QualityRecords` on the database: the defect catalogue, Pareto of defects per work order,
test records with measurements, defect records and nonconformances, for the CLI, the window and
the device history record. Each call opens its own short connection."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Engine, select

from tracestation.domain.model import Defect
from tracestation.station.quality_queries import (
    DefectGiven,
    DefectPareto,
    Measurement,
    NonconformanceRecord,
    ParetoLine,
    TestResult,
)
from tracestation.store.plant import as_utc
from tracestation.store.tables import (
    DefectRecordRow,
    DefectRow,
    MeasurementRow,
    NonconformanceRow,
    TestRecordRow,
    UnitRow,
    table_of,
)

DEFECTS = table_of(DefectRow)
DEFECT_RECORDS = table_of(DefectRecordRow)
TESTS = table_of(TestRecordRow)
MEASUREMENTS = table_of(MeasurementRow)
NCS = table_of(NonconformanceRow)
UNITS = table_of(UnitRow)
_PERCENT = Decimal("0.1")


class DatabaseQualityRecords:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def defect_catalogue(self) -> list[Defect]:
        with self.engine.connect() as c:
            rows = c.execute(select(DEFECTS).order_by(DEFECTS.c.code))
            return [Defect(r.code, r.description, r.category) for r in rows]

    def defect_pareto(self, work_order: str) -> DefectPareto:
        by_code: dict[str, Counter[str]] = defaultdict(Counter)
        with self.engine.connect() as c:
            given = select(DEFECT_RECORDS.c.defect_code, DEFECT_RECORDS.c.source).where(
                DEFECT_RECORDS.c.work_order == work_order
            )
            for code, source in c.execute(given):
                by_code[code][source] += 1
            on_units = (
                select(NCS.c.defect_code)
                .join(UNITS, (UNITS.c.part == NCS.c.part) & (UNITS.c.serial == NCS.c.subject))
                .where(NCS.c.subject_kind == "unit", UNITS.c.work_order == work_order)
            )
            for (code,) in c.execute(on_units):
                if code:
                    by_code[code]["nonconformance"] += 1
            catalogue = {r.code: r for r in c.execute(select(DEFECTS))}
        total = sum(sum(sources.values()) for sources in by_code.values())
        ranked = sorted(by_code.items(), key=lambda item: (-sum(item[1].values()), item[0]))
        lines, running = [], 0
        for code, sources in ranked:
            count = sum(sources.values())
            running += count
            known = catalogue.get(code)
            lines.append(
                ParetoLine(
                    code,
                    known.description if known else "(not in the catalogue)",
                    known.category if known else None,
                    count,
                    _percent(count, total),
                    _percent(running, total),
                    dict(sorted(sources.items())),
                )
            )
        return DefectPareto(work_order, total, tuple(lines))

    def test_results(self, part: str, serial: str) -> list[TestResult]:
        with self.engine.connect() as c:
            unit = c.execute(
                select(UNITS.c.id, UNITS.c.work_order).where(
                    UNITS.c.part == part, UNITS.c.serial == serial
                )
            ).first()
            if unit is None:
                return []
            tests = c.execute(
                select(TESTS).where(TESTS.c.unit_id == unit.id).order_by(TESTS.c.id)
            ).all()
            ids = [t.id for t in tests]
            measured: dict[int, list[Measurement]] = defaultdict(list)
            defects: dict[int, list[str]] = defaultdict(list)
            if ids:
                rows = c.execute(
                    select(MEASUREMENTS)
                    .where(MEASUREMENTS.c.test_record_id.in_(ids))
                    .order_by(MEASUREMENTS.c.id)
                )
                for m in rows:
                    measured[m.test_record_id].append(
                        Measurement(m.name, m.value, m.unit, m.low, m.high, m.passed)
                    )
                given = select(DEFECT_RECORDS.c.test_record_id, DEFECT_RECORDS.c.defect_code)
                for test_id, code in c.execute(
                    given.where(DEFECT_RECORDS.c.test_record_id.in_(ids)).order_by(
                        DEFECT_RECORDS.c.id
                    )
                ):
                    defects[test_id].append(code)
        return [_test_result(part, serial, unit.work_order, t, measured, defects) for t in tests]

    def defects_of(self, part: str, serial: str) -> list[DefectGiven]:
        query = (
            select(DEFECT_RECORDS)
            .join(UNITS, UNITS.c.id == DEFECT_RECORDS.c.unit_id)
            .where(UNITS.c.part == part, UNITS.c.serial == serial)
            .order_by(DEFECT_RECORDS.c.id)
        )
        with self.engine.connect() as c:
            return [
                DefectGiven(
                    part,
                    serial,
                    r.work_order,
                    r.operation,
                    r.defect_code,
                    r.source,
                    r.reference,
                    r.station,
                    r.operator,
                    _aware(r.time),
                    r.event_id,
                )
                for r in c.execute(query)
            ]

    def nonconformances(
        self, status: str | None = None, subject: str | None = None
    ) -> list[NonconformanceRecord]:
        query = select(NCS).order_by(NCS.c.time.desc(), NCS.c.number.desc())
        if status:
            query = query.where(NCS.c.status == status)
        if subject:
            part, _, code = subject.rpartition("/")
            query = query.where(NCS.c.subject == code)
            if part:
                query = query.where(NCS.c.part == part)
        with self.engine.connect() as c:
            return [_nonconformance(r) for r in c.execute(query)]


def _percent(part: int, whole: int) -> Decimal:
    if not whole:
        return Decimal(0)
    return (Decimal(100) * part / whole).quantize(_PERCENT, rounding=ROUND_HALF_UP)


def _aware(moment: Any) -> Any:
    return as_utc(moment)


def _test_result(
    part: str,
    serial: str,
    work_order: str,
    t: Any,
    measured: dict[int, list[Measurement]],
    defects: dict[int, list[str]],
) -> TestResult:
    return TestResult(
        part,
        serial,
        work_order,
        t.operation,
        t.test,
        bool(t.passed),
        t.station,
        t.operator,
        _aware(t.time),
        _aware(t.tested_at),
        t.source,
        t.attachment_hash,
        t.event_id,
        tuple(measured.get(t.id, ())),
        tuple(defects.get(t.id, ())),
    )


def _nonconformance(r: Any) -> NonconformanceRecord:
    return NonconformanceRecord(
        r.number,
        r.subject_kind,
        f"{r.part}/{r.subject}",
        r.defect_code,
        r.description,
        r.disposition,
        r.status,
        r.signed_by,
        _aware(r.time),
        r.closed_by,
        _aware(r.closed_at),
        r.closing_note,
        r.event_id,
    )
