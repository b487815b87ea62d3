"""The trace page's questions answered from the genealogy: the store's side of the `TraceReader`
port (tracestation.station.queries). The documents are those of `tracestation trace ... --json`
and `tracestation recall --json`."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracestation.station.queries import TraceAnswer, TraceQuery, parse_query
from tracestation.store.tables import LotRow, UnitRow
from tracestation.trace.genealogy import TraceError, backward, forward_from_unit
from tracestation.trace.recall import recall_scope


class DatabaseTrace:
    """`TraceReader` on a database. Each answer reads in a session of its own: any thread may ask
    (the window asks on its query thread; SQLite in WAL mode reads while the station writes)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def answer(self, query: TraceQuery) -> TraceAnswer:
        kind, value, part = parse_query(query)
        if not value:
            return TraceAnswer(query, "none", error="empty")
        with Session(self.engine) as s:
            if kind == "any":
                kind = _guess_kind(s, value, part)
            try:
                if kind == "unit":
                    tree = backward(s, value, part)
                    used = forward_from_unit(s, value, tree["part"])["units"]
                    return TraceAnswer(query, "unit", tree=tree, where_used=used)
                # Where the lot is used is the recall's unit scope (what holds it now):
                # `forward_from_lot` would walk the same statement again.
                recall = recall_scope(s, value, part)
                used = recall["unit_scope"]["units"]
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
