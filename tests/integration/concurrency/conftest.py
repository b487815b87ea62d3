"""Stations racing on one database, a real PostgreSQL or a shared SQLite file: a fresh one per
test with the race plant."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from support.line import PG_ADMIN_URL, ROUNDS, Line, race_plant


@pytest.fixture(params=["postgresql", "sqlite"])
def line_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database, migrated, for one test: PostgreSQL (created and dropped here), or a
    SQLite file that the stations share (one writer at a time)."""
    from tracestation.store.database import database_url, open_database

    if request.param == "sqlite":
        url = database_url(str(tmp_path / "line.sqlite"))
        open_database(url).dispose()
        yield url
        return
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"ts_line_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    open_database(url).dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def line(line_database: str) -> Iterator[Line]:
    from tracestation.store.database import create_station_engine
    from tracestation.store.importer import import_master_data

    engine = create_station_engine(line_database)
    import_master_data(engine, race_plant(ROUNDS))
    engine.dispose()
    made = Line(line_database)
    yield made
    made.close()
