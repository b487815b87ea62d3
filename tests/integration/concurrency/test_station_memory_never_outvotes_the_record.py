"""A station keeps master data in memory and reads the state its decision needs in the scan's
own transaction: what another station or a lead changed a moment ago on the shared database
decides the next scan, whatever the station remembered."""

from __future__ import annotations

from decimal import Decimal

from support.line import Line, query, scans
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
