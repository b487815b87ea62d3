"""The store on real databases: SQLite files migrated by Alembic, and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from tracestation.domain.events import LotInstalled, UnitRegistered
from tracestation.station.ports import RecordNotSaved
from tracestation.store.database import (
    alembic_config,
    current_revision,
    head_revision,
    migrate,
    open_database,
)
from tracestation.store.importer import import_master_data
from tracestation.store.journal import DatabaseJournal
from tracestation.store.tables import Base, EventRow, OperatorRow, StationHeadRow, UnitRow

PG_ADMIN_URL = os.environ.get(
    "TRACESTATION_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def test_a_new_sqlite_file_is_migrated_to_every_table(tmp_path: Path) -> None:
    engine = open_database(str(tmp_path / "new.sqlite"))
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_sqlite_runs_in_wal_mode_with_full_synchronous_commits(tmp_path: Path) -> None:
    engine = open_database(str(tmp_path / "wal.sqlite"))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_migrations_match_the_table_definitions(tmp_path: Path) -> None:
    engine = open_database(str(tmp_path / "diff.sqlite"))
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_opening_a_migrated_database_again_changes_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "again.sqlite")
    open_database(path).dispose()
    engine = open_database(path)
    with engine.connect() as connection:
        assert (
            connection.execute(text("select version_num from alembic_version")).scalar()
            == "0016_links_by_installing_event"
        )


def test_the_head_read_from_the_migration_files_is_alembics_head() -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head_revision() == head


def test_a_database_at_the_head_opens_without_loading_alembic(tmp_path: Path) -> None:
    path = tmp_path / "at-head.sqlite"
    open_database(str(path)).dispose()
    opened = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from tracestation.store.database import open_database\n"
            f"open_database({str(path)!r}).dispose()\n"
            "print(sorted(m for m in sys.modules if m.startswith('alembic')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert opened.stdout.strip() == "[]"


def test_a_database_behind_the_head_is_still_migrated(tmp_path: Path) -> None:
    path = str(tmp_path / "behind.sqlite")
    engine = open_database(path)
    command.downgrade(alembic_config(engine), "-1")
    assert current_revision(engine) not in (None, head_revision())
    engine.dispose()
    engine = open_database(path)
    assert current_revision(engine) == head_revision()


class _Clock:
    def now(self) -> Any:
        from datetime import UTC, datetime

        return datetime(2026, 11, 21, 9, 0, tzinfo=UTC)

    def today(self) -> Any:
        return self.now().date()


def test_an_event_whose_projection_fails_is_not_journaled_either(engine: Engine) -> None:
    journal = DatabaseJournal(engine, "ST-1", _Clock())
    journal.record([UnitRegistered("PCBA-100", "S1", "WO-2001", "10")], operator="B-1001")
    with pytest.raises(RecordNotSaved, match="NO-SUCH-LOT"):
        journal.record(
            [
                UnitRegistered("PCBA-100", "S2", "WO-2001", "10"),
                LotInstalled(
                    "PCBA-100",
                    "S2",
                    "CAP-220",
                    "NO-SUCH-LOT",
                    __import__("decimal").Decimal(2),
                    "WO-2001",
                    "10",
                ),
            ],
            operator="B-1001",
        )
    with Session(engine) as s:
        assert s.scalars(select(UnitRow.serial)).all() == ["S1"]
        assert s.scalars(select(EventRow.seq).where(EventRow.station == "ST-1")).all() == [1]
        assert s.get(StationHeadRow, "ST-1").seq == 1  # type: ignore[union-attr]


def test_pins_are_stored_only_as_salted_argon2_hashes(
    engine: Engine, plant_document: dict[str, Any]
) -> None:
    with Session(engine) as s:
        lead = s.get(OperatorRow, "B-9001")
    assert lead is not None and lead.pin_hash is not None
    assert lead.pin_hash.startswith("$argon2id$")
    assert "4321" not in lead.pin_hash
    import_master_data(
        engine,
        {"operators": [{"badge": "B-9002", "name": "Other Lead", "role": "lead", "pin": "4321"}]},
    )
    with Session(engine) as s:
        other = s.get(OperatorRow, "B-9002")
    assert other is not None and other.pin_hash != lead.pin_hash, (
        "salted: the same PIN hashes differently"
    )


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"ts_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except (
        Exception
    ) as error:  # the server is part of the test setup; say plainly when it is not there
        pytest.fail(f"PostgreSQL at {PG_ADMIN_URL} is needed for this test: {error}")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_the_same_migrations_and_scan_flow_run_on_postgresql(
    postgres_url: str, plant_document: dict[str, Any]
) -> None:
    from tracestation.wiring import station_on

    engine = open_database(postgres_url)
    migrate(engine)
    import_master_data(engine, plant_document)
    assert not import_master_data(engine, plant_document).changed
    station = station_on(engine, "PG-1")
    outcomes = [
        station.scan(raw).outcome.value
        for raw in (
            "B-1001",
            "WO:WO-2001",
            "OPN:10",
            "PCB-PG",
            "LOT:CAP-220/C-7781",
            "CMD:DONE",
            "LOT:SCREW-M3/L-2288",
        )
    ]
    assert outcomes == ["accepted"] * 6 + ["rejected"]
    with Session(engine) as s:
        assert (
            s.scalars(select(UnitRow.last_operation).where(UnitRow.serial == "PCB-PG")).one()
            == "10"
        )
        pg_1 = select(EventRow).where(EventRow.station == "PG-1").order_by(EventRow.seq)
        assert [e.seq for e in s.scalars(pg_1)] == [1, 2, 3, 4]
    from tracestation.store.audit import verify_journal

    counts, breaks = verify_journal(engine)
    assert counts["PG-1"] == 4 and breaks == []
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    engine.dispose()
