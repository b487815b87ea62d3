"""The quality engineer's questions alone: trace backward, forward and recall on a built plant
beside their floors (as `run.py` measures them), and the three questions of `peer-2k` on
TraceStation's side — without the scans, the start-ups and the ingest around them, so a change
to the trace code can be measured before and after in a few minutes.

    python bench/trace_questions.py                      # 10,000-unit plant, SQLite and PostgreSQL
    python bench/trace_questions.py --no-pg --repeats 9  # SQLite only
    python bench/trace_questions.py --profile NAME       # pyinstrument text profiles, then exit

The `peer-2k` database (`out/peer2k-trace.sqlite`, 2,000 FG, 2,000 SUB) is built once through
`Station.scan` by `peer2k_station.Worker` and kept; each question is asked as the worker asks it
(a fresh session each time), `--peer-repeats` times: median of the wall time the worker
measures, and of the CPU time of this process around it (SQLite works in the process, so the
CPU time is what the answer costs without the wait for a CPU a loaded machine adds). Prints one
JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import plants  # noqa: E402
from measures import trace_beside_floor  # noqa: E402
from peer2k_station import Worker  # noqa: E402
from run import DEFAULT_PG  # noqa: E402

from tracestation.store.database import open_database  # noqa: E402

FG = 2000


def peer2k_worker(path: Path) -> Worker:
    """The `peer-2k` station database, its installs scanned the first time."""
    fresh = not path.exists()
    worker = Worker(str(path))
    if fresh:
        plants.log("peer-2k: scanning 4,000 installs (once)")
        worker.ready()
        for i in range(1, FG + 1):
            worker.install_sub(i)
        for i in range(1, FG + 1):
            worker.install_fg(i)
    return worker


def peer2k_questions(worker: Worker, repeats: int) -> dict[str, Any]:
    asked: dict[str, Callable[[], dict[str, Any]]] = {
        "installed_tree": lambda: worker.tree("F0123"),
        "lot_forward_to_finished": lambda: worker.forward("B03"),
        "unit_history": lambda: worker.history("F0123"),
    }
    out: dict[str, Any] = {}
    for name, ask in asked.items():
        answers, cpu = [], []
        for _ in range(repeats):
            started = time.process_time()
            answers.append(ask())
            cpu.append((time.process_time() - started) * 1000)
        times = [a.pop("ms") for a in answers]
        out[name] = {
            "median_ms": round(statistics.median(times), 3),
            "min_ms": round(min(times), 3),
            "cpu_median_ms": round(statistics.median(cpu), 3),
            "first_ms": round(times[0], 3),
            "answer": answers[0] if name != "lot_forward_to_finished" else None,
        }
    finished = worker.forward("B03")["finished"]
    assert finished == [f"F{i:04d}" for i in range(401, 601)], finished[:3]
    return out


def profile(name: str, plant: Path, worker: Worker) -> None:
    """Text profiles of recall and forward on the SQLite plant and of the peer-2k questions."""
    from pyinstrument import Profiler
    from sqlalchemy.orm import Session

    from tracestation.trace.genealogy import forward_from_lot
    from tracestation.trace.recall import recall_scope

    engine = open_database(str(plant))
    part, lot = plants.component(plants.CHAIN[-1], 1), plants.lot_code(plants.CHAIN[-1], 1, 0)
    folder = HERE / "results" / "profiles"
    folder.mkdir(parents=True, exist_ok=True)

    def asked(question: Callable[[Session], object]) -> Callable[[], object]:
        def five() -> object:
            answers = []
            for _ in range(5):
                with Session(engine) as s:
                    answers.append(question(s))
            return answers

        return five

    cases: dict[str, Callable[[], object]] = {
        "recall": asked(lambda s: recall_scope(s, lot, part)),
        "forward": asked(lambda s: forward_from_lot(s, lot, part)),
        "peer2k": lambda: [
            (worker.tree("F0123"), worker.forward("B03"), worker.history("F0123"))
            for _ in range(50)
        ],
    }
    for case, run in cases.items():
        run()  # warm: statements compiled, pages cached
        profiler = Profiler(interval=0.0005)
        profiler.start()
        run()
        profiler.stop()
        target = folder / f"trace-{case}-{name}.txt"
        target.write_text(profiler.output_text(unicode=False, show_all=False), encoding="utf-8")
        plants.log(f"profile written: {target}")
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("TRACESTATION_TEST_PG", DEFAULT_PG))
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--peer-repeats", type=int, default=21)
    parser.add_argument("--profile", help="write profiles named trace-*-NAME.txt and exit")
    parser.add_argument("--plant", type=Path, help="the SQLite plant (default: built or kept)")
    parser.add_argument("--pg-plant", help="the PostgreSQL plant's URL (default: built or kept)")
    parser.add_argument("--peer2k", type=Path, default=HERE / "out" / "peer2k-trace.sqlite")
    args = parser.parse_args()
    worker = peer2k_worker(args.peer2k)
    plant = args.plant or plants.sqlite_plant(args.units, HERE / "out" / "plants")
    if args.profile:
        profile(args.profile, plant, worker)
        return 0
    out: dict[str, Any] = {"load_average": os.getloadavg(), "started": time.strftime("%H:%M:%S")}
    out["peer2k"] = peer2k_questions(worker, args.peer_repeats)
    sqlite = open_database(str(plant))
    out["sqlite"] = trace_beside_floor(sqlite, args.repeats)
    sqlite.dispose()
    if not args.no_pg:
        pg = open_database(args.pg_plant or plants.postgres_plant(args.units, args.pg))
        out["postgresql"] = trace_beside_floor(pg, args.repeats)
        pg.dispose()
    out["load_average_end"] = os.getloadavg()
    out["code"] = str(Path(sys.modules["tracestation"].__file__ or "").parent)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
