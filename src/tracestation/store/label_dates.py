"""The dates labels print, read from the record: when a unit was registered (its production
date) and when a carton was closed (its packing date), in the station's local time."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Engine, select

from tracestation.store.tables import ContainerRow, UnitRow


class DatabaseLabelDates:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def unit_made(self, part: str, serial: str) -> date | None:
        query = select(UnitRow.registered_at).where(UnitRow.part == part, UnitRow.serial == serial)
        with self.engine.connect() as c:
            return _local_date(c.scalar(query))

    def carton_packed(self, sscc: str) -> date | None:
        query = select(ContainerRow.closed_at).where(ContainerRow.sscc == sscc)
        with self.engine.connect() as c:
            return _local_date(c.scalar(query))


def _local_date(moment: datetime | None) -> date | None:
    if moment is None:
        return None
    if moment.tzinfo is None:  # SQLite gives naive UTC back
        from datetime import UTC

        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()
