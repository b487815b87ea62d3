"""A station keeps master data in memory and reads the state its decision needs in the scan's
own transaction: what another station or a lead changed a moment ago on the shared database
decides the next scan, whatever the station remembered."""

from __future__ import annotations

from decimal import Decimal

from support.line import ROUNDS, Line, query, scans
from tracestation.labels.printers import NoPrinter
from tracestation.station.lead_requests import ChangeLotStatus, LeadSignature
from tracestation.store.database import create_station_engine
from tracestation.store.importer import import_master_data
from tracestation.wiring import lead_service_on


def on_hand(line: Line, code: str) -> Decimal:
    [(quantity,)] = query(line, f"SELECT quantity FROM lots WHERE code = '{code}'")
    return Decimal(str(quantity))


def test_a_lot_a_lead_held_at_another_station_a_moment_ago_is_refused_at_a_warm_station(
    line: Line,
) -> None:
    smt = line.station("SMT-A")
    scans(smt, "B-1", "WO:WO-BOARD", "OPN:10", "SA-0", "LOT:CAP/L-1", "CMD:DONE", "SA-1")
    lead_engine = create_station_engine(line.url)
    try:
        desk = lead_service_on(lead_engine, "LEAD-B", printer=NoPrinter())
        held = desk.perform(
            ChangeLotStatus(LeadSignature("B-9", "4321"), "LOT:CAP/L-1", "hold", "NCR 12")
        )
        assert held.ok, held
    finally:
        lead_engine.dispose()
    before = on_hand(line, "L-1")

    refused = smt.scan("LOT:CAP/L-1")

    assert refused.outcome != "accepted"
    assert refused.code == "lot_on_hold", refused.message
    assert on_hand(line, "L-1") == before


def test_an_operator_imported_a_moment_ago_logs_in_at_a_station_that_read_the_operators(
    line: Line,
) -> None:
    smt = line.station("SMT-A")
    scans(smt, "B-1")  # the station has read the operators by now
    assert smt.scan("B-7").code == "no_work_order"  # not a badge: a value it cannot place
    import_engine = create_station_engine(line.url)
    try:
        document = {"operators": [{"badge": "B-7", "name": "Vera Nistor", "role": "operator"}]}
        import_master_data(import_engine, document, station="OFFICE")
    finally:
        import_engine.dispose()

    welcomed = smt.scan("B-7")

    assert welcomed.outcome == "accepted", welcomed.message
    assert "Vera Nistor" in welcomed.message


def test_two_stations_installing_the_last_capacitors_into_one_board_at_once_install_them_once(
    line: Line,
) -> None:
    a, b = line.station("SMT-A"), line.station("SMT-B")
    scans(a, "B-1", "WO:WO-BOARD", "OPN:10")
    scans(b, "B-2", "WO:WO-BOARD", "OPN:10")
    for n in range(ROUNDS):
        scans(a, f"SB-{n}")
        scans(b, f"SB-{n}")  # the same board, selected at the second station too
        # The board takes 2 capacitors: one station installs them, the other is told (two
        # lots, so only the board's row makes them take turns).
        raced = line.at_once((a, "LOT:CAP/C-BIG"), (b, f"LOT:CAP/L-{n % 3}"))
        assert sorted(r.outcome.value for r in raced) == ["accepted", "rejected"], [
            r.message for r in raced
        ]
        assert {r.code for r in raced} == {"lot_installed", "line_satisfied"}
        scans(a, "CMD:DONE")
        scans(b, "CMD:CANCEL")
    [(installed,)] = query(
        line,
        "SELECT COALESCE(SUM(l.qty), 0) FROM genealogy_links l "
        "JOIN units u ON u.id = l.parent_unit_id WHERE u.serial LIKE 'SB-%'",
    )
    assert Decimal(str(installed)) == 2 * ROUNDS
