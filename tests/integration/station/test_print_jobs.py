"""No label of an accepted scan is lost when the printer is off: the job is kept in the station
database with the printer's words, tried again with back-off, and printed once a printer on a
loopback socket answers, also by a station started again on the same database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from queue import Queue
from typing import Any

import pytest

from support.loopback_printer import LoopbackPrinter, free_port
from tracestation.station.print_queue import JobStatus, QueuedPrinting, retry_delay
from tracestation.store.plant import DatabasePlant
from tracestation.store.print_jobs import DatabasePrintJobs


@pytest.fixture
def port() -> Iterator[int]:
    yield free_port()


def station_printing_to(engine: Any, clock: Any, port: int) -> Any:
    from tracestation.wiring import printer_on, station_on

    printer = printer_on(DatabasePlant(engine), f"tcp://127.0.0.1:{port}", engine)
    return station_on(engine, "PACK-1", clock=clock, printer=printer)


def test_a_label_for_a_printer_that_is_off_is_kept_and_printed_after_a_restart(
    engine: Any, clock: Any, port: int
) -> None:
    station = station_printing_to(engine, clock, port)
    for raw in ("B-1001", "WO:WO-1001", "OPN:10"):
        assert station.scan(raw).outcome == "accepted"
    assigned = station.scan("CMD:NEW")

    assert assigned.outcome == "accepted" and assigned.event_ids, "the scan stands"
    assert "Connection refused" in assigned.message, "the operator hears the printer's words"
    jobs = DatabasePrintJobs(engine)
    [job] = jobs.jobs()
    assert job.status is JobStatus.FAILED and job.attempts == 1
    assert job.subject.startswith("CTRL-500/WO-1001-") and "Connection refused" in str(job.error)
    assert job.next_try_at is not None and job.next_try_at > job.created_at

    # The station stops; the printer is switched on; the station starts again on the record.
    del station
    printer = LoopbackPrinter(port)
    try:
        again = station_printing_to(engine, clock, port)
        clock.moment = job.created_at + timedelta(seconds=1)
        assert again.printer.print_waiting() is None and not printer.received, "not due yet"
        assert jobs.jobs()[0].status is JobStatus.FAILED
        clock.moment = job.created_at + retry_delay(1) + timedelta(seconds=30)
        assert again.printer.print_waiting() is None
        assert printer.got_one.wait(10)
    finally:
        printer.close()
    [zpl] = printer.received
    assert zpl.startswith(b"^XA") and b"^BXN," in zpl and job.subject.split("/")[1].encode() in zpl
    [printed] = jobs.jobs()
    assert printed.status is JobStatus.PRINTED and printed.printed_at is not None
    assert printed.error is None and printed.attempts == 1


def test_failed_tries_back_off_from_5_seconds_doubling_to_5_minutes() -> None:
    assert [retry_delay(n).total_seconds() for n in (1, 2, 3, 4, 7, 20)] == [
        5,
        10,
        20,
        40,
        300,
        300,
    ]


def test_a_scan_undone_before_its_commit_leaves_no_print_job(
    engine: Any, clock: Any, port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from tracestation.store.unit_of_work import DatabaseTransaction

    station = station_printing_to(engine, clock, port)
    for raw in ("B-1001", "WO:WO-1001", "OPN:10"):
        station.scan(raw)

    def disk_full(self: Any) -> None:
        raise OperationalError("COMMIT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(DatabaseTransaction, "commit", disk_full)
    result = station.scan("CMD:NEW")
    assert result.outcome == "rejected" and result.code == "record_not_saved"
    assert DatabasePrintJobs(engine).jobs() == []


def test_the_retry_thread_prints_a_waiting_label_when_the_printer_comes_back_without_a_scan(
    engine: Any, clock: Any, port: int
) -> None:
    from tracestation.station.print_queue import PrintBacklog, PrintRetryLoop, PrintRound
    from tracestation.wiring import printer_on

    station = station_printing_to(engine, clock, port)
    for raw in ("B-1001", "WO:WO-1001", "OPN:10", "CMD:NEW"):
        assert station.scan(raw).outcome == "accepted"
    reports: Queue[tuple[PrintRound, PrintBacklog]] = Queue()
    printing = QueuedPrinting(
        DatabasePrintJobs(engine),
        DatabasePlant(engine),
        printer_on(DatabasePlant(engine), f"tcp://127.0.0.1:{port}", engine),
        clock,
        "PACK-1",
    )
    loop = PrintRetryLoop(printing, interval=0.05)
    assert not loop.tick().did_something, "nothing is tried before its back-off"
    loop.start(lambda *r: reports.put(r))
    try:
        clock.moment += retry_delay(1)
        refused, backlog = reports.get(timeout=10)
        assert refused.fault and "Connection refused" in refused.fault
        assert (backlog.waiting, backlog.failed) == (1, 1) and backlog.error == refused.fault
        assert backlog.next_try_at == clock.moment + retry_delay(2), "the wait doubles"

        printer = LoopbackPrinter(port)
        try:
            clock.moment += retry_delay(2)
            printed, backlog = reports.get(timeout=10)
            assert printer.got_one.wait(10)
        finally:
            printer.close()
    finally:
        loop.stop()
    assert [job.subject for job in printed.printed] == [DatabasePrintJobs(engine).jobs()[0].subject]
    assert backlog == PrintBacklog(), "nothing waits any more"
    [job] = DatabasePrintJobs(engine).jobs()
    assert job.status is JobStatus.PRINTED and job.attempts == 2
    assert printer.received[0].startswith(b"^XA")
