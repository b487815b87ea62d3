"""The centre keeps the same per-unit history as the station, from its ingest and from the
migration that fills it on PostgreSQL; a station's pull adds the history of what it took."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from support.reworked_unit import build
from tracestation.store.database import alembic_config
from tracestation.store.tables import UnitHistoryRow
from tracestation.sync.push import push_journal
from tracestation.trace.history import describe, unit_history

pytestmark = pytest.mark.postgres


def history_rows(engine: Engine) -> list[tuple[Any, ...]]:
    columns = [c for c in UnitHistoryRow.__table__.c if c.key not in ("id", "time", "qty")]
    with engine.connect() as c:
        return sorted(tuple(row) for row in c.execute(select(*columns)))


def test_the_centre_ingests_a_units_history_and_the_migration_rebuilds_it_on_postgresql(
    engine: Any, station: Any, centre: Engine
) -> None:
    build(station)
    push_journal(engine, centre)

    assert history_rows(centre) == history_rows(engine)
    with Session(centre) as s:
        lines = [describe(e) for e in unit_history(s, "CTRL-0001")["events"]]
    assert lines[5:10] == [
        "test Final test: FAILED",
        "defect NO-POWER on the failed test",
        "removed PCBA-100 PCB-0001",
        "defect COLD-JOINT on the part taken out",
        "installed PCBA-100 PCB-0002",
    ]

    kept = history_rows(centre)
    config = alembic_config(centre)
    command.downgrade(config, "0010_print_jobs")
    command.upgrade(config, "head")
    assert history_rows(centre) == kept
