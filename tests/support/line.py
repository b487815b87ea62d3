"""A line of stations on one database, for race and line tests: a plant shaped for races and a
harness that releases competing scans at the same instant (a barrier)."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, create_engine, text

from tracestation.station.core import Station
from tracestation.station.verdicts import ScanResult
from tracestation.store.audit import verify_journal

PG_ADMIN_URL = os.environ.get(
    "TRACESTATION_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
ROUNDS = int(os.environ.get("TRACESTATION_RACE_ROUNDS", "25"))


@dataclass
class StationClock:
    """Each station's own clock, moving on 2 s a read so no scan is taken for a double read."""

    moment: datetime = field(default_factory=lambda: datetime(2026, 11, 30, 6, 0, tzinfo=UTC))

    def now(self) -> datetime:
        self.moment += timedelta(seconds=2)
        return self.moment

    def today(self) -> date:
        return self.moment.date()


def race_plant(rounds: int) -> dict[str, Any]:
    """A board (assembled from capacitors, then tested), a controller that takes one board,
    and a boxed item that is tested and packed ten to a carton; lots and work orders enough
    for `rounds` rounds of every race."""
    lots = [
        {"part": "CAP", "lot": f"C-{n}", "quantity": 3, "status": "released"} for n in range(rounds)
    ]
    lots.append({"part": "CAP", "lot": "C-BIG", "quantity": 100000, "status": "released"})
    lots += [
        {"part": "CAP", "lot": f"L-{n}", "quantity": 1000, "status": "released"} for n in range(3)
    ]
    lots += [
        {"part": "PASTE", "lot": f"P-{n}", "quantity": 30, "status": "released"}
        for n in range(rounds)
    ]
    return {
        "parts": [
            {"number": "BOARD", "description": "Board", "tracking": "serial"},
            {"number": "CTRL", "description": "Controller", "tracking": "serial"},
            {"number": "ITEM", "description": "Boxed item", "tracking": "serial"},
            {"number": "CAP", "description": "Capacitor", "tracking": "lot"},
            {"number": "PASTE", "description": "Paste", "tracking": "lot", "uom": "g"},
        ],
        "routings": [
            {
                "part": "BOARD",
                "operations": [
                    {"code": "10", "name": "SMT", "kind": "assemble"},
                    {"code": "20", "name": "ICT", "kind": "test"},
                ],
            },
            {
                "part": "CTRL",
                "operations": [
                    {"code": "10", "name": "Kitting", "kind": "consume"},
                    {"code": "20", "name": "Assembly", "kind": "assemble"},
                    {"code": "30", "name": "Final test", "kind": "test"},
                    {"code": "40", "name": "Pack", "kind": "pack", "pack_qty": 10},
                ],
            },
            {
                "part": "ITEM",
                "operations": [
                    {"code": "10", "name": "Test", "kind": "test"},
                    {"code": "20", "name": "Pack", "kind": "pack", "pack_qty": 10},
                ],
            },
        ],
        "boms": [
            {"parent": "BOARD", "lines": [{"part": "CAP", "qty": 2, "operation": "10"}]},
            {
                "parent": "CTRL",
                "lines": [
                    {"part": "PASTE", "qty": 2, "operation": "10"},
                    {"part": "BOARD", "qty": 1, "operation": "20"},
                ],
            },
        ],
        "work_orders": [
            {"number": "WO-BOARD", "part": "BOARD", "quantity": 100000},
            {"number": "WO-CTRL", "part": "CTRL", "quantity": 100000},
            {"number": "WO-ITEM", "part": "ITEM", "quantity": 100000},
            *(
                {"number": f"WO-KIT-{n}-{side}", "part": "CTRL", "quantity": 10}
                for n in range(rounds)
                for side in "AB"
            ),
            *({"number": f"WO-LAST-{n}", "part": "BOARD", "quantity": 1} for n in range(rounds)),
        ],
        "operators": [
            {"badge": "B-1", "name": "Ana Pop", "role": "operator"},
            {"badge": "B-2", "name": "Mihai Dan", "role": "operator"},
            {"badge": "B-3", "name": "Ioana Vlad", "role": "operator"},
            {"badge": "B-4", "name": "Dan Sava", "role": "operator"},
            {"badge": "B-9", "name": "Ion Rus", "role": "lead", "pin": "4321"},
        ],
        "lots": lots,
    }


class Line:
    """Stations on one database, each with its own engine (its own connections) and clock, as
    separate station PCs would have."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engines: list[Engine] = []
        self.pool = ThreadPoolExecutor(max_workers=8)

    def station(self, station_id: str) -> Station:
        from tracestation.labels.printers import NoPrinter
        from tracestation.store.database import create_station_engine
        from tracestation.wiring import station_on

        engine = create_station_engine(self.url)
        self.engines.append(engine)
        return station_on(engine, station_id, clock=StationClock(), printer=NoPrinter())

    def at_once(self, *scans: tuple[Station, str]) -> list[ScanResult]:
        """Each station scans its barcode on its own thread, all released by one barrier at
        the same instant; the results in the order given."""
        barrier = threading.Barrier(len(scans))

        def released(scan: tuple[Station, str]) -> ScanResult:
            station, raw = scan
            barrier.wait(timeout=60)
            return station.scan(raw)

        return list(self.pool.map(released, scans))

    def close(self) -> None:
        self.pool.shutdown()
        for engine in self.engines:
            engine.dispose()


def scans(station: Station, *raws: str) -> ScanResult:
    """Scan in order, each one accepted (preparation before a race); returns the last result."""
    result = None
    for raw in raws:
        result = station.scan(raw)
        assert result.outcome == "accepted", f"{station.station_id} {raw}: {result.message}"
    assert result is not None
    return result


def query(line: Line, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(line.url)
    try:
        with engine.connect() as c:
            return [tuple(row) for row in c.execute(text(sql))]
    finally:
        engine.dispose()


def assert_the_record_holds(line: Line, results: list[ScanResult]) -> None:
    """What every race must leave: every accepted scan's events in the journal, intact chains,
    lots that add up, no child in two parents, no carton over its capacity, no work order
    over its quantity, and no loser told 'not saved'."""
    journal = {row[0] for row in query(line, "SELECT id FROM events")}
    for result in results:
        if result.outcome == "accepted":
            assert set(result.event_ids) <= journal, f"accepted but not journaled: {result}"
        assert result.code not in ("record_not_saved", "station_fault"), result.message
    engine = create_engine(line.url)
    try:
        assert verify_journal(engine)[1] == []
    finally:
        engine.dispose()
    lots = query(
        line,
        "SELECT l.part, l.code, l.quantity, l.status, "
        "COALESCE((SELECT SUM(c.qty) FROM consumptions c WHERE c.lot_id = l.id), 0) "
        "FROM lots l",
    )
    starting = {
        (lot["part"], lot["lot"]): Decimal(lot["quantity"]) for lot in race_plant(ROUNDS)["lots"]
    }
    for part, code, quantity, status, consumed in lots:
        start = starting[(str(part), str(code))]
        assert Decimal(str(quantity)) == start - Decimal(str(consumed)), (part, code)
        assert Decimal(str(quantity)) >= 0
        assert (status == "consumed") == (Decimal(str(quantity)) == 0), (part, code, status)
    assert (
        query(
            line,
            "SELECT child_unit_id FROM genealogy_links WHERE child_unit_id IS NOT NULL "
            "AND removed_event IS NULL GROUP BY child_unit_id HAVING COUNT(*) > 1",
        )
        == []
    ), "a child unit sits in two parents"
    assert (
        query(
            line,
            "SELECT c.sscc FROM containers c WHERE c.capacity IS NOT NULL AND "
            "(SELECT COUNT(*) FROM units u WHERE u.container = c.sscc) > c.capacity",
        )
        == []
    ), "a carton holds more than its capacity"
    assert (
        query(
            line,
            "SELECT w.number FROM work_orders w WHERE "
            "(SELECT COUNT(*) FROM units u WHERE u.work_order = w.number) > w.quantity",
        )
        == []
    ), "a work order has more units than its quantity"
    assert (
        query(
            line,
            "SELECT u.serial FROM units u JOIN genealogy_links g ON g.parent_unit_id = u.id "
            "JOIN lots l ON l.id = g.child_lot_id "
            "WHERE u.part = 'BOARD' AND g.removed_event IS NULL "
            "GROUP BY u.serial HAVING SUM(g.qty) > 2",
        )
        == []
    ), "a board holds more capacitors than its BOM"
