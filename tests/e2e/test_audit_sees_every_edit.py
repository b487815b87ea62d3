"""`tracestation audit verify` as an auditor runs it on a copy of a station's database that
someone with the file edited with sqlite3: every edit is named, with the exit code 3; the
untouched database, with rework, a hold, a split and two stations on one file, verifies clean.

`audit checkpoint --out FILE` is taken first and kept apart, as the README says to: it anchors
the chains (a tail removed, a chain rehashed or gone with its head is named) and, where the
journal records no import, the lots' figures and the master data."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from e2e.cli_runner import Cli, refused
from support.tamper import (
    delete_a_whole_chain,
    delete_last_event_and_move_the_head_back,
    edit_an_event_and_rehash,
    sqlite_runner,
)

ROOT = Path(__file__).resolve().parents[2]
WALKTHROUGH = ROOT / "resources" / "demo" / "first-units.scans"
SECOND_STATION = ["B-1002", "WO:WO-2001", "OPN:10", "PCB-0003", "LOT:CAP-220/C-7790", "CMD:DONE"]
LEAD = ("--lead", "B-9001", "--pin", "4321", "--station", "LEAD-1")


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A station database with a realistic history, and a checkpoint of it (made once)."""
    folder = tmp_path_factory.mktemp("worked")
    cli = Cli(db=folder / "station.sqlite", workdir=folder)
    cli.run("demo")
    lines = WALKTHROUGH.read_text(encoding="utf-8").splitlines()
    scans = [line for line in lines if line.strip() and not line.startswith("#")]
    assert not refused(cli.replay(scans, "ST-1"))
    assert not refused(cli.replay(SECOND_STATION, "ST-2"))
    cli.run("lot", "hold", "SCREW-M3/L-2291", "--reason", "supplier NCR 77", *LEAD)
    cli.run("lot", "split", "CAP-220/C-7781", "500", "--new-lot", "C-7781-A", *LEAD)
    cli.run("lot", "release", "SCREW-M3/L-2291", "--reason", "NCR closed", *LEAD)
    checkpoint = folder / "checkpoint.json"
    cli.run("audit", "checkpoint", "--out", str(checkpoint))
    return cli.db, checkpoint


@pytest.fixture
def copy(worked: tuple[Path, Path], tmp_path: Path) -> Cli:
    """A copy of the worked database, for this test to tamper with."""
    shutil.copy(worked[0], tmp_path / "station.sqlite")
    return Cli(db=tmp_path / "station.sqlite", workdir=tmp_path)


def verify(cli: Cli, *extra: str) -> tuple[int, dict[str, Any]]:
    proc = cli.run("audit", "verify", "--json", *extra, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def with_checkpoint(cli: Cli, worked: tuple[Path, Path]) -> tuple[int, dict[str, Any]]:
    return verify(cli, "--checkpoint", str(worked[1]))


def differences(report: dict[str, Any]) -> list[dict[str, Any]]:
    return list(report["state"]["differences"])


def journal_records_imports(cli: Cli) -> bool:
    with cli.sql() as c:
        return (
            c.execute("SELECT 1 FROM events WHERE kind = 'master_data_changed'").fetchone()
            is not None
        )


def test_an_untouched_database_with_rework_a_hold_a_split_and_two_stations_verifies_clean(
    copy: Cli, worked: tuple[Path, Path]
) -> None:
    code, report = verify(copy)
    anchored_code, anchored = with_checkpoint(copy, worked)
    text = copy.run("audit", "verify").stdout

    assert (code, anchored_code) == (0, 0), (report, anchored)
    assert report["ok"] is True and report["breaks"] == [] and differences(report) == []
    assert set(report["stations"]) >= {"ST-1", "ST-2", "LEAD-1"}
    assert report["state"]["events_applied"] == sum(report["stations"].values())
    assert {a["station"] for a in anchored["anchors"]} >= {"ST-1", "ST-2", "LEAD-1"}
    assert "Journal intact." in text and "State tables match" in text


def test_the_last_event_deleted_with_the_head_moved_back_is_named(
    copy: Cli, worked: tuple[Path, Path]
) -> None:
    with copy.sql() as c:
        gone = delete_last_event_and_move_the_head_back(sqlite_runner(c), "ST-1")

    code, report = with_checkpoint(copy, worked)

    assert code == 3 and report["ok"] is False
    [named] = [b for b in report["breaks"] if b["station"] == "ST-1"]
    assert named["seq"] == gone.seq and "gone" in named["problem"]
    assert "checkpoint" in named["problem"]


def test_an_event_edited_with_the_chain_rehashed_is_named(
    copy: Cli, worked: tuple[Path, Path]
) -> None:
    with copy.sql() as c:
        edited = edit_an_event_and_rehash(
            sqlite_runner(c), "ST-1", "lot_installed", {"lot": "C-7790"}
        )

    plain_code, plain = verify(copy)
    code, anchored = with_checkpoint(copy, worked)

    assert plain_code == 3 and plain["breaks"] == [], "the rehashed chain itself verifies"
    named = [d for d in differences(plain) if d["key"] == edited.id]
    assert {d["subject"] for d in named} == {"link", "consumption"}, "what the event made"
    [link] = [d for d in named if d["subject"] == "link"]
    assert link["field"] == "child"
    assert (link["live"], link["expected"]) == ("lot CAP-220/C-7781", "lot CAP-220/C-7790")
    assert code == 3
    assert any(
        b["station"] == "ST-1" and "rewritten" in b["problem"] for b in anchored["breaks"]
    ), anchored["breaks"]


def test_a_whole_station_chain_deleted_with_its_head_is_named(
    copy: Cli, worked: tuple[Path, Path]
) -> None:
    with copy.sql() as c:
        delete_a_whole_chain(sqlite_runner(c), "ST-2")

    code, report = with_checkpoint(copy, worked)

    assert code == 3
    assert "ST-2" not in report["stations"]
    assert any(
        b["station"] == "ST-2" and "every event of the station is gone" in b["problem"]
        for b in report["breaks"]
    ), report["breaks"]
    assert any(d["key"] == "PCBA-100/PCB-0003" for d in differences(report)), (
        "the unit ST-2 registered is left with no event that made it"
    )


STATE_EDITS = {
    "link-deleted": (
        "DELETE FROM genealogy_links WHERE child_unit_id = "
        "(SELECT id FROM units WHERE serial = 'PCB-0002')",
        "link",
        None,
    ),
    "link-retargeted": (
        "UPDATE genealogy_links SET parent_unit_id = (SELECT id FROM units WHERE serial = "
        "'PCB-0003') WHERE child_lot_id = (SELECT id FROM lots WHERE code = 'C-7781') "
        "AND parent_unit_id = (SELECT id FROM units WHERE serial = 'PCB-0001')",
        "link",
        "parent",
    ),
    "lot-quantity": (
        "UPDATE lots SET quantity = quantity + 1000 WHERE code = 'C-7781'",
        "lot",
        "quantity",
    ),
    "unit-status": (
        "UPDATE units SET status = 'passed' WHERE serial = 'PCB-0003'",
        "unit",
        "status",
    ),
    "operator-promoted": (
        "UPDATE operators SET role = 'lead' WHERE badge = 'B-1001'",
        "operator",
        "role",
    ),
    "pin-hash-replaced": (
        "UPDATE operators SET pin_hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' "
        "WHERE badge = 'B-9001'",
        "operator",
        "pin_hash",
    ),
}


@pytest.mark.parametrize("edit", list(STATE_EDITS))
def test_an_edit_of_the_state_tables_is_named(
    copy: Cli, worked: tuple[Path, Path], edit: str
) -> None:
    sql, subject, field = STATE_EDITS[edit]
    with copy.sql() as c:
        assert c.execute(sql).rowcount >= 1

    code, report = with_checkpoint(copy, worked)
    text = copy.run("audit", "verify", "--checkpoint", str(worked[1]), check=False).stdout

    assert code == 3 and report["ok"] is False and report["breaks"] == []
    named = [d for d in differences(report) if d["subject"] == subject]
    assert named and all(d["field"] == field for d in named), differences(report)
    assert all(d["problem"] in text for d in named)
    if subject == "operator":
        assert "$argon2" not in text and "$argon2" not in json.dumps(report), "no PIN hash shown"
    if journal_records_imports(copy) or subject in ("link", "unit"):
        plain_code, plain = verify(copy)
        assert plain_code == 3
        assert [d for d in differences(plain) if d["subject"] == subject], differences(plain)


def test_a_recall_changed_by_a_deleted_link_is_named_with_the_link(copy: Cli) -> None:
    """The issue's case: a link deleted turns a recall's unit scope from 1 to 0."""
    before = json.loads(copy.run("recall", "--lot", "C-7790", "--json").stdout)
    with copy.sql() as c:
        c.execute(
            "DELETE FROM genealogy_links WHERE child_lot_id = "
            "(SELECT id FROM lots WHERE code = 'C-7790')"
        )
    after = json.loads(copy.run("recall", "--lot", "C-7790", "--json").stdout)
    code, report = verify(copy)

    assert before["unit_scope"]["count"] > after["unit_scope"]["count"]
    assert code == 3
    assert any("lot CAP-220/C-7790" in d["problem"] for d in differences(report))


def test_a_checkpoint_that_is_not_one_is_refused_with_a_reason(copy: Cli) -> None:
    bad = copy.workdir / "not-a-checkpoint.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")

    failed = copy.fails("audit", "verify", "--checkpoint", str(bad))

    assert "not a checkpoint" in failed.stderr


def test_audit_checkpoint_writes_each_stations_head_and_to_stdout_without_out(
    copy: Cli,
) -> None:
    document = json.loads(copy.run("audit", "checkpoint").stdout)
    with sqlite3.connect(copy.db) as c:
        heads = dict(c.execute("SELECT station, seq FROM station_heads").fetchall())

    assert {h["station"]: h["seq"] for h in document["stations"]} == heads
    assert all(set(h) == {"station", "seq", "hash", "time"} for h in document["stations"])
    assert document["format"] == "tracestation-checkpoint" and document["version"] == 1
    assert "$argon2" not in json.dumps(document)
