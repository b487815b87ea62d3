"""An offline plant for sync tests: stations on their own SQLite files, one central PostgreSQL.

The fixtures `centre` and `plant` live in tests/integration/sync/conftest.py."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text

from support.line import PG_ADMIN_URL
from tracestation.station.core import Station
from tracestation.store.database import open_database
from tracestation.store.importer import import_master_data
from tracestation.sync.central import prepare_central
from tracestation.sync.session import sync_with


class Clock:
    """One plant clock for every station of a test, moving on 2 s a read."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)

    def now(self) -> datetime:
        self.moment += timedelta(seconds=2)
        return self.moment

    def today(self) -> date:
        return self.moment.date()


def make_centre(plant_document: dict[str, Any]) -> Iterator[Engine]:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"ts_centre_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = open_database(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    prepare_central(engine)
    import_master_data(engine, plant_document)
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


class Plant:
    """Stations on their own databases, and the centre they sync with."""

    def __init__(self, tmp_path: Path, centre: Engine) -> None:
        self.tmp_path = tmp_path
        self.centre = centre
        self.clock = Clock()
        self.engines: dict[str, Engine] = {}
        self.stations: dict[str, Station] = {}

    def station(self, name: str) -> Station:
        """A station that has never worked: its database starts empty and learns the plant
        from the centre at its first sync."""
        from tracestation.labels.printers import NoPrinter
        from tracestation.wiring import station_on

        if name not in self.stations:
            engine = open_database(str(self.tmp_path / f"{name}.sqlite"))
            self.engines[name] = engine
            self.stations[name] = station_on(engine, name, clock=self.clock, printer=NoPrinter())
            self.sync(name)
        return self.stations[name]

    def sync(self, name: str) -> Any:
        return sync_with(self.engines[name], self.centre, {name}, clock=self.clock)

    def scans(self, name: str, *raws: str) -> None:
        station = self.station(name)
        for raw in raws:
            result = station.scan(raw)
            assert result.outcome == "accepted", f"{name} {raw}: {result.message}"
