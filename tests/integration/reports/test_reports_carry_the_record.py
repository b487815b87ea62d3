"""The device history record and the recall report, rendered and read back as text
(pdftotext): they carry the facts a quality engineer and an auditor look for, for a two-level
controller with a rework, a deviation and a test failed then passed."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from support.reworked_unit import build
from tracestation.cli import main

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def pdf_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"[ \t]+", " ", done.stdout)


def report(engine: Any, *args: str) -> int:
    return main(["--db", str(engine.url.database), "report", *args])


def test_the_device_history_record_carries_the_unit_its_tree_tests_rework_and_signatures(
    engine: Any, station: Any, tmp_path: Path, capsys: Any
) -> None:
    build(station)
    db = str(engine.url.database)
    lead = ["--lead", "B-9001", "--pin", "4321"]
    nc = ["nc", "open", "--unit", "CTRL-500/CTRL-0001", "--defect", "NO-POWER"]
    nc += ["--disposition", "rework", "--description", "dead on arrival", "--number", "NC-77"]
    assert main(["--db", db, *nc, *lead]) == 0
    assert main(["--db", db, "nc", "close", "NC-77", "--note", "board swapped", *lead]) == 0
    out = tmp_path / "dhr.pdf"

    assert report(engine, "dhr", "CTRL-0001", "--out", str(out)) == 0

    assert "written to" in capsys.readouterr().out
    page = pdf_text(out)
    assert "Device history record CTRL-500/CTRL-0001" in page
    assert "CTRL-500 Controller · serial CTRL-0001" in page
    assert "WO-1001 (CTRL-500, quantity 20, released)" in page
    assert re.search(r"Page 1 of \d", page) and "generated 20" in page
    assert "Record audit Intact: the hash chains of the 2 station(s) that recorded it" in page
    # operations with station and operator, the failed test before the passed one
    assert page.index("test Final test: FAILED") < page.index("test Final test: PASSED")
    assert "40 Pack ST-1 Ana Pop (B-1001)" in page
    # the tree to the last level: the board's capacitor lot, the kitted paste
    assert "SN PCB-0002" in page and "lot C-6001" in page
    assert "lot P-88" in page and "kitted to WO-1001" in page
    # rework: what, why and what replaced it
    assert re.search(
        r"PCBA-100/PCB-0001 .*defect COLD-JOINT \(Cold or dry .*PCBA-100/PCB-0002", page
    )
    assert re.search(r"Final test \(op 30\) FAIL NO-POWER \(Does", page)
    # the deviation and the lead's signature with printed name and meaning
    assert "lot_expired CAP-220/C-6001 WO-2001 ENG-OK B-9001" in page
    assert re.search(r"Ion Rus B-9001 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d waived lot_expired", page)
    assert "In-circuit test (op 20) PASS" in page
    # the nonconformance, closed, and its signatures
    assert re.search(
        r"NC-77 unit NO-POWER: dead on rework \d{4}-\d\d-\d\d \d\d:\d\d:\d\d closed", page
    )
    assert "board swapped" in page
    assert "closed nonconformance NC-77" in page


def test_the_recall_report_counts_both_scopes_and_lists_units_with_their_work_orders(
    engine: Any, station: Any, tmp_path: Path
) -> None:
    build(station)
    pdf, table = tmp_path / "recall.pdf", tmp_path / "recall.csv"

    assert report(engine, "recall", "--lot", "C-7781", "--part", "CAP-220", "--out", str(pdf)) == 0
    assert report(engine, "recall", "--lot", "C-7781", "--out", str(table)) == 0

    page = pdf_text(pdf)
    assert "Recall 1 unit instead of 3" in page
    assert "Held it once, removed in rework: 1 unit" in page
    assert "CTRL-500 CTRL-0001 WO-1001 packed" in page
    assert "Lot scope (what a lot-only system would recall): 3 units" in page
    rows = {r["serial"]: r for r in csv.DictReader(table.open())}
    assert set(rows) == {"CTRL-0001", "PCB-0001", "PCB-0002"}
    assert (rows["PCB-0001"]["in_unit_scope"], rows["PCB-0001"]["work_order"]) == ("yes", "WO-2001")
    assert rows["CTRL-0001"]["removed_in_rework"] == "yes"
    assert rows["CTRL-0001"]["in_unit_scope"] == "no"
    assert rows["PCB-0002"]["in_lot_scope"] == "yes" and rows["PCB-0002"]["in_unit_scope"] == "no"


def test_a_split_lot_shows_its_lineage_in_the_recall_report(
    engine: Any, station: Any, tmp_path: Path
) -> None:
    build(station)
    assert (
        main(
            [
                "--db",
                str(engine.url.database),
                "lot",
                "split",
                "CAP-220/C-7790",
                "100",
                "--new-lot",
                "C-7790-B",
                "--lead",
                "B-9001",
                "--pin",
                "4321",
            ]
        )
        == 0
    )
    out = tmp_path / "recall.pdf"
    assert report(engine, "recall", "--lot", "C-7790", "--out", str(out)) == 0
    assert "split CAP-220/C-7790 CAP-220/C-7790-B 100" in pdf_text(out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("dhr", "NOPE", "--out", "{tmp}/x.pdf"), "No unit with serial NOPE is recorded."),
        (("recall", "--lot", "NOPE", "--out", "{tmp}/x.csv"), "No lot NOPE is recorded."),
        (("dhr", "CTRL-0001", "--out", "{tmp}/no/such/x.pdf"), "does not exist. Create it"),
        (("dhr", "CTRL-0001", "--out", "{tmp}/x.txt"), "give a file name ending in .pdf"),
        (("recall", "--lot", "C-7781", "--out", "{tmp}"), "give a file name ending in .pdf"),
    ],
)
def test_a_wrong_serial_lot_or_place_is_a_clear_message_and_writes_nothing(
    engine: Any, station: Any, tmp_path: Path, capsys: Any, args: tuple[str, ...], message: str
) -> None:
    build(station)
    code = report(engine, *(a.format(tmp=tmp_path) for a in args))
    err = capsys.readouterr().err
    assert code != 0 and message in err and "Traceback" not in err
    assert not list(tmp_path.glob("x.*"))


def test_a_device_history_record_of_an_edited_journal_says_its_record_is_broken(
    engine: Any, station: Any, tmp_path: Path
) -> None:
    from sqlalchemy import text

    build(station)
    with engine.begin() as c:  # someone edits a test verdict in the journal, not rehashing
        c.execute(
            text(
                "UPDATE events SET reason = 'edited' WHERE id = "
                "(SELECT id FROM events WHERE kind = 'test_recorded' ORDER BY seq LIMIT 1)"
            )
        )
    out = tmp_path / "dhr.pdf"

    assert report(engine, "dhr", "CTRL-0001", "--out", str(out)) == 0

    assert "Record audit BROKEN: ST-1 event" in pdf_text(out)


TESTER_FILE = """serial,test,measurement,value,unit,low,high,result,tested_at
PCBA-100/PCB-7,In-circuit test,Supply voltage,3.31,V,3.2,3.4,,2026-11-30T10:15:00Z
PCBA-100/PCB-7,In-circuit test,Leakage,0.2,mA,0,0.5,,2026-11-30T10:15:00Z
"""


def test_a_testers_measurements_and_limits_are_in_the_record_at_the_time_it_tested(
    tmp_path: Path, capsys: Any
) -> None:
    db = str(tmp_path / "station.sqlite")
    scans = tmp_path / "built.scans"
    scans.write_text("B-1001\nWO:WO-2001\nOPN:10\nPCB-7\nLOT:CAP-220/C-7781\nCMD:DONE\n")
    results = tmp_path / "ict.csv"
    results.write_text(TESTER_FILE)
    assert main(["--db", db, "demo"]) == 0
    assert main(["--db", db, "replay", str(scans)]) == 0
    assert main(["--db", db, "results", "import", str(results)]) == 0
    out = tmp_path / "dhr.pdf"

    assert main(["--db", db, "report", "dhr", "PCB-7", "--out", str(out)]) == 0

    page = pdf_text(out)
    assert "2026-11-30 10:15:00 PCBA-100/PCB-7 In-circuit test (op 20) PASS" in page
    assert "Supply voltage 3.31 V 3.2 3.4 PASS" in page
    assert "Leakage 0.2 mA 0 0.5 PASS" in page
