"""Four stations on one database, working at once as a line: board build, assembly, test and
pack. Every scan they were told was accepted is in the journal and nothing else is, the chains
verify, and a recall of a capacitor lot names exactly the units built with it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from support.line import Line, assert_the_record_holds, query, scans
from tracestation.station.core import Station
from tracestation.station.verdicts import ScanResult
from tracestation.store.audit import verify_journal
from tracestation.trace.recall import recall_scope

UNITS = 30
WAIT = 120  # seconds a station waits for the unit from the station before it (never on a pass)


class Handover:
    """A unit passing from one station to the next: the next station waits for it."""

    def __init__(self) -> None:
        self.ready = [threading.Event() for _ in range(UNITS)]

    def give(self, n: int) -> None:
        self.ready[n].set()

    def take(self, n: int) -> None:
        assert self.ready[n].wait(WAIT), f"unit {n} never arrived"


def test_four_stations_on_one_database_run_as_a_line_and_the_record_adds_up(line: Line) -> None:
    build, assembly, test, pack = (
        line.station(name) for name in ("BUILD", "ASSEMBLY", "TEST", "PACK")
    )
    boards, controllers, tested = Handover(), Handover(), Handover()
    results: dict[str, list[ScanResult]] = {}

    def work(station: Any, badge: str, job: Callable[[Any], None]) -> None:
        scans(station, badge)
        job(station)

    def build_boards(s: Any) -> None:
        scans(s, "WO:WO-BOARD")
        for n in range(UNITS):
            scans(s, "OPN:10", f"PB-{n}", f"LOT:CAP/L-{n % 3}", "CMD:DONE")
            scans(s, "OPN:20", f"PB-{n}", "CMD:PASS")
            boards.give(n)

    def assemble(s: Any) -> None:
        scans(s, "WO:WO-CTRL")
        for n in range(UNITS):
            boards.take(n)
            scans(s, "OPN:10", f"CT-{n}", "OPN:20", f"CT-{n}", f"PB-{n}", "CMD:DONE")
            controllers.give(n)

    def final_test(s: Any) -> None:
        scans(s, "WO:WO-CTRL", "OPN:30")
        for n in range(UNITS):
            controllers.take(n)
            scans(s, f"CT-{n}", "CMD:PASS")
            tested.give(n)

    def pack_controllers(s: Any) -> None:
        scans(s, "WO:WO-CTRL", "OPN:40")
        for n in range(UNITS):
            tested.take(n)
            scans(s, f"CT-{n}")

    recording = {
        name: RecordingStation(station, results.setdefault(name, []))
        for name, station in (
            ("BUILD", build),
            ("ASSEMBLY", assembly),
            ("TEST", test),
            ("PACK", pack),
        )
    }
    jobs = [
        (recording["BUILD"], "B-1", build_boards),
        (recording["ASSEMBLY"], "B-2", assemble),
        (recording["TEST"], "B-3", final_test),
        (recording["PACK"], "B-4", pack_controllers),
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for done in [pool.submit(work, *job) for job in jobs]:
            done.result()

    everything = [r for station_results in results.values() for r in station_results]
    told = {event for r in everything if r.outcome == "accepted" for event in r.event_ids}
    # The import that made the line's master data is journaled too, in a chain of its own.
    journal = {
        row[0] for row in query(line, "SELECT id FROM events WHERE kind <> 'master_data_changed'")
    }
    assert told == journal, "the journal holds exactly the events the stations reported"
    assert_the_record_holds(line, everything)
    engine = create_engine(line.url)
    try:
        checked, breaks = verify_journal(engine)
        scanned = sum(n for chain, n in checked.items() if not chain.startswith("IMPORT-"))
        assert breaks == [] and scanned == len(journal)
        with Session(engine) as session:
            for k in range(3):
                scope = recall_scope(session, f"L-{k}", "CAP")
                found = {(u["part"], u["serial"]) for u in scope["unit_scope"]["units"]}
                built = {n for n in range(UNITS) if n % 3 == k}
                expected = {("BOARD", f"PB-{n}") for n in built}
                expected |= {("CTRL", f"CT-{n}") for n in built}
                assert found == expected, f"recall of CAP/L-{k}"
    finally:
        engine.dispose()
    packed = query(line, "SELECT COUNT(*) FROM units WHERE part = 'CTRL' AND status = 'packed'")
    assert packed == [(UNITS,)]


class RecordingStation:
    """A station whose every verdict is kept for the checks afterwards."""

    def __init__(self, station: Station, kept: list[ScanResult]) -> None:
        self.station = station
        self.kept = kept
        self.station_id = station.station_id

    def scan(self, raw: str) -> ScanResult:
        result = self.station.scan(raw)
        self.kept.append(result)
        return result
