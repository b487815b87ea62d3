"""No label of an accepted scan is lost when the printer is off: the job is kept in the station
database with the printer's words, tried again with back-off, and printed once a printer on a
loopback socket answers, also by a station started again on the same database."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from tracestation.station.print_queue import JobStatus, retry_delay
from tracestation.store.plant import DatabasePlant
from tracestation.store.print_jobs import DatabasePrintJobs


def free_port() -> int:
    """A loopback port nobody listens on: a printer that is off refuses the connection."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class LoopbackPrinter:
    """A raw-port (9100) label printer on 127.0.0.1: keeps every job it is sent."""

    def __init__(self, port: int) -> None:
        self.server = socket.create_server(("127.0.0.1", port))
        self.server.settimeout(10)
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while chunk := conn.recv(65536):
                    data += chunk
                self.received.append(data)

    def close(self) -> None:
        self.server.close()


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
        for _ in range(50):
            if printer.received:
                break
            threading.Event().wait(0.1)
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
