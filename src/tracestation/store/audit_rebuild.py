"""The state tables rebuilt from the journal, in a scratch database.

A fresh SQLite file in a temporary directory is migrated like any station database, given the
live database's master data, and every event of the journal is applied to it in the order the
live database applied them, leniently (`store.received.apply_received`: an event is applied as
far as it fits, as the centre's ingest and a station's pull apply other stations' events). What
the live state tables hold beyond, short of or otherwise than that is what someone changed.

The order: where every event carries the centre's order of arrival (`central_seq`, a centre) it
is that order; where none does (one station, or a line on one database) it is time, each
station's chain in its own order; where a station holds its own events beside events pulled from
a centre, the pulled ones go in the centre's order and are merged with its own by time. Only in
that last case can two offline stations' installations of one child be merged in another order
than the station saw them, so which of the two links is the contested one is not compared there.

Master data and lots: the importer records what it changes as `master_data_changed` events;
where the journal holds them, master data and the lots' receipts are rebuilt from them
(`store.audit_master`) and compared too. Where it does not (imports made before they were
journaled), master data is copied from the live database and not compared here, and a lot's
figures are known only from a `LotBaseline` — the lots a checkpoint file recorded at its chain
heads — and the events after it. At a station that takes its lots' figures from a centre at
every pull, only which lots exist is compared.
"""

from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from tracestation.domain.events import event_from
from tracestation.store.audit_master import (
    MASTER_DATA_CHANGED,
    UnreadableImport,
    lots_created,
    replay_import,
)
from tracestation.store.audit_state import Fields, snapshot
from tracestation.store.database import open_database, writer
from tracestation.store.projections import Written
from tracestation.store.received import apply_received
from tracestation.store.tables import (
    BomLineRow,
    EventRow,
    LotRow,
    OperationRow,
    OperatorRow,
    PartRow,
    SupplierPartRow,
    SyncTargetRow,
    WorkOrderRow,
    table_of,
)

EVENTS = table_of(EventRow)
LOTS = table_of(LotRow)
PARTS = table_of(PartRow)
TARGETS = table_of(SyncTargetRow)
# Master data, in the order foreign keys allow.
MASTER_TABLES = tuple(
    table_of(model)
    for model in (PartRow, SupplierPartRow, OperationRow, BomLineRow, WorkOrderRow, OperatorRow)
)
# A receipt the rebuild does not know: enough that no event runs out (its figures are not
# compared).
_UNKNOWN_RECEIPT = Decimal(10) ** 11
_LOT_EVENTS = frozenset(
    {"lot_installed", "lot_consumed", "lot_status_changed", "lot_split", "lots_merged"}
)
_MADE_LOTS = frozenset({"lot_split", "lots_merged"})
# Events after which a unit, carton or lot an earlier event named may be on record.
_RECORDING = frozenset({"unit_registered", "container_opened", *_MADE_LOTS})
_CHUNK = 500


@dataclass(frozen=True)
class LotBaseline:
    """Lot figures at a point of the journal: `lots` by (part, code), each with `LOT_FIELDS`,
    and `heads`, the last event of each station they already count."""

    lots: dict[tuple[str, str], Fields]
    heads: dict[str, int]


@dataclass
class Rebuild:
    """A scratch database holding the state the journal makes. `lots_compared`: the lots
    whose figures the rebuild knows (it always knows which lots must exist); `merges_compared`:
    the merges (by event) whose sources' quantities it knew when they merged;
    `master_from_journal`: master data came from the journal's imports, not the live tables."""

    engine: Engine
    applied: int = 0
    unreadable: list[str] = field(default_factory=list)
    exact_order: bool = True
    pulls_lots: bool = False
    master_from_journal: bool = False
    lots_compared: set[str] = field(default_factory=set)
    merges_compared: set[str] = field(default_factory=set)


@contextmanager
def rebuilt(live: Engine, baseline: LotBaseline | None = None) -> Iterator[Rebuild]:
    """The state `live`'s journal makes, in a scratch database removed on leaving."""
    with snapshot(live) as c:
        rows = c.execute(select(EVENTS).order_by(EVENTS.c.station, EVENTS.c.seq)).all()
        master = {t.name: [dict(r._mapping) for r in c.execute(select(t))] for t in MASTER_TABLES}
        lots = [dict(r._mapping) for r in c.execute(select(LOTS))]
        pulls = c.scalar(select(TARGETS.c.station).where(TARGETS.c.pulled_at.is_not(None)))
    with tempfile.TemporaryDirectory(prefix="tracestation-audit-") as folder:
        scratch = open_database(str(Path(folder) / "rebuilt.sqlite"))
        try:
            rebuild = Rebuild(scratch, pulls_lots=pulls is not None)
            imports, _ = replay_order([r for r in rows if r.kind == MASTER_DATA_CHANGED])
            others, rebuild.exact_order = replay_order(
                [r for r in rows if r.kind != MASTER_DATA_CHANGED]
            )
            rebuild.master_from_journal = bool(imports)
            with writer(scratch).begin() as s:
                if not imports:
                    for table in MASTER_TABLES:
                        _insert(s, table, master[table.name])
                _insert(s, EVENTS, [dict(r._mapping) for r in rows])
                # Imports first: they only add master data and receive new lots, which every
                # later event needs and no later event changes back.
                _apply_all(s, imports, rebuild)
                _seed_lots(s, [*imports, *others], lots, rebuild.pulls_lots)
                _replay(s, others, baseline, rebuild)
            if not rebuild.pulls_lots:
                rebuild.lots_compared, rebuild.merges_compared = _known_lots(
                    imports, baseline, others
                )
            yield rebuild
        finally:
            scratch.dispose()


def _insert(c: Connection, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    for start in range(0, len(rows), _CHUNK):
        c.execute(insert(table), list(rows[start : start + _CHUNK]))


def replay_order(rows: Sequence[Any]) -> tuple[list[Any], bool]:
    """The journal in the order this database applied it, and whether that order is exact
    (see the module's text)."""
    numbered = sorted((r for r in rows if r.central_seq is not None), key=lambda r: r.central_seq)
    chains: dict[str, list[Any]] = {}
    for row in rows:
        if row.central_seq is None:
            chains.setdefault(row.station, []).append(row)
    streams = [numbered, *(sorted(chain, key=lambda r: r.seq) for chain in chains.values())]
    streams = [stream for stream in streams if stream]
    ordered: list[Any] = []
    heap = [(_moment(stream[0].time), n, 0) for n, stream in enumerate(streams)]
    heapq.heapify(heap)
    while heap:
        _, n, i = heapq.heappop(heap)
        ordered.append(streams[n][i])
        if i + 1 < len(streams[n]):
            heapq.heappush(heap, (_moment(streams[n][i + 1].time), n, i + 1))
    return ordered, not (numbered and chains)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return datetime.min.replace(tzinfo=UTC)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _lots_named(row: Any) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The lots an event names, and those it makes."""
    payload = row.payload if isinstance(row.payload, dict) else {}
    part = str(payload.get("part"))
    named: set[tuple[str, str]] = set()
    made: set[tuple[str, str]] = set()
    if row.kind in _LOT_EVENTS:
        codes = [payload.get("lot"), *(payload.get("sources") or [])]
        named |= {(part, str(code)) for code in codes if code}
        if row.kind in _MADE_LOTS and payload.get("new_lot"):
            made.add((part, str(payload["new_lot"])))
    elif row.kind == "nonconformance_opened" and payload.get("subject_kind") == "lot":
        named.add((part, str(payload.get("subject"))))
    return named, made


def _seed_lots(
    c: Connection, ordered: Sequence[Any], live_lots: Sequence[dict[str, Any]], pulls: bool
) -> None:
    """Every lot the events do not make, as received (figures unknown until a baseline); a lot
    an event draws on that the live database lacks is seeded too, so its loss shows. Runs after
    the imports: a lot they received is there already, and a lot of a part the scratch database
    does not know cannot be (the events that name it will not fit, and say so).

    At a station that pulls, a lot made by another station's split or merge came with the
    centre's lots before the event that made it (pull: lots, then events), so it is seeded."""
    named: set[tuple[str, str]] = set()
    made: set[tuple[str, str]] = set()
    for row in ordered:
        lots_named, lots_made = _lots_named(row)
        named |= lots_named
        if row.kind == MASTER_DATA_CHANGED:
            lots_made |= lots_created(row.payload)
        if not (pulls and row.central_seq is not None):
            made |= lots_made
    present = {(r.part, r.code) for r in c.execute(select(LOTS.c.part, LOTS.c.code))}
    parts = set(c.scalars(select(PARTS.c.number)))
    seeds = []
    live = set()
    for lot in live_lots:
        key = (lot["part"], lot["code"])
        live.add(key)
        if key not in made and key not in present and key[0] in parts:
            seeds.append({**_without(lot, "id"), "quantity": _UNKNOWN_RECEIPT})
    for part, code in sorted(named - live - made - present):
        if part in parts:
            seeds.append(
                {"part": part, "code": code, "quantity": _UNKNOWN_RECEIPT, "status": "released"}
            )
    _insert(c, LOTS, seeds)


def _without(row: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in names}


def _replay(
    c: Connection, ordered: Sequence[Any], baseline: LotBaseline | None, rebuild: Rebuild
) -> None:
    if baseline is None or rebuild.pulls_lots:
        _apply_all(c, ordered, rebuild)
        return
    counted = [r for r in ordered if r.seq <= baseline.heads.get(r.station, 0)]
    after = [r for r in ordered if r.seq > baseline.heads.get(r.station, 0)]
    _apply_all(c, counted, rebuild)
    _reset_lots(c, baseline)
    _apply_all(c, after, rebuild)


def _apply_all(c: Connection, rows: Sequence[Any], rebuild: Rebuild) -> None:
    """Apply `rows` in order. Where the order is not exact (see the module's text), an event
    about a unit or lot not recorded yet waits, and is applied again after each later event,
    until the event that records it has come (a clock that ran behind put it too early)."""
    waiting: list[Any] = []
    for row in rows:
        if _apply_one(c, row, rebuild, last_try=rebuild.exact_order):
            if waiting and row.kind in _RECORDING:
                waiting = _retried(c, waiting, rebuild)
            continue
        waiting.append(row)
    for row in waiting:  # never fitted: applied once more, as it stands
        _apply_one(c, row, rebuild, last_try=True)


def _retried(c: Connection, waiting: list[Any], rebuild: Rebuild) -> list[Any]:
    still = []
    for row in waiting:
        if not _apply_one(c, row, rebuild):
            still.append(row)
    return still


def _apply_one(c: Connection, row: Any, rebuild: Rebuild, last_try: bool = False) -> bool:
    """Apply one event; False only when it named a subject not recorded yet (and changed
    nothing), unless this is its `last_try`."""
    moment = _moment(row.time)
    if row.kind == MASTER_DATA_CHANGED:
        try:
            replay_import(c, row.payload, moment)
        except UnreadableImport as error:
            rebuild.unreadable.append(f"{row.id} ({error})")
            return True
        rebuild.applied += 1
        return True
    try:
        event = event_from(row.kind, dict(row.payload))
    except (ValueError, TypeError, KeyError, ArithmeticError):
        rebuild.unreadable.append(row.id)
        return True
    written = Written(row.id, moment, row.station, row.operator, row.signed_by)
    # A pulled event was applied here without drawing on lots (the pull sets their figures):
    # rebuild it the same way.
    pulled = rebuild.pulls_lots and row.central_seq is not None
    breaches = apply_received(event, c, written, draw_lots=not pulled)
    if not last_try and any(b.kind == "unknown_subject" for b in breaches):
        return False
    rebuild.applied += 1
    return True


def _reset_lots(c: Connection, baseline: LotBaseline) -> None:
    """The lots as the baseline had them."""
    for (part, code), figures in sorted(baseline.lots.items()):
        values = {
            "quantity": Decimal(str(figures.get("quantity") or 0)),
            "status": figures.get("status") or "released",
            "status_reason": figures.get("status_reason"),
            "expiry": _day(figures.get("expiry")),
            "supplier": figures.get("supplier"),
        }
        moved = c.execute(
            update(LOTS).where(LOTS.c.part == part, LOTS.c.code == code).values(**values)
        )
        if moved.rowcount == 0:
            c.execute(insert(LOTS).values(part=part, code=code, **values))


def _day(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _known_lots(
    imports: Sequence[Any], baseline: LotBaseline | None, others: Sequence[Any]
) -> tuple[set[str], set[str]]:
    """The lots whose figures follow from the journal (and the baseline): those an import
    received or the baseline recorded, and what splits and merges of those made; and the
    merges whose sources' figures were known when they merged (a baseline's lots are known
    from the point of the journal it was taken at)."""
    known = {f"{part}/{code}" for row in imports for part, code in lots_created(row.payload)}
    merges: set[str] = set()
    heads = baseline.heads if baseline is not None else {}
    counted = [r for r in others if baseline is not None and r.seq <= heads.get(r.station, 0)]
    after = [r for r in others if baseline is None or r.seq > heads.get(r.station, 0)]
    for rows in (counted, after):
        if rows is after and baseline is not None:
            known |= {f"{part}/{code}" for part, code in baseline.lots}
        for row in rows:
            if row.kind not in _MADE_LOTS:
                continue
            named, made = _lots_named(row)
            if all(f"{p}/{c}" in known for p, c in named):
                known |= {f"{p}/{c}" for p, c in made}
                if row.kind == "lots_merged":
                    merges.add(row.id)
    return known, merges
