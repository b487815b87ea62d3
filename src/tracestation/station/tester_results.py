"""Tester results into the record: one result file, one unit of work.

`TesterResults.record(name, data)` reads the file whole (`domain.tester_results`), then, in one
transaction, finds each result's unit and test operation, checks the unit may be tested there
(as `CMD:PASS`/`CMD:FAIL` would), and journals a `tester_result_recorded` event per test (with
its measurements and limits; a failed one sends the unit to rework) and a `defect_recorded` for a
failed test that names its defect. Any problem refuses the whole file: nothing is written. A file
whose bytes were imported before (its SHA-256) adds nothing.

Threading: one thread at a time (the CLI's, or the results-folder watcher's own adapters).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tracestation.domain.events import DefectRecorded, DomainEvent, TesterResultRecorded
from tracestation.domain.model import Operation, OperationKind, Unit, WorkOrder
from tracestation.domain.tester_results import ResultFileError, UnitResult, read_result_file
from tracestation.station.context import Context
from tracestation.station.ports import (
    CommitUncertain,
    PlantReader,
    RecordNotSaved,
    Transaction,
    Transactions,
)
from tracestation.station.retry import run_in_transaction
from tracestation.station.units import check_unit_for_operation


class FileImport(StrEnum):
    IMPORTED = "imported"
    ALREADY_IMPORTED = "already_imported"  # the same bytes are on record: nothing added
    REFUSED = "refused"  # the file is wrong: nothing written; `problems` say why
    NOT_SAVED = "not_saved"  # the database did not take it: nothing written, try again


@dataclass(frozen=True)
class FileOutcome:
    name: str
    status: FileImport
    content_hash: str
    tests: int = 0
    failed: int = 0
    measurements: int = 0
    problems: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "status": self.status.value,
            "sha256": self.content_hash,
            "tests": self.tests,
            "failed": self.failed,
            "measurements": self.measurements,
            "problems": list(self.problems),
        }


class _Refused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class TesterResults:
    __test__ = False  # not a pytest test class

    def __init__(self, transactions: Transactions) -> None:
        self.transactions = transactions

    def record(self, name: str, data: bytes) -> FileOutcome:
        """Import one result file's bytes; `name` is kept with the record (its file name)."""
        digest = hashlib.sha256(data).hexdigest()
        try:
            results = read_result_file(name, data)
        except ResultFileError as error:
            return FileOutcome(name, FileImport.REFUSED, digest, problems=error.problems)

        def import_file(tx: Transaction) -> list[str] | None:
            if tx.plant.tester_file_imported(digest):
                return None
            ids: list[str] = []
            for result in results:
                ids += tx.journal.record(_events(result, tx.plant, name, digest), operator=None)
            return ids

        try:
            ids = run_in_transaction(self.transactions, import_file)
        except _Refused as refused:
            return FileOutcome(name, FileImport.REFUSED, digest, problems=tuple(refused.problems))
        except CommitUncertain as unsure:
            return _maybe_saved(name, digest, str(unsure))
        except RecordNotSaved as fault:
            return _not_saved(name, digest, str(fault))
        if ids is None:
            return FileOutcome(name, FileImport.ALREADY_IMPORTED, digest)
        return FileOutcome(
            name,
            FileImport.IMPORTED,
            digest,
            tests=len(results),
            failed=sum(1 for r in results if not r.passed),
            measurements=sum(len(r.measurements) for r in results),
            event_ids=tuple(ids),
        )


def _maybe_saved(name: str, digest: str, detail: str) -> FileOutcome:
    """The connection broke while the database was committing the file: it may be on record.
    Not saved as far as the station knows, so kept to import again, which is safe: a file on
    record is recognised by its bytes and adds nothing."""
    problem = (
        f"the connection broke while the database was saving it ({detail}); it may or may not "
        "be on record: import it again (a file already on record is recognised and not "
        "recorded twice)"
    )
    return FileOutcome(name, FileImport.NOT_SAVED, digest, problems=(problem,))


def _not_saved(name: str, digest: str, detail: str) -> FileOutcome:
    problem = f"the database did not take it ({detail}); nothing was written: import it again"
    return FileOutcome(name, FileImport.NOT_SAVED, digest, problems=(problem,))


def _events(result: UnitResult, plant: PlantReader, name: str, digest: str) -> list[DomainEvent]:
    """The events of one result, checked against the record as it stands in the transaction."""
    unit = _unit(result, plant)
    operation = _test_operation(result, unit, plant)
    work_order = plant.work_order(unit.work_order)
    routing = plant.routing(unit.part)
    assert work_order is not None and routing is not None
    violation = check_unit_for_operation(unit, Context(None, work_order, routing, operation))
    if violation is not None:
        raise _Refused([f"{result.where}: {violation.code.render(violation.params)}"])
    events: list[DomainEvent] = [
        TesterResultRecorded(
            unit.part,
            unit.serial,
            unit.work_order,
            operation.code,
            result.test,
            result.passed,
            tuple(m.payload() for m in result.measurements),
            result.tested_at.isoformat() if result.tested_at else None,
            name[:200],
            digest,
        )
    ]
    if result.defect is not None:
        events.append(_defect(result, unit, work_order, operation, plant))
    return events


def _defect(
    result: UnitResult, unit: Unit, work_order: WorkOrder, operation: Operation, plant: PlantReader
) -> DefectRecorded:
    if result.passed:
        raise _Refused([f"{result.where}: a passed test carries no defect ({result.defect})"])
    defect = plant.defect(result.defect or "")
    if defect is None:
        raise _Refused([f"{result.where}: defect {result.defect} is not in the defect catalogue"])
    return DefectRecorded(
        unit.part, unit.serial, work_order.number, operation.code, defect.code, "test"
    )


def _unit(result: UnitResult, plant: PlantReader) -> Unit:
    part, slash, serial = result.serial.removeprefix("SN:").rpartition("/")
    if slash:
        unit = plant.unit(part, serial)
        found = [unit] if unit is not None else []
    else:
        found = plant.units_by_serial(serial)
    if not found:
        raise _Refused([f"{result.where}: {result.serial} is not a known unit"])
    if len(found) > 1:
        parts = ", ".join(sorted(u.part for u in found))
        raise _Refused(
            [f"{result.where}: serial {serial} exists for {parts}; write it as PART/{serial}"]
        )
    return found[0]


def _test_operation(result: UnitResult, unit: Unit, plant: PlantReader) -> Operation:
    """The routing's test or inspection the result names (by code or name), else the unit's
    next operation when that is one."""
    routing = plant.routing(unit.part)
    if routing is None:
        raise _Refused([f"{result.where}: part {unit.part} has no routing"])
    tests = [
        op for op in routing.operations if op.kind in (OperationKind.TEST, OperationKind.INSPECT)
    ]
    wanted = result.test.casefold()
    for op in tests:
        if wanted in (op.code.casefold(), op.name.casefold()):
            return op
    following = routing.next_after(unit.last_operation)
    if following is not None and following in tests:
        return following
    names = ", ".join(f"{op.code} {op.name}" for op in tests) or "none"
    raise _Refused(
        [
            f"{result.where}: {unit.label} has no test operation '{result.test}' "
            f"(its routing's tests: {names})"
        ]
    )
