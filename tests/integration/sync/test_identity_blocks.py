"""Offline stations never give out the same carton number or serial: each draws from blocks the
centre reserved for it at a sync; a station whose numbers run out is told to sync."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text

from support.offline import Plant
from tracestation.store.tables import IdentityBlockRow, UnitRow, table_of

pytestmark = pytest.mark.postgres


def test_two_offline_stations_assign_serials_and_open_cartons_that_never_collide(
    plant: Plant,
) -> None:
    made: dict[str, list[str]] = {}
    for name in ("A", "E"):
        plant.scans(name, "B-1001", "WO:WO-2001", "OPN:10")
        station = plant.station(name)
        made[name] = []
        for _ in range(3):
            result = station.scan("CMD:NEW")
            assert result.outcome == "accepted", result.message
            made[name].append(result.params["unit"])
            station.scan("CMD:CANCEL")
    for name in ("A", "E"):
        assert plant.sync(name).push.conflicts == [], "no serial was given twice"
    serials = made["A"] + made["E"]
    assert len(set(serials)) == 6
    with plant.centre.connect() as c:
        central = {row[0] for row in c.execute(text("SELECT part || '/' || serial FROM units"))}
        blocks = c.execute(
            text("SELECT station, kind, first, last FROM identity_blocks ORDER BY first")
        ).all()
    assert set(serials) <= central
    held = {(row.station, row.kind) for row in blocks}
    assert {("A", "serial"), ("E", "serial"), ("A", "sscc"), ("E", "sscc")} <= held
    for kind in ("serial", "sscc"):
        spans = sorted((row.first, row.last) for row in blocks if row.kind == kind)
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans)), kind


@pytest.fixture
def boxed_item(plant_document: dict[str, Any]) -> dict[str, Any]:
    plant_document["parts"].append({"number": "ITEM", "description": "Item", "tracking": "serial"})
    plant_document["routings"].append(
        {
            "part": "ITEM",
            "operations": [
                {"code": "10", "name": "Test", "kind": "test"},
                {"code": "20", "name": "Pack", "kind": "pack", "pack_qty": 2},
            ],
        }
    )
    plant_document["work_orders"].append({"number": "WO-ITEM", "part": "ITEM", "quantity": 5})
    return plant_document


def test_a_station_that_used_up_its_carton_numbers_is_told_to_sync_and_nothing_is_packed(
    tmp_path: Path, boxed_item: dict[str, Any]
) -> None:
    from tracestation.labels.printers import NoPrinter
    from tracestation.store.database import open_database
    from tracestation.store.importer import import_master_data
    from tracestation.wiring import station_on

    engine = open_database(str(tmp_path / "station.sqlite"))
    import_master_data(engine, boxed_item)
    with engine.begin() as c:  # the one number of its block already given out
        block = {"kind": "sscc", "first": 7, "last": 7, "station": "P", "next": 8}
        c.execute(insert(table_of(IdentityBlockRow)).values(**block))
    station = station_on(engine, "P", printer=NoPrinter())
    for raw in ("B-1001", "WO:WO-ITEM", "OPN:10", "IT-1", "CMD:PASS", "OPN:20"):
        assert station.scan(raw).outcome == "accepted", raw

    packed = station.scan("IT-1")

    assert packed.outcome == "rejected" and packed.code == "record_not_saved"
    assert "used up the carton numbers the centre reserved for it" in packed.message
    assert "sync with the central database" in packed.message
    with engine.connect() as c:
        boxed = c.scalar(
            select(func.count())
            .select_from(table_of(UnitRow))
            .where(table_of(UnitRow).c.container.is_not(None))
        )
    assert boxed == 0
