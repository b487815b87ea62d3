"""Where a push's time goes: the same push of `sync_ingest.py`'s journal, with one part of it
taken away or replaced at a time, alternated in rounds, wall time and the client's CPU time.

    .venv/bin/python bench/ingest_parts.py                      # every variant, 3 rounds
    .venv/bin/python bench/ingest_parts.py --variants as-is,station-free --rounds 5

The journal is `sync_ingest.py`'s station file (`out/sync_ingest_station_5440.sqlite`, built
there first: `sync_ingest.py --units 5440`); each push goes from a fresh copy of it into a fresh,
prepared centre on the PostgreSQL server at `TRACESTATION_TEST_PG`. The variants:

- `as-is`: `push_journal` as `tracestation sync` runs it (the station's side on a thread of its
  own, one batch ahead);
- `station-free`: the station's side of every batch (reading, parsing, the COPY text, the
  history rows) done before the clock starts, and the cursor not moved: what the central
  transaction alone costs;
- `station-inline`: the station's side on the pushing thread itself, not a second thread;
- `station-sleeps` / `station-spins`: the station's side done before the clock, and in its place
  on the second thread a pause of `--busy-ms` a batch, sleeping (the thread lets go of Python's
  lock) or spinning in Python (it holds it, as the real work does): whether the second thread's
  work overlaps the centre's waits;
- `no-foreign-keys`: as `station-free`, into a centre whose projection tables have no foreign
  keys (dropped for the measurement only): what the per-row foreign key checks cost.

Prints one JSON object (medians and every round). Nothing here is a product setting: the
variants take the push apart to show which part of it the wall time waits for.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import sync_ingest  # noqa: E402
from recall_classic import master_data  # noqa: E402

from tracestation.store.database import open_database  # noqa: E402
from tracestation.store.importer import import_master_data  # noqa: E402
from tracestation.sync import push  # noqa: E402
from tracestation.sync.central import central_identity, prepare_central  # noqa: E402
from tracestation.sync.outgoing import Outgoing, read_outgoing  # noqa: E402

UNITS = 5440
VARIANTS = (
    "as-is",
    "station-free",
    "station-inline",
    "station-sleeps",
    "station-spins",
    "no-foreign-keys",
)
_PROJECTIONS = ("genealogy_links", "units", "test_records", "consumptions", "containers", "lots")


def ahead_of_time(local: Engine, centre: str, batch: int) -> dict[Any, Outgoing | None]:
    """Every batch `read_outgoing` would give, keyed by the `after` it is asked with."""
    ready: dict[Any, Outgoing | None] = {}
    after = None
    while True:
        outgoing = read_outgoing(local, centre, batch, after)
        ready[after] = outgoing
        if outgoing is None:
            return ready
        last = outgoing.rows[-1]
        after = (last.station, last.seq)


class _Inline:
    """A stand-in for the push's one-thread executor that runs each task on the caller."""

    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        pass

    def __enter__(self) -> _Inline:
        return self

    def __exit__(self, *_args: Any) -> None:
        pass

    def submit(self, task: Callable[..., Any], *args: Any) -> Any:
        from concurrent.futures import Future

        future: Future[Any] = Future()
        future.set_result(task(*args))
        return future


@contextmanager
def variant_in_place(
    name: str, ready: dict[Any, Outgoing | None], busy_ms: float
) -> Iterator[None]:
    """`push`'s collaborators replaced as the variant says, for the duration."""
    saved = (push.read_outgoing, push.mark_sent, push.ThreadPoolExecutor)

    def precomputed(_local: Any, _centre: str, _batch: int, after: Any) -> Outgoing | None:
        return ready[after]

    def busy(_local: Any, _centre: str, _batch: int, after: Any) -> Outgoing | None:
        if name == "station-sleeps":
            time.sleep(busy_ms / 1000)
        else:
            end = time.thread_time() + busy_ms / 1000
            while time.thread_time() < end:
                pass
        return ready[after]

    try:
        if name in ("station-free", "no-foreign-keys"):
            push.read_outgoing, push.mark_sent = precomputed, lambda *_: None  # type: ignore[assignment]
        elif name in ("station-sleeps", "station-spins"):
            push.read_outgoing, push.mark_sent = busy, lambda *_: None  # type: ignore[assignment]
        elif name == "station-inline":
            push.ThreadPoolExecutor = _Inline  # type: ignore[assignment,misc]
        yield
    finally:
        push.read_outgoing, push.mark_sent, push.ThreadPoolExecutor = saved  # type: ignore[misc]


def one_push(
    name: str, template: Path, out: Path, batch: int, busy_ms: float, keep: bool
) -> dict[str, Any]:
    with sync_ingest.fresh_database("ts_bench_parts", keep) as url:
        local = open_database(str(sync_ingest.working_copy(template, out)))
        central = open_database(url)
        prepare_central(central)
        import_master_data(central, master_data(UNITS))
        if name == "no-foreign-keys":
            with central.begin() as c:
                keys = c.execute(
                    text(
                        "SELECT conname, conrelid::regclass::text FROM pg_constraint "
                        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(:tables)"
                    ),
                    {"tables": list(_PROJECTIONS)},
                ).all()
                for key, table in keys:
                    c.execute(text(f'ALTER TABLE {table} DROP CONSTRAINT "{key}"'))
        # Only the variants that use them hold every batch made ahead: as-is and station-inline
        # push with the process's heap as a push has it (held batches make each of Python's
        # full collections longer).
        uses_ready = name not in ("as-is", "station-inline")
        ready = ahead_of_time(local, central_identity(central), batch) if uses_ready else {}
        with variant_in_place(name, ready, busy_ms):
            started, cpu = time.perf_counter(), time.process_time()
            report = push.push_journal(local, central, batch=batch)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        local.dispose()
        central.dispose()
    return {"events": report.pushed, "seconds": round(wall, 3), "client_cpu_s": round(cpu, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument(
        "--busy-ms", type=float, default=33.0, help="the stand-in station work, per batch"
    )
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument(
        "--keep", action="store_true", help="keep the centres (ts_bench_parts_*): drop them later"
    )
    args = parser.parse_args(argv)
    names = args.variants.split(",")
    unknown = set(names) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants {sorted(unknown)}; known: {', '.join(VARIANTS)}")
    template = args.out / f"sync_ingest_station_{UNITS}.sqlite"
    if not template.exists():
        parser.error(f"{template} is missing: run sync_ingest.py --units {UNITS} once first")
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for n in range(1, args.rounds + 1):
        for name in names:  # alternated, so that every variant meets the same load
            rounds[name].append(
                one_push(name, template, args.out, args.batch, args.busy_ms, args.keep)
            )
            sync_ingest.log(f"round {n} {name}: {rounds[name][-1]}")
    result = {
        "machine": sync_ingest.machine(),
        "busy_ms": args.busy_ms,
        "variants": {
            name: {
                "median_seconds": statistics.median(r["seconds"] for r in runs),
                "median_client_cpu_s": statistics.median(r["client_cpu_s"] for r in runs),
                "rounds": runs,
            }
            for name, runs in rounds.items()
        },
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
