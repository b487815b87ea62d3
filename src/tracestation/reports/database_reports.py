"""`RecordReports` on a database: a unit's history and the reports written to files."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tracestation.station.report_reads import (
    HistoryRequest,
    ReportKind,
    ReportRequest,
    ReportWritten,
    UnitHistory,
)
from tracestation.trace.genealogy import TraceError
from tracestation.trace.history import unit_history


class DatabaseReports:
    """Each call reads in a session of its own: any one thread may ask (the window's query
    thread), while the station writes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def history(self, request: HistoryRequest) -> UnitHistory:
        with Session(self.engine) as s:
            try:
                return UnitHistory(request, unit_history(s, request.serial, request.part))
            except TraceError as error:
                return UnitHistory(request, error=str(error))

    def write(self, request: ReportRequest) -> ReportWritten:
        from tracestation.reports.device_history import device_history
        from tracestation.reports.device_history_pdf import write_device_history
        from tracestation.reports.recall_report import (
            recall_report,
            write_recall_csv,
            write_recall_pdf,
        )

        out = Path(request.out)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            if request.kind is ReportKind.DEVICE_HISTORY:
                write_device_history(
                    device_history(self.engine, request.subject, request.part), out
                )
            else:
                report = recall_report(self.engine, request.subject, request.part)
                csv = request.kind is ReportKind.RECALL_CSV
                (write_recall_csv if csv else write_recall_pdf)(report, out)
        except TraceError as error:
            return ReportWritten(request, error=str(error))
        except OSError as error:
            return ReportWritten(request, error=f"cannot write {out}: {error.strerror or error}")
        return ReportWritten(request, str(out))
