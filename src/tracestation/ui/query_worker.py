"""Read-only questions (trace, recall, deviations, open conflicts, print jobs and label previews)
on a thread of their own.

A recall over many units may take seconds; on this thread it never delays a scan's verdict.
`QueryWorker` lives on a `QThread`, is handed the read services (`ReadServices`) by the station
worker once the station is up, and answers by signal. SQLite in WAL mode lets it read while the
station writes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from tracestation.station.print_reads import LabelPreview, PreviewRequest
from tracestation.station.queries import TraceAnswer, TraceQuery
from tracestation.station.report_reads import (
    HistoryRequest,
    ReportRequest,
    ReportWritten,
    UnitHistory,
)
from tracestation.station.services import ReadServices


class QueryWorker(QObject):
    sig_trace_answer = Signal(object)  # TraceAnswer
    sig_deviations = Signal(object)  # list[Deviation]
    sig_conflicts = Signal(object)  # list[OpenConflict]
    sig_defects = Signal(object)  # list[Defect]: the catalogue of master data
    sig_print_backlog = Signal(object)  # PrintBacklog
    sig_print_jobs = Signal(object)  # list[PrintJob], newest first
    sig_label_preview = Signal(object)  # LabelPreview
    sig_unit_history = Signal(object)  # UnitHistory
    sig_report_written = Signal(object)  # ReportWritten

    def __init__(self) -> None:
        super().__init__()
        self._read: ReadServices | None = None

    @Slot(object)
    def attach(self, read: ReadServices) -> None:
        self._read = read

    @Slot(object)
    def trace(self, query: TraceQuery) -> None:
        if self._read is None:
            self.sig_trace_answer.emit(
                TraceAnswer(query, "none", error="The station is not running yet.")
            )
            return
        try:
            self.sig_trace_answer.emit(self._read.trace.answer(query))
        except Exception as error:  # show the fault in the trace view, keep the thread alive
            self.sig_trace_answer.emit(
                TraceAnswer(query, "none", error=f"{type(error).__name__}: {error}")
            )

    @Slot()
    def deviations(self) -> None:
        if self._read is None:
            return
        try:
            self.sig_deviations.emit(self._read.status.recent_deviations())
        except Exception:
            return

    @Slot()
    def conflicts(self) -> None:
        if self._read is None:
            return
        try:
            self.sig_conflicts.emit(self._read.status.open_conflicts())
        except Exception:  # as deviations: the list stays as it was, the thread lives on
            return

    @Slot()
    def defects(self) -> None:
        if self._read is None:
            return
        try:
            self.sig_defects.emit(self._read.status.defect_catalogue())
        except Exception:  # the picker keeps what it had; a code may still be typed
            return

    @Slot()
    def print_backlog(self) -> None:
        if self._read is None or self._read.printing is None:
            return
        try:
            self.sig_print_backlog.emit(self._read.printing.backlog())
        except Exception:  # asked again in a few seconds
            return

    @Slot()
    def print_jobs(self) -> None:
        if self._read is None or self._read.printing is None:
            return
        try:
            self.sig_print_jobs.emit(self._read.printing.jobs())
        except Exception:  # the list stays as it was
            return

    @Slot(object)
    def label_preview(self, request: PreviewRequest) -> None:
        """Rasterising a label takes a moment: done here, never on the GUI thread."""
        if self._read is None or self._read.printing is None:
            self.sig_label_preview.emit(
                LabelPreview(request, error="The station is not running yet.")
            )
            return
        self.sig_label_preview.emit(self._read.printing.preview(request))

    @Slot(object)
    def unit_history(self, request: HistoryRequest) -> None:
        if self._read is None or self._read.reports is None:
            self.sig_unit_history.emit(
                UnitHistory(request, error="The station is not running yet.")
            )
            return
        try:
            self.sig_unit_history.emit(self._read.reports.history(request))
        except Exception as error:  # shown in the history view; the thread lives on
            self.sig_unit_history.emit(
                UnitHistory(request, error=f"{type(error).__name__}: {error}")
            )

    @Slot(object)
    def write_report(self, request: ReportRequest) -> None:
        """A report of thousands of units takes seconds: written here, never on the GUI
        thread."""
        if self._read is None or self._read.reports is None:
            self.sig_report_written.emit(
                ReportWritten(request, error="The station is not running yet.")
            )
            return
        try:
            self.sig_report_written.emit(self._read.reports.write(request))
        except Exception as error:  # said in the trace view; the thread lives on
            self.sig_report_written.emit(
                ReportWritten(request, error=f"{type(error).__name__}: {error}")
            )
