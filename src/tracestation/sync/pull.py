"""Pull from the centre what a station needs to work as part of a line, offline or not.

In order: master data (when it changed), the lots as the centre knows them (holds first: a hold
placed centrally is enforced at the next scan), then every other station's events the station
lacks, in the centre's order of arrival, applied to the local projections (units other stations
built, their tests, installations, cartons, the centre's conflicts and nonconformances).
A lot this station changed since its last push keeps the station's own figures until that change
is central. Each step is a local transaction of its own; the whole pull can be repeated.

Pulled events keep their station, chain position and hash, so `audit verify` checks them here as
well; they are never pushed back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    and_,
    delete,
    insert,
    or_,
    select,
    update,
)

from tracestation.domain.events import event_from
from tracestation.store.audit_anchors import record_acknowledgement
from tracestation.store.database import writer
from tracestation.store.projections import Written
from tracestation.store.received import apply_received
from tracestation.store.tables import (
    BomLineRow,
    DefectRow,
    EventRow,
    LotRow,
    OperationRow,
    OperatorRow,
    PartRow,
    PlantMetaRow,
    StationHeadRow,
    SupplierPartRow,
    SyncTargetRow,
    WorkOrderRow,
    table_of,
)
from tracestation.store.unit_history import Applied, note_history
from tracestation.sync.collections_paused import fewer_collections
from tracestation.sync.outgoing import unsent

EVENTS = table_of(EventRow)
HEADS = table_of(StationHeadRow)
TARGETS = table_of(SyncTargetRow)
LOTS = table_of(LotRow)
META = table_of(PlantMetaRow)
MASTER_DATA = "master_data"
BATCH = 500
_LOT_KINDS = ("lot_installed", "lot_consumed", "lot_split", "lots_merged", "lot_status_changed")
# Master data by table, each with the key a row is known by.
_MASTER: tuple[tuple[Table, tuple[str, ...]], ...] = (
    (table_of(PartRow), ("number",)),
    (table_of(SupplierPartRow), ("supplier_part",)),
    (table_of(OperationRow), ("part", "code")),
    (table_of(WorkOrderRow), ("number",)),
    (table_of(OperatorRow), ("badge",)),
    (table_of(DefectRow), ("code",)),
)
BOM = table_of(BomLineRow)


@dataclass
class PullReport:
    events: int = 0
    master_data_changed: bool = False
    lots: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "master_data_changed": self.master_data_changed,
            "lots": self.lots,
        }


def pull(local: Engine, central: Engine, centre: str) -> PullReport:
    report = PullReport()
    report.master_data_changed = _pull_master_data(local, central)
    # Lots before events: a station that has never synced needs the lots its neighbours'
    # events name. Pulled events never draw on lots, so the order counts nothing twice.
    report.lots = _pull_lots(local, central, centre)
    with fewer_collections():
        report.events = _pull_events(local, central, centre)
    return report


def _rows(c: Connection, table: Table) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in c.execute(select(table))]


def _pull_master_data(local: Engine, central: Engine) -> bool:
    with central.connect() as cc:
        wanted = {table.name: _rows(cc, table) for table, _ in _MASTER}
        bom = _rows(cc, BOM)
    changed = False
    with writer(local).begin() as lc:
        for table, key in _MASTER:
            changed |= _upsert(lc, table, key, wanted[table.name])
        changed |= _replace_bom(lc, bom)
        if changed:
            bumped = lc.execute(
                update(META).where(META.c.key == MASTER_DATA).values(value=META.c.value + 1)
            )
            if bumped.rowcount == 0:
                lc.execute(insert(META).values(key=MASTER_DATA, value=1))
    return changed


def _upsert(c: Connection, table: Table, key: tuple[str, ...], rows: list[dict[str, Any]]) -> bool:
    have = {tuple(row[k] for k in key): row for row in _rows(c, table)}
    changed = False
    for row in rows:
        known = have.get(tuple(row[k] for k in key))
        if known == row:
            continue
        changed = True
        if known is None:
            c.execute(insert(table).values(**row))
        else:
            match = and_(*(table.c[k] == row[k] for k in key))
            c.execute(update(table).where(match).values(**row))
    return changed


def _replace_bom(c: Connection, lines: list[dict[str, Any]]) -> bool:
    def shape(rows: Iterable[dict[str, Any]]) -> set[tuple[Any, ...]]:
        return {(r["parent"], r["child"], r["operation"], r["qty"]) for r in rows}

    if shape(_rows(c, BOM)) == shape(lines):
        return False
    parents = {line["parent"] for line in lines}
    c.execute(delete(BOM).where(BOM.c.parent.in_(parents)))
    for line in lines:
        c.execute(insert(BOM).values({k: v for k, v in line.items() if k != "id"}))
    return True


def _pull_events(local: Engine, central: Engine, centre: str) -> int:
    with local.connect() as lc:
        mine = {row.station: row.seq for row in lc.execute(select(HEADS.c.station, HEADS.c.seq))}
    with central.connect() as cc:
        theirs = {row.station: row.seq for row in cc.execute(select(HEADS.c.station, HEADS.c.seq))}
    behind = {s: mine.get(s, 0) for s, seq in theirs.items() if seq > mine.get(s, 0)}
    if not behind:
        return 0
    wanted = or_(*(and_(EVENTS.c.station == s, EVENTS.c.seq > n) for s, n in behind.items()))
    pulled = 0
    with central.connect() as cc:
        rows = cc.execute(
            select(EVENTS).where(wanted).order_by(EVENTS.c.central_seq, EVENTS.c.time)
        ).all()
    for start in range(0, len(rows), BATCH):
        pulled += _apply_batch(local, centre, rows[start : start + BATCH])
    return pulled


def _apply_batch(local: Engine, centre: str, rows: Sequence[Any]) -> int:
    now = datetime.now(UTC)
    applied = 0
    moved: set[str] = set()
    history: list[Applied] = []
    with writer(local).begin() as lc:
        heads = {r.station: (r.seq, r.hash) for r in lc.execute(select(HEADS))}
        for row in rows:
            seq, _ = heads.get(row.station, (0, ""))
            if row.seq != seq + 1:
                continue  # already here, or this database has events of that station of its own
            values = {column.key: getattr(row, column.key) for column in EVENTS.c}
            lc.execute(insert(EVENTS).values(**{**values, "synced_at": now}))
            try:
                event = event_from(row.kind, dict(row.payload))
            except (ValueError, TypeError, KeyError, ArithmeticError):
                event = None  # parked at the centre too: kept, not applied
            if event is not None:
                written = Written(
                    row.id,
                    datetime.fromisoformat(row.time),
                    row.station,
                    row.operator,
                    row.signed_by,
                )
                apply_received(event, lc, written, draw_lots=False)
                history.append(Applied(event, written, row.seq))
            heads[row.station] = (row.seq, row.hash)
            moved.add(row.station)
            applied += 1
        note_history(lc, history)
        for station in moved:
            seq, digest = heads[station]
            _set_head(lc, station, seq, digest)
            _mark_central(lc, centre, station, seq, now)
    return applied


def _set_head(c: Connection, station: str, seq: int, digest: str) -> None:
    moved = c.execute(
        update(HEADS)
        .where(HEADS.c.station == station, HEADS.c.seq <= seq)
        .values(seq=seq, hash=digest, synced_seq=seq)
    )
    if (
        moved.rowcount == 0
        and c.scalar(select(HEADS.c.seq).where(HEADS.c.station == station)) is None
    ):
        c.execute(insert(HEADS).values(station=station, seq=seq, hash=digest, synced_seq=seq))


def _mark_central(c: Connection, centre: str, station: str, seq: int, now: datetime) -> None:
    """The centre has these events (it sent them): never push them back, and keep what the
    centre holds of that chain as the audit's anchor here."""
    record_acknowledgement(c, centre, station, seq)
    moved = c.execute(
        update(TARGETS)
        .where(
            TARGETS.c.central == centre, TARGETS.c.station == station, TARGETS.c.pushed_seq < seq
        )
        .values(pushed_seq=seq, pulled_at=now)
    )
    if moved.rowcount == 0:
        known = c.scalar(
            select(TARGETS.c.pushed_seq).where(
                TARGETS.c.central == centre, TARGETS.c.station == station
            )
        )
        if known is None:
            c.execute(
                insert(TARGETS).values(
                    central=centre,
                    station=station,
                    pushed_seq=seq,
                    pulled_central_seq=0,
                    pulled_at=now,
                )
            )


def _pull_lots(local: Engine, central: Engine, centre: str) -> int:
    """The lots as the centre has them, holds and all; a lot this database changed since its
    last push keeps its own figures until that change is central."""
    with central.connect() as cc:
        lots = _rows(cc, LOTS)
    changed = 0
    with writer(local).begin() as lc:
        touched = _lots_changed_here(lc, centre)
        have = {(r["part"], r["code"]): r for r in _rows(lc, LOTS)}
        # Holds, quarantines and rejections first, then the rest.
        for lot in sorted(lots, key=lambda r: r["status"] == "released"):
            key = (lot["part"], lot["code"])
            if key in touched:
                continue
            values = {k: _in_utc(v) for k, v in lot.items() if k != "id"}
            known = have.get(key)
            if known is None:
                lc.execute(insert(LOTS).values(**values))
                changed += 1
            elif {k: _in_utc(known[k]) for k in values} != values:
                lc.execute(update(LOTS).where(LOTS.c.id == known["id"]).values(**values))
                changed += 1
        now = datetime.now(UTC)
        lc.execute(update(TARGETS).where(TARGETS.c.central == centre).values(pulled_at=now))
    return changed


def _in_utc(value: Any) -> Any:
    """A time as UTC with its zone. SQLite gives back the UTC time it stored without a zone, and
    a naive time never equals an aware one: without this, every lot with a status time (every
    hold) counted as changed and was written again at every sync."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def _lots_changed_here(c: Connection, centre: str) -> set[tuple[str, str]]:
    """Lots named by this database's events that the centre does not have yet."""
    changes = unsent(EVENTS.c.kind, EVENTS.c.payload).where(EVENTS.c.kind.in_(_LOT_KINDS))
    touched: set[tuple[str, str]] = set()
    for _kind, payload in c.execute(changes, {"central": centre}):
        part = str(payload.get("part"))
        codes = [payload.get("lot"), payload.get("new_lot"), *(payload.get("sources") or [])]
        touched |= {(part, str(code)) for code in codes if code}
    return touched
