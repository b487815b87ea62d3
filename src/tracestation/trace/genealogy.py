"""As-built trees and where-used, walked over the genealogy links in batches.

Walks go level by level with one query per level and batch, so a recall over thousands of units
costs a handful of queries, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.domain.rules import qty_text
from tracestation.store.plant import as_utc
from tracestation.store.signatures import signatures_for
from tracestation.store.tables import (
    ConsumptionRow,
    EventRow,
    GenealogyLinkRow,
    LotLineageRow,
    LotRow,
    UnitRow,
)

BATCH = 500
_EVENT = "_installed_event"  # carried while a tree is built, replaced by its signature


class TraceError(LookupError):
    """The thing asked about does not exist or is ambiguous; the message says what to give."""


def batches(ids: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(set(ids))
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def unit_json(row: UnitRow) -> dict[str, Any]:
    return {
        "part": row.part,
        "serial": row.serial,
        "work_order": row.work_order,
        "status": row.status,
        "container": row.container,
    }


def find_unit(s: Session, serial: str, part: str | None) -> UnitRow:
    query = select(UnitRow).where(UnitRow.serial == serial)
    if part:
        query = query.where(UnitRow.part == part)
    rows = s.scalars(query).all()
    if not rows:
        raise TraceError(
            f"No unit with serial {serial}" + (f" of {part}" if part else "") + " is recorded."
        )
    if len(rows) > 1:
        parts = ", ".join(sorted(r.part for r in rows))
        raise TraceError(f"Serial {serial} exists for several parts ({parts}); give --part.")
    return rows[0]


def find_lot(s: Session, code: str, part: str | None) -> LotRow:
    query = select(LotRow).where(LotRow.code == code)
    if part:
        query = query.where(LotRow.part == part)
    rows = s.scalars(query).all()
    if not rows:
        raise TraceError(f"No lot {code}" + (f" of {part}" if part else "") + " is recorded.")
    if len(rows) > 1:
        parts = ", ".join(sorted(r.part for r in rows))
        raise TraceError(f"Lot code {code} exists for several parts ({parts}); give --part.")
    return rows[0]


def _when(moment: datetime | None) -> str | None:
    moment = as_utc(moment)
    return moment.isoformat() if moment else None


def backward(s: Session, serial: str, part: str | None = None) -> dict[str, Any]:
    """The as-built tree of a unit: every child ever installed, removed ones marked, and the
    lead's signature on an installation a lead signed (an override), else `signature` null."""
    root = find_unit(s, serial, part)
    kits: dict[str, list[dict[str, Any]]] = {}
    children = _children_of(s, root.id, {root.id}, kits) + _kitted(s, root.work_order, kits)
    _add_signatures(s, children)
    return {
        "part": root.part,
        "serial": root.serial,
        "work_order": root.work_order,
        "status": root.status,
        "children": children,
    }


def _add_signatures(s: Session, children: list[dict[str, Any]]) -> None:
    nodes = list(_nodes(children))
    signed = signatures_for(s.connection(), (node[_EVENT] for node in nodes))
    for node in nodes:
        found = signed.get(node.pop(_EVENT))
        node["signature"] = found.to_json() if found else None


def _nodes(children: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for child in children:
        yield child
        yield from _nodes(child["children"])


def _children_of(
    s: Session, unit_id: int, path: set[int], kits: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    links = s.scalars(
        select(GenealogyLinkRow)
        .where(GenealogyLinkRow.parent_unit_id == unit_id)
        .order_by(GenealogyLinkRow.id)
    ).all()
    children: list[dict[str, Any]] = []
    for link in links:
        common = {
            _EVENT: link.installed_event,
            "qty": qty_text(link.qty),
            "operation": link.operation,
            "installed_at": _when(link.installed_at),
            "removed_at": _when(link.removed_at),
        }
        if link.child_unit_id is not None:
            child = s.get(UnitRow, link.child_unit_id)
            assert child is not None
            grand = (
                []
                if child.id in path
                else _children_of(s, child.id, path | {child.id}, kits)
                + _kitted(s, child.work_order, kits)
            )
            children.append(
                {"part": child.part, "serial": child.serial, **common, "children": grand}
            )
        else:
            lot = s.get(LotRow, link.child_lot_id)
            assert lot is not None
            children.append({"part": lot.part, "lot": lot.code, **common, "children": []})
    return children


def _kitted(
    s: Session, work_order: str, kits: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """The lots kitted to the unit's work order (consume steps), marked `kitted_to`: kitting
    records the work order, not the unit, so each of its units shows them; `qty` is what the
    work order took of the lot in all."""
    if work_order not in kits:
        rows = s.execute(
            select(
                LotRow.part,
                LotRow.code,
                ConsumptionRow.qty,
                ConsumptionRow.operation,
                ConsumptionRow.event_id,
                EventRow.time,
            )
            .join(LotRow, LotRow.id == ConsumptionRow.lot_id)
            .join(EventRow, EventRow.id == ConsumptionRow.event_id)
            .where(ConsumptionRow.work_order == work_order, ConsumptionRow.source == "kit")
            .order_by(ConsumptionRow.id)
        ).all()
        nodes: dict[tuple[str, str], dict[str, Any]] = {}
        for part, code, qty, operation, event_id, time in rows:
            node = nodes.get((part, code))
            if node is None:
                nodes[(part, code)] = {
                    _EVENT: event_id,
                    "part": part,
                    "lot": code,
                    "qty": qty,
                    "operation": operation,
                    "installed_at": _when(datetime.fromisoformat(time)),
                    "removed_at": None,
                    "kitted_to": work_order,
                    "children": [],
                }
            else:
                node["qty"] += qty
        kits[work_order] = [{**n, "qty": qty_text(n["qty"])} for n in nodes.values()]
    return [dict(node) for node in kits[work_order]]


def descendant_lots(s: Session, lot_id: int) -> set[int]:
    """The lot and every lot split from it or merged from it, at any depth."""
    found = {lot_id}
    frontier = {lot_id}
    while frontier:
        nxt: set[int] = set()
        for chunk in batches(frontier):
            nxt.update(
                s.scalars(
                    select(LotLineageRow.result_lot_id).where(
                        LotLineageRow.source_lot_id.in_(chunk)
                    )
                )
            )
        frontier = nxt - found
        found |= frontier
    return found


def units_holding(s: Session, lot_ids: set[int]) -> tuple[set[int], set[int]]:
    """Units with the lots installed now (directly or through sub-assemblies), and units that held
    them once and had them removed (not counting units that hold them now)."""
    current: set[int] = set()
    removed: set[int] = set()
    for chunk in batches(lot_ids):
        for parent_id, removed_event in s.execute(
            select(GenealogyLinkRow.parent_unit_id, GenealogyLinkRow.removed_event).where(
                GenealogyLinkRow.child_lot_id.in_(chunk)
            )
        ):
            (removed if removed_event else current).add(parent_id)
    current_all, removed_up = _upward(s, current)
    removed_all = (removed | removed_up | _upward(s, removed)[0]) - current_all
    return current_all, removed_all


def kitted_units(s: Session, lot_ids: set[int]) -> tuple[set[str], set[int]]:
    """Work orders the lots were kitted to (consume steps), and every unit of those work orders
    with what contains them now: kitting records the work order, not the unit, so none of its
    units can be ruled out."""
    work_orders: set[str] = set()
    for chunk in batches(lot_ids):
        work_orders.update(
            s.scalars(
                select(ConsumptionRow.work_order).where(
                    ConsumptionRow.lot_id.in_(chunk), ConsumptionRow.source == "kit"
                )
            )
        )
    if not work_orders:
        return set(), set()
    units = set(s.scalars(select(UnitRow.id).where(UnitRow.work_order.in_(sorted(work_orders)))))
    return work_orders, _upward(s, units)[0]


def _upward(s: Session, start: set[int]) -> tuple[set[int], set[int]]:
    found = set(start)
    removed: set[int] = set()
    frontier = set(start)
    while frontier:
        nxt: set[int] = set()
        for chunk in batches(frontier):
            for parent_id, removed_event in s.execute(
                select(GenealogyLinkRow.parent_unit_id, GenealogyLinkRow.removed_event).where(
                    GenealogyLinkRow.child_unit_id.in_(chunk)
                )
            ):
                (removed if removed_event else nxt).add(parent_id)
        frontier = nxt - found
        found |= frontier
    return found, removed


def rows_of(s: Session, unit_ids: set[int]) -> list[UnitRow]:
    rows: list[UnitRow] = []
    for chunk in batches(unit_ids):
        rows.extend(s.scalars(select(UnitRow).where(UnitRow.id.in_(chunk))))
    return sorted(rows, key=lambda r: (r.part, r.serial))


def forward_from_lot(s: Session, code: str, part: str | None) -> dict[str, Any]:
    lot = find_lot(s, code, part)
    lot_ids = descendant_lots(s, lot.id)
    current, _ = units_holding(s, lot_ids)
    current |= kitted_units(s, lot_ids)[1]
    return {"units": [unit_json(r) for r in rows_of(s, current)]}


def forward_from_unit(s: Session, serial: str, part: str | None) -> dict[str, Any]:
    unit = find_unit(s, serial, part)
    found, _ = _upward(s, {unit.id})
    found.discard(unit.id)
    return {"units": [unit_json(r) for r in rows_of(s, found)]}
