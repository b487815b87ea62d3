"""`WorkMemory` on the database: one row per station with its work order, operation and unit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from tracestation.station.ports import SavedWork
from tracestation.store.database import writer
from tracestation.store.tables import StationWorkRow, table_of

WORK = table_of(StationWorkRow)
_RECALL = select(WORK).where(WORK.c.station == bindparam("k_station"))
_FORGET = delete(WORK).where(WORK.c.station == bindparam("k_station"))
_KEPT = ("work_order", "operation", "unit_part", "unit_serial")


def _upsert(dialect: Any) -> Any:
    """One statement whatever the station remembered before (both dialects say ON CONFLICT)."""
    statement = dialect.insert(WORK)
    return statement.on_conflict_do_update(
        index_elements=[WORK.c.station], set_={k: statement.excluded[k] for k in _KEPT}
    )


_REMEMBER_OVER = {"postgresql": _upsert(postgresql), "sqlite": _upsert(sqlite)}


class WorkMemoryOnConnection:
    """The station's work memory inside a unit of work (it commits with the scan)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def recall(self, station: str) -> SavedWork | None:
        row = self.connection.execute(_RECALL, {"k_station": station}).first()
        if row is None:
            return None
        unit = (row.unit_part, row.unit_serial) if row.unit_part and row.unit_serial else None
        return SavedWork(row.work_order, row.operation, unit)

    def remember(self, station: str, work: SavedWork | None) -> None:
        c = self.connection
        if work is None:
            c.execute(_FORGET, {"k_station": station})
        else:
            part, serial = work.unit or (None, None)
            c.execute(
                _REMEMBER_OVER[c.dialect.name],
                {
                    "station": station,
                    "work_order": work.work_order,
                    "operation": work.operation,
                    "unit_part": part,
                    "unit_serial": serial,
                },
            )


class DatabaseWorkMemory:
    """The work memory on its own: each call is a transaction of its own."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.writer = writer(engine)

    def recall(self, station: str) -> SavedWork | None:
        with self.engine.connect() as c:
            return WorkMemoryOnConnection(c).recall(station)

    def remember(self, station: str, work: SavedWork | None) -> None:
        with self.writer.begin() as c:
            WorkMemoryOnConnection(c).remember(station, work)
