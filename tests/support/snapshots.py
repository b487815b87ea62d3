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
