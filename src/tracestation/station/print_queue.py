"""Durable printing: labels are print jobs kept in the station's record until the printer took
them, tried again with back-off, listed for the operator and the lead.

The scan's unit of work enqueues the job (`Transaction.print_jobs`), so an accepted scan always
has its label's job, whatever the printer does. After the commit the station calls
`QueuedPrinting.print_waiting`; a job the printer refuses stays, failed with the printer's own
words, and is tried again after 5 s, 10 s, 20 s ... up to 5 minutes — at the next scan, by the
retry loop of a running station (`PrintRetryLoop`, which reports each round that printed or
failed something), or after a restart.

Threading: `print_waiting` may run on the station's thread and a retry thread at once; a job is
claimed in the record before it is printed, so no job prints twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from tracestation.domain.model import Container, Unit
from tracestation.station.ports import Clock, LabelPrinter, PlantReader
from tracestation.station.verdicts import ContainerLabel, LabelToPrint, UnitLabel

_log = logging.getLogger(__name__)
FIRST_RETRY = timedelta(seconds=5)
LAST_RETRY = timedelta(minutes=5)


class JobStatus(StrEnum):
    QUEUED = "queued"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


@dataclass(frozen=True)
class PrintJob:
    id: int
    station: str
    label: LabelToPrint
    status: JobStatus
    attempts: int
    error: str | None
    created_at: datetime
    next_try_at: datetime | None = None
    printed_at: datetime | None = None
    reprint_by: str | None = None

    @property
    def kind(self) -> str:
        return "container" if isinstance(self.label, ContainerLabel) else "unit"

    @property
    def subject(self) -> str:
        return subject_of(self.label)

    def to_json(self) -> dict[str, object]:
        def moment(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "id": self.id,
            "station": self.station,
            "kind": self.kind,
            "subject": self.subject,
            "status": self.status.value,
            "attempts": self.attempts,
            "error": self.error,
            "created_at": moment(self.created_at),
            "next_try_at": moment(self.next_try_at),
            "printed_at": moment(self.printed_at),
            "reprint_by": self.reprint_by,
        }


@dataclass(frozen=True)
class PrintRound:
    """What one try of the due jobs did: the jobs printed, and the jobs that failed with the
    printer's words."""

    printed: tuple[PrintJob, ...] = ()
    failed: tuple[tuple[PrintJob, str], ...] = ()

    @property
    def fault(self) -> str | None:
        """The printer's words for the first job that failed, if any."""
        return self.failed[0][1] if self.failed else None

    @property
    def did_something(self) -> bool:
        return bool(self.printed or self.failed)


@dataclass(frozen=True)
class PrintBacklog:
    """The station's labels not printed yet: how many wait, how many of those the printer
    refused (with its words for the newest refusal) and when the next try is due."""

    waiting: int = 0
    failed: int = 0
    error: str | None = None
    next_try_at: datetime | None = None

    @classmethod
    def of(cls, jobs: Sequence[PrintJob]) -> PrintBacklog:
        waiting = [job for job in jobs if job.status is not JobStatus.PRINTED]
        failed = [job for job in waiting if job.status is JobStatus.FAILED]
        tries = [job.next_try_at for job in failed if job.next_try_at is not None]
        newest = max(failed, key=lambda job: job.id, default=None)
        return cls(
            waiting=len(waiting),
            failed=len(failed),
            error=newest.error if newest is not None else None,
            next_try_at=min(tries, default=None),
        )


def subject_of(label: LabelToPrint) -> str:
    return label.sscc if isinstance(label, ContainerLabel) else f"{label.part}/{label.serial}"


def label_of(kind: str, subject: str) -> LabelToPrint:
    if kind == "container":
        return ContainerLabel(subject)
    part, _, serial = subject.partition("/")
    return UnitLabel(part, serial)


class PrintJobStore(Protocol):
    """The jobs in the record, outside any scan's unit of work (each call commits itself)."""

    def add(self, station: str, label: LabelToPrint, at: datetime, reprint_by: str | None) -> int:
        """A job written on its own (a lead's reprint), queued."""
        ...

    def claim_due(self, station: str, now: datetime) -> list[PrintJob]:
        """The station's queued jobs and failed jobs due for a try, oldest first, each marked
        printing (a job left printing by a station that stopped is due again after a minute)."""
        ...

    def printed(self, job_id: int, at: datetime) -> None: ...
    def failed(self, job_id: int, error: str, retry_at: datetime) -> None: ...
    def jobs(self, station: str | None = None, limit: int = 100) -> list[PrintJob]: ...

    def waiting(self, station: str) -> list[PrintJob]:
        """The station's jobs not printed yet (queued, printing or failed), oldest first."""
        ...


# Stands for the jobs of a round whose record could not be read.
_NO_JOB = PrintJob(0, "", ContainerLabel(""), JobStatus.FAILED, 0, None, datetime.min)


def retry_delay(attempts: int) -> timedelta:
    """The wait before the next try after `attempts` failed ones: 5 s doubling, at most 5 min."""
    delay: timedelta = FIRST_RETRY * (2 ** max(0, attempts - 1))
    return min(delay, LAST_RETRY)


class QueuedPrinting:
    """The station's printer: prints the jobs in the record through `printer` (the adapter that
    builds and sends labels), and marks each printed or failed."""

    def __init__(
        self,
        store: PrintJobStore,
        plant: PlantReader,
        printer: LabelPrinter,
        clock: Clock,
        station: str,
    ) -> None:
        self.store, self.plant, self.printer = store, plant, printer
        self.clock, self.station = clock, station

    def print_waiting(self) -> str | None:
        """Try the jobs that are due; the printer's words for the first that failed, if any.
        Never raises: a job that cannot be printed stays in the record."""
        return self.print_due().fault

    def print_due(self) -> PrintRound:
        """Try the jobs that are due and say what became of each. Never raises: when the
        record itself cannot be read, the round is one failure saying so."""
        try:
            jobs = self.store.claim_due(self.station, self.clock.now())
        except Exception as error:  # the record may be what failed; the scan stands anyway
            _log.exception("print jobs could not be read")
            return PrintRound(failed=((_NO_JOB, f"print jobs could not be read: {error}"),))
        printed: list[PrintJob] = []
        failed: list[tuple[PrintJob, str]] = []
        for job in jobs:
            words = self._print(job)
            if words is None:
                printed.append(job)
            else:
                failed.append((job, words))
        return PrintRound(tuple(printed), tuple(failed))

    def backlog(self) -> PrintBacklog:
        """The station's labels not printed yet (a read: it prints nothing)."""
        return PrintBacklog.of(self.store.waiting(self.station))

    def reprint(self, label: LabelToPrint, lead: str) -> str | None:
        """A lead's reprint: a job of its own, printed now if the printer takes it."""
        self.store.add(self.station, label, self.clock.now(), lead)
        return self.print_waiting()

    def jobs(self, limit: int = 100) -> Sequence[PrintJob]:
        return self.store.jobs(self.station, limit)

    def _print(self, job: PrintJob) -> str | None:
        try:
            self._send(job.label)
        except Exception as fault:  # a printer adapter may fail in any way
            words = str(fault) or type(fault).__name__
            retry_at = self.clock.now() + retry_delay(job.attempts + 1)
            self.store.failed(job.id, words, retry_at)
            return words
        self.store.printed(job.id, self.clock.now())
        return None

    def _send(self, label: LabelToPrint) -> None:
        if isinstance(label, ContainerLabel):
            container = self.plant.container(label.sscc)
            if container is None:
                raise LookupError(f"no carton {label.sscc} in the record")
            self.printer.print_container_label(container)
            return
        unit = self.plant.unit(label.part, label.serial)
        if unit is None:
            raise LookupError(f"no unit {label.part}/{label.serial} in the record")
        self.printer.print_unit_label(unit)

    # The direct printing of the `LabelPrinter` port, for callers that print at once.
    def print_container_label(self, container: Container) -> None:
        self.printer.print_container_label(container)

    def print_unit_label(self, unit: Unit) -> None:
        self.printer.print_unit_label(unit)


RetryReport = Callable[[PrintRound, PrintBacklog], None]


class PrintRetryLoop:
    """Tries the station's due print jobs on a thread of its own, at once and then every
    `interval` seconds, so a printer that comes back prints what waited without a scan; each
    job's own back-off (`retry_delay`) decides when it is due. `report` hears every round that
    printed or failed something, with the backlog after it, on the loop's thread. `stop()`
    ends it after the round under way."""

    def __init__(
        self, printing: QueuedPrinting, interval: float = 2.0, report: RetryReport | None = None
    ) -> None:
        self.printing = printing
        self.interval = interval
        self.report = report
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="print-retry", daemon=True)

    def start(self, report: RetryReport | None = None) -> PrintRetryLoop:
        if report is not None:
            self.report = report
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while True:
            self.tick()
            if self._stop.wait(self.interval):
                return

    def tick(self) -> PrintRound:
        """One round: print the due jobs, report what it did."""
        done = self.printing.print_due()
        if done.fault:
            _log.info("label not printed, kept for the next try: %s", done.fault)
        if done.did_something and self.report is not None:
            try:
                self.report(done, self.printing.backlog())
            except Exception:  # a report that fails must not stop the printing
                _log.exception("print retry report failed")
        return done
