"""Quality records as the reports, the CLI and the window read them: the defect catalogue, the
Pareto of defects per work order, a unit's test records with their measurements and limits,
and nonconformances. `tracestation.store.quality_records.DatabaseQualityRecords` answers them.

Times are aware (UTC). Safe to call from any one thread at a time: each call opens its own
connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from tracestation.domain.model import Defect


@dataclass(frozen=True)
class ParetoLine:
    """One defect code of a work order's Pareto: how often, and its share of all (percent)."""

    code: str
    description: str
    category: str | None
    count: int
    share: Decimal
    cumulative: Decimal
    by_source: dict[str, int] = field(default_factory=dict)  # test, removal, nonconformance

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "description": self.description,
            "category": self.category,
            "count": self.count,
            "share": format(self.share, "f"),
            "cumulative": format(self.cumulative, "f"),
            "by_source": self.by_source,
        }


@dataclass(frozen=True)
class DefectPareto:
    work_order: str
    total: int
    lines: tuple[ParetoLine, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "work_order": self.work_order,
            "total": self.total,
            "defects": [line.to_json() for line in self.lines],
        }


@dataclass(frozen=True)
class Measurement:
    name: str
    value: Decimal
    unit: str | None
    low: Decimal | None
    high: Decimal | None
    passed: bool | None  # None: recorded before measurements had their own verdict

    def to_json(self) -> dict[str, Any]:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else format(value, "f")

        return {
            "name": self.name,
            "value": text(self.value),
            "unit": self.unit,
            "low": text(self.low),
            "high": text(self.high),
            "passed": self.passed,
        }


@dataclass(frozen=True)
class TestResult:
    """A unit's test as recorded: by a scan (CMD:PASS/FAIL) or from a tester's result file
    (`source` its name, `content_hash` its SHA-256), with every measurement and the defect
    codes given to it."""

    __test__ = False  # not a pytest test class
    part: str
    serial: str
    work_order: str
    operation: str
    test: str
    passed: bool
    station: str
    operator: str | None
    time: datetime
    tested_at: datetime | None
    source: str | None
    content_hash: str | None
    event_id: str
    measurements: tuple[Measurement, ...] = ()
    defects: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "unit": f"{self.part}/{self.serial}",
            "work_order": self.work_order,
            "operation": self.operation,
            "test": self.test,
            "passed": self.passed,
            "station": self.station,
            "operator": self.operator,
            "time": self.time.isoformat(),
            "tested_at": self.tested_at.isoformat() if self.tested_at else None,
            "source": self.source,
            "content_hash": self.content_hash,
            "event_id": self.event_id,
            "measurements": [m.to_json() for m in self.measurements],
            "defects": list(self.defects),
        }


@dataclass(frozen=True)
class DefectGiven:
    """A defect code given at a station to a unit (a failed test's, a removed part's)."""

    part: str
    serial: str
    work_order: str
    operation: str
    defect_code: str
    source: str
    reference: str | None
    station: str
    operator: str | None
    time: datetime
    event_id: str


@dataclass(frozen=True)
class NonconformanceRecord:
    number: str
    subject_kind: str
    subject: str  # PART/SERIAL or PART/LOT
    defect_code: str
    description: str
    disposition: str
    status: str  # open | closed
    opened_by: str | None
    opened_at: datetime
    closed_by: str | None = None
    closed_at: datetime | None = None
    closing_note: str | None = None
    event_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "subject_kind": self.subject_kind,
            "subject": self.subject,
            "defect_code": self.defect_code,
            "description": self.description,
            "disposition": self.disposition,
            "status": self.status,
            "opened_by": self.opened_by,
            "opened_at": self.opened_at.isoformat(),
            "closed_by": self.closed_by,
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closing_note": self.closing_note,
            "event_id": self.event_id,
        }


class QualityRecords(Protocol):
    def defect_catalogue(self) -> list[Defect]:
        """The defect codes of master data, by code."""
        ...

    def defect_pareto(self, work_order: str) -> DefectPareto:
        """The defects of a work order's units (failed tests, removals, nonconformances on
        them), most frequent first."""
        ...

    def test_results(self, part: str, serial: str) -> list[TestResult]:
        """A unit's tests, oldest first, with measurements and defect codes."""
        ...

    def defects_of(self, part: str, serial: str) -> list[DefectGiven]:
        """The defect codes given to a unit at stations, oldest first."""
        ...

    def nonconformances(
        self, status: str | None = None, subject: str | None = None
    ) -> list[NonconformanceRecord]:
        """Nonconformances, newest first; `status` "open" or "closed", `subject` PART/SERIAL
        or PART/LOT."""
        ...
