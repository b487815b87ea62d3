"""The station core on fakes: the demo plant in memory, no database, no Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from support.fakes import (
    FakeClock,
    FakeJournal,
    FakePlant,
    FakeTransactions,
    RecordingPrinter,
    Scan,
    station_with,
)
from tracestation.domain.model import UnitStatus
from tracestation.station.core import Station
from tracestation.station.verdicts import ScanResult


@pytest.fixture
def plant() -> FakePlant:
    return FakePlant.demo()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def transactions(plant: FakePlant, clock: FakeClock) -> FakeTransactions:
    return FakeTransactions(plant, station="ST-1", clock=clock)


@pytest.fixture
def journal(transactions: FakeTransactions) -> FakeJournal:
    return transactions.journal


@pytest.fixture
def printer() -> RecordingPrinter:
    return RecordingPrinter()


@pytest.fixture
def station(
    plant: FakePlant, transactions: FakeTransactions, clock: FakeClock, printer: RecordingPrinter
) -> Station:
    return station_with(plant, transactions=transactions, clock=clock, printer=printer)


@pytest.fixture
def scan(station: Station) -> Scan:
    """Scan several barcodes; returns the result of the last."""

    def run(*raws: str) -> ScanResult:
        results = [station.scan(raw) for raw in raws]
        return results[-1]

    return run


@pytest.fixture
def passed_controllers(plant: FakePlant) -> Callable[[int, int], None]:
    """`count` controllers of WO-1001 that passed final test, and cartons of `pack_qty`."""

    def make(count: int, pack_qty: int) -> None:
        *before, pack = plant.routings["CTRL-500"].operations
        plant.add_routing("CTRL-500", *before, replace(pack, pack_qty=pack_qty))
        for n in range(1, count + 1):
            plant.add_unit(
                "CTRL-500", f"CTRL-{n}", "WO-1001", status=UnitStatus.PASSED, last_operation="30"
            )

    return make
