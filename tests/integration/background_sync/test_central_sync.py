"""The background sync's adapter on a real central PostgreSQL: one attempt is `sync_with`, told as
a typed outcome; what goes wrong is a failed outcome with the reason, never an exception; the age
of the station's knowledge is kept in its own record, so it survives a restart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, text

from support.central_db import central_database
from tracestation.sync.background import CentralSync

pytestmark = pytest.mark.postgres

WORK = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")


def test_a_sync_pushes_the_journal_and_its_time_outlives_a_restart(
    engine: Engine, scan: Callable[..., Any], plant_document: dict[str, Any]
) -> None:
    scan(*WORK)
    with central_database(plant_document) as (url, _):
        sync = CentralSync(engine, url, {"ST-1"})
        assert sync.last_synced() is None, "never synced yet"
        before = datetime.now(UTC)
        outcome = sync.sync_now()
        sync.close()
        assert outcome.ok and outcome.error is None, outcome
        assert outcome.pushed > 0 and outcome.pending == 0 and outcome.conflicts == 0
        assert before <= outcome.at <= datetime.now(UTC)
        restarted = CentralSync(engine, url, {"ST-1"})
        known = restarted.last_synced()
        assert known is not None and abs(known - outcome.at) < timedelta(seconds=5)
        again = restarted.sync_now()
        restarted.close()
        assert again.ok and again.pushed == 0


def test_a_database_that_is_no_centre_is_a_failed_outcome_saying_what_to_run(
    engine: Engine, scan: Callable[..., Any], plant_document: dict[str, Any]
) -> None:
    scan(*WORK)
    with central_database(plant_document, prepared=False) as (url, _):
        outcome = CentralSync(engine, url, {"ST-1"}).sync_now()
    assert not outcome.ok and outcome.pushed == 0
    assert "tracestation central init" in str(outcome.error)
    assert outcome.pending is not None and outcome.pending > 0


def test_an_unreachable_centre_fails_with_the_reason_and_the_password_is_never_shown(
    engine: Engine,
) -> None:
    sync = CentralSync(engine, "postgresql+psycopg://station:s3cret@127.0.0.1:9/plant", {"ST-1"})
    assert sync.target == "postgresql+psycopg://station:***@127.0.0.1:9/plant"
    outcome = sync.sync_now()
    assert not outcome.ok and "nothing answers at 127.0.0.1:9" in str(outcome.error)
    assert "Check that the PostgreSQL server runs there" in str(outcome.error), "what to do"
    assert "s3cret" not in str(outcome.error)


def test_a_central_url_that_is_not_postgresql_fails_every_attempt_with_the_reason(
    engine: Engine,
) -> None:
    sync = CentralSync(engine, "/tmp/another-station.sqlite", {"ST-1"})
    outcome = sync.sync_now()
    assert not outcome.ok and "must be PostgreSQL" in str(outcome.error)


def test_a_centre_at_another_schema_revision_is_named_and_never_migrated(
    engine: Engine, scan: Callable[..., Any], plant_document: dict[str, Any]
) -> None:
    scan(*WORK)
    with central_database(plant_document) as (url, central):
        with central.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        outcome = CentralSync(engine, url, {"ST-1"}).sync_now()
        with central.connect() as connection:
            revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
            pushed = connection.scalar(text("SELECT count(*) FROM events WHERE station = 'ST-1'"))
    assert not outcome.ok
    assert "schema is at revision 0001" in str(outcome.error)
    assert "central init" in str(outcome.error)
    assert (revision, pushed) == ("0001", 0), "the centre is left as it was"
