"""A label an accepted scan calls for is a print job that commits with the scan: kept when the
printer fails (with its words, tried again after a back-off), never written for a scan that
was not recorded."""

from __future__ import annotations

from datetime import timedelta

from support.fakes import (
    FakeClock,
    FakePlant,
    FakeTransactions,
    RecordingPrinter,
    Scan,
    station_with,
)
from tracestation.station.env import StationSettings
from tracestation.station.ports import RecordNotSaved
from tracestation.station.print_queue import JobStatus
from tracestation.station.verdicts import UnitLabel

NEW_SERIAL = ("B-1001", "WO:WO-1001", "OPN:10", "CMD:NEW")


def test_an_accepted_scan_keeps_its_labels_job_and_it_prints(
    scan: Scan, transactions: FakeTransactions, printer: RecordingPrinter
) -> None:
    result = scan(*NEW_SERIAL)
    [job] = transactions.print_store.jobs()
    assert result.outcome == "accepted" and job.status is JobStatus.PRINTED
    assert isinstance(job.label, UnitLabel) and [u.serial for u in printer.units] == [
        job.label.serial
    ]


def test_a_printer_fault_keeps_the_job_failed_with_the_printers_words_and_retries_later(
    scan: Scan,
    transactions: FakeTransactions,
    printer: RecordingPrinter,
    clock: FakeClock,
    station: object,
) -> None:
    printer.fails_with = OSError("head open")
    result = scan(*NEW_SERIAL)
    assert result.outcome == "accepted" and "head open" in result.message
    assert "Label printed" not in result.message
    [job] = transactions.print_store.jobs()
    assert (job.status, job.error, job.attempts) == (JobStatus.FAILED, "head open", 1)

    printer.fails_with = None
    queued = station.printer  # type: ignore[attr-defined]
    assert queued.print_waiting() is None and printer.units == [], "not before its back-off"
    clock.moment += timedelta(seconds=10)
    assert queued.print_waiting() is None
    [job] = transactions.print_store.jobs()
    assert job.status is JobStatus.PRINTED and len(printer.units) == 1


def test_a_scan_whose_commit_fails_leaves_no_print_job(
    scan: Scan, transactions: FakeTransactions, printer: RecordingPrinter
) -> None:
    scan(*NEW_SERIAL[:-1])
    transactions.fail_next_commit(RecordNotSaved("disk full"))
    result = scan("CMD:NEW")
    assert result.outcome == "rejected" and transactions.print_store.jobs() == []
    assert printer.units == []


def test_a_station_without_a_printer_says_its_label_was_not_printed(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    station = station_with(
        plant, transactions=transactions, settings=StationSettings("ST-1", has_printer=False)
    )
    result = [station.scan(raw) for raw in NEW_SERIAL][-1]
    assert result.outcome == "accepted"
    assert result.message.endswith("No printer configured: label not printed."), result.message
    assert "printing" not in result.message and "Label printed" not in result.message
    [job] = transactions.print_store.jobs()
    assert isinstance(job.label, UnitLabel), "the label is still kept as a job"
