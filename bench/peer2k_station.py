"""The `peer-2k` workload on TraceStation, as a worker process driven by `bench/peer2k.py`.

    python bench/peer2k_station.py DB

Reads one JSON command a line on stdin, answers one JSON line on stdout (the worker protocol
every peer adapter speaks, see `bench/peer2k.py`). Every install goes through `Station.scan`,
the station core the window and the headless runner use, on a SQLite file with the station's
settings (WAL, synchronous=FULL): three scans per install, each committed before it answers.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

OPERATOR = "B-2001"


def master_data() -> dict[str, Any]:
    return {
        "parts": [
            {"number": "FG", "description": "Finished good", "tracking": "serial", "uom": "ea"},
            {"number": "SUB", "description": "Sub-assembly", "tracking": "serial", "uom": "ea"},
            {"number": "CAP", "description": "Capacitor", "tracking": "lot", "uom": "ea"},
        ],
        "routings": [
            {"part": p, "operations": [{"code": "10", "name": "Assembly", "kind": "assemble"}]}
            for p in ("SUB", "FG")
        ],
        "boms": [
            {"parent": "SUB", "lines": [{"part": "CAP", "qty": 1, "operation": "10"}]},
            {"parent": "FG", "lines": [{"part": "SUB", "qty": 1, "operation": "10"}]},
        ],
        "work_orders": [
            {"number": "WO-SUB", "part": "SUB", "quantity": 2000},
            {"number": "WO-FG", "part": "FG", "quantity": 2000},
        ],
        "operators": [{"badge": OPERATOR, "name": "Dana Ilie", "role": "operator"}],
        "lots": [
            {"part": "CAP", "lot": f"B{n:02d}", "quantity": 1000, "expiry": "2099-12-31"}
            for n in range(1, 11)
        ],
    }


def memory_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


class Worker:
    def __init__(self, db: str) -> None:
        from sqlalchemy import event

        from tracestation.store.database import open_database
        from tracestation.wiring import station_on

        fresh = not Path(db).exists()
        self.engine = open_database(db)
        self.statements = 0

        def count(*_args: Any) -> None:
            self.statements += 1

        event.listen(self.engine, "before_cursor_execute", count)
        if fresh:
            from tracestation.store.importer import import_master_data

            import_master_data(self.engine, master_data())
        self.station = station_on(self.engine, "PEER2K")
        self.work_order = ""

    def scans(self, raws: list[str]) -> dict[str, Any]:
        before = self.statements
        t0 = time.perf_counter()
        for raw in raws:
            result = self.station.scan(raw)
            if result.outcome.value != "accepted":
                raise RuntimeError(f"{raw}: {result.outcome.value}: {result.message}")
        return {"ms": (time.perf_counter() - t0) * 1000, "statements": self.statements - before}

    def at(self, work_order: str) -> None:
        if self.work_order != work_order:
            self.scans([f"WO:{work_order}", "OPN:10"])
            self.work_order = work_order

    def ready(self) -> dict[str, Any]:
        return self.scans([OPERATOR])

    def install_sub(self, i: int) -> dict[str, Any]:
        self.at("WO-SUB")
        return self.scans([f"S{i:04d}", f"LOT:CAP/B{(i - 1) // 200 + 1:02d}", "CMD:DONE"])

    def install_fg(self, i: int) -> dict[str, Any]:
        self.at("WO-FG")
        return self.scans([f"F{i:04d}", f"S{i:04d}", "CMD:DONE"])

    def tree(self, serial: str) -> dict[str, Any]:
        from sqlalchemy.orm import Session

        from tracestation.trace.genealogy import backward

        t0 = time.perf_counter()
        with Session(self.engine) as s:
            answer = backward(s, serial, "FG")
        ms = (time.perf_counter() - t0) * 1000
        nodes, stack = [], list(answer["children"])
        while stack:
            node = stack.pop()
            nodes.append(node)
            stack += node.get("children", [])
        return {"ms": ms, "nodes": len(nodes)}

    def forward(self, lot: str) -> dict[str, Any]:
        from sqlalchemy.orm import Session

        from tracestation.trace.genealogy import forward_from_lot

        t0 = time.perf_counter()
        with Session(self.engine) as s:
            units = forward_from_lot(s, lot, "CAP")["units"]
        ms = (time.perf_counter() - t0) * 1000
        finished = sorted(u["serial"] for u in units if u["part"] == "FG")
        return {"ms": ms, "finished": finished}

    def history(self, serial: str) -> dict[str, Any]:
        t0 = time.perf_counter()
        entries, how = unit_history(self.engine, "FG", serial)
        return {"ms": (time.perf_counter() - t0) * 1000, "entries": entries, "how": how}

    def memory(self) -> dict[str, Any]:
        return {"rss_mb": memory_mb()}


def unit_history(engine: Any, part: str, serial: str) -> tuple[int, str]:
    """A unit's history: the per-unit history when this code has one (`trace history`), else
    the journal's events that name the unit (what the station had before)."""
    try:
        from tracestation.trace import history
    except ImportError:
        history = None
    if history is not None:
        from sqlalchemy.orm import Session

        with Session(engine) as s:
            answer = history.unit_history(s, serial, part)
        return len(answer["events"]), "unit_history table (trace history)"
    from sqlalchemy import text

    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT id, time, kind FROM events WHERE "
                "(json_extract(payload, '$.part') = :p AND json_extract(payload, '$.serial') = :s)"
                " OR (json_extract(payload, '$.parent_part') = :p"
                " AND json_extract(payload, '$.parent_serial') = :s) ORDER BY time"
            ),
            {"p": part, "s": serial},
        ).all()
    return len(rows), "journal scan (no per-unit history in this code)"


def main() -> int:
    worker = Worker(sys.argv[1])
    for line in sys.stdin:
        command = json.loads(line)
        op = command.pop("op")
        if op == "quit":
            break
        try:
            answer = getattr(worker, op)(**command)
        except Exception as error:  # the runner reports it and stops
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
