"""A unit's history and the printable reports, as a read port the store answers.

The window's trace view asks these on its query thread (`ui.query_worker`): the history of a
unit double-clicked in the as-built tree, and the device history record of a unit or the recall
report of a lot written to a file. Implementations (`reports.database_reports`) open their own
connection per call, so one thread at a time may call them while the station writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol


@dataclass(frozen=True)
class HistoryRequest:
    serial: str
    part: str | None = None


@dataclass(frozen=True)
class UnitHistory:
    """`document` is that of `tracestation trace history --json`; None with `error` (the
    reason, in English) when there is no such unit."""

    request: HistoryRequest
    document: dict[str, Any] | None = None
    error: str | None = None


class ReportKind(Enum):
    DEVICE_HISTORY = "dhr"  # of a unit, PDF
    RECALL_PDF = "recall_pdf"  # of a lot
    RECALL_CSV = "recall_csv"


@dataclass(frozen=True)
class ReportRequest:
    kind: ReportKind
    subject: str  # the unit's serial or the lot's code
    part: str | None
    out: str  # the file to write


@dataclass(frozen=True)
class ReportWritten:
    """`path` of the file written, or None with `error` (what went wrong, in English)."""

    request: ReportRequest
    path: str | None = None
    error: str | None = None


class RecordReports(Protocol):
    def history(self, request: HistoryRequest) -> UnitHistory:
        """Every event of the unit, oldest first."""
        ...

    def write(self, request: ReportRequest) -> ReportWritten:
        """Write the report to `request.out`; never raises for a missing subject or a file
        that cannot be written (the answer says so)."""
        ...
