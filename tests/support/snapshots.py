"""What a user could see in the record, table by table, for 'nothing was written' checks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from tracestation.store.tables import Base


def record_snapshot(
    engine: Engine, *, skip: tuple[str, ...] = ("rejected_scans",)
) -> dict[str, list[tuple[Any, ...]]]:
    snapshot: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            rows = connection.execute(select(table)).all()
            snapshot[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return snapshot


def rejected_count(engine: Engine) -> int:
    from sqlalchemy import func

    from tracestation.store.tables import RejectedScanRow

    with engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count()).select_from(RejectedScanRow.__table__)
            ).scalar_one()
        )


# What a PIN try writes even when it is refused: its events (with the chain's head) and the
# badge's PIN state. Skip these to check that nothing else was written.
PIN_RECORD = ("rejected_scans", "events", "station_heads", "pin_states")


def journal_ids(engine: Engine) -> set[str]:
    """The ids of the journal's events (to see later which were added)."""
    from tracestation.store.tables import EventRow

    with engine.connect() as connection:
        return set(connection.execute(select(EventRow.id)).scalars())


def kinds_added(engine: Engine, before: set[str]) -> list[str]:
    """The kinds of the events written since `journal_ids` gave `before`, each station's in the
    order it wrote them."""
    from tracestation.store.tables import EventRow

    with engine.connect() as connection:
        rows = connection.execute(
            select(EventRow.id, EventRow.kind).order_by(EventRow.station, EventRow.seq)
        )
        return [kind for event_id, kind in rows if event_id not in before]
