"""Trace questions the trace screen asks, answered from the genealogy on a query thread.

Qt-free: `answer` runs on the query worker's thread and returns plain JSON-shaped dicts, the
same documents as `tracestation trace ... --json` and `tracestation recall --json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracestation.store.tables import LotRow, UnitRow
from tracestation.trace.genealogy import TraceError, backward, forward_from_lot, forward_from_unit
from tracestation.trace.recall import recall_scope


@dataclass(frozen=True)
class TraceQuery:
    """What the user typed or scanned: `SN:PART/SERIAL`, `LOT:PART/LOT`, or a bare serial or lot."""

    text: str
    part: str | None = None


@dataclass(frozen=True)
class TraceAnswer:
    query: TraceQuery
    kind: str  # "unit" | "lot" | "none"
    tree: dict[str, Any] | None = None
    where_used: list[dict[str, Any]] = field(default_factory=list)
    recall: dict[str, Any] | None = None
    error: str | None = None


def parse_query(query: TraceQuery) -> tuple[str, str, str | None]:
    """(kind, value, part): kind is "unit", "lot" or "any" when the text carries no prefix."""
    text = query.text.strip()
    part = query.part.strip() if query.part and query.part.strip() else None
    for prefix, kind in (("SN:", "unit"), ("LOT:", "lot")):
        if text.upper().startswith(prefix):
            body = text[len(prefix) :]
            owner, slash, value = body.rpartition("/")
            return kind, (value if slash else body), (owner if slash and owner else part)
    return "any", text, part


def answer(engine: Engine, query: TraceQuery) -> TraceAnswer:
    kind, value, part = parse_query(query)
    if not value:
        return TraceAnswer(query, "none", error="empty")
    with Session(engine) as s:
        if kind == "any":
            kind = _guess_kind(s, value, part)
        try:
            if kind == "unit":
                tree = backward(s, value, part)
                used = forward_from_unit(s, value, tree["part"])["units"]
                return TraceAnswer(query, "unit", tree=tree, where_used=used)
            recall = recall_scope(s, value, part)
            lot_part = recall["lot"]["part"]
            used = forward_from_lot(s, value, lot_part)["units"]
            return TraceAnswer(query, "lot", where_used=used, recall=recall)
        except TraceError as error:
            return TraceAnswer(query, "none", error=str(error))


def _guess_kind(s: Session, value: str, part: str | None) -> str:
    units = select(UnitRow.id).where(UnitRow.serial == value)
    lots = select(LotRow.id).where(LotRow.code == value)
    if part:
        units = units.where(UnitRow.part == part)
        lots = lots.where(LotRow.part == part)
    if s.execute(units.limit(1)).first() is not None:
        return "unit"
    if s.execute(lots.limit(1)).first() is not None:
        return "lot"
    return "unit"  # neither: let backward() say what is missing
