"""Master data for the printable sheets: every operator's badge and name (never the PIN
hash), every part's routing and the defect catalogue."""

from __future__ import annotations

from sqlalchemy import Engine, column, inspect, select, table

from tracestation.domain.model import Operation, OperationKind, Operator, Role, Routing
from tracestation.store.tables import OperationRow, OperatorRow


class DatabaseSheetData:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def operators(self) -> list[Operator]:
        """By badge; `pin_hash` is left out: a sheet has no business with it."""
        query = select(OperatorRow.badge, OperatorRow.name, OperatorRow.role).order_by(
            OperatorRow.badge
        )
        with self.engine.connect() as c:
            return [Operator(badge, name, Role(role)) for badge, name, role in c.execute(query)]

    def routings(self) -> list[Routing]:
        """Every part's routing, by part, its operations in order."""
        query = select(
            OperationRow.part,
            OperationRow.code,
            OperationRow.name,
            OperationRow.kind,
            OperationRow.pack_qty,
        ).order_by(OperationRow.part, OperationRow.position)
        by_part: dict[str, list[Operation]] = {}
        with self.engine.connect() as c:
            for part, code, name, kind, pack_qty in c.execute(query):
                by_part.setdefault(part, []).append(
                    Operation(code, name, OperationKind(kind), pack_qty)
                )
        return [Routing(part, tuple(operations)) for part, operations in by_part.items()]

    def defects(self) -> list[tuple[str, str]]:
        """The defect catalogue of master data, (code, description) by code; empty when the
        database has none (a catalogue is optional, and older databases have no table for it)."""
        if not inspect(self.engine).has_table("defects"):
            return []
        defects = table("defects", column("code"), column("description"))
        query = select(defects.c.code, defects.c.description).order_by(defects.c.code)
        with self.engine.connect() as c:
            return [(str(code), str(text or "")) for code, text in c.execute(query)]
