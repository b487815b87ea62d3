"""The composition root: the one place that knows both the core and the store.

It builds the station, its lead actions, the read ports and the sync with a central database
for the window, the command line and headless use. Front ends get the built services
(`StationServices`, `LeadService`, `SyncService`) and never open a database or build an adapter
themselves.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from tracestation.barcodes import DecodeOptions
from tracestation.config import StationConfig, printer_target
from tracestation.labels.printers import LabelMaker, LabelPrinting, sink_for
from tracestation.station.clock import SystemClock
from tracestation.station.core import Station
from tracestation.station.env import StationSettings
from tracestation.station.lead import LeadDesk
from tracestation.station.lead_service import LeadService
from tracestation.station.ports import Clock, LabelPrinter, PlantReader
from tracestation.station.print_queue import PrintRetryLoop, QueuedPrinting
from tracestation.station.print_reads import StationPrintJobs
from tracestation.station.queries import TraceAnswer, TraceQuery
from tracestation.station.report_reads import (
    HistoryRequest,
    ReportRequest,
    ReportWritten,
    UnitHistory,
)
from tracestation.station.services import StationServices
from tracestation.station.sync_port import SyncService
from tracestation.station.verdicts import ContainerLabel, LabelToPrint
from tracestation.store.checkpoints import BackgroundCheckpoints
from tracestation.store.database import open_database
from tracestation.store.label_dates import DatabaseLabelDates
from tracestation.store.pins import Argon2Pins
from tracestation.store.plant import DatabasePlant
from tracestation.store.print_jobs import DatabasePrintJobs
from tracestation.store.status import DatabaseStatus
from tracestation.store.unit_of_work import DatabaseTransactions

if TYPE_CHECKING:
    from tracestation.station.tester_results import FileOutcome, TesterResults
    from tracestation.testers.watch import ResultsFolderWatcher

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Adapters:
    plant: PlantReader
    transactions: DatabaseTransactions
    printer: QueuedPrinting
    clock: Clock


def _adapters(
    engine: Engine, station_id: str, clock: Clock | None, printer: LabelPrinter | None
) -> _Adapters:
    clock = clock or SystemClock()
    plant = DatabasePlant(engine)
    if printer is None:
        printer = printer_on(plant, os.environ.get("TRACESTATION_PRINTER", "none"), engine)
    # Labels print from the station's print jobs: kept with the scan, tried until printed.
    queued = QueuedPrinting(DatabasePrintJobs(engine), plant, printer, clock, station_id)
    return _Adapters(plant, DatabaseTransactions(engine, plant, station_id, clock), queued, clock)


def printer_on(plant: PlantReader, target: str, engine: Engine | None = None) -> LabelPrinter:
    """Labels built from the plant's record (with the dates the record keeps, given `engine`),
    sent to `target` (`none`, a folder, a printer)."""
    dates = DatabaseLabelDates(engine) if engine is not None else None
    return LabelPrinting(plant, sink_for(target), dates)


def printer_target_of(config: StationConfig | None) -> str:
    """The station's printer: $TRACESTATION_PRINTER, else the settings' printer, else none."""
    explicit = os.environ.get("TRACESTATION_PRINTER")
    if explicit:
        return explicit
    return printer_target(config.printer) if config is not None else "none"


def print_retry_on(engine: Engine, station_id: str, target: str) -> PrintRetryLoop:
    """A thread that tries the station's due print jobs every few seconds, on adapters of its
    own (the station's plant reader belongs to the station's thread). Not started: the window
    and `run --headless` start it (with their own report of what it printed)."""
    plant = DatabasePlant(engine)
    printer = printer_on(plant, target, engine)
    jobs = DatabasePrintJobs(engine)
    return PrintRetryLoop(QueuedPrinting(jobs, plant, printer, SystemClock(), station_id))


def print_jobs_on(engine: Engine, station_id: str) -> StationPrintJobs:
    """The station's print jobs and label previews for a front end's query thread, on adapters
    of its own. A preview is the label as the station's printer gets it (the template's
    resolution), rasterised from the PDF (the renderers load at the first preview, not here)."""
    plant = DatabasePlant(engine)
    maker = LabelMaker(plant, DatabaseLabelDates(engine))

    def draw(label: LabelToPrint) -> bytes:
        from tracestation.labels.preview import render_png

        if isinstance(label, ContainerLabel):
            container = plant.container(label.sscc)
            if container is None:
                raise LookupError(f"no carton {label.sscc} in the record")
            return render_png(maker.container(container))
        unit = plant.unit(label.part, label.serial)
        if unit is None:
            raise LookupError(f"no unit {label.part}/{label.serial} in the record")
        return render_png(maker.unit(unit))

    return StationPrintJobs(DatabasePrintJobs(engine), plant, draw, station_id)


def station_settings(station_id: str, config: StationConfig | None = None) -> StationSettings:
    """The station core's settings for `station_id`: the PIN policy from the settings file
    (`config`), else the defaults. The station, the window's lead panel and the command line
    all take theirs from here, so they count wrong PINs to the same limit."""
    has_printer = printer_target_of(config) not in ("", "none")
    if config is None:
        return StationSettings(station_id, has_printer=has_printer)
    return StationSettings(
        station_id,
        max_pin_attempts=config.max_pin_attempts,
        pin_lockout_minutes=config.pin_lockout_minutes,
        has_printer=has_printer,
    )


def station_on(
    engine: Engine,
    station_id: str,
    *,
    clock: Clock | None = None,
    printer: LabelPrinter | None = None,
    decode_options: DecodeOptions | None = None,
    settings: StationSettings | None = None,
) -> Station:
    """The scanning station alone (replay, headless, tests)."""
    parts = _adapters(engine, station_id, clock, printer)
    return _station(_settings_of(station_id, settings, printer), parts, decode_options)


def _settings_of(
    station_id: str, settings: StationSettings | None, printer: LabelPrinter | None
) -> StationSettings:
    if settings is not None:
        return settings
    # A printer handed in is a printer; else the configured one, if any.
    settings = station_settings(station_id)
    return replace(settings, has_printer=True) if printer is not None else settings


@contextmanager
def running_station(
    engine: Engine,
    station_id: str,
    *,
    printer: LabelPrinter | None = None,
    settings: StationSettings | None = None,
) -> Iterator[Station]:
    """The station as it runs headless (`run --headless`, and the benchmarks' scans): while the
    block runs, its SQLite log is checkpointed by a thread of its own, off the scan path
    (`store.checkpoints`; nothing for PostgreSQL), as the window's station has it too."""
    checkpoints = BackgroundCheckpoints(engine).start()
    parts = _adapters(engine, station_id, None, printer)
    try:
        yield _station(_settings_of(station_id, settings, printer), parts, None)
    finally:
        parts.transactions.close()
        checkpoints.stop()


def _station(
    settings: StationSettings, parts: _Adapters, decode_options: DecodeOptions | None
) -> Station:
    return Station(
        settings,
        parts.plant,
        parts.transactions,
        parts.clock,
        Argon2Pins(),
        parts.printer,
        decode_options,
    )


def _lead_desk(parts: _Adapters, settings: StationSettings) -> LeadDesk:
    return LeadDesk(parts.plant, parts.transactions, Argon2Pins(), parts.clock, settings.pin_policy)


def lead_service_on(
    engine: Engine,
    station_id: str,
    *,
    clock: Clock | None = None,
    printer: LabelPrinter | None = None,
    settings: StationSettings | None = None,
) -> LeadService:
    """Lead actions signed into the journal chain of `station_id` (the CLI's `lot` and `lead`
    commands)."""
    parts = _adapters(engine, station_id, clock, printer)
    desk = _lead_desk(parts, settings or StationSettings(station_id))
    return LeadService(desk, parts.printer)


def tester_results_on(engine: Engine, station_id: str) -> TesterResults:
    """Tester result files recorded into `station_id`'s journal, on adapters of their own (a
    results-folder watcher runs on its own thread, never on the station's)."""
    from tracestation.station.tester_results import TesterResults

    plant = DatabasePlant(engine)
    return TesterResults(DatabaseTransactions(engine, plant, station_id, SystemClock()))


def results_watcher_on(engine: Engine, station_id: str, folder: str) -> ResultsFolderWatcher | None:
    """The window's watched tester results folder (the settings' `results_folder`), started;
    None when none is set. Each file's outcome is logged; refused files go to `rejected/`."""
    if not folder.strip():
        return None
    from tracestation.testers.watch import ResultsFolderWatcher

    results = tester_results_on(engine, station_id)
    return ResultsFolderWatcher(Path(folder.strip()), results, _log_result_file).start()


def _log_result_file(outcome: FileOutcome) -> None:
    _log.info("tester result file %s: %s %s", outcome.name, outcome.status.value, outcome.problems)


class _TraceOnFirstAsk:
    """`TraceReader`: the genealogy and recall code loads at the first question, not at start
    (the window's query thread asks; the station never does)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def answer(self, query: TraceQuery) -> TraceAnswer:
        from tracestation.trace.answers import DatabaseTrace

        return DatabaseTrace(self.engine).answer(query)


class _ReportsOnFirstAsk:
    """`RecordReports`, loaded at the first history or report asked for (see above)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def history(self, request: HistoryRequest) -> UnitHistory:
        from tracestation.reports.database_reports import DatabaseReports

        return DatabaseReports(self.engine).history(request)

    def write(self, request: ReportRequest) -> ReportWritten:
        from tracestation.reports.database_reports import DatabaseReports

        return DatabaseReports(self.engine).write(request)


class _MasterDataOnFirstLoad:
    """`MasterDataLoader`: the importer (file formats, checks) loads at the first import, which
    a station makes only when a lead loads the demo plant from the window."""

    def __init__(self, engine: Engine, station: str) -> None:
        self.engine, self.station = engine, station

    def load(self, document: Mapping[str, Any]) -> None:
        from tracestation.store.importer import DatabaseMasterData

        DatabaseMasterData(self.engine, self.station).load(document)


def central_sync_on(engine: Engine, station_id: str, central_url: str) -> SyncService | None:
    """The sync of `station_id`'s database with the centre at `central_url`; None when no
    central database is configured (`central_url` empty)."""
    if not central_url.strip():
        return None
    from tracestation.sync.background import CentralSync

    return CentralSync(engine, central_url, {station_id})


def services_on(
    engine: Engine,
    station_id: str,
    *,
    clock: Clock | None = None,
    printer: LabelPrinter | None = None,
    decode_options: DecodeOptions | None = None,
    central_url: str = "",
    settings: StationSettings | None = None,
) -> StationServices:
    """Everything the window needs on `engine`, with a sync when `central_url` is given;
    `close()` disposes of the engine and the sync's connection to the centre."""
    parts = _adapters(engine, station_id, clock, printer)
    settings = settings or StationSettings(station_id)
    station = _station(settings, parts, decode_options)
    sync = central_sync_on(engine, station_id, central_url)

    def close() -> None:
        if sync is not None:
            sync.close()
        parts.transactions.close()
        engine.dispose()

    return StationServices(
        station=station,
        lead=LeadService(_lead_desk(parts, settings), parts.printer),
        status=DatabaseStatus(engine),
        trace=_TraceOnFirstAsk(engine),
        master_data=_MasterDataOnFirstLoad(engine, station_id),  # the station signs the import
        close=close,
        sync=sync,
        printing=print_jobs_on(engine, station_id),
        reports=_ReportsOnFirstAsk(engine),
    )


def open_station_services(
    db: str | None, station_id: str, config: StationConfig
) -> StationServices:
    """Open (and migrate) the database `db` (None: $TRACESTATION_DB or the embedded one) and
    build the window's station on it, with the configured printer ($TRACESTATION_PRINTER wins),
    decoding options and central database (`config.central_url`, already resolved from
    `--central` and $TRACESTATION_CENTRAL by the caller). Slow: the window calls it on its
    station thread."""
    engine = open_database(db)
    checkpoints = BackgroundCheckpoints(engine).start()
    plant = DatabasePlant(engine)
    target = printer_target_of(config)
    retry = print_retry_on(engine, station_id, target).start()
    watcher = results_watcher_on(engine, station_id, config.results_folder)
    services = services_on(
        engine,
        station_id,
        printer=printer_on(plant, target, engine),
        decode_options=config.decode_options(),
        central_url=config.central_url,
        settings=station_settings(station_id, config),
    )

    def close() -> None:
        if watcher is not None:
            watcher.stop()
        retry.stop()
        services.close()
        checkpoints.stop()

    return replace(services, close=close)
