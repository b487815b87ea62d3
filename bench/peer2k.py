"""`peer-2k`: one genealogy workload on TraceStation and on a peer, interleaved in one run.

    python bench/peer2k.py                                  # TraceStation alone
    python bench/peer2k.py --peer inventree --peer-python /opt/inventree/venv/bin/python \\
        --peer-source /opt/inventree/src/backend/InvenTree --peer-db /opt/inventree/migrated.sqlite3

The workload (issue 13): parts FG (serial), SUB (serial), CAP (lot) in 10 lots B01..B10 of
1,000; SUB S0001..S2000 each installs one CAP from lot B((i-1)//200+1); FG F0001..F2000, F_i
installs S_i; then the installed tree of F0123, every FG holding lot B03 at any depth (exactly
F0401..F0600) and the history of F0123. Both on SQLite, WAL, synchronous=FULL.

Each system runs in a worker process of its own (`peer2k_station.py`; the peer's adapter, e.g.
`peers/inventree_orm.py`, in the peer's own Python), which times each operation itself; this
runner sends the same operation to one, then the other, so both meet the same load. Start-up is
the time from spawning the worker to its answer to `ready` (TraceStation: the operator's badge
scanned; InvenTree: Django set up and the workload's parts read); memory is each worker's
resident set after the workload. A peer's `INVENTREE_*` settings come from the environment;
its database is a copy of `--peer-db` (migrated beforehand), so each run starts empty.
Results: `bench/results/peer2k.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from measures import percentile  # noqa: E402
from plants import log  # noqa: E402
from run import machine  # noqa: E402


def lot_asked(units: int) -> tuple[str, list[str]]:
    """The lot whose finished goods are asked for, and the answer: B03 (F0401..F0600) in the
    full workload; B01 (F0001..F0200) in a sample of fewer than 600 units."""
    number = 3 if units >= 600 else 1
    return f"B{number:02d}", [
        f"F{i:04d}" for i in range(1, units + 1) if (i - 1) // 200 + 1 == number
    ]


class Worker:
    """A worker process answering one JSON line per command."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        self.name = name
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )

    def ask(self, op: str, **args: Any) -> dict[str, Any]:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.process.stdin.flush()
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit(f"{self.name} stopped during {op}")
            try:
                answer: dict[str, Any] = json.loads(line)
            except json.JSONDecodeError:
                continue  # something the peer printed on its own
            if "error" in answer:
                raise SystemExit(f"{self.name}: {op} {args}: {answer['error']}")
            return answer

    def ready(self) -> None:
        self.ask("ready")
        self.startup_s = round(time.perf_counter() - self.started, 3)
        log(f"{self.name} ready in {self.startup_s} s")

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin
            self.process.stdin.write('{"op": "quit"}\n')
            self.process.stdin.flush()
            self.process.wait(timeout=60)


def summary(values: list[float]) -> dict[str, float]:
    return {
        "count": len(values),
        "p50_ms": round(percentile(values, 0.5), 2),
        "p99_ms": round(percentile(values, 0.99), 2),
    }


def start(args: argparse.Namespace) -> dict[str, Worker]:
    """Each worker spawned after the one before is ready, so start-ups do not share the CPU."""
    out = HERE / "out"
    out.mkdir(parents=True, exist_ok=True)
    ours = out / "peer2k-tracestation.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{ours}{suffix}").unlink(missing_ok=True)
    workers = {
        "tracestation": Worker(
            "tracestation",
            [sys.executable, str(HERE / "peer2k_station.py"), str(ours)],
            dict(os.environ),
        )
    }
    workers["tracestation"].ready()
    if args.peer == "inventree":
        db = out / "peer2k-inventree.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(args.peer_db, db)
        env = {**os.environ, "INVENTREE_DB_ENGINE": "sqlite3", "INVENTREE_DB_NAME": str(db)}
        workers["inventree"] = Worker(
            "inventree",
            [args.peer_python, str(HERE / "peers" / "inventree_orm.py"), args.peer_source],
            env,
        )
        workers["inventree"].ready()
    return workers


def run(args: argparse.Namespace, save: Any) -> dict[str, Any]:
    """The workload; `save(results)` after each phase, so a run stopped midway keeps what it
    measured."""
    workers = start(args)
    results: dict[str, dict[str, Any]] = {name: {} for name in workers}
    for name, worker in workers.items():
        results[name]["startup_s"] = worker.startup_s
    for op, label in (("install_sub", "lot_into_serial"), ("install_fg", "serial_into_serial")):
        times: dict[str, list[float]] = {name: [] for name in workers}
        statements: dict[str, list[int]] = {name: [] for name in workers}
        for i in range(1, args.units + 1):
            for name, worker in workers.items():
                answer = worker.ask(op, i=i)
                times[name].append(answer["ms"])
                statements[name].append(answer["statements"])
            if i % 250 == 0:
                log(
                    f"{op} {i}/{args.units}: "
                    + ", ".join(f"{n} p50 {statistics.median(t):.1f} ms" for n, t in times.items())
                )
        for name in workers:
            results[name][label] = {
                **summary(times[name]),
                "statements_median": statistics.median(statements[name]),
            }
        save(results)
    lot, expected = lot_asked(args.units)
    questions = (
        ("installed_tree", "tree", {"serial": "F0123"}),
        ("lot_forward_to_finished", "forward", {"lot": lot}),
        ("unit_history", "history", {"serial": "F0123"}),
    )
    for label, op, question in questions:
        for name, worker in workers.items():
            answers = [worker.ask(op, **question) for _ in range(args.repeats)]
            detail = {k: v for k, v in answers[-1].items() if k not in ("ms", "finished")}
            if op == "forward":
                detail["lot"] = lot
                detail["exactly_as_expected"] = answers[-1]["finished"] == expected
                detail["finished"] = len(answers[-1]["finished"])
            results[name][label] = {
                "median_ms": round(statistics.median(a["ms"] for a in answers), 2),
                "first_ms": round(answers[0]["ms"], 2),
                **detail,
            }
    for name, worker in workers.items():
        results[name]["rss_mb"] = worker.ask("memory")["rss_mb"]
        worker.close()
    return results


def ratios(results: dict[str, dict[str, Any]], peer: str) -> dict[str, Any]:
    """How many times the peer's figure is ours (above 1: we are ahead), and whether >= 5x."""
    ours, theirs = results["tracestation"], results[peer]
    pairs = {
        "lot_into_serial_install_p50": ("lot_into_serial", "p50_ms"),
        "serial_into_serial_install_p50": ("serial_into_serial", "p50_ms"),
        "installed_tree": ("installed_tree", "median_ms"),
        "lot_forward_to_finished": ("lot_forward_to_finished", "median_ms"),
        "unit_history": ("unit_history", "median_ms"),
    }
    out: dict[str, Any] = {}
    for key, (section, field) in pairs.items():
        value = round(theirs[section][field] / ours[section][field], 2)
        out[key] = {"ratio": value, "goal_5x_met": value >= 5}
    for key in ("startup_s", "rss_mb"):
        value = round(theirs[key] / ours[key], 2)
        out[key] = {"ratio": value, "goal_5x_met": value >= 5}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--peer", choices=("inventree",), help="the peer to run beside")
    parser.add_argument("--peer-python", help="the peer's Python (its own environment)")
    parser.add_argument("--peer-source", help="InvenTree's src/backend/InvenTree folder")
    parser.add_argument("--peer-db", help="a migrated, empty peer SQLite database to copy")
    parser.add_argument(
        "--units", type=int, default=2000, help="2000 is peer-2k; fewer (>= 123): a sample of it"
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--output", type=Path, default=HERE / "results" / "peer2k.json")
    args = parser.parse_args(argv)
    if args.peer and not (args.peer_python and args.peer_source and args.peer_db):
        parser.error("--peer needs --peer-python, --peer-source and --peer-db")
    info = machine()
    started = time.perf_counter()
    date = datetime.now(UTC).isoformat(timespec="seconds")

    def save(results: dict[str, Any], finished: bool = False) -> dict[str, Any]:
        info["load_average_now"] = [round(x, 2) for x in os.getloadavg()]
        document: dict[str, Any] = {
            "benchmark": "peer-2k",
            "date": date,
            "finished": finished,
            "machine": info,
            "units": args.units,
            "peer": args.peer,
            "seconds": round(time.perf_counter() - started, 1),
            "results": results,
        }
        if args.peer and finished:
            document["peer_over_tracestation"] = ratios(results, args.peer)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        return document

    document = save(run(args, save), finished=True)
    print(json.dumps(document, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
