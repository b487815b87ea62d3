"""Four stations, each on its own SQLite file, one central PostgreSQL: they work as a line by
syncing. Boards built at A are installed at B after a sync, C tests, D packs, and the centre
answers recall and trace as one database would; holds and conflicts travel both ways."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from support.offline import Clock, Plant
from tracestation.store.audit import verify_journal
from tracestation.store.database import open_database
from tracestation.store.importer import import_master_data
from tracestation.store.tables import LotRow
from tracestation.trace.genealogy import backward
from tracestation.trace.recall import recall_scope

pytestmark = pytest.mark.postgres


BUILD = [
    ("A", ["B-1001", "WO:WO-2001", "OPN:10"]),
    ("A", ["PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE", "PCB-2", "LOT:CAP-220/C-7790", "CMD:DONE"]),
    ("A", ["OPN:20", "PCB-1", "CMD:PASS", "PCB-2", "CMD:PASS"]),
]
ASSEMBLE = [
    ("B", ["B-1002", "WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88", "CTRL-1", "CTRL-2"]),
    ("B", ["OPN:20", "CTRL-1", "PCB-1", "LOT:SCREW-M3/L-2291", "CMD:DONE"]),
    ("B", ["CTRL-2", "PCB-2", "LOT:SCREW-M3/L-2291", "CMD:DONE"]),
]
TEST = [("C", ["B-1001", "WO:WO-1001", "OPN:30", "CTRL-1", "CMD:PASS", "CTRL-2", "CMD:PASS"])]
PACK = [("D", ["B-1002", "WO:WO-1001", "OPN:40", "CTRL-1", "CTRL-2", "CMD:CLOSE"])]


def without_cartons(scope: Any) -> Any:
    """A recall without carton numbers: offline, D numbers its cartons from the block the
    centre reserved for it, and one database alone counts from 1."""
    if isinstance(scope, dict):
        return {k: without_cartons(v) for k, v in scope.items() if k != "container"}
    if isinstance(scope, list):
        return [without_cartons(v) for v in scope]
    return scope


def s_block(engine: Engine, kind: str, station: str) -> range:
    with engine.connect() as c:
        first, last = c.execute(
            text("SELECT first, last FROM identity_blocks WHERE kind = :k AND station = :s"),
            {"k": kind, "s": station},
        ).one()
    return range(first, last + 1)


def as_built(tree: dict[str, Any]) -> dict[str, Any]:
    """A tree without its times (each database stamps the same events alike, but compare what
    was built, not when it was read)."""
    return {
        key: [as_built(child) for child in value] if key == "children" else value
        for key, value in tree.items()
        if key not in ("installed_at", "removed_at")
    }


def test_four_offline_stations_build_test_and_pack_through_the_centre_as_one_database_would(
    plant: Plant, tmp_path: Path, plant_document: dict[str, Any]
) -> None:
    for steps, station in ((BUILD, "A"), (ASSEMBLE, "B"), (TEST, "C"), (PACK, "D")):
        plant.station(station)  # starts from the centre, or syncs to catch up
        plant.sync(station)
        for name, raws in steps:
            plant.scans(name, *raws)
        plant.sync(station)
    for name in "ABCD":
        assert plant.sync(name).pending == 0

    single = open_database(str(tmp_path / "single.sqlite"))
    import_master_data(single, plant_document)
    from tracestation.labels.printers import NoPrinter
    from tracestation.wiring import station_on

    clock = Clock()
    alone = {n: station_on(single, n, clock=clock, printer=NoPrinter()) for n in "ABCD"}
    for name, raws in BUILD + ASSEMBLE + TEST + PACK:
        for raw in raws:
            assert alone[name].scan(raw).outcome == "accepted"

    with Session(plant.centre) as central, Session(single) as one:
        for lot in ("C-7781", "C-7790", "L-2291"):
            assert without_cartons(recall_scope(central, lot)) == without_cartons(
                recall_scope(one, lot)
            )
        for unit in ("CTRL-1", "CTRL-2"):
            assert as_built(backward(central, unit)) == as_built(backward(one, unit))
        units = recall_scope(central, "C-7781")["unit_scope"]["units"]
        assert {u["serial"]: u["status"] for u in units} == {"PCB-1": "passed", "CTRL-1": "packed"}
        [carton] = {u["container"] for u in units if u["container"]}
        block = s_block(plant.engines["D"], "sscc", "D")
        assert int(carton[-10:-1]) in block, "D's carton number is from D's own block"
    counted, breaks = verify_journal(plant.centre)
    stations = {chain for chain in counted if not chain.startswith("IMPORT-")}  # not imports
    assert breaks == [] and stations == {"A", "B", "C", "D"}
    for name in "ABCD":
        assert verify_journal(plant.engines[name])[1] == [], f"station {name} verifies"


def test_a_central_hold_reaches_an_offline_station_and_a_scan_made_before_is_a_conflict(
    plant: Plant,
) -> None:
    from tracestation.station.lead import LeadDesk
    from tracestation.store.pins import Argon2Pins
    from tracestation.store.plant import DatabasePlant
    from tracestation.store.unit_of_work import DatabaseTransactions

    for name, raws in BUILD:
        plant.scans(name, *raws)
    plant.sync("A")
    plant.scans("B", "B-1002", "WO:WO-1001", "OPN:20")  # B synced when it started

    central_plant = DatabasePlant(plant.centre)
    desk = LeadDesk(
        central_plant,
        DatabaseTransactions(plant.centre, central_plant, "LEAD-DESK", plant.clock),
        Argon2Pins(),
    )
    lead = desk.sign_in("B-9001", "4321")
    desk.change_status(lead, "SCREW-M3", "L-2291", "hold", "supplier NCR 77")

    # B has not synced since: it does not know, and the screws go in (it happened).
    b = plant.station("B")
    b.scan("OPN:10")
    assert b.scan("CTRL-1").outcome == "accepted"
    b.scan("OPN:20")
    for raw in ("CTRL-1", "PCB-1", "LOT:SCREW-M3/L-2291"):
        assert b.scan(raw).outcome == "accepted", raw

    report = plant.sync("B")
    [raised] = report.push.conflicts
    assert (raised["kind"], raised["subject"]) == ("lot_not_released", "SCREW-M3/L-2291")
    assert raised["nonconformance"].startswith("NC-")
    assert any(c["id"] == raised["id"] for c in report.conflicts), "B is told of its conflict"
    with plant.engines["B"].connect() as c:
        status = c.scalar(select(LotRow.status).where(LotRow.code == "L-2291"))
    assert status == "hold", "the hold reached B at the same sync"

    for raw in ("CMD:DONE", "OPN:10", "CTRL-2", "OPN:20", "CTRL-2", "PCB-2"):
        assert b.scan(raw).outcome == "accepted", raw
    again = b.scan("LOT:SCREW-M3/L-2291")
    assert again.outcome == "rejected" and again.code == "lot_on_hold"
    assert "supplier NCR 77" in again.message
    with Session(plant.centre) as s:
        row = s.execute(
            text("SELECT disposition, defect_code FROM nonconformances WHERE number = :n"),
            {"n": raised["nonconformance"]},
        ).one()
    assert tuple(row) == ("pending", "lot_not_released")


def test_one_board_installed_at_two_offline_stations_is_one_conflict_and_both_units_recall(
    plant: Plant,
) -> None:
    for name, raws in BUILD:
        plant.scans(name, *raws)
    plant.sync("A")
    for name, controller in (("B", "CTRL-1"), ("E", "CTRL-2")):
        plant.scans(name, "B-1002", "WO:WO-1001", "OPN:10", controller, "OPN:20", controller)
    plant.scans("B", "PCB-1")
    plant.scans("E", "PCB-1")  # E synced before B: it does not know the board went into CTRL-1

    assert plant.sync("B").push.conflicts == []
    [raised] = plant.sync("E").push.conflicts
    assert (raised["kind"], raised["subject"]) == ("child_installed_twice", "PCBA-100/PCB-1")
    assert raised["stations"] == "B, E"
    with Session(plant.centre) as s:
        scope = recall_scope(s, "C-7781", "CAP-220")["unit_scope"]["units"]
    assert {u["serial"] for u in scope} == {"PCB-1", "CTRL-1", "CTRL-2"}, "over-inclusive"
    assert verify_journal(plant.centre)[1] == []


def a_lead_at(engine: Engine, desk: str, clock: Clock) -> Any:
    from tracestation.labels.printers import NoPrinter
    from tracestation.wiring import lead_service_on

    return lead_service_on(engine, desk, clock=clock, printer=NoPrinter())


def test_a_lead_at_the_centre_resolves_a_board_in_two_controllers_and_every_station_learns_it(
    plant: Plant,
) -> None:
    from tracestation.station.lead_requests import LeadResult, LeadSignature, ResolveConflict

    for name, raws in BUILD:
        plant.scans(name, *raws)
    plant.sync("A")
    for name, controller in (("B", "CTRL-1"), ("E", "CTRL-2")):
        plant.scans(name, "B-1002", "WO:WO-1001", "OPN:10", controller, "OPN:20", controller)
    plant.scans("B", "PCB-1")
    plant.scans("E", "PCB-1")
    plant.sync("B")
    [raised] = plant.sync("E").push.conflicts
    lead = a_lead_at(plant.centre, "LEAD-DESK-QA", plant.clock)
    signed = LeadSignature("B-9001", "4321")

    refused = lead.perform(ResolveConflict(signed, raised["id"], "accept", "it is fine"))
    wrong = lead.perform(ResolveConflict(signed, raised["id"], "remove_link", "x", "CTRL-500/X"))
    done = lead.perform(
        ResolveConflict(
            signed, raised["id"], "remove_link", "board is in CTRL-1", "CTRL-500/CTRL-1"
        )
    )

    assert (refused.result, refused.refusal) == (LeadResult.REFUSED, "conflict_needs_a_parent")
    assert (wrong.result, wrong.refusal) == (LeadResult.REFUSED, "conflict_keep_unknown")
    assert done.result is LeadResult.CONFLICT_RESOLVED and done.signed_by == "B-9001"
    with Session(plant.centre) as s:
        units = recall_scope(s, "C-7781", "CAP-220")["unit_scope"]["units"]
        assert {u["serial"] for u in units} == {"PCB-1", "CTRL-1"}, "exact again"
        children = backward(s, "CTRL-2")["children"]
        assert [(c["serial"], c["removed_at"] is not None) for c in children] == [("PCB-1", True)]
    for name in ("B", "E"):
        report = plant.sync(name)
        assert report.conflicts == [], f"{name} sees the conflict resolved"
        with Session(plant.engines[name]) as s:
            units = recall_scope(s, "C-7781", "CAP-220")["unit_scope"]["units"]
            assert {u["serial"] for u in units} == {"PCB-1", "CTRL-1"}, name
    assert verify_journal(plant.centre)[1] == []


def test_a_held_lot_used_offline_is_accepted_with_a_deviation_by_a_lead_at_the_station(
    plant: Plant,
) -> None:
    from tracestation.station.lead_requests import LeadResult, LeadSignature, ResolveConflict

    plant.station("B")
    central_lead = a_lead_at(plant.centre, "LEAD-DESK", plant.clock)
    from tracestation.station.lead_requests import ChangeLotStatus

    signed = LeadSignature("B-9001", "4321")
    held = central_lead.perform(ChangeLotStatus(signed, "PASTE-7/P-88", "hold", "viscosity"))
    assert held.ok
    plant.scans("B", "B-1002", "WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88")
    [raised] = plant.sync("B").push.conflicts
    assert raised["kind"] == "lot_not_released"

    at_station = a_lead_at(plant.engines["B"], "B", plant.clock)
    done = at_station.perform(
        ResolveConflict(signed, raised["id"], "accept", "paste tested, fit for use")
    )
    assert done.result is LeadResult.CONFLICT_RESOLVED
    assert plant.sync("B").conflicts == []
    with Session(plant.centre) as s:
        row = s.execute(
            text("SELECT status, resolution, resolved_by FROM conflicts WHERE id = :i"),
            {"i": raised["id"]},
        ).one()
        deviation = s.execute(
            text("SELECT rule, subject, lead FROM deviations WHERE rule = 'lot_not_released'")
        ).one()
    assert tuple(row) == ("resolved", "accept", "B-9001")
    assert tuple(deviation) == ("lot_not_released", "PASTE-7/P-88", "B-9001")


def test_conflicts_are_listed_and_resolved_from_the_command_line_at_the_centre(
    plant: Plant, tmp_path: Path
) -> None:
    import json
    import os
    import subprocess
    import sys

    from tracestation.station.lead_requests import ChangeLotStatus, LeadSignature

    plant.station("B")
    signed = LeadSignature("B-9001", "4321")
    assert (
        a_lead_at(plant.centre, "LEAD-DESK", plant.clock)
        .perform(ChangeLotStatus(signed, "PASTE-7/P-88", "hold", "viscosity"))
        .ok
    )
    plant.scans("B", "B-1002", "WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88")
    [raised] = plant.sync("B").push.conflicts
    url = plant.centre.url.render_as_string(hide_password=False)
    env = dict(os.environ, TRACESTATION_CONFIG=str(tmp_path / "settings.json"))

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tracestation", "--db", url, *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    listed = json.loads(cli("conflicts", "--json").stdout)["conflicts"]
    short = raised["id"][:8]
    refused = cli(
        "conflicts",
        "resolve",
        short,
        "--as",
        "remove_link",
        "--reason",
        "x",
        "--lead",
        "B-9001",
        "--pin",
        "4321",
    )
    resolved = cli(
        "conflicts",
        "resolve",
        short,
        "--as",
        "scrap",
        "--reason",
        "paste is bad",
        "--lead",
        "B-9001",
        "--pin",
        "4321",
        "--json",
    )
    after = json.loads(cli("conflicts", "--json").stdout)["conflicts"]

    assert [(c["id"], c["kind"], c["subject"]) for c in listed] == [
        (raised["id"], "lot_not_released", "PASTE-7/P-88")
    ]
    assert refused.returncode != 0
    assert "is not about a link: accept it or scrap its subject" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert resolved.returncode == 0, resolved.stderr
    assert json.loads(resolved.stdout)["signed_by"] == "B-9001"
    assert after == []
    with Session(plant.centre) as s:
        status = s.scalar(select(LotRow.status).where(LotRow.code == "P-88"))
    assert status == "rejected", "scrapping the subject of the conflict rejects the lot"


def test_a_lot_split_at_one_station_is_followed_by_a_recall_at_another(plant: Plant) -> None:
    from tracestation.station.lead_requests import LeadSignature, MergeLots, SplitLot

    plant.station("A")
    lead = a_lead_at(plant.engines["A"], "A", plant.clock)
    signed = LeadSignature("B-9001", "4321")
    split = lead.perform(SplitLot(signed, "CAP-220/C-7781", "100", "C-7781-R", "reel for SMT"))
    merged = lead.perform(
        MergeLots(signed, ("CAP-220/C-7781-R", "CAP-220/C-7790"), "C-MIX", "one feeder")
    )
    assert split.ok and merged.ok, (split, merged)
    plant.scans("A", "B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-MIX", "CMD:DONE")
    plant.sync("A")
    plant.station("B")
    for where in (plant.centre, plant.engines["B"]):
        with Session(where) as s:
            for lot in ("C-7781", "C-7790"):
                units = recall_scope(s, lot, "CAP-220")["unit_scope"]["units"]
                assert [u["serial"] for u in units] == ["PCB-1"], (where.url, lot)
