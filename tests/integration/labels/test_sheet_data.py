"""The sheets read master data as the store keeps it: badges without PIN hashes, routings in
order, and the defect catalogue when the database has one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect

from tracestation.store.sheet_data import DatabaseSheetData


def test_operators_come_without_their_pin_hash_and_routings_in_order(engine: Any) -> None:
    data = DatabaseSheetData(engine)
    operators = data.operators()
    assert [o.badge for o in operators] == ["B-1001", "B-1002", "B-9001"]
    assert all(o.pin_hash is None for o in operators)
    routings = {r.part: [op.code for op in r.operations] for r in data.routings()}
    assert routings["CTRL-500"] == ["10", "20", "30", "40"]


def test_the_defect_catalogue_is_read_when_the_database_keeps_one(
    engine: Any, plant_document: dict[str, Any]
) -> None:
    defects = DatabaseSheetData(engine).defects()
    if not inspect(engine).has_table("defects"):
        assert defects == []
        return
    expected = sorted((d["code"], d["description"]) for d in plant_document.get("defects", []))
    assert defects == expected


def test_defect_codes_are_read_by_code_from_a_catalogue_table(tmp_path: Any) -> None:
    """The catalogue's table as migration 0011 makes it (code, description, category)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(f"sqlite:///{tmp_path / 'catalogue.sqlite'}")
    with engine.begin() as c:
        c.execute(
            text("CREATE TABLE defects (code TEXT PRIMARY KEY, description TEXT, category TEXT)")
        )
        c.execute(
            text(
                "INSERT INTO defects VALUES ('SOLDER-BRIDGE', 'Solder bridge', 'soldering'),"
                " ('NO-POWER', 'Does not power up', NULL)"
            )
        )
    assert DatabaseSheetData(engine).defects() == [
        ("NO-POWER", "Does not power up"),
        ("SOLDER-BRIDGE", "Solder bridge"),
    ]
    engine.dispose()
