"""The recall answer: the units a lot really reached, beside what a lot-only system would recall."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.store.plant import as_utc
from tracestation.store.signatures import signatures_for
from tracestation.store.tables import (
    ConsumptionRow,
    DeviationRow,
    GenealogyLinkRow,
    LotRow,
    UnitRow,
)
from tracestation.trace.genealogy import (
    BATCH,
    batches,
    descendant_lots,
    find_lot,
    kitted_units,
    rows_of,
    unit_json,
    units_holding,
)


def recall_scope(s: Session, code: str, part: str | None = None) -> dict[str, Any]:
    lot = find_lot(s, code, part)
    lot_ids = descendant_lots(s, lot.id)
    current, removed = units_holding(s, lot_ids)
    _, kitted = kitted_units(s, lot_ids)
    current |= kitted
    removed -= current
    work_orders, lot_units = lot_scope(s, lot_ids)
    unit_rows = rows_of(s, current)
    return {
        "lot": {"part": lot.part, "lot": lot.code, "status": lot.status},
        "unit_scope": {
            "count": len(unit_rows),
            "units": [unit_json(r) for r in unit_rows],
            "removed": [unit_json(r) for r in rows_of(s, removed)],
        },
        "lot_scope": {
            "count": len(lot_units),
            "units": [unit_json(r) for r in lot_units],
            "work_orders": sorted(work_orders),
        },
    }


def lot_deviations(s: Session, code: str, part: str | None = None) -> list[dict[str, Any]]:
    """The signed deviations that let the lot (or lots split or merged from it) be used, oldest
    first, each with the lead's signature: printed name, time and meaning. (Beside the recall
    document, whose keys are DESIGN.md's contract.)"""
    lot = find_lot(s, code, part)
    return deviations_of(s, descendant_lots(s, lot.id))


def deviations_of(s: Session, lot_ids: set[int]) -> list[dict[str, Any]]:
    """`lot_deviations` for the lots with these ids."""
    labels: set[str] = set()
    for chunk in batches(lot_ids):
        labels.update(
            f"{part}/{code}"
            for part, code in s.execute(
                select(LotRow.part, LotRow.code).where(LotRow.id.in_(chunk))
            )
        )
    rows: list[DeviationRow] = []
    for subjects in batches_of(sorted(labels)):
        rows += s.scalars(select(DeviationRow).where(DeviationRow.subject.in_(subjects)))
    rows.sort(key=lambda r: (as_utc(r.time) or r.time, r.id))
    signed = signatures_for(s.connection(), (r.event_id for r in rows))
    return [
        {
            "time": (as_utc(r.time) or r.time).isoformat(),
            "rule": r.rule,
            "subject": r.subject,
            "work_order": r.work_order,
            "reason": r.reason,
            "lead": r.lead,
            "signature": signature.to_json() if (signature := signed.get(r.event_id)) else None,
        }
        for r in rows
    ]


def batches_of(items: list[str]) -> list[list[str]]:
    return [items[start : start + BATCH] for start in range(0, len(items), BATCH)]


def kitted_work_orders(s: Session, code: str, part: str | None = None) -> list[str]:
    """Work orders the lot (or lots made from it) was kitted to: all their units are in scope."""
    lot = find_lot(s, code, part)
    return sorted(kitted_units(s, descendant_lots(s, lot.id))[0])


def lot_scope(s: Session, lot_ids: set[int]) -> tuple[set[str], list[UnitRow]]:
    """Every unit of every work order that consumed the lots, followed upward through the work
    orders that consumed those units: what a system tracking lots only would have to recall."""
    work_orders: set[str] = set()
    for chunk in batches(lot_ids):
        work_orders.update(
            s.scalars(select(ConsumptionRow.work_order).where(ConsumptionRow.lot_id.in_(chunk)))
        )
    frontier = set(work_orders)
    while frontier:
        unit_ids = set(
            s.scalars(select(UnitRow.id).where(UnitRow.work_order.in_(sorted(frontier))))
        )
        parents: set[int] = set()
        for chunk in batches(unit_ids):
            parents.update(
                s.scalars(
                    select(GenealogyLinkRow.parent_unit_id).where(
                        GenealogyLinkRow.child_unit_id.in_(chunk)
                    )
                )
            )
        above: set[str] = set()
        for chunk in batches(parents):
            above.update(s.scalars(select(UnitRow.work_order).where(UnitRow.id.in_(chunk))))
        frontier = above - work_orders
        work_orders |= frontier
    units = (
        list(s.scalars(select(UnitRow).where(UnitRow.work_order.in_(sorted(work_orders)))).all())
        if work_orders
        else []
    )
    return work_orders, sorted(units, key=lambda r: (r.part, r.serial))
