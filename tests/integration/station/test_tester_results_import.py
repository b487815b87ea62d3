"""Tester result files into the database: every measurement with its limits in the
measurements table, a refused file moved aside with its reason and nothing written, a file
imported twice adding nothing, and a watched folder taking the files a tester drops."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tracestation.station.tester_results import FileImport
from tracestation.store.quality_records import DatabaseQualityRecords
from tracestation.store.tables import EventRow, MeasurementRow, TestRecordRow, UnitRow
from tracestation.testers.folder import import_path
from tracestation.testers.watch import ResultsFolderWatcher
from tracestation.wiring import tester_results_on as results_on

HEADER = "serial,test,measurement,value,unit,low,high,result,tested_at\n"
ICT = (
    HEADER
    + "PCB-1,In-circuit test,R1,10.02,kOhm,9.9,10.1,PASS,2026-11-30T10:15:00Z\n"
    + "PCB-1,In-circuit test,Supply,5.01,V,4.75,5.25,,2026-11-30T10:15:00Z\n"
    + "PCB-2,In-circuit test,Supply,5.61,V,4.75,5.25,,2026-11-30T10:16:00Z\n"
)


def built(scan: Any) -> None:
    scan("B-1001", "WO:WO-2001", "OPN:10")
    for serial in ("PCB-1", "PCB-2"):
        scan(serial, "LOT:CAP-220/C-7781", "CMD:DONE")


def counts(engine: Any) -> tuple[int, int, int]:
    with Session(engine) as s:
        return (
            s.scalar(select(func.count()).select_from(EventRow)) or 0,
            s.scalar(select(func.count()).select_from(TestRecordRow)) or 0,
            s.scalar(select(func.count()).select_from(MeasurementRow)) or 0,
        )


def status(engine: Any, serial: str) -> str:
    with Session(engine) as s:
        return s.scalars(select(UnitRow.status).where(UnitRow.serial == serial)).one()


def test_a_result_file_is_recorded_with_every_measurement_and_its_limits(
    engine: Any, scan: Any, tmp_path: Path
) -> None:
    built(scan)
    path = tmp_path / "ict-001.csv"
    path.write_text(ICT)
    [outcome] = import_path(path, results_on(engine, "TESTER-1"), keep_imported=True)
    assert (outcome.status, outcome.tests, outcome.failed) == (FileImport.IMPORTED, 2, 1)
    assert (status(engine, "PCB-1"), status(engine, "PCB-2")) == ("passed", "failed")
    [good] = DatabaseQualityRecords(engine).test_results("PCBA-100", "PCB-1")
    assert (good.test, good.operation, good.passed, good.source) == (
        "In-circuit test",
        "20",
        True,
        "ict-001.csv",
    )
    assert good.station == "TESTER-1" and good.content_hash == outcome.content_hash
    assert good.tested_at is not None and good.tested_at.isoformat() == "2026-11-30T10:15:00+00:00"
    assert [m.to_json() for m in good.measurements] == [
        {
            "name": "R1",
            "value": "10.020000",
            "unit": "kOhm",
            "low": "9.900000",
            "high": "10.100000",
            "passed": True,
        },
        {
            "name": "Supply",
            "value": "5.010000",
            "unit": "V",
            "low": "4.750000",
            "high": "5.250000",
            "passed": True,
        },
    ]
    assert path.exists()  # a file named on the command line stays where it is


def test_the_same_file_imported_twice_adds_nothing(engine: Any, scan: Any, tmp_path: Path) -> None:
    built(scan)
    path = tmp_path / "ict-001.csv"
    path.write_text(ICT)
    results = results_on(engine, "TESTER-1")
    import_path(path, results, keep_imported=True)
    before = counts(engine)
    [again] = import_path(path, results, keep_imported=True)
    assert again.status is FileImport.ALREADY_IMPORTED
    assert counts(engine) == before


def test_a_malformed_file_is_moved_aside_with_its_reason_and_nothing_is_written(
    engine: Any, scan: Any, tmp_path: Path
) -> None:
    built(scan)
    folder = tmp_path / "results"
    folder.mkdir()
    # A good row, then one whose verdict contradicts its limits: the whole file is refused.
    (folder / "ict-002.csv").write_text(
        ICT + "PCB-2,In-circuit test,R1,10.02,kOhm,9.9,10.1,FAIL,2026-11-30T10:16:00Z\n"
    )
    (folder / "cut.json").write_text('{"results": [{"serial": "PCB-1", "te')
    before = counts(engine)
    outcomes = import_path(folder, results_on(engine, "TESTER-1"))
    assert [o.status for o in outcomes] == [FileImport.REFUSED, FileImport.REFUSED]
    assert counts(engine) == before
    assert (status(engine, "PCB-1"), status(engine, "PCB-2")) == ("in_process", "in_process")
    assert sorted(p.name for p in folder.iterdir()) == ["rejected"]
    why = (folder / "rejected" / "ict-002.csv.rejected.txt").read_text()
    assert "R1: result FAIL but 10.02 kOhm lies within its limits 9.9..10.1" in why
    assert "nothing of it was recorded" in why
    assert "not valid JSON" in (folder / "rejected" / "cut.json.rejected.txt").read_text()


def test_a_watched_folder_takes_a_file_once_the_tester_has_finished_writing_it(
    engine: Any, scan: Any, tmp_path: Path
) -> None:
    built(scan)
    folder = tmp_path / "drop"
    seen: list[Any] = []
    watcher = ResultsFolderWatcher(folder, results_on(engine, "TESTER-1"), seen.append)
    folder.mkdir()
    (folder / "ict-001.csv").write_text(ICT)
    assert watcher.poll_once() == []  # first look: it may still be growing
    [outcome] = watcher.poll_once()
    assert outcome.status is FileImport.IMPORTED and seen == [outcome]
    assert (folder / "imported" / "ict-001.csv").exists()
    (folder / "copy.csv").write_text(ICT)
    watcher.poll_once()
    [again] = watcher.poll_once()
    assert again.status is FileImport.ALREADY_IMPORTED
    assert (folder / "imported" / "copy.csv").exists()
    assert counts(engine)[1] == 2
