"""Master data as CSV, one file per kind of record: parts, lots, operators or work orders.

A planner's export from a spreadsheet or an ERP: a header row naming the columns, then one
record a row. The file's kind is its name (`parts.csv`, `lots.csv`, `operators.csv`,
`work_orders.csv` or `work-orders.csv`), else what its header holds (the required columns of
exactly one kind). Columns are the fields of the JSON format (README, "Master data"), in any
order; an empty cell is a missing field (its default, where it has one). Cells are separated
by commas, or by semicolons or tabs (as a spreadsheet in a comma-decimal locale saves them);
quotes as spreadsheets write them. A part's several supplier part numbers go in one cell,
separated by `|`. Whole-number columns are read as numbers, everything else as text, so a PIN
or a GTIN keeps its leading zeros.

The rows become the JSON format's records and are checked by the same rules; problems name the
CSV line (`line 7 (P-100), field 'tracking': ...`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tracestation.domain.masterdata import FILE, MasterDataError
from tracestation.domain.masterdata_fields import Problem, Problems, shown


@dataclass(frozen=True)
class CsvKind:
    section: str  # the section of the JSON format the rows are records of
    required: tuple[str, ...]
    optional: tuple[str, ...]
    whole: tuple[str, ...] = ()  # read as whole numbers when they are written as one
    lists: tuple[str, ...] = ()  # several values in one cell, separated by '|'

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional


KINDS = (
    CsvKind(
        "parts",
        ("number", "tracking"),
        ("description", "uom", "gtin", "shelf_life_days", "supplier_parts"),
        whole=("shelf_life_days",),
        lists=("supplier_parts",),
    ),
    CsvKind("lots", ("part", "lot", "quantity"), ("expiry", "supplier", "status")),
    CsvKind("operators", ("badge", "name", "role"), ("pin",)),
    CsvKind("work_orders", ("number", "part", "quantity"), (), whole=("quantity",)),
)
_BY_NAME = {kind.section: kind for kind in KINDS} | {"work-orders": KINDS[3]}
_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")


@dataclass(frozen=True)
class CsvMasterData:
    """A CSV file read as a master-data document, with the line each record came from."""

    document: dict[str, list[dict[str, Any]]]
    kind: CsvKind
    lines: tuple[int, ...]

    def relabeled(self, error: MasterDataError) -> MasterDataError:
        """`error` (from the JSON format's checks) with each record named by its CSV line."""
        pattern = re.compile(rf"^{self.kind.section}\[(\d+)\]")

        def line_of(match: re.Match[str]) -> str:
            index = int(match.group(1))
            return f"line {self.lines[index]}" if index < len(self.lines) else match.group(0)

        problems = [
            Problem(pattern.sub(line_of, p.record), p.field, p.message) for p in error.problems
        ]
        return MasterDataError(problems, error.count)


def looks_like_csv(text: str) -> bool:
    """Whether a file without a telling suffix holds CSV rather than JSON."""
    return not text.lstrip().startswith(("{", "["))


def read_csv(text: str, stem: str) -> CsvMasterData:
    """The records of the CSV `text` of the file named `stem` (without its suffix); raises
    `MasterDataError` with every problem of the file's shape (a header that names no kind,
    unknown or repeated columns, rows of the wrong length)."""
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text))
    numbered = [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    if not numbered:
        raise MasterDataError.single(FILE, None, "is empty: a CSV file needs a header row")
    header_line, header = numbered[0]
    columns = [c.strip().lower().replace(" ", "_").replace("-", "_") for c in header]
    kind = _kind(stem, columns)
    problems = Problems()
    _check_header(kind, columns, problems)
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    for line, row in numbered[1:]:
        if len(row) != len(columns):
            problems.add(
                f"line {line}",
                None,
                f"has {len(row)} cells where the header (line {header_line}) has "
                f"{len(columns)}; check for a separator inside a cell without quotes",
            )
            continue
        records.append(_record(kind, columns, row))
        lines.append(line)
    if problems:
        raise MasterDataError(problems.kept, problems.count)
    return CsvMasterData({kind.section: records}, kind, tuple(lines))


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel  # one column, or nothing to tell by: commas


def _kind(stem: str, columns: Sequence[str]) -> CsvKind:
    named = _BY_NAME.get(stem.strip().lower().replace(" ", "_"))
    if named is not None:
        return named
    fitting = [kind for kind in KINDS if set(kind.required) <= set(columns)]
    if len(fitting) == 1:
        return fitting[0]
    expected = "; ".join(f"{kind.section}: {', '.join(kind.required)}" for kind in KINDS)
    found = ", ".join(shown(c) for c in columns) or "nothing"
    why = "fits more than one kind" if fitting else "names no kind of record"
    raise MasterDataError.single(
        FILE,
        None,
        f"is read as CSV, and its header ({found}) {why}. Name the file parts.csv, lots.csv, "
        f"operators.csv or work_orders.csv, or give it the columns of one kind ({expected})",
    )


def _check_header(kind: CsvKind, columns: Sequence[str], problems: Problems) -> None:
    for name in kind.required:
        if name not in columns:
            problems.add(
                "header",
                name,
                f"is missing: {kind.section} need the columns {', '.join(kind.required)}",
            )
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            problems.add("header", name, "appears twice")
        seen.add(name)
        if name and name not in kind.columns:
            problems.add(
                "header",
                shown(name),
                f"is not a column of {kind.section}; they are {', '.join(kind.columns)}",
            )


def _record(kind: CsvKind, columns: Sequence[str], row: Sequence[str]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name, cell in zip(columns, row, strict=True):
        value = cell.strip()  # spaces around a cell are the spreadsheet's, not the value's
        if not name or not value:
            continue  # an empty cell is a missing field
        if name in kind.lists:
            record[name] = [item.strip() for item in value.split("|") if item.strip()]
        elif name in kind.whole and _WHOLE.fullmatch(value):
            record[name] = int(value)
        else:
            record[name] = value
    return record
