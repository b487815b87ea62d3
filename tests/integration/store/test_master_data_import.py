"""Importing master data into a real database: a refused file writes nothing, an accepted one
writes in short transactions, each with a `master_data_changed` event saying what it changed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from sqlalchemy import Engine, select
from sqlalchemy.exc import OperationalError

from support.master_data_strategies import master_data_documents
from support.snapshots import record_snapshot
from tracestation.domain.masterdata import MasterDataError
from tracestation.store import importer
from tracestation.store.importer import ImportInterrupted, import_master_data
from tracestation.store.tables import EventRow, LotRow, OperatorRow, PartRow, PlantMetaRow

ROOT = Path(__file__).resolve().parents[3]


def demo() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((ROOT / "resources/demo/plant.json").read_text())
    return document


def master_data_events(engine: Engine) -> list[EventRow]:
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        rows = s.scalars(
            select(EventRow)
            .where(EventRow.kind == "master_data_changed")
            .order_by(EventRow.time, EventRow.seq)
        ).all()
        s.expunge_all()
        return list(rows)


def refused(engine: Engine, document: Any) -> list[str]:
    before = record_snapshot(engine)
    with pytest.raises(MasterDataError) as refusal:
        import_master_data(engine, document)
    assert record_snapshot(engine) == before, "a refused file wrote something"
    return [str(problem) for problem in refusal.value.problems]


def version(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.scalar(select(PlantMetaRow.value).where(PlantMetaRow.key == "master_data")))


# --- refusals --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzzed_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    from tracestation.store.database import open_database

    engine = open_database(str(tmp_path_factory.mktemp("fuzz") / "station.sqlite"))
    import_master_data(engine, demo())
    yield engine
    engine.dispose()


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(document=master_data_documents())
def test_a_fuzzed_file_is_imported_or_refused_whole_and_never_crashes(
    fuzzed_database: Engine, document: Any
) -> None:
    engine = fuzzed_database
    before = record_snapshot(engine)
    try:
        import_master_data(engine, document)
    except MasterDataError as refusal:
        event("refused")
        assert refusal.problems
        assert record_snapshot(engine) == before, "a refused file wrote something"
        return
    event("imported, changing something" if record_snapshot(engine) != before else "imported")
    after = record_snapshot(engine)
    with engine.connect() as c:
        parts = set(c.scalars(select(PartRow.number)))
        lots = {(part, code) for part, code in c.execute(select(LotRow.part, LotRow.code))}
        badges = set(c.scalars(select(OperatorRow.badge)))
    assert {p["number"] for p in document.get("parts") or []} <= parts
    assert {(lot["part"], lot["lot"]) for lot in document.get("lots") or []} <= lots
    assert {op["badge"] for op in document.get("operators") or []} <= badges
    assert not import_master_data(engine, document).changed, "importing it again changed it"
    assert record_snapshot(engine) == after


def test_a_gtin_held_by_another_part_in_the_database_is_refused_and_nothing_written(
    engine: Engine,
) -> None:
    document = {
        "parts": [{"number": "GADGET-1", "tracking": "lot", "gtin": "09506000134352"}],
        "lots": [{"part": "GADGET-1", "lot": "G-1", "quantity": 1}],
    }

    assert refused(engine, document) == [
        "parts[0] (GADGET-1), field 'gtin': '09506000134352' is already the GTIN of part "
        "CTRL-500 in the database; a GTIN names one part: use another one here, or give "
        "CTRL-500 another GTIN in this file"
    ]


def test_a_bom_cycle_through_the_database_is_refused_and_nothing_written(engine: Engine) -> None:
    document = {
        "boms": [
            {"parent": "PCBA-100", "lines": [{"part": "CTRL-500", "qty": 1, "operation": "10"}]}
        ]
    }

    assert refused(engine, document) == [
        "boms[0] (PCBA-100), field 'lines': the BOMs make a cycle, PCBA-100 → CTRL-500 → "
        "PCBA-100: a part would be inside itself; take one of these lines out"
    ]


def test_a_work_order_already_started_cannot_shrink_below_its_units(
    engine: Engine, scan: Any
) -> None:
    scan(
        "B-1001",
        "WO:WO-2001",
        "OPN:10",
        "PCB-1",
        "LOT:CAP-220/C-7781",
        "CMD:DONE",
        "OPN:10",
        "PCB-2",
    )

    assert refused(
        engine, {"work_orders": [{"number": "WO-2001", "part": "PCBA-100", "quantity": 1}]}
    ) == ["work_orders[0] (WO-2001), field 'quantity': 1 is below the 2 units already registered"]


# --- what an import writes --------------------------------------------------------------------


def test_a_promotion_to_lead_is_an_event_with_the_role_and_pin_hash_before_and_after(
    engine: Engine,
) -> None:
    promoted = {"badge": "B-1001", "name": "Ana Pop", "role": "lead", "pin": "86420975"}

    report = import_master_data(engine, {"operators": [promoted]}, station="IMPORT-DESK")

    event = master_data_events(engine)[-1]
    assert (event.station, event.operator, report.events) == ("IMPORT-DESK", None, 1)
    assert event.payload["section"] == "operators"
    (change,) = event.payload["changes"]
    assert change["before"] == {
        "badge": "B-1001",
        "name": "Ana Pop",
        "role": "operator",
        "pin_hash": None,
    }
    after = change["after"]
    assert after["role"] == "lead" and after["pin_hash"].startswith("$argon2id$")
    with engine.connect() as c:
        assert (
            c.scalar(select(OperatorRow.pin_hash).where(OperatorRow.badge == "B-1001"))
            == (after["pin_hash"])
        )
    assert "86420975" not in json.dumps(event.payload)


def test_a_new_pin_is_an_event_and_the_same_pin_again_changes_nothing(engine: Engine) -> None:
    lead = {"badge": "B-9001", "name": "Ion Rus", "role": "lead"}
    import_master_data(engine, {"operators": [{**lead, "pin": "97531864"}]})
    events = len(master_data_events(engine))

    again = import_master_data(engine, {"operators": [{**lead, "pin": "97531864"}]})

    (change,) = master_data_events(engine)[-1].payload["changes"]
    assert change["before"]["pin_hash"] != change["after"]["pin_hash"]
    assert not again.changed and again.events == 0
    assert len(master_data_events(engine)) == events


def test_importing_the_same_file_again_writes_no_event_and_keeps_the_version(
    engine: Engine,
) -> None:
    events, was = len(master_data_events(engine)), version(engine)

    report = import_master_data(engine, demo())

    assert not report.changed and report.events == 0
    assert (len(master_data_events(engine)), version(engine)) == (events, was)


def test_parts_may_swap_gtins_and_each_change_is_on_the_record(engine: Engine) -> None:
    document = {
        "parts": [
            {
                "number": "CAP-220",
                "description": "Capacitor 220 uF 25 V",
                "tracking": "lot",
                "gtin": "09506000134352",
                "supplier_parts": ["EEE-FK1E221P"],
            },
            {
                "number": "CTRL-500",
                "description": "Controller",
                "tracking": "serial",
                "gtin": "09506000134376",
            },
        ]
    }

    import_master_data(engine, document)

    with engine.connect() as c:
        gtins = {number: gtin for number, gtin in c.execute(select(PartRow.number, PartRow.gtin))}
    assert (gtins["CAP-220"], gtins["CTRL-500"]) == ("09506000134352", "09506000134376")
    changes = master_data_events(engine)[-1].payload["changes"]
    assert [(c["after"]["number"], c["before"]["gtin"], c["after"]["gtin"]) for c in changes] == [
        ("CTRL-500", "09506000134352", "09506000134376"),
        ("CAP-220", "09506000134376", "09506000134352"),
    ]


def test_a_large_import_is_written_in_chunks_of_500_each_with_its_event(engine: Engine) -> None:
    lots = [{"part": "SCREW-M3", "lot": f"L-{i:05}", "quantity": 10} for i in range(1201)]
    was = version(engine)

    report = import_master_data(engine, {"lots": lots}, source="lots.json")

    events = [e.payload for e in master_data_events(engine)][-3:]
    assert [len(e["changes"]) for e in events] == [500, 500, 201]
    assert {e["import_id"] for e in events} == {events[0]["import_id"]}
    assert [e["chunk"] for e in events] == [1, 2, 3]
    assert events[0]["source"] == "lots.json"
    assert events[2]["changes"][-1] == {
        "before": None,
        "after": {
            "part": "SCREW-M3",
            "lot": "L-01200",
            "quantity": "10",
            "expiry": None,
            "supplier": None,
            "status": "released",
            "status_reason": None,
        },
    }
    assert report.sections["lots"].created == 1201
    assert version(engine) == was + 1


def test_an_import_cut_off_half_way_keeps_whole_chunks_and_finishes_when_run_again(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    lots = [{"part": "SCREW-M3", "lot": f"L-{i:05}", "quantity": 10} for i in range(1200)]
    real_write = importer.write_lots
    calls = []

    def disk_full_on_the_second_chunk(*args: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise OperationalError("INSERT", {}, Exception("database or disk is full"))
        return real_write(*args)

    monkeypatch.setattr(importer, "write_lots", disk_full_on_the_second_chunk)
    with pytest.raises(ImportInterrupted) as stopped:
        import_master_data(engine, {"lots": lots})
    monkeypatch.setattr(importer, "write_lots", real_write)

    assert str(stopped.value) == (
        "the import stopped at lots[500] (the database said: database or disk is full). What "
        "was written before is on record, with its events; import the file again to finish "
        "(what is already there is left as it is)"
    )
    with engine.connect() as c:
        assert c.scalar(select(LotRow.id).where(LotRow.code == "L-00499")) is not None
        assert c.scalar(select(LotRow.id).where(LotRow.code == "L-00500")) is None

    finished = import_master_data(engine, {"lots": lots})

    assert (finished.sections["lots"].created, finished.sections["lots"].unchanged) == (700, 500)
    journaled = [
        change["after"]["lot"]
        for event in master_data_events(engine)
        if event.payload["section"] == "lots"
        for change in event.payload["changes"]
        if change["after"]["lot"].startswith("L-0")
    ]
    assert sorted(journaled) == [lot["lot"] for lot in lots], "each lot on record exactly once"


@pytest.mark.postgres
def test_the_longest_and_largest_values_accepted_fit_postgresql_and_a_nul_never_reaches_it() -> (
    None
):
    from support.central_db import central_database

    edge = {
        "parts": [
            {"number": "P" * 64, "description": "D" * 200, "tracking": "lot", "uom": "U" * 16}
        ],
        "operators": [{"badge": "B" * 64, "name": "N" * 100, "role": "operator"}],
        "lots": [
            {
                "part": "P" * 64,
                "lot": "L" * 64,
                "quantity": "999999999999.999999",
                "supplier": "S" * 100,
            }
        ],
    }
    with central_database(demo(), prepared=False) as (_, centre):
        report = import_master_data(centre, edge)
        before = record_snapshot(centre)
        with pytest.raises(MasterDataError) as refusal:
            import_master_data(centre, {"parts": [{"number": "P\x00", "tracking": "lot"}]})

        assert report.sections["lots"].created == 1
        with centre.connect() as c:
            assert str(c.scalar(select(LotRow.quantity).where(LotRow.code == "L" * 64))) == (
                "999999999999.999999"
            )
        assert "contains a NUL character" in str(refusal.value)
        assert record_snapshot(centre) == before
