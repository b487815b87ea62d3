"""Print jobs in the station database (`print_jobs`): enqueued inside a scan's unit of work,
then claimed, printed or failed by the station's printer worker, each step its own commit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, and_, insert, or_, select, update

from tracestation.station.ports import Clock
from tracestation.station.print_queue import JobStatus, PrintJob, label_of, subject_of
from tracestation.station.verdicts import ContainerLabel, LabelToPrint
from tracestation.store.database import writer
from tracestation.store.tables import PrintJobRow, table_of

JOBS = table_of(PrintJobRow)
# A job claimed by a station that stopped before it printed is tried again after this long.
_STALE_CLAIM = timedelta(minutes=1)
_UNPRINTED = [s.value for s in (JobStatus.QUEUED, JobStatus.PRINTING, JobStatus.FAILED)]


def _row(
    station: str, label: LabelToPrint, at: datetime, reprint_by: str | None
) -> dict[str, object]:
    return {
        "station": station,
        "kind": "container" if isinstance(label, ContainerLabel) else "unit",
        "subject": subject_of(label),
        "status": JobStatus.QUEUED.value,
        "attempts": 0,
        "created_at": at,
        "reprint_by": reprint_by,
    }


class PrintJobsOnConnection:
    """`Transaction.print_jobs`: the job commits with the scan, or is undone with it."""

    def __init__(self, connection: Connection, station: str, clock: Clock) -> None:
        self.connection, self.station, self.clock = connection, station, clock

    def enqueue(self, label: LabelToPrint, reprint_by: str | None = None) -> None:
        self.connection.execute(
            insert(JOBS).values(_row(self.station, label, self.clock.now(), reprint_by))
        )


class DatabasePrintJobs:
    """The `PrintJobStore` on the station database. Safe from several threads: each call is a
    short transaction of its own, and a job is claimed by a guarded update."""

    def __init__(self, engine: Engine) -> None:
        self.engine = writer(engine)
        self.reader = engine

    def add(self, station: str, label: LabelToPrint, at: datetime, reprint_by: str | None) -> int:
        with self.engine.begin() as c:
            result = c.execute(insert(JOBS).values(_row(station, label, at, reprint_by)))
            key = result.inserted_primary_key
            return int(key[0]) if key else 0

    def claim_due(self, station: str, now: datetime) -> list[PrintJob]:
        due = and_(
            JOBS.c.station == station,
            or_(
                JOBS.c.status == JobStatus.QUEUED.value,
                and_(JOBS.c.status == JobStatus.FAILED.value, JOBS.c.next_try_at <= now),
                and_(
                    JOBS.c.status == JobStatus.PRINTING.value,
                    JOBS.c.next_try_at <= now - _STALE_CLAIM,
                ),
            ),
        )
        # A plain read first: the retry loop asks every few seconds, and on SQLite a claim takes
        # the write lock that scans wait for.
        with self.reader.connect() as c:
            if c.execute(select(JOBS.c.id).where(due).limit(1)).first() is None:
                return []
        claimed: list[PrintJob] = []
        with self.engine.begin() as c:
            for row in c.execute(select(JOBS).where(due).order_by(JOBS.c.id)).all():
                taken = c.execute(
                    update(JOBS)
                    .where(JOBS.c.id == row.id, JOBS.c.status == row.status)
                    .values(status=JobStatus.PRINTING.value, next_try_at=now)
                )
                if taken.rowcount == 1:
                    claimed.append(_job(row))
        return claimed

    def printed(self, job_id: int, at: datetime) -> None:
        with self.engine.begin() as c:
            c.execute(
                update(JOBS)
                .where(JOBS.c.id == job_id)
                .values(status=JobStatus.PRINTED.value, printed_at=at, error=None, next_try_at=None)
            )

    def failed(self, job_id: int, error: str, retry_at: datetime) -> None:
        with self.engine.begin() as c:
            c.execute(
                update(JOBS)
                .where(JOBS.c.id == job_id)
                .values(
                    status=JobStatus.FAILED.value,
                    error=error[:2000],
                    next_try_at=retry_at,
                    attempts=JOBS.c.attempts + 1,
                )
            )

    def jobs(self, station: str | None = None, limit: int = 100) -> list[PrintJob]:
        query = select(JOBS).order_by(JOBS.c.id.desc()).limit(limit)
        if station is not None:
            query = query.where(JOBS.c.station == station)
        with self.reader.connect() as c:
            return [_job(row) for row in c.execute(query).all()]

    def waiting(self, station: str) -> list[PrintJob]:
        query = (
            select(JOBS)
            .where(JOBS.c.station == station, JOBS.c.status.in_(_UNPRINTED))
            .order_by(JOBS.c.id)
        )
        with self.reader.connect() as c:
            return [_job(row) for row in c.execute(query).all()]


def _job(row: object) -> PrintJob:
    r = row._mapping  # type: ignore[attr-defined]
    return PrintJob(
        id=r["id"],
        station=r["station"],
        label=label_of(r["kind"], r["subject"]),
        status=JobStatus(r["status"]),
        attempts=r["attempts"],
        error=r["error"],
        created_at=_aware(r["created_at"]) or datetime.now(UTC),
        next_try_at=_aware(r["next_try_at"]),
        printed_at=_aware(r["printed_at"]),
        reprint_by=r["reprint_by"],
    )


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:  # SQLite gives naive UTC back
        return moment.replace(tzinfo=UTC)
    return moment
