"""What a front end gets from the composition root (`tracestation.wiring`): the station, its lead
actions and the read ports, already wired to a database it never sees.

Ownership: the station and the lead service belong to the thread that scans (the window's
station worker); `status` and `trace` may be asked from another thread (the window's query
worker); `sync` (None when no central database is configured) belongs to the window's sync
thread. `close()` releases the database and the sync's connection to the centre; call it once,
after the last request and after the sync thread stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracestation.station.core import Station
from tracestation.station.lead_service import LeadService
from tracestation.station.print_reads import PrintJobsReader
from tracestation.station.queries import MasterDataLoader, RecordStatus, TraceReader
from tracestation.station.report_reads import RecordReports
from tracestation.station.sync_port import SyncService


@dataclass(frozen=True)
class StationServices:
    station: Station
    lead: LeadService
    status: RecordStatus
    trace: TraceReader
    master_data: MasterDataLoader
    close: Callable[[], None]
    sync: SyncService | None = None
    printing: PrintJobsReader | None = None
    reports: RecordReports | None = None


@dataclass(frozen=True)
class ReadServices:
    """The read ports alone: what the window's query thread is handed."""

    status: RecordStatus
    trace: TraceReader
    printing: PrintJobsReader | None = None
    reports: RecordReports | None = None

    @classmethod
    def of(cls, services: StationServices) -> ReadServices:
        return cls(services.status, services.trace, services.printing, services.reports)
