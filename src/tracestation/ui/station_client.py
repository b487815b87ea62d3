"""The GUI thread's handle on the station: starts the worker threads and talks to them by signal.

Threading: create, call and connect to a `StationClient` on the GUI thread only. Requests leave
as queued signals to the workers (`StationWorker` for scans and writes, `QueryWorker` for trace
reads, `SyncWorker` for the background sync with the central database); the workers' `sig_*`
signals are chained to the client's, so slots connected here run on the GUI thread and may
touch widgets.
"""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, Signal

from tracestation.station.lead_requests import LeadRequest, LeadSignature
from tracestation.station.print_reads import PreviewRequest
from tracestation.station.queries import TraceQuery
from tracestation.station.report_reads import HistoryRequest, ReportRequest
from tracestation.station.sync_schedule import SyncPolicy
from tracestation.ui.immortal_constants import pin_constants
from tracestation.ui.query_worker import QueryWorker
from tracestation.ui.station_worker import ScanRequest, StationFactory, StationWorker
from tracestation.ui.sync_worker import SyncWorker

# A sync under way when the window closes may finish first (the centre's connect timeout is 10 s).
SYNC_STOP_TIMEOUT_MS = 30_000


class StationClient(QObject):
    # requests, to the workers (queued across threads)
    sig_scan_requested = Signal(object)
    sig_lead_requested = Signal(object)
    sig_settings_requested = Signal(object)
    sig_demo_requested = Signal()
    sig_refresh_requested = Signal()
    sig_trace_requested = Signal(object)
    sig_deviations_requested = Signal()
    sig_conflicts_requested = Signal()
    sig_defects_requested = Signal()
    sig_print_backlog_requested = Signal()
    sig_print_jobs_requested = Signal()
    sig_label_preview_requested = Signal(object)
    sig_unit_history_requested = Signal(object)  # HistoryRequest
    sig_report_requested = Signal(object)  # ReportRequest
    # answers, on the GUI thread
    sig_ready = Signal(object)
    sig_failed = Signal(str)
    sig_verdict = Signal(object)
    sig_snapshot = Signal(object)
    sig_lead_outcome = Signal(object)
    sig_settings_outcome = Signal(object)  # LeadOutcome: SETTINGS_OPENED or why not
    sig_demo_loaded = Signal(str)
    sig_trace_answer = Signal(object)
    sig_deviations = Signal(object)
    sig_conflicts = Signal(object)  # list[OpenConflict]
    sig_defects = Signal(object)  # list[Defect]
    sig_sync_status = Signal(object)  # SyncStatus; None: no central database is configured
    sig_print_backlog = Signal(object)  # PrintBacklog
    sig_print_jobs = Signal(object)  # list[PrintJob]
    sig_label_preview = Signal(object)  # LabelPreview
    sig_unit_history = Signal(object)  # UnitHistory
    sig_report_written = Signal(object)  # ReportWritten
    sig_submitted = Signal(object)  # a ScanRequest just sent (the history shows it at once)

    def __init__(
        self,
        factory: StationFactory,
        parent: QObject | None = None,
        *,
        sync_policy: SyncPolicy | None = None,
    ) -> None:
        super().__init__(parent)
        pin_constants()  # every scan calls Qt: see immortal_constants
        self._numbers = itertools.count(1)
        self.sync_policy = sync_policy or SyncPolicy()
        self.station_thread = QThread()
        self.station_thread.setObjectName("station")
        self.query_thread = QThread()
        self.query_thread.setObjectName("queries")
        self.sync_thread = QThread()
        self.sync_thread.setObjectName("sync")
        self.worker = StationWorker(factory)
        self.worker.moveToThread(self.station_thread)
        self.queries = QueryWorker()
        self.queries.moveToThread(self.query_thread)
        self.syncs = SyncWorker(self.sync_policy)
        self.syncs.moveToThread(self.sync_thread)
        self._wire()
        self._running = False

    def _wire(self) -> None:
        worker, queries = self.worker, self.queries
        self.station_thread.started.connect(worker.start)
        self.sig_scan_requested.connect(worker.scan)
        self.sig_lead_requested.connect(worker.lead_action)
        self.sig_settings_requested.connect(worker.open_settings)
        self.sig_demo_requested.connect(worker.load_demo_plant)
        self.sig_refresh_requested.connect(worker.refresh)
        self.sig_trace_requested.connect(queries.trace)
        self.sig_deviations_requested.connect(queries.deviations)
        self.sig_conflicts_requested.connect(queries.conflicts)
        self.sig_defects_requested.connect(queries.defects)
        self.sig_print_backlog_requested.connect(queries.print_backlog)
        self.sig_print_jobs_requested.connect(queries.print_jobs)
        self.sig_label_preview_requested.connect(queries.label_preview)
        self.sig_unit_history_requested.connect(queries.unit_history)
        self.sig_report_requested.connect(queries.write_report)
        worker.sig_read_services.connect(queries.attach)
        worker.sig_sync_service.connect(self.syncs.attach)
        # `finished` is emitted on the sync thread itself: its timer is stopped there.
        self.sync_thread.finished.connect(self.syncs.halt, Qt.ConnectionType.DirectConnection)
        for source, target in (
            (worker.sig_ready, self.sig_ready),
            (worker.sig_failed, self.sig_failed),
            (worker.sig_verdict, self.sig_verdict),
            (worker.sig_snapshot, self.sig_snapshot),
            (worker.sig_lead_outcome, self.sig_lead_outcome),
            (worker.sig_settings_outcome, self.sig_settings_outcome),
            (worker.sig_demo_loaded, self.sig_demo_loaded),
            (queries.sig_trace_answer, self.sig_trace_answer),
            (queries.sig_deviations, self.sig_deviations),
            (queries.sig_conflicts, self.sig_conflicts),
            (queries.sig_defects, self.sig_defects),
            (self.syncs.sig_status, self.sig_sync_status),
            (queries.sig_print_backlog, self.sig_print_backlog),
            (queries.sig_print_jobs, self.sig_print_jobs),
            (queries.sig_label_preview, self.sig_label_preview),
            (queries.sig_unit_history, self.sig_unit_history),
            (queries.sig_report_written, self.sig_report_written),
        ):
            source.connect(target)

    def start(self) -> None:
        if self._running:
            return
        self._running = True
        self.query_thread.start()
        self.sync_thread.start()
        self.station_thread.start()

    def submit_scan(
        self, raw: str, *, manual: bool = False, source: str = "keyboard"
    ) -> ScanRequest:
        return self._send(
            ScanRequest(
                raw,
                manual=manual,
                source=source,
                submitted_at=time.perf_counter(),
                number=next(self._numbers),
            )
        )

    def refuse_incomplete(self, raw: str, *, overflow: bool, source: str) -> ScanRequest:
        return self._send(
            ScanRequest(
                raw,
                source=source,
                partial=not overflow,
                overflow=overflow,
                submitted_at=time.perf_counter(),
                number=next(self._numbers),
            )
        )

    def _send(self, request: ScanRequest) -> ScanRequest:
        self.sig_submitted.emit(request)
        self.sig_scan_requested.emit(request)
        return request

    def lead_action(self, request: LeadRequest) -> None:
        self.sig_lead_requested.emit(request)

    def open_settings(self, signature: LeadSignature) -> None:
        """A lead's badge and PIN, to open the settings; the answer is `sig_settings_outcome`."""
        self.sig_settings_requested.emit(signature)

    def load_demo_plant(self) -> None:
        self.sig_demo_requested.emit()

    def refresh(self) -> None:
        self.sig_refresh_requested.emit()

    def trace(self, query: TraceQuery) -> None:
        self.sig_trace_requested.emit(query)

    def unit_history(self, request: HistoryRequest) -> None:
        self.sig_unit_history_requested.emit(request)

    def write_report(self, request: ReportRequest) -> None:
        self.sig_report_requested.emit(request)

    def list_deviations(self) -> None:
        self.sig_deviations_requested.emit()

    def list_defects(self) -> None:
        self.sig_defects_requested.emit()

    def list_conflicts(self) -> None:
        self.sig_conflicts_requested.emit()

    def ask_print_backlog(self) -> None:
        self.sig_print_backlog_requested.emit()

    def list_print_jobs(self) -> None:
        self.sig_print_jobs_requested.emit()

    def preview_label(self, request: PreviewRequest) -> None:
        self.sig_label_preview_requested.emit(request)

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Let every scan already sent finish, then stop the threads and release the database.

        The sync thread stops first, after the sync under way if any, so the database is not
        released under it."""
        if not self._running:
            return
        self._running = False
        self.sync_thread.quit()
        self.sync_thread.wait(max(timeout_ms, SYNC_STOP_TIMEOUT_MS))
        self.query_thread.quit()
        self.query_thread.wait(timeout_ms)
        if self.station_thread.isRunning():
            # Blocking: waits for the queue in front of it, so no scan sent is dropped.
            QMetaObject.invokeMethod(
                self.worker, "finish", Qt.ConnectionType.BlockingQueuedConnection
            )
        self.station_thread.quit()
        self.station_thread.wait(timeout_ms)
