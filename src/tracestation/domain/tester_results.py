"""A tester's result file, read whole: CSV or JSON bytes in, typed results out, or every problem.

CSV (a header line names the columns, in any order; `serial`, `test`, `measurement` and `value`
are required, `unit`, `low`, `high`, `result`, `tested_at` and `defect` optional):

    serial,test,measurement,value,unit,low,high,result,tested_at
    CTRL-500/CTRL-0001,Final test,Supply voltage,5.02,V,4.75,5.25,PASS,2026-11-30T10:15:00Z

Rows of one serial, test and `tested_at` are one test with its measurements. A row with no
measurement and no value carries the test's own verdict in `result`. JSON: `{"results": [...]}`
or one result object: `{"serial", "test", "tested_at", "result", "defect", "measurements":
[{"name", "value", "unit", "low", "high", "result"}]}`.

A measurement with limits is judged by them (`low <= value <= high`, either limit may be
missing); a `result` given beside limits must agree with them, else the file is refused. The
test fails when a measurement fails; a verdict given for the test must agree with its
measurements'. A test with no verdict at all (no limits, no result) is refused. Pure: no I/O.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

MAX_BYTES = 10 * 1024 * 1024
MAX_PROBLEMS = 20
COLUMNS = ("serial", "test", "measurement", "value", "unit", "low", "high", "result", "tested_at")
OPTIONAL = frozenset({"unit", "low", "high", "result", "tested_at", "defect"})
_STEP = Decimal("0.000001")  # the measurements table keeps 6 decimals
_LARGEST = Decimal(10) ** 12
_VERDICTS = {"PASS": True, "P": True, "OK": True, "FAIL": False, "F": False, "NOK": False}


@dataclass(frozen=True)
class MeasuredValue:
    name: str
    value: Decimal  # as the record keeps it: 6 decimals
    unit: str | None
    low: Decimal | None
    high: Decimal | None
    passed: bool | None  # None: no limits and no result (kept, not judged)

    def payload(self) -> dict[str, Any]:
        def text(v: Decimal | None) -> str | None:
            return None if v is None else format(v.normalize(), "f")

        return {
            "name": self.name,
            "value": text(self.value),
            "unit": self.unit,
            "low": text(self.low),
            "high": text(self.high),
            "passed": self.passed,
        }


@dataclass(frozen=True)
class UnitResult:
    """One test of one unit: `serial` as the file gives it (`PART/SERIAL` or a bare serial)."""

    serial: str
    test: str
    passed: bool
    tested_at: datetime | None
    measurements: tuple[MeasuredValue, ...]
    defect: str | None
    where: str  # "row 2" or "results[0]": where the file gives it, for a refusal


class ResultFileError(ValueError):
    """The file cannot be imported; nothing was written. `problems` says where and why."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


def read_result_file(name: str, data: bytes) -> list[UnitResult]:
    """The results in a `.csv` or `.json` file's bytes; `ResultFileError` lists what is wrong."""
    if len(data) > MAX_BYTES:
        raise ResultFileError([f"the file is over {MAX_BYTES // (1024 * 1024)} MB"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ResultFileError(
            [f"byte {error.start} is not UTF-8 text: save the file as UTF-8"]
        ) from None
    lowered = name.lower()
    if lowered.endswith(".json"):
        return _Reader().json(text)
    if lowered.endswith(".csv"):
        return _Reader().csv(text)
    raise ResultFileError(["only .csv and .json result files are read"])


class _Reader:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def done(self, results: list[UnitResult]) -> list[UnitResult]:
        if not results and not self.problems:
            self.problems.append("the file holds no results")
        if self.problems:
            more = len(self.problems) - MAX_PROBLEMS
            shown = self.problems[:MAX_PROBLEMS]
            raise ResultFileError(shown + ([f"and {more} more problems"] if more > 0 else []))
        return results

    # --- CSV ------------------------------------------------------------------------------

    def csv(self, text: str) -> list[UnitResult]:
        try:
            rows = list(csv.reader(io.StringIO(text, newline="")))
        except csv.Error as error:
            raise ResultFileError([f"not readable as CSV ({error})"]) from None
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if not rows:
            raise ResultFileError(["the file is empty"])
        header = [cell.strip().lower() for cell in rows[0]]
        unknown = [h for h in header if h not in COLUMNS and h not in OPTIONAL]
        missing = [c for c in COLUMNS if c not in OPTIONAL and c not in header]
        if unknown or missing or len(set(header)) != len(header):
            raise ResultFileError(
                [
                    "the first line must name the columns "
                    f"{','.join(COLUMNS)} (and optionally defect); "
                    + (f"unknown: {', '.join(unknown)}; " if unknown else "")
                    + (f"missing: {', '.join(missing)}" if missing else "")
                    + ("; a column is named twice" if len(set(header)) != len(header) else "")
                ]
            )
        groups: dict[tuple[str, str, str], _Test] = {}
        for number, row in enumerate(rows[1:], start=2):
            where = f"row {number}"
            if len(row) != len(header):
                self.problem(where, f"has {len(row)} values for {len(header)} columns")
                continue
            cells = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
            serial = self.text(where, "serial", cells.get("serial"), 129, required=True)
            test = self.text(where, "test", cells.get("test"), 100, required=True)
            key = (serial or "", test or "", cells.get("tested_at", ""))
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Test(where, serial, test)
                group.tested_at = self.moment(where, cells.get("tested_at"))
                group.defect = self.text(where, "defect", cells.get("defect"), 32)
            if not cells.get("measurement") and not cells.get("value"):
                verdict = self.verdict(where, cells.get("result"))
                if verdict is None:
                    self.problem(where, "a row without a measurement gives the test's result")
                elif group.verdict is not None and group.verdict != verdict:
                    self.problem(where, "gives the test another result than an earlier row")
                else:
                    group.verdict = verdict
                continue
            measured = self.measurement(where, cells, "measurement")
            if measured is None:
                group.broken = True
            else:
                group.measurements.append(measured)
        return self.done(self.finish(groups.values()))

    # --- JSON -----------------------------------------------------------------------------

    def json(self, text: str) -> list[UnitResult]:
        try:
            document = json.loads(text, parse_float=Decimal, parse_int=Decimal)
        except (json.JSONDecodeError, RecursionError) as error:
            raise ResultFileError([f"not valid JSON ({error})"]) from None
        if isinstance(document, dict) and "results" in document:
            records = document["results"]
        else:
            records = [document]
        if not isinstance(records, list):
            raise ResultFileError(['"results" must be a list of result objects'])
        tests = []
        for i, record in enumerate(records):
            where = f"results[{i}]"
            if not isinstance(record, dict):
                self.problem(where, "must be an object")
                continue
            group = _Test(
                where,
                self.text(where, "serial", record.get("serial"), 129, required=True),
                self.text(where, "test", record.get("test"), 100, required=True),
            )
            group.tested_at = self.moment(where, record.get("tested_at"))
            group.defect = self.text(where, "defect", record.get("defect"), 32)
            group.verdict = self.verdict(where, record.get("result"))
            measurements = record.get("measurements", [])
            if not isinstance(measurements, list):
                self.problem(where, '"measurements" must be a list')
                measurements = []
            for j, m in enumerate(measurements):
                inner = f"{where}.measurements[{j}]"
                if not isinstance(m, dict):
                    self.problem(inner, "must be an object")
                    continue
                measured = self.measurement(inner, m, "name")
                if measured is None:
                    group.broken = True
                else:
                    group.measurements.append(measured)
            tests.append(group)
        return self.done(self.finish(tests))

    # --- fields ---------------------------------------------------------------------------

    def finish(self, tests: Any) -> list[UnitResult]:
        results = []
        for t in tests:
            if t.broken:
                continue  # its problems are listed already
            judged = [m.passed for m in t.measurements if m.passed is not None]
            computed = None if not judged else all(judged)
            if computed is None and t.verdict is None:
                self.problem(t.where, f"{t.test}: no verdict (no limits and no result)")
                continue
            if computed is not None and t.verdict is not None and computed != t.verdict:
                said = "PASS" if t.verdict else "FAIL"
                self.problem(
                    t.where,
                    f"{t.test} of {t.serial} is given as {said} but its measurements "
                    f"{'pass' if computed else 'fail'} their limits",
                )
                continue
            if t.serial and t.test:
                passed = computed if computed is not None else bool(t.verdict)
                results.append(
                    UnitResult(
                        t.serial,
                        t.test,
                        passed,
                        t.tested_at,
                        tuple(t.measurements),
                        t.defect,
                        t.where,
                    )
                )
        return results

    def measurement(self, where: str, m: dict[str, Any], name_key: str) -> MeasuredValue | None:
        before = len(self.problems)
        name = self.text(where, name_key, m.get(name_key), 100, required=True)
        value = self.number(where, "value", m.get("value"), required=True)
        unit = self.text(where, "unit", m.get("unit"), 16)
        low = self.number(where, "low", m.get("low"))
        high = self.number(where, "high", m.get("high"))
        given = self.verdict(where, m.get("result"))
        if len(self.problems) > before or name is None or value is None:
            return None
        if low is not None and high is not None and low > high:
            self.problem(where, f"low limit {low} is above high limit {high}")
            return None
        judged = None
        if low is not None or high is not None:
            judged = (low is None or value >= low) and (high is None or value <= high)
            if given is not None and given != judged:
                self.problem(where, _disagreement(name, value, unit, low, high, given))
                return None
        passed = judged if judged is not None else given
        kept = value.quantize(_STEP, rounding=ROUND_HALF_EVEN)
        return MeasuredValue(name, kept, unit, _kept(low), _kept(high), passed)

    def text(
        self, where: str, field: str, value: Any, longest: int, *, required: bool = False
    ) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(where, f"{field} is required")
            return None
        if not isinstance(value, str):
            self.problem(where, f"{field} must be text")
            return None
        text = value.strip()
        if len(text) > longest:
            self.problem(where, f"{field} is longer than {longest} characters")
            return None
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
            self.problem(where, f"{field} holds control characters")
            return None
        return text

    def number(
        self, where: str, field: str, value: Any, *, required: bool = False
    ) -> Decimal | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(where, f"{field} is required")
            return None
        if isinstance(value, bool):
            self.problem(where, f"{field} must be a number")
            return None
        try:
            number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
        except InvalidOperation:
            self.problem(where, f"{field} '{str(value)[:40]}' is not a number")
            return None
        if not number.is_finite() or abs(number) >= _LARGEST:
            self.problem(where, f"{field} '{str(value)[:40]}' is out of range")
            return None
        return number

    def verdict(self, where: str, value: Any) -> bool | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            return value
        found = _VERDICTS.get(str(value).strip().upper())
        if found is None:
            self.problem(where, f"result '{str(value)[:20]}' is not PASS or FAIL")
        return found

    def moment(self, where: str, value: Any) -> datetime | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            moment = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            self.problem(where, f"tested_at '{str(value)[:40]}' is not an ISO 8601 time")
            return None
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class _Test:
    """A test being read: its rows or its object, before its verdict is settled."""

    def __init__(self, where: str, serial: str | None, test: str | None) -> None:
        self.where = where
        self.serial = serial
        self.test = test
        self.tested_at: datetime | None = None
        self.defect: str | None = None
        self.verdict: bool | None = None
        self.measurements: list[MeasuredValue] = []
        self.broken = False


def _kept(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(_STEP, rounding=ROUND_HALF_EVEN)


def _disagreement(
    name: str,
    value: Decimal,
    unit: str | None,
    low: Decimal | None,
    high: Decimal | None,
    given: bool,
) -> str:
    limits = f"{low if low is not None else '-inf'}..{high if high is not None else '+inf'}"
    shown = f"{value}{' ' + unit if unit else ''}"
    if given:
        return f"{name}: result PASS but {shown} is outside its limits {limits}"
    return f"{name}: result FAIL but {shown} lies within its limits {limits}"
