"""Fakes for the station core's ports, so a rule's test runs in milliseconds without a database.

`FakeTransactions` gives real units of work: each `begin()` works on its own copy of the plant's
state, the journal, the work memory and the identity counter, and only `commit()` makes them the
plant's. A test can make the next commit fail with `RaceLost` or `RecordNotSaved`, optionally
with another station's write landing in between (`meanwhile`), to drive the station's retry and
"nothing was recorded" paths. `station_with(plant)` builds a `Station` on these fakes.

Single-threaded, as the station is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from support.fake_plant import (
    FakePlant,
    PlantState,
    ProjectionMismatch,
    StrayRead,
    plain_pin_hash,
)
from support.fake_projection import Written, apply
from tracestation.barcodes import DecodeOptions
from tracestation.domain.events import DomainEvent
from tracestation.domain.model import Container, Unit
from tracestation.station.core import Station
from tracestation.station.env import StationSettings
from tracestation.station.ports import (
    Identities,
    Journal,
    PlantReader,
    PrintJobs,
    RecordNotSaved,
    RejectedScan,
    SavedWork,
    Signature,
    WorkMemory,
)
from tracestation.station.print_queue import JobStatus, PrintJob, QueuedPrinting
from tracestation.station.verdicts import LabelToPrint, ScanResult

# A test's `scan` fixture: scans the barcodes in turn and returns the last result.
Scan = Callable[..., ScanResult]

__all__ = [
    "FakeClock",
    "FakeIdentities",
    "FakeJournal",
    "FakePins",
    "FakePlant",
    "FakeTransaction",
    "FakeTransactions",
    "FakeWorkMemory",
    "PlantState",
    "ProjectionMismatch",
    "Recorded",
    "RecordingPrinter",
    "Scan",
    "StrayRead",
    "plain_pin_hash",
    "station_with",
]


@dataclass
class FakeClock:
    """Moves on by `tick` at every reading, so two scans are never duplicates unless a test
    sets `tick` below the station's duplicate window."""

    moment: datetime = field(default_factory=lambda: datetime(2026, 11, 20, 8, 0, tzinfo=UTC))
    tick: timedelta = timedelta(seconds=2)

    def now(self) -> datetime:
        self.moment += self.tick
        return self.moment

    def today(self) -> date:
        return self.moment.date()


@dataclass(frozen=True)
class Recorded:
    """One journal entry: the event and what the journal keeps with it."""

    event_id: str
    seq: int
    station: str
    time: datetime
    event: DomainEvent
    operator: str | None
    reason: str | None
    signature: Signature | None
    manual: bool


class FakeJournal:
    """The station's journal: keeps the entries and projects each event onto `plant`'s state."""

    def __init__(self, plant: FakePlant, station: str = "ST-1", clock: FakeClock | None = None):
        self.plant = plant
        self.station = station
        self.clock = clock or FakeClock()
        self.entries: list[Recorded] = []
        self.rejections: list[RejectedScan] = []

    def record(
        self,
        events: Sequence[DomainEvent],
        *,
        operator: str | None,
        reason: str | None = None,
        signature: Signature | None = None,
        manual: bool = False,
    ) -> list[str]:
        now = self.clock.now()
        signed_by = signature.badge if signature else None
        ids = []
        for event in events:
            seq = len(self.entries) + 1
            event_id = f"{self.station}-{seq}"
            apply(
                event, self.plant.state, Written(event_id, now, self.station, operator, signed_by)
            )
            self.entries.append(
                Recorded(
                    event_id, seq, self.station, now, event, operator, reason, signature, manual
                )
            )
            ids.append(event_id)
        return ids

    def log_rejection(self, rejected: RejectedScan) -> None:
        self.rejections.append(rejected)

    @property
    def events(self) -> list[DomainEvent]:
        return [entry.event for entry in self.entries]

    def kinds(self) -> list[str]:
        return [entry.event.kind for entry in self.entries]

    def fork(self, plant: FakePlant) -> FakeJournal:
        forked = FakeJournal(plant, self.station, self.clock)
        forked.entries = list(self.entries)
        forked.rejections = list(self.rejections)
        return forked

    def adopt(self, forked: FakeJournal) -> None:
        self.entries[:] = forked.entries
        self.rejections[:] = forked.rejections


class FakeWorkMemory:
    def __init__(self, saved: dict[str, SavedWork] | None = None) -> None:
        self.saved: dict[str, SavedWork] = dict(saved or {})

    def recall(self, station: str) -> SavedWork | None:
        return self.saved.get(station)

    def remember(self, station: str, work: SavedWork | None) -> None:
        if work is None:
            self.saved.pop(station, None)
        else:
            self.saved[station] = work

    def fork(self) -> FakeWorkMemory:
        return FakeWorkMemory(self.saved)

    def adopt(self, forked: FakeWorkMemory) -> None:
        self.saved.clear()
        self.saved.update(forked.saved)


class FakeIdentities:
    """The carton serial counter one database holds for all its stations."""

    def __init__(self, next_serial: int = 1, next_nonconformance: int = 1) -> None:
        self.next_serial = next_serial
        self.next_nonconformance = next_nonconformance

    def next_container_serial(self) -> int:
        drawn = self.next_serial
        self.next_serial += 1
        return drawn

    def next_unit_number(self) -> int | None:
        return None  # no blocks reserved: serials are counted per work order

    def next_nonconformance_number(self) -> str:
        drawn = self.next_nonconformance
        self.next_nonconformance += 1
        return f"NC-ST-{drawn:04d}"

    def fork(self) -> FakeIdentities:
        return FakeIdentities(self.next_serial, self.next_nonconformance)

    def adopt(self, forked: FakeIdentities) -> None:
        self.next_serial = forked.next_serial
        self.next_nonconformance = forked.next_nonconformance


@dataclass(frozen=True)
class _Failure:
    error: RecordNotSaved
    meanwhile: Callable[[], object] | None


class FakeTransaction:
    """One unit of work on copies; `FakeTransactions.begin` makes them the plant's on commit."""

    def __init__(
        self,
        owner: FakeTransactions,
        plant: FakePlant,
        journal: FakeJournal,
        memory: FakeWorkMemory,
        identities: FakeIdentities,
    ) -> None:
        self._owner = owner
        # Typed as the ports so the fake is a `Transaction`; the owner keeps the fakes.
        self.plant: PlantReader = plant
        self.journal: Journal = journal
        self.memory: WorkMemory = memory
        self.identities: Identities = identities
        self.print_jobs: PrintJobs = FakePrintJobs()
        self.fakes = (plant, journal, memory, identities)
        self.committed = False
        self.failed: _Failure | None = None

    def commit(self) -> None:
        if self.committed:
            raise AssertionError("a unit of work was committed twice")
        self._owner._commit_or_fail(self)
        self.committed = True


class FakeTransactions:
    """Units of work for one station on a `FakePlant`. Counts what happened to them:
    `begun`, `committed`, `undone` (left without a commit, or with a failed one)."""

    def __init__(
        self,
        plant: FakePlant,
        *,
        station: str = "ST-1",
        clock: FakeClock | None = None,
        journal: FakeJournal | None = None,
        memory: FakeWorkMemory | None = None,
        identities: FakeIdentities | None = None,
    ) -> None:
        self.plant = plant
        self.journal = journal or FakeJournal(plant, station, clock)
        self.memory = memory or FakeWorkMemory()
        self.identities = identities or FakeIdentities()
        self.print_store = FakePrintJobStore()
        self.begun = 0
        self.committed = 0
        self.undone = 0
        self.rejection_log_fails: Exception | None = None
        self._failures: deque[_Failure] = deque()
        self._open = False

    def sibling(self, station: str) -> FakeTransactions:
        """Another station's units of work on the same plant: its own journal, the same
        carton counter and work memory table (one database)."""
        return FakeTransactions(
            self.plant,
            station=station,
            clock=self.journal.clock,
            memory=self.memory,
            identities=self.identities,
        )

    def fail_next_commit(
        self,
        error: RecordNotSaved,
        *,
        meanwhile: Callable[[], object] | None = None,
        times: int = 1,
    ) -> None:
        """The next `times` commits raise `error` and undo their unit of work. `meanwhile` runs
        once that unit of work is undone: what another station committed in between."""
        for _ in range(times):
            self._failures.append(_Failure(error, meanwhile))

    @contextmanager
    def begin(self) -> Iterator[FakeTransaction]:
        if self._open:
            raise AssertionError("a unit of work was begun inside another")
        view = self.plant.within(self.plant.state.copy())
        tx = FakeTransaction(
            self, view, self.journal.fork(view), self.memory.fork(), self.identities.fork()
        )
        self.begun += 1
        self._open = True
        self.plant.opened()
        try:
            yield tx
        finally:
            self._open = False
            self.plant.closed()
            if tx.committed:
                _, journal, memory, identities = tx.fakes
                self.plant.state.take(view.state)
                self.journal.adopt(journal)
                self.memory.adopt(memory)
                self.identities.adopt(identities)
                assert isinstance(tx.print_jobs, FakePrintJobs)
                for n, label in enumerate(tx.print_jobs.pending):
                    self.print_store.add(
                        self.journal.station,
                        label,
                        self.journal.clock.now(),
                        tx.print_jobs.reprint_by.get(n),
                    )
                self.committed += 1
            else:
                self.undone += 1
                if tx.failed is not None and tx.failed.meanwhile is not None:
                    tx.failed.meanwhile()

    def _commit_or_fail(self, tx: FakeTransaction) -> None:
        if self._failures:
            failure = self._failures.popleft()
            tx.failed = failure
            raise failure.error

    def log_rejection(self, rejected: RejectedScan) -> None:
        if self.rejection_log_fails is not None:
            raise self.rejection_log_fails
        with self.begin() as tx:
            tx.journal.log_rejection(rejected)
            tx.commit()


class FakePrintJobs:
    """`Transaction.print_jobs` on a fake unit of work: kept only if it commits."""

    def __init__(self) -> None:
        self.pending: list[LabelToPrint] = []
        self.reprint_by: dict[int, str] = {}  # position in `pending` -> the lead's badge

    def enqueue(self, label: LabelToPrint, reprint_by: str | None = None) -> None:
        if reprint_by is not None:
            self.reprint_by[len(self.pending)] = reprint_by
        self.pending.append(label)


class FakePrintJobStore:
    """The station's print jobs in memory, as `tracestation.store.print_jobs` keeps them."""

    def __init__(self) -> None:
        self.rows: list[PrintJob] = []

    def add(self, station: str, label: LabelToPrint, at: datetime, reprint_by: str | None) -> int:
        job = PrintJob(len(self.rows) + 1, station, label, JobStatus.QUEUED, 0, None, at)
        self.rows.append(replace(job, reprint_by=reprint_by))
        return job.id

    def claim_due(self, station: str, now: datetime) -> list[PrintJob]:
        due = [
            job
            for job in self.rows
            if job.station == station
            and (
                job.status is JobStatus.QUEUED
                or (job.status is JobStatus.FAILED and job.next_try_at and job.next_try_at <= now)
            )
        ]
        for job in due:
            self._set(replace(job, status=JobStatus.PRINTING))
        return due

    def printed(self, job_id: int, at: datetime) -> None:
        job = self.rows[job_id - 1]
        self._set(replace(job, status=JobStatus.PRINTED, printed_at=at, error=None))

    def failed(self, job_id: int, error: str, retry_at: datetime) -> None:
        job = self.rows[job_id - 1]
        self._set(
            replace(
                job,
                status=JobStatus.FAILED,
                error=error,
                next_try_at=retry_at,
                attempts=job.attempts + 1,
            )
        )

    def jobs(self, station: str | None = None, limit: int = 100) -> list[PrintJob]:
        return [j for j in reversed(self.rows) if station in (None, j.station)][:limit]

    def waiting(self, station: str) -> list[PrintJob]:
        return [j for j in self.rows if j.station == station and j.status is not JobStatus.PRINTED]

    def _set(self, job: PrintJob) -> None:
        self.rows[job.id - 1] = job


class FakePins:
    """PIN checks by plain comparison with the stored "hash" (`plain_pin_hash`)."""

    def verify(self, pin_hash: str, pin: str) -> bool:
        return pin_hash == plain_pin_hash(pin)


class RecordingPrinter:
    """Keeps what it was asked to print; raises `fails_with` instead when set."""

    def __init__(self) -> None:
        self.containers: list[Container] = []
        self.units: list[Unit] = []
        self.fails_with: Exception | None = None

    def print_container_label(self, container: Container) -> None:
        if self.fails_with is not None:
            raise self.fails_with
        self.containers.append(container)

    def print_unit_label(self, unit: Unit) -> None:
        if self.fails_with is not None:
            raise self.fails_with
        self.units.append(unit)

    def print_waiting(self) -> str | None:
        return None  # `station_with` puts the station's print jobs in front of it


def station_with(
    plant: FakePlant,
    *,
    station_id: str | None = None,
    transactions: FakeTransactions | None = None,
    clock: FakeClock | None = None,
    printer: RecordingPrinter | None = None,
    pins: FakePins | None = None,
    settings: StationSettings | None = None,
    decode_options: DecodeOptions | None = None,
) -> Station:
    """A station on the fakes, wired as `tracestation.wiring.station_on` wires the real one.
    Its id is the one its transactions' journal writes under (ST-1 unless told otherwise)."""
    if transactions is None:
        clock = clock or FakeClock()
        transactions = FakeTransactions(plant, station=station_id or "ST-1", clock=clock)
    if station_id is not None and station_id != transactions.journal.station:
        raise ValueError(f"station {station_id} on the journal of {transactions.journal.station}")
    station_id = transactions.journal.station
    settings = settings or StationSettings(station_id)
    if settings.station_id != station_id:
        raise ValueError(f"station {settings.station_id} on the journal of {station_id}")
    return Station(
        settings,
        plant,
        transactions,
        clock or transactions.journal.clock,
        pins or FakePins(),
        QueuedPrinting(
            transactions.print_store,
            plant,
            printer or RecordingPrinter(),
            clock or transactions.journal.clock,
            station_id,
        ),
        decode_options,
    )
