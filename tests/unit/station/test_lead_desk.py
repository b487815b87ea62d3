"""Signed lead actions on lots and units, each one unit of work, as the station sees them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from support.fakes import FakeJournal, FakePins, FakePlant, FakeTransactions, Scan
from tracestation.domain.lots import LotActionRefused
from tracestation.domain.model import Operator
from tracestation.station.lead import LeadDesk, LeadSignatureRefused
from tracestation.station.ports import RaceLost, Signature

BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")


@pytest.fixture
def desk(plant: FakePlant, transactions: FakeTransactions) -> LeadDesk:
    return LeadDesk(plant, transactions, FakePins())


@pytest.fixture
def lead(desk: LeadDesk) -> Operator:
    return desk.sign_in("B-9001", "4321")


def test_an_operator_badge_or_a_wrong_pin_cannot_sign(desk: LeadDesk) -> None:
    with pytest.raises(LeadSignatureRefused, match="is not a line lead"):
        desk.sign_in("B-1001", "4321")
    with pytest.raises(LeadSignatureRefused, match="Wrong PIN for Ion Rus"):
        desk.sign_in("B-9001", "1234")


def test_a_lot_the_lead_holds_is_refused_at_the_station_with_the_leads_reason(
    desk: LeadDesk, lead: Operator, journal: FakeJournal, scan: Scan
) -> None:
    desk.change_status(lead, "CAP-220", "C-7781", "hold", "supplier NCR 77")
    [entry] = journal.entries
    assert (entry.operator, entry.reason, entry.signature) == (
        "B-9001",
        "supplier NCR 77",
        Signature("B-9001", "lot hold", "Ion Rus"),
    )
    result = scan(*BOARD, "LOT:CAP-220/C-7781")
    assert result.message == (
        "Lot C-7781 of CAP-220 is on hold since 2026-11-20 (reason: supplier NCR 77). "
        "Scan another lot or call a line lead."
    )


def test_a_split_lot_keeps_its_expiry_and_both_parts_add_up(
    desk: LeadDesk, lead: Operator, plant: FakePlant
) -> None:
    desk.split(lead, "CAP-220", "C-7781", Decimal(1000), None, "second line")
    source, part = plant.lot("CAP-220", "C-7781"), plant.lot("CAP-220", "C-7781-S1")
    assert source is not None and part is not None
    assert (source.quantity, part.quantity) == (Decimal(4000), Decimal(1000))
    assert part.expiry == source.expiry


def test_merged_lots_are_used_up_into_one_with_the_earliest_expiry(
    desk: LeadDesk, lead: Operator, plant: FakePlant
) -> None:
    desk.merge(lead, [("CAP-220", "C-7781"), ("CAP-220", "C-7790")], "C-M", "tidy")
    merged = plant.lot("CAP-220", "C-M")
    assert merged is not None
    assert merged.quantity == Decimal(10000)
    assert merged.expiry == date(2028, 3, 31)
    assert {lot.status for lot in plant.lots_by_code("C-7781") + plant.lots_by_code("C-7790")} == {
        "consumed"
    }


def test_a_unit_scrapped_by_a_nonconformance_cannot_be_worked(
    desk: LeadDesk, lead: Operator, plant: FakePlant, scan: Scan
) -> None:
    plant.add_unit("PCBA-100", "PCB-9", "WO-2001", last_operation="10")
    desk.open_nonconformance(
        lead, "unit", "PCBA-100", "PCB-9", "DAMAGED-PART", "scorched", "scrap", "NC-1"
    )
    result = scan("B-1001", "WO:WO-2001", "OPN:20", "PCB-9")
    assert (result.outcome, result.message) == (
        "rejected",
        "PCBA-100/PCB-9 is scrapped; it cannot be worked. Call a line lead.",
    )


def test_a_lead_action_that_loses_a_race_runs_again_and_a_refused_one_writes_nothing(
    desk: LeadDesk,
    lead: Operator,
    plant: FakePlant,
    journal: FakeJournal,
    transactions: FakeTransactions,
) -> None:
    transactions.fail_next_commit(RaceLost("deadlock detected"))
    desk.change_status(lead, "CAP-220", "C-7781", "hold", "supplier NCR 77")
    assert journal.kinds() == ["lot_status_changed"]
    before = plant.snapshot()
    with pytest.raises(LotActionRefused, match="already hold"):
        desk.change_status(lead, "CAP-220", "C-7781", "hold", "again")
    assert plant.snapshot() == before
    assert len(journal.entries) == 1
