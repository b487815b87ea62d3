"""Where `peer-2k`'s forward question (every unit holding lot B03) spends its time, part by part,
on the `peer-2k` station database of `trace_questions.py` (built there once, 4,000 installs).

    .venv/bin/python bench/forward_parts.py          # medians of 201 calls each, one JSON object

Each part is timed cumulatively, as the answer builds up: a session and its connection; the lot
looked up; the walk executed through SQLAlchemy; the same walk's SQL executed on a bare sqlite3
connection (SQLite's own work, no SQLAlchemy); the whole `forward_from_lot` (the answer's dicts
included); and, beside it, the unit's history of `trace history` (F0123).
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from trace_questions import peer2k_worker  # noqa: E402

from tracestation.store.database import open_database  # noqa: E402
from tracestation.trace import history, walks  # noqa: E402
from tracestation.trace.genealogy import forward_from_lot, lot_named  # noqa: E402

DATABASE = HERE / "out" / "peer2k-trace.sqlite"


def median_ms(call: Callable[[], object], times: int = 201) -> float:
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        taken.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(taken), 3)


def main() -> int:
    peer2k_worker(DATABASE)  # builds the database the first time
    engine = open_database(str(DATABASE))
    with Session(engine) as s:
        lot = lot_named(s, "B03", "CAP").id
    statement = str(walks.REACH_NOW.compile(engine))
    bare = sqlite3.connect(DATABASE)

    def session() -> None:
        with Session(engine) as s:
            s.connection()

    def looked_up() -> None:
        with Session(engine) as s:
            lot_named(s, "B03", "CAP")

    def walked() -> None:
        with Session(engine) as s:
            found = lot_named(s, "B03", "CAP")
            s.execute(walks.REACH_NOW, {"lot": found.id}).all()

    def forward() -> None:
        with Session(engine) as s:
            forward_from_lot(s, "B03", "CAP")

    def unit_history() -> None:
        with Session(engine) as s:
            history.unit_history(s, "F0123", "FG")

    parts = {
        "session_and_connection_ms": median_ms(session),
        "plus_lot_looked_up_ms": median_ms(looked_up),
        "plus_walk_through_sqlalchemy_ms": median_ms(walked),
        "walk_on_bare_sqlite3_ms": median_ms(
            lambda: bare.execute(statement, (lot,) * statement.count("?")).fetchall()
        ),
        "forward_from_lot_ms": median_ms(forward),
        "unit_history_ms": median_ms(unit_history),
    }
    print(json.dumps(parts, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
