"""The station's own thread: every scan, lead action and database write of the window runs here.

`StationWorker` owns the `StationServices` the composition root built (the `Station`, which is
not thread-safe, and its lead actions). It lives on a `QThread`; the GUI reaches it only through
queued signals (see `StationClient`) and hears back through the `sig_*` signals, whose payloads
are immutable values. No widget is touched here.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QObject, Signal, Slot

from tracestation.messages.verdicts import Verdict as VerdictCode
from tracestation.resources import demo_plant_path
from tracestation.station.lead_requests import LeadRequest, LeadSignature
from tracestation.station.services import ReadServices, StationServices
from tracestation.station.verdicts import Outcome, ScanResult
from tracestation.ui.station_state import snapshot_of

# Called on the station thread: opens (and migrates) the database and builds the services.
StationFactory = Callable[[], StationServices]


@dataclass(frozen=True)
class ScanRequest:
    """One scan on its way to the station. `submitted_at` is `time.perf_counter()` on the GUI
    thread when the scan was complete (for the scan-to-verdict measurement)."""

    raw: str
    manual: bool = False
    source: str = "keyboard"
    partial: bool = False
    overflow: bool = False
    submitted_at: float = field(default_factory=time.perf_counter)
    number: int = 0


@dataclass(frozen=True)
class Verdict:
    """The station's answer to a request; `fault` is set when the station itself failed."""

    request: ScanRequest
    result: ScanResult
    at: datetime
    fault: str | None = None


class StationWorker(QObject):
    sig_ready = Signal(object)  # StationSnapshot
    sig_failed = Signal(str)  # the station could not start
    sig_read_services = Signal(object)  # ReadServices, for the query worker (not the GUI thread)
    sig_sync_service = Signal(object)  # SyncService | None, for the sync worker (not the GUI)
    sig_verdict = Signal(object)  # Verdict
    sig_snapshot = Signal(object)  # StationSnapshot, after each scan or action
    sig_lead_outcome = Signal(object)  # LeadOutcome
    sig_settings_outcome = Signal(object)  # LeadOutcome of a lead opening the settings
    sig_demo_loaded = Signal(str)  # "" when loaded, else the reason it was not

    def __init__(self, factory: StationFactory) -> None:
        super().__init__()
        self._factory = factory
        self._services: StationServices | None = None

    @Slot()
    def start(self) -> None:
        """Open the database (migrating it) and build the station, on this worker's thread."""
        try:
            services = self._factory()
        except Exception as error:  # a missing or locked database must be shown, not crash
            self.sig_failed.emit(f"{type(error).__name__}: {error}".splitlines()[0])
            return
        self._services = services
        self.sig_read_services.emit(ReadServices.of(services))
        self.sig_sync_service.emit(services.sync)
        self.sig_ready.emit(snapshot_of(services.station, services.status))

    @Slot(object)
    def scan(self, request: ScanRequest) -> None:
        services = self._services
        if services is None:
            self._report_fault(request, "The station is not running; see the message at the top.")
            return
        try:
            if request.partial or request.overflow:
                result = services.station.refuse_incomplete(request.raw, overflow=request.overflow)
            else:
                result = services.station.scan(request.raw, manual=request.manual)
        except Exception as error:  # the core answers every scan; this is a last resort
            self._report_fault(request, f"{type(error).__name__}: {error}".splitlines()[0])
            return
        # Only the verdict: the window asks for the snapshot (`refresh`) once the verdict is
        # painted, so this thread's Python does not compete with the paint for the GIL.
        self.sig_verdict.emit(Verdict(request, result, datetime.now().astimezone()))

    @Slot(object)
    def lead_action(self, request: LeadRequest) -> None:
        if self._services is None:
            return
        self.sig_lead_outcome.emit(self._services.lead.perform(request))
        self.refresh()

    @Slot(object)
    def open_settings(self, signature: LeadSignature) -> None:
        if self._services is None:
            return
        self.sig_settings_outcome.emit(self._services.lead.open_settings(signature))

    @Slot()
    def load_demo_plant(self) -> None:
        if self._services is None:
            self.sig_demo_loaded.emit("The station is not running.")
            return
        from tracestation.domain.masterdata import MasterDataError

        try:
            self._services.master_data.load(
                json.loads(demo_plant_path().read_text(encoding="utf-8"))
            )
        except (MasterDataError, OSError, ValueError) as error:
            self.sig_demo_loaded.emit(str(error))
            return
        self.sig_demo_loaded.emit("")
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._services is None:
            return
        try:
            self.sig_snapshot.emit(snapshot_of(self._services.station, self._services.status))
        except Exception:  # the next scan refreshes again; a failed read must not stop the worker
            return

    @Slot()
    def finish(self) -> None:
        """Called last, after every queued request ran; releases the database."""
        if self._services is not None:
            self._services.close()
            self._services = None

    def _report_fault(self, request: ScanRequest, detail: str) -> None:
        result = ScanResult(
            scan=request.raw,
            outcome=Outcome.REJECTED,
            code=VerdictCode.STATION_FAULT,
            message=detail,
        )
        self.sig_verdict.emit(Verdict(request, result, datetime.now().astimezone(), fault=detail))
