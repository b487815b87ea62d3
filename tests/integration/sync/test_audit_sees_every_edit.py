"""`audit verify` on a plant of offline stations and its central PostgreSQL: a realistic history
(a board installed at two stations, a held lot used offline, conflicts resolved at the centre and
at a station, rework, a split and a merge) verifies clean everywhere; each edit an attacker with
write access to the centre makes is named, by the rebuild of the state tables, by the heads the
stations keep of what the centre acknowledged, or by a checkpoint."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from support.offline import Plant
from support.tamper import (
    delete_a_whole_chain,
    delete_last_event_and_move_the_head_back,
    edit_an_event_and_rehash,
    sqlalchemy_runner,
)
from tracestation.station.lead_requests import (
    ChangeLotStatus,
    LeadSignature,
    MergeLots,
    ResolveConflict,
    SplitLot,
)
from tracestation.store.audit import AuditReport, audit
from tracestation.store.audit_checkpoint import Checkpoint, make_checkpoint

pytestmark = pytest.mark.postgres

SIGNED = LeadSignature("B-9001", "4321")


def a_lead_at(engine: Engine, desk: str, plant: Plant) -> Any:
    from tracestation.labels.printers import NoPrinter
    from tracestation.wiring import lead_service_on

    return lead_service_on(engine, desk, clock=plant.clock, printer=NoPrinter())


def a_realistic_history(plant: Plant) -> None:
    """Five offline stations and the centre, with everything that makes a replica differ from
    a database that saw it all happen in one place."""
    plant.scans(
        "A",
        *("B-1001", "WO:WO-2001", "OPN:10"),
        *("PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE", "PCB-2", "LOT:CAP-220/C-7790", "CMD:DONE"),
        *("PCB-3", "LOT:CAP-220/C-7781", "CMD:DONE"),
        *("OPN:20", "PCB-1", "CMD:PASS", "PCB-2", "CMD:PASS", "PCB-3", "CMD:PASS"),
    )
    plant.sync("A")
    plant.station("E")  # E learns the boards now, and not again before it installs one
    plant.station("B")
    lead = a_lead_at(plant.centre, "LEAD-DESK", plant)
    assert lead.perform(ChangeLotStatus(SIGNED, "SCREW-M3/L-2291", "hold", "supplier NCR")).ok
    # B has not synced since the hold: the screws go in (it happened).
    plant.scans(
        "B",
        *("B-1002", "WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88", "CTRL-1", "CTRL-2"),
        *("OPN:20", "CTRL-1", "PCB-1", "LOT:SCREW-M3/L-2291", "CMD:DONE"),
    )
    [held] = plant.sync("B").push.conflicts
    plant.scans("E", "B-1002", "WO:WO-1001", "OPN:10", "CTRL-3", "OPN:20", "CTRL-3", "PCB-1")
    [twice] = plant.sync("E").push.conflicts
    assert lead.perform(
        ResolveConflict(SIGNED, twice["id"], "remove_link", "board is in CTRL-1", "CTRL-500/CTRL-1")
    ).ok
    assert lead.perform(ChangeLotStatus(SIGNED, "SCREW-M3/L-2291", "release", "NCR closed")).ok
    plant.sync("B")
    at_b = a_lead_at(plant.engines["B"], "B", plant)
    assert at_b.perform(ResolveConflict(SIGNED, held["id"], "accept", "screws checked")).ok
    assert at_b.perform(SplitLot(SIGNED, "CAP-220/C-7790", "100", "C-7790-A", "kit")).ok
    plant.scans(
        "B",
        *("OPN:20", "CTRL-2", "PCB-2", "LOT:SCREW-M3/L-2291", "CMD:DONE"),
        *("OPN:30", "CTRL-1", "CMD:FAIL"),
        *("OPN:20", "CTRL-1", "CMD:REMOVE", "PCB-1", "PCB-3", "CMD:DONE"),
    )
    plant.sync("B")
    assert lead.perform(MergeLots(SIGNED, ("PASTE-7/P-88", "PASTE-7/P-90"), "P-M1", "")).ok
    plant.scans("C", "B-1001", "WO:WO-1001", "OPN:30", "CTRL-1", "CMD:PASS", "CTRL-2", "CMD:PASS")
    plant.sync("C")
    plant.scans("D", "B-1002", "WO:WO-1001", "OPN:40", "CTRL-1", "CTRL-2", "CMD:CLOSE")
    plant.sync("D")
    for name in "ABCDE":
        plant.sync(name)


def problems(report: AuditReport) -> list[str]:
    return [b.problem for b in report.breaks] + [d.problem for d in report.state.differences]


@pytest.fixture
def plant_document(plant_document: dict[str, Any]) -> dict[str, Any]:
    """The demo plant with a second paste lot, to merge."""
    plant_document["lots"].append(
        {"part": "PASTE-7", "lot": "P-90", "quantity": 300, "supplier": "Dow", "status": "released"}
    )
    return plant_document


@pytest.fixture
def history(plant: Plant) -> Plant:
    a_realistic_history(plant)
    return plant


def test_a_realistic_history_verifies_clean_at_the_centre_and_at_every_station(
    history: Plant,
) -> None:
    centre = audit(history.centre)
    assert centre.ok, problems(centre)
    assert centre.state.events_applied > 50
    for name, engine in history.engines.items():
        report = audit(engine, central=history.centre)
        assert report.ok, (name, problems(report))
        assert any("acknowledged" in a.source for a in report.anchors) or name == "E"
        own = audit(engine, checkpoint=Checkpoint(make_checkpoint(engine)))
        assert own.ok, (name, problems(own))
    held = audit(history.centre, checkpoint=Checkpoint(make_checkpoint(history.centre)))
    assert held.ok, problems(held)


def journal_records_imports(engine: Engine) -> bool:
    with engine.connect() as c:
        found = c.scalar(text("SELECT 1 FROM events WHERE kind = 'master_data_changed' LIMIT 1"))
    return found is not None


def centre_edit(plant: Plant, sql: str, **params: Any) -> None:
    with plant.centre.begin() as c:
        c.execute(text(sql), params)


def test_the_last_event_deleted_at_the_centre_with_its_head_moved_back_is_named(
    history: Plant,
) -> None:
    before = Checkpoint(make_checkpoint(history.centre))
    stations_checkpoint = Checkpoint(make_checkpoint(history.engines["D"]))
    with history.centre.begin() as c:
        gone = delete_last_event_and_move_the_head_back(sqlalchemy_runner(c), "D")

    held_to_checkpoint = audit(history.centre, checkpoint=before)
    held_by_station = audit(history.engines["D"], central=history.centre)
    held_to_stations_checkpoint = audit(history.centre, checkpoint=stations_checkpoint)

    assert any(
        "says this centre acknowledged" in b.problem for b in held_to_stations_checkpoint.breaks
    ), problems(held_to_stations_checkpoint)
    assert any("not this one" in n for n in held_to_stations_checkpoint.state.notes)
    for report in (held_to_checkpoint, held_by_station, held_to_stations_checkpoint):
        assert not report.ok
        assert any(b.station == "D" and b.seq == gone.seq for b in report.breaks), problems(report)
    assert any("no longer has it" in p for p in problems(held_by_station))


def test_an_event_edited_at_the_centre_with_the_chain_rehashed_is_named(history: Plant) -> None:
    before = Checkpoint(make_checkpoint(history.centre))
    with history.centre.begin() as c:
        edited = edit_an_event_and_rehash(
            sqlalchemy_runner(c), "A", "lot_installed", {"lot": "C-7790"}
        )

    plain = audit(history.centre)
    held_to_checkpoint = audit(history.centre, checkpoint=before)
    held_by_station = audit(history.engines["A"], central=history.centre)

    assert not plain.breaks, "the chain verifies: only what it made differs"
    assert any(d.key == edited.id and d.field == "child" for d in plain.state.differences)
    assert any("rewritten" in b.problem and b.station == "A" for b in held_to_checkpoint.breaks)
    assert any("rewritten" in p for p in problems(held_by_station))


def test_a_whole_station_chain_deleted_at_the_centre_with_its_head_is_named(
    history: Plant,
) -> None:
    before = Checkpoint(make_checkpoint(history.centre))
    with history.centre.begin() as c:
        delete_a_whole_chain(sqlalchemy_runner(c), "C")

    held_to_checkpoint = audit(history.centre, checkpoint=before)
    held_by_station = audit(history.engines["C"], central=history.centre)

    assert any(
        b.station == "C" and "every event of the station is gone" in b.problem
        for b in held_to_checkpoint.breaks
    ), problems(held_to_checkpoint)
    assert any(b.station == "C" for b in held_by_station.breaks), problems(held_by_station)


@pytest.mark.parametrize(
    ("edit", "subject", "field"),
    [
        (
            "DELETE FROM genealogy_links WHERE parent_unit_id = "
            "(SELECT id FROM units WHERE serial = 'CTRL-2') AND child_unit_id IS NOT NULL",
            "link",
            None,
        ),
        (
            "UPDATE genealogy_links SET parent_unit_id = (SELECT id FROM units WHERE "
            "serial = 'CTRL-3') WHERE child_unit_id = (SELECT id FROM units WHERE "
            "serial = 'PCB-2')",
            "link",
            "parent",
        ),
        ("UPDATE lots SET quantity = quantity + 1000 WHERE code = 'C-7781'", "lot", "quantity"),
        ("UPDATE units SET status = 'passed' WHERE serial = 'CTRL-3'", "unit", "status"),
        ("UPDATE operators SET role = 'lead' WHERE badge = 'B-1001'", "operator", "role"),
        (
            "UPDATE operators SET pin_hash = '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' "
            "WHERE badge = 'B-9001'",
            "operator",
            "pin_hash",
        ),
    ],
    ids=["link-deleted", "link-retargeted", "lot-quantity", "unit-status", "promoted", "pin-hash"],
)
def test_an_edit_of_the_centres_state_tables_is_named(
    history: Plant, edit: str, subject: str, field: str | None
) -> None:
    before = Checkpoint(make_checkpoint(history.centre))
    centre_edit(history, edit)

    reports = [audit(history.centre, checkpoint=before)]
    if journal_records_imports(history.centre) or subject in ("link", "unit"):
        reports.append(audit(history.centre))  # no checkpoint needed
    for report in reports:
        assert not report.ok
        assert not report.breaks
        named = [d for d in report.state.differences if d.subject == subject]
        assert named and all(d.field == field for d in named), problems(report)


def station_edit(plant: Plant, name: str) -> Any:
    return plant.engines[name].begin()


def test_a_station_holds_its_tail_to_what_the_centre_acknowledged_and_to_the_centre(
    history: Plant,
) -> None:
    with station_edit(history, "B") as c:
        gone = delete_last_event_and_move_the_head_back(sqlalchemy_runner(c), "B")

    alone = audit(history.engines["B"])
    with station_edit(history, "B") as c:
        c.execute(text("DELETE FROM acknowledged_heads"))  # an attacker who read the source
    without_acks = audit(history.engines["B"])
    held_by_centre = audit(history.engines["B"], central=history.centre)

    assert any(
        b.station == "B" and b.seq == gone.seq and "acknowledged" in b.problem for b in alone.breaks
    ), problems(alone)
    assert not any(b.station == "B" for b in without_acks.breaks)
    assert any(
        b.station == "B" and b.seq == gone.seq and "the centre" in b.problem
        for b in held_by_centre.breaks
    ), problems(held_by_centre)


def test_a_station_chain_rehashed_or_gone_is_named_by_what_the_centre_acknowledged(
    history: Plant,
) -> None:
    with station_edit(history, "B") as c:
        edit_an_event_and_rehash(sqlalchemy_runner(c), "B", "lot_consumed", {"qty": "1"})
    with station_edit(history, "A") as c:
        delete_a_whole_chain(sqlalchemy_runner(c), "A")

    b, a = audit(history.engines["B"]), audit(history.engines["A"])

    assert any(x.station == "B" and "rewritten" in x.problem for x in b.breaks), problems(b)
    assert any(
        x.station == "A" and "every event of the station is gone" in x.problem for x in a.breaks
    ), problems(a)


def test_audit_verify_with_central_from_the_command_line(history: Plant, tmp_path: Any) -> None:
    import json
    import os
    import subprocess
    import sys

    url = history.centre.url.render_as_string(hide_password=False)
    station = str(history.engines["C"].url.database)
    env = dict(os.environ, TRACESTATION_CONFIG=str(tmp_path / "settings.json"))

    def verify(*extra: str) -> tuple[int, Any]:
        done = subprocess.run(
            [sys.executable, "-m", "tracestation", "--db", station, "audit", "verify", *extra],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done.returncode, json.loads(done.stdout) if "--json" in extra else done.stdout

    clean = verify("--json", "--central", url)
    with history.engines["C"].begin() as c:
        delete_last_event_and_move_the_head_back(sqlalchemy_runner(c), "C")
        c.execute(text("DELETE FROM acknowledged_heads"))
    tampered = verify("--json", "--central", url)
    text_code, printed = verify("--central", url)

    assert clean[0] == 0 and clean[1]["ok"], clean
    assert any(a["source"].startswith("the centre") for a in clean[1]["anchors"])
    assert tampered[0] == 3 and any(b["station"] == "C" for b in tampered[1]["breaks"])
    assert text_code == 3 and "BROKEN C event" in printed
