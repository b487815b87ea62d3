"""Shared fixtures: a station on a migrated SQLite file with a small plant, and a test clock."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
DEMO_PLANT = ROOT / "resources" / "demo" / "plant.json"


@dataclass
class TestClock:
    """A clock that moves on by `tick` every time it is read, so scans are never 'duplicates'
    unless a test wants them to be."""

    moment: datetime = field(default_factory=lambda: datetime(2026, 11, 20, 8, 0, tzinfo=UTC))
    tick: timedelta = timedelta(seconds=2)
    local_date: date | None = None

    def now(self) -> datetime:
        self.moment += self.tick
        return self.moment

    def today(self) -> date:
        return self.local_date or self.moment.date()


def demo_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DEMO_PLANT.read_text())
    return data


@pytest.fixture
def plant_document() -> dict[str, Any]:
    """The demo plant's master data; tests may change it before the database is built."""
    return copy.deepcopy(demo_document())


@pytest.fixture
def engine(tmp_path: Path, plant_document: dict[str, Any]) -> Iterator[Any]:
    from tracestation.store.database import open_database
    from tracestation.store.importer import import_master_data

    engine = open_database(str(tmp_path / "station.sqlite"))
    import_master_data(engine, plant_document)
    yield engine
    engine.dispose()


@pytest.fixture
def clock() -> TestClock:
    return TestClock()


@pytest.fixture
def printer() -> Any:
    from tracestation.labels.printers import NoPrinter

    return NoPrinter()


@pytest.fixture
def station(engine: Any, clock: TestClock, printer: Any) -> Any:
    from tracestation.wiring import station_on

    return station_on(engine, "ST-1", clock=clock, printer=printer)


@pytest.fixture
def scan(station: Any) -> Callable[..., Any]:
    """Scan several barcodes; returns the last result."""

    def run(*raws: str) -> Any:
        result = None
        for raw in raws:
            result = station.scan(raw)
        return result

    return run
