"""A station that has worked for months upgrades in place: the newest schema migrates a SQLite
database full of records (foreign keys and all) and keeps every row."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from tracestation.store.database import alembic_config, create_station_engine, open_database

ROWS = """
INSERT INTO parts (number, description, tracking, uom) VALUES
    ('CTRL-500', 'Controller', 'serial', 'ea'), ('CAP-220', 'Capacitor', 'lot', 'ea');
INSERT INTO work_orders (number, part, quantity, status) VALUES ('WO-1', 'CTRL-500', 5, 'released');
INSERT INTO lots (id, part, code, quantity, status) VALUES (1, 'CAP-220', 'C-1', 98, 'released');
INSERT INTO units (id, part, serial, work_order, status, registered_at)
    VALUES (1, 'CTRL-500', 'S-1', 'WO-1', 'in_process', '2026-11-01 08:00:00');
INSERT INTO events (id, station, seq, time, operator, kind, payload, prev_hash, hash)
    VALUES ('e-1', 'ST-1', 1, '2026-11-01T08:00:00+00:00', 'B-1', 'lot_installed', '{}', 'g', 'h');
INSERT INTO station_heads (station, seq, hash, synced_seq) VALUES ('ST-1', 1, 'h', 0);
INSERT INTO genealogy_links (parent_unit_id, child_lot_id, qty, operation, installed_event,
    installed_at) VALUES (1, 1, 2, '20', 'e-1', '2026-11-01 08:00:00');
INSERT INTO consumptions (work_order, lot_id, qty, operation, source, event_id)
    VALUES ('WO-1', 1, 2, '20', 'install', 'e-1');
INSERT INTO containers (sscc, work_order, part, capacity, closed, station, opened_at)
    VALUES ('095060000000000014', 'WO-1', 'CTRL-500', 10, 0, 'ST-1', '2026-11-01 08:00:00');
UPDATE units SET container = '095060000000000014' WHERE id = 1;
"""


def test_a_station_database_full_of_records_upgrades_to_the_newest_schema_and_keeps_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "station.sqlite"
    older = create_station_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(older), "0005")  # the schema stations run in the field
    with older.begin() as c:
        for statement in filter(str.strip, ROWS.split(";")):
            c.exec_driver_sql(statement)
    older.dispose()

    engine = open_database(str(path))

    with engine.connect() as c:
        assert c.execute(text("SELECT quantity FROM lots")).scalar() == 98
        assert c.execute(text("SELECT packed FROM containers")).scalar() == 1
        assert c.execute(text("SELECT count(*) FROM genealogy_links")).scalar() == 1
        assert c.execute(text("SELECT count(*) FROM consumptions")).scalar() == 1
        assert c.execute(text("SELECT count(*) FROM events")).scalar() == 1
        assert c.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1, "enforced again after"
    engine.dispose()
