"""The fakes keep the contract of the ports they stand in for; a fake that does not would let
the station's tests pass on behaviour the database would refuse."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from support.fakes import (
    FakeJournal,
    FakePins,
    FakePlant,
    FakeTransactions,
    ProjectionMismatch,
    StrayRead,
    plain_pin_hash,
)
from tracestation.domain.events import LotInstalled, UnitRegistered
from tracestation.station.ports import RaceLost, SavedWork

TESTS = Path(__file__).resolve().parents[2]


def test_a_unit_of_work_left_without_a_commit_changes_nothing(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    before = plant.snapshot()
    with transactions.begin() as tx:
        tx.journal.record([UnitRegistered("PCBA-100", "PCB-1", "WO-2001", "10")], operator=None)
        tx.memory.remember("ST-1", SavedWork("WO-2001", "10", None))
        assert tx.identities.next_container_serial() == 1
        assert tx.plant.unit("PCBA-100", "PCB-1") is not None, "it reads its own writes"
    assert plant.snapshot() == before
    assert transactions.journal.entries == []
    assert transactions.memory.saved == {}
    assert transactions.identities.next_serial == 1
    assert transactions.undone == 1


def test_a_committed_unit_of_work_is_the_plants(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    with transactions.begin() as tx:
        tx.journal.record([UnitRegistered("PCBA-100", "PCB-1", "WO-2001", "10")], operator="B-1")
        tx.identities.next_container_serial()
        tx.commit()
    assert plant.unit("PCBA-100", "PCB-1") is not None
    assert transactions.journal.kinds() == ["unit_registered"]
    assert transactions.identities.next_serial == 2


def test_an_event_that_does_not_fit_the_state_is_a_lost_race_as_in_the_store(
    plant: FakePlant,
) -> None:
    journal = FakeJournal(plant)
    install = LotInstalled("PCBA-100", "PCB-1", "CAP-220", "C-7781", Decimal(2), "WO-2001", "10")
    with pytest.raises(RaceLost, match="unit PCBA-100/PCB-1 does not exist"):
        journal.record([install], operator=None)
    plant.add_unit("PCBA-100", "PCB-1", "WO-2001")
    too_much = LotInstalled("PCBA-100", "PCB-1", "CAP-220", "C-6001", Decimal(201), "WO-2001", "10")
    with pytest.raises(ProjectionMismatch, match="does not hold 201"):
        journal.record([too_much], operator=None)


def test_reading_the_plant_itself_inside_a_unit_of_work_is_a_stray_read(
    plant: FakePlant, transactions: FakeTransactions
) -> None:
    with transactions.begin() as tx:
        tx.plant.lot("CAP-220", "C-7781")
        with pytest.raises(StrayRead):
            plant.lot("CAP-220", "C-7781")
    assert plant.lot("CAP-220", "C-7781") is not None


def test_the_demo_plant_holds_back_its_held_lot_and_its_lead_has_a_pin(plant: FakePlant) -> None:
    held = plant.lot("SCREW-M3", "L-2288")
    assert held is not None and (held.status, held.status_reason) == (
        "hold",
        "hold in the master data",
    )
    lead = plant.operator("B-9001")
    assert lead is not None and lead.pin_hash == plain_pin_hash("4321")
    assert FakePins().verify(lead.pin_hash, "4321")
    assert not FakePins().verify(lead.pin_hash, "1234")


NO_DATABASE = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'sqlalchemy', 'alembic', 'PySide6', 'argon2'}:
            raise ImportError(f'the station tests must not need {name}')
sys.meta_path.insert(0, Block())
from support.fakes import FakePlant, station_with
station = station_with(FakePlant.demo())
for raw in ('B-1001', 'WO:WO-2001', 'OPN:10', 'PCB-1', 'LOT:CAP-220/C-7781', 'CMD:DONE'):
    result = station.scan(raw)
print(result.code)
"""


def test_the_station_runs_on_the_fakes_with_no_database_library_importable() -> None:
    result = subprocess.run(
        [sys.executable, "-c", NO_DATABASE],
        capture_output=True,
        text=True,
        check=False,
        cwd=TESTS,
        env={"PYTHONPATH": str(TESTS)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "operation_completed"
