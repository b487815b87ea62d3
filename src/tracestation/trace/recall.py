"""The recall answer: the units a lot really reached, beside what a lot-only system would recall."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.store.plant import as_utc
from tracestation.store.signatures import signatures_for
from tracestation.store.tables import DeviationRow, LotRow
from tracestation.trace import walks
from tracestation.trace.genealogy import (
    BATCH,
    batches,
    descendant_lots,
    kitted_work_orders_of,
    lot_named,
    reached_by,
    units_json,
)


def recall_scope(s: Session, code: str, part: str | None = None) -> dict[str, Any]:
    """The units to recall (`unit_scope`: what holds the lot now, and what held it once) beside
    what a system tracking lots only would recall (`lot_scope`). Three statements."""
    lot = lot_named(s, code, part)
    now, once = reached_by(s, lot.id)
    work_orders, lot_units = lot_scope(s, lot.id)
    return {
        "lot": {"part": lot.part, "lot": lot.code, "status": lot.status},
        "unit_scope": {
            "count": len(now),
            "units": units_json(now),
            "removed": units_json(once),
        },
        "lot_scope": {
            "count": len(lot_units),
            "units": lot_units,
            "work_orders": sorted(work_orders),
        },
    }


def lot_deviations(s: Session, code: str, part: str | None = None) -> list[dict[str, Any]]:
    """The signed deviations that let the lot (or lots split or merged from it) be used, oldest
    first, each with the lead's signature: printed name, time and meaning. (Beside the recall
    document, whose keys are DESIGN.md's contract.)"""
    lot = lot_named(s, code, part)
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
    lot = lot_named(s, code, part)
    return sorted(kitted_work_orders_of(s, lot.id))


def lot_scope(s: Session, lot_id: int) -> tuple[set[str], list[dict[str, Any]]]:
    """Every unit of every work order that consumed the lot (or lots made from it), followed
    upward through the work orders that consumed those units: what a system tracking lots only
    would have to recall. The work orders, and their units as the answers list them."""
    walks.walk_by_index(s)
    rows = s.execute(walks.LOT_SCOPE, {"lot": lot_id}).all()
    work_orders = {row[-1] for row in rows}
    return work_orders, units_json(row for row in rows if row[0] is not None)
