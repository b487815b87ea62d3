"""Stations sharing one PostgreSQL reach for the same thing at the same instant: one gets it, the
other a clear rejection that says what to do, and the record keeps the plant's rules. Each race
runs many rounds; the invariants are checked on the database afterwards."""

from __future__ import annotations

from collections import Counter

import pytest

from support.line import ROUNDS, Line, assert_the_record_holds, query, scans
from tracestation.station.verdicts import ScanResult

pytestmark = pytest.mark.postgres


def outcomes(results: list[ScanResult]) -> list[str]:
    return sorted(r.outcome.value for r in results)


def build_boards(line: Line, serials: list[str]) -> None:
    """Boards built and passed, ready to be installed."""
    builder = line.station("SMT-PREP")
    scans(builder, "B-4", "WO:WO-BOARD", "OPN:10")
    for serial in serials:
        scans(builder, serial, "LOT:CAP/C-BIG", "CMD:DONE")
    scans(builder, "OPN:20")
    for serial in serials:
        scans(builder, serial, "CMD:PASS")


def test_two_smt_stations_drawing_the_last_capacitors_of_a_lot_never_take_more_than_it_holds(
    line: Line,
) -> None:
    a, b = line.station("SMT-A"), line.station("SMT-B")
    for station, badge in ((a, "B-1"), (b, "B-2")):
        scans(station, badge, "WO:WO-BOARD", "OPN:10")
    results = []
    for n in range(ROUNDS):
        scans(a, f"SA-{n}")
        scans(b, f"SB-{n}")
        # Lot C-n holds 3; each board takes 2: one station gets them, the other is told.
        raced = line.at_once((a, f"LOT:CAP/C-{n}"), (b, f"LOT:CAP/C-{n}"))
        assert outcomes(raced) == ["accepted", "rejected"], [r.message for r in raced]
        [loser] = [r for r in raced if r.outcome == "rejected"]
        assert loser.code == "lot_short"
        assert "has only 1 ea; 2 ea needed. Scan another lot" in loser.message
        results += raced
        for station in (a, b):
            if station.checklist()[0].installed == 0:
                scans(station, "LOT:CAP/C-BIG")
            scans(station, "CMD:DONE")
    assert_the_record_holds(line, results)


def test_one_board_scanned_at_two_assembly_stations_at_once_goes_into_one_controller(
    line: Line,
) -> None:
    build_boards(line, [f"PCB-{n}" for n in range(ROUNDS)])
    a, b = line.station("ASM-A"), line.station("ASM-B")
    for station, badge in ((a, "B-1"), (b, "B-2")):
        scans(station, badge, "WO:WO-CTRL", "OPN:10")
    results = []
    for n in range(ROUNDS):
        scans(a, "OPN:10", f"CA-{n}", "OPN:20", f"CA-{n}")
        scans(b, "OPN:10", f"CB-{n}", "OPN:20", f"CB-{n}")
        raced = line.at_once((a, f"PCB-{n}"), (b, f"PCB-{n}"))
        assert outcomes(raced) == ["accepted", "rejected"], [r.message for r in raced]
        [loser] = [r for r in raced if r.outcome == "rejected"]
        assert loser.code == "child_installed_elsewhere"
        assert f"BOARD/PCB-{n} is installed in CTRL/C" in loser.message
        assert "Remove it there first (rework) or scan another." in loser.message
        results += raced
        for station in (a, b):
            station.scan("CMD:CANCEL")
    assert_the_record_holds(line, results)


def test_one_new_serial_scanned_at_two_smt_stations_is_one_board_with_its_bom_and_no_more(
    line: Line,
) -> None:
    a, b = line.station("SMT-A"), line.station("SMT-B")
    for station, badge in ((a, "B-1"), (b, "B-2")):
        scans(station, badge, "WO:WO-BOARD", "OPN:10")
    results = []
    for n in range(ROUNDS):
        registered = line.at_once((a, f"NEW-{n}"), (b, f"NEW-{n}"))
        assert [r.code for r in registered].count("unit_registered") == 1, registered
        installed = line.at_once((a, "LOT:CAP/C-BIG"), (b, "LOT:CAP/C-BIG"))
        results += registered + installed
        for station in (a, b):
            station.scan("CMD:CANCEL")
    assert query(line, "SELECT COUNT(*) FROM units WHERE serial LIKE 'NEW-%'") == [(ROUNDS,)]
    assert_the_record_holds(line, results)


def test_two_stations_registering_the_last_unit_of_a_work_order_register_one(
    line: Line,
) -> None:
    a, b = line.station("SMT-A"), line.station("SMT-B")
    for station, badge in ((a, "B-1"), (b, "B-2")):
        scans(station, badge)
    results = []
    for n in range(ROUNDS):
        for station in (a, b):
            scans(station, f"WO:WO-LAST-{n}", "OPN:10")
        raced = line.at_once((a, f"LA-{n}"), (b, f"LB-{n}"))
        assert sorted(r.code for r in raced) == ["unit_registered", "work_order_full"], raced
        results += raced
    assert_the_record_holds(line, results)


def test_two_stations_assigning_serials_at_once_never_assign_the_same_one(line: Line) -> None:
    a, b = line.station("SMT-A"), line.station("SMT-B")
    for station, badge in ((a, "B-1"), (b, "B-2")):
        scans(station, badge, "WO:WO-BOARD", "OPN:10")
    results = []
    for _ in range(ROUNDS):
        raced = line.at_once((a, "CMD:NEW"), (b, "CMD:NEW"))
        assert outcomes(raced) == ["accepted", "accepted"], [r.message for r in raced]
        results += raced
        for station in (a, b):
            station.scan("CMD:CANCEL")
    serials = [row[0] for row in query(line, "SELECT serial FROM units")]
    assert len(serials) == len(set(serials)) == 2 * ROUNDS
    assert_the_record_holds(line, results)


def test_two_pack_stations_on_one_work_order_fill_every_carton_to_ten_and_never_eleven(
    line: Line,
) -> None:
    items = [f"IT-{n}" for n in range(4 * ROUNDS)]
    tester = line.station("TEST-PREP")
    scans(tester, "B-3", "WO:WO-ITEM", "OPN:10")
    for item in items:
        scans(tester, item, "CMD:PASS")
    a, b = line.station("PACK-A"), line.station("PACK-B")
    for station, badge in ((a, "B-1"), (b, "B-2")):
        scans(station, badge, "WO:WO-ITEM", "OPN:20")
    results = []
    for n in range(0, len(items), 2):
        raced = line.at_once((a, items[n]), (b, items[n + 1]))
        assert outcomes(raced) == ["accepted", "accepted"], [r.message for r in raced]
        results += raced
    full = [r for r in results if r.code == "unit_packed_container_full"]
    assert len(full) == len(items) // 10
    assert all(r.params["count"] == "10" for r in full)
    cartons = query(line, "SELECT sscc, packed, closed FROM containers ORDER BY sscc")
    assert [(packed, closed) for _, packed, closed in cartons] == [(10, True)] * len(full)
    per_carton = Counter(row[0] for row in query(line, "SELECT container FROM units"))
    assert sorted(per_carton.values()) == [10] * len(full)
    assert_the_record_holds(line, results)


def test_two_processes_writing_the_first_event_of_one_station_id_both_get_it_recorded(
    line: Line,
) -> None:
    results = []
    for n in range(ROUNDS):
        one, two = line.station(f"TWIN-{n}"), line.station(f"TWIN-{n}")
        raced = line.at_once((one, "B-1"), (two, "B-2"))
        assert outcomes(raced) == ["accepted", "accepted"], [r.message for r in raced]
        results += raced
    seqs = query(line, "SELECT station, seq FROM events WHERE station LIKE 'TWIN-%' ORDER BY seq")
    assert Counter(station for station, _ in seqs) == {f"TWIN-{n}": 2 for n in range(ROUNDS)}
    assert_the_record_holds(line, results)


def test_two_kitting_stations_drawing_on_one_lot_take_exactly_what_they_record(
    line: Line,
) -> None:
    a, b = line.station("KIT-A"), line.station("KIT-B")
    for station, badge in ((a, "B-1"), (b, "B-2")):
        scans(station, badge)
    results = []
    for n in range(ROUNDS):
        scans(a, f"WO:WO-KIT-{n}-A", "OPN:10", "QTY:20")
        scans(b, f"WO:WO-KIT-{n}-B", "OPN:10", "QTY:20")
        # Lot P-n holds 30 g; each work order asks for 20 g: one station gets it.
        raced = line.at_once((a, f"LOT:PASTE/P-{n}"), (b, f"LOT:PASTE/P-{n}"))
        assert outcomes(raced) == ["accepted", "rejected"], [r.message for r in raced]
        [loser] = [r for r in raced if r.outcome == "rejected"]
        assert loser.code == "lot_short"
        assert "has only 10 g; 20 g needed" in loser.message
        results += raced
    assert_the_record_holds(line, results)
