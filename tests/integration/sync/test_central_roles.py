"""`tracestation central init` makes the centre append-only by PostgreSQL's own rules: a station's
login pushes its journal, and then neither it nor the owner can change or remove an event."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tracestation.store.central_roles import PASSWORD_VARIABLE, scram_verifier
from tracestation.store.database import open_database
from tracestation.store.importer import import_master_data
from tracestation.store.tables import EventRow
from tracestation.sync.push import push_journal

PG_ADMIN_URL = os.environ.get(
    "TRACESTATION_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SCANS = Path(__file__).resolve().parents[3] / "resources" / "demo" / "first-units.scans"
PASSWORD = "station a's p@ss:word"


@dataclass(frozen=True)
class Centre:
    url: str  # the owner's (the PostgreSQL superuser of the tests)
    group: str
    login: str

    def as_station(self) -> Engine:
        url = make_url(self.url).set(username=self.login, password=PASSWORD)
        return create_engine(url.render_as_string(hide_password=False))


@pytest.fixture
def centre() -> Iterator[Centre]:
    """A fresh central database, and role names of its own: roles are cluster-wide, and tests
    may run at once or again."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    suffix = uuid.uuid4().hex[:10]
    name = f"ts_central_{suffix}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield Centre(url, group=f"ts_station_{suffix}", login=f"ts_line_a_{suffix}")
    owner = create_engine(url, isolation_level="AUTOCOMMIT")
    with owner.connect() as c:
        for role in (f"ts_line_a_{suffix}", f"ts_station_{suffix}"):
            if c.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}):
                c.execute(text(f'DROP OWNED BY "{role}"'))
    owner.dispose()
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        for role in (f"ts_line_a_{suffix}", f"ts_station_{suffix}"):
            c.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


def tracestation(*args: str, password: str | None = PASSWORD) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACESTATION_")}
    if password is not None:
        env[PASSWORD_VARIABLE] = password
    return subprocess.run(
        [sys.executable, "-m", "tracestation", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def central_init(centre: Centre, *extra: str) -> subprocess.CompletedProcess[str]:
    result = tracestation(
        "central",
        "init",
        centre.url,
        "--station-group",
        centre.group,
        "--station-login",
        centre.login,
        *extra,
    )
    assert result.returncode == 0, result.stderr
    return result


def replay_walkthrough(engine: Any) -> None:
    from tracestation.scanners.replay import read_replay
    from tracestation.wiring import station_on

    station = station_on(engine, "LINE-1")
    outcomes = {station.scan(raw).outcome.value for raw in read_replay(SCANS)}
    assert outcomes == {"accepted"}


def pushed_centre(centre: Centre, station_db: Engine, plant_document: dict[str, Any]) -> int:
    """`central init`, the master data imported by the owner, and the station's journal pushed
    over the station's own login; the number of events pushed."""
    central_init(centre)
    owner = open_database(centre.url)
    import_master_data(owner, plant_document)
    owner.dispose()
    replay_walkthrough(station_db)
    as_station = centre.as_station()
    try:
        return push_journal(station_db, as_station).pushed
    finally:
        as_station.dispose()


def refusal(engine: Engine, statement: str) -> BaseException:
    with pytest.raises(DBAPIError) as caught, engine.begin() as c:
        c.execute(text(statement))
    assert caught.value.orig is not None
    return caught.value.orig


def central_events(centre: Centre) -> int:
    """The events stations pushed (the owner's import is journaled at the centre too)."""
    owner = create_engine(centre.url)
    pushed = select(func.count()).select_from(EventRow).where(EventRow.synced_at.is_not(None))
    with Session(owner) as s:
        count = int(s.scalar(pushed) or 0)
    owner.dispose()
    return count


@pytest.mark.postgres
def test_a_station_login_pushes_its_journal_but_may_never_change_or_remove_an_event(
    engine: Engine, plant_document: dict[str, Any], centre: Centre
) -> None:
    pushed = pushed_centre(centre, engine, plant_document)
    assert pushed > 0 and central_events(centre) == pushed

    as_station = centre.as_station()
    for statement in (
        "UPDATE events SET reason = 'tampered'",
        "DELETE FROM events",
        "TRUNCATE events CASCADE",
        "UPDATE parts SET description = 'not master data any more'",
        "DELETE FROM units",
    ):
        error = refusal(as_station, statement)
        assert isinstance(error, psycopg.errors.InsufficientPrivilege), statement
        assert "permission denied" in str(error)
    with as_station.connect() as c:  # it still reads everything
        assert c.scalar(text("SELECT count(*) FROM events WHERE synced_at IS NOT NULL")) == pushed
        assert c.scalar(text("SELECT count(*) FROM parts")) > 0
    as_station.dispose()
    assert central_events(centre) == pushed


@pytest.mark.postgres
def test_even_the_owner_is_refused_by_the_trigger_when_changing_or_removing_an_event(
    engine: Engine, plant_document: dict[str, Any], centre: Centre
) -> None:
    pushed = pushed_centre(centre, engine, plant_document)
    owner = create_engine(centre.url)  # the PostgreSQL superuser
    for statement in (
        "UPDATE events SET reason = 'tampered'",
        "DELETE FROM events",
        "TRUNCATE events CASCADE",
    ):
        error = refusal(owner, statement)
        assert isinstance(error, psycopg.errors.RaiseException), statement
        assert "the central journal is append-only" in str(error)
    replica = owner.execution_options(isolation_level="AUTOCOMMIT")
    with pytest.raises(DBAPIError, match="append-only"), replica.connect() as c:
        c.execute(text("SET session_replication_role = replica"))  # skips ordinary triggers
        c.execute(text("DELETE FROM events"))
    owner.dispose()
    assert central_events(centre) == pushed


@pytest.mark.postgres
def test_central_init_runs_again_and_covers_tables_added_later(centre: Centre) -> None:
    central_init(centre)
    again = central_init(centre, "--json")

    report = json.loads(again.stdout)
    assert report["station_group"] == centre.group and report["station_login"] == centre.login
    owner = create_engine(centre.url)
    with owner.begin() as c:
        triggers = c.scalar(
            text(
                "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'events'::regclass"
                " AND NOT tgisinternal AND tgname = 'events_append_only'"
            )
        )
        assert triggers == 1
        c.execute(text("CREATE TABLE future_conflicts (id serial PRIMARY KEY, note text)"))
    as_station = centre.as_station()
    with as_station.begin() as c:
        c.execute(text("INSERT INTO future_conflicts (note) VALUES ('raised by a push')"))
        c.execute(text("UPDATE future_conflicts SET note = 'resolved'"))
        assert c.scalar(text("SELECT note FROM future_conflicts")) == "resolved"
    error = refusal(as_station, "DELETE FROM future_conflicts")
    assert isinstance(error, psycopg.errors.InsufficientPrivilege)
    as_station.dispose()
    owner.dispose()


def test_central_init_on_a_sqlite_path_says_the_centre_must_be_postgresql(
    tmp_path: Path,
) -> None:
    target = tmp_path / "central.sqlite"
    result = tracestation("central", "init", str(target))
    assert result.returncode != 0
    assert "the centre must be PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.exists()


def test_a_station_login_without_a_password_is_refused_before_anything_is_done() -> None:
    result = tracestation(
        "central",
        "init",
        "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2",
        "--station-login",
        "line_a",
        password=None,
    )
    assert result.returncode != 0
    assert PASSWORD_VARIABLE in result.stderr and "Traceback" not in result.stderr


@pytest.mark.postgres
def test_the_station_password_is_stored_as_the_verifier_libpq_computes() -> None:
    url = make_url(PG_ADMIN_URL)
    with psycopg.connect(
        host=url.host, port=url.port or 5432, user=url.username, dbname=url.database
    ) as c:
        expected = c.pgconn.encrypt_password(PASSWORD.encode(), b"line_a", b"scram-sha-256")
    salt = base64.b64decode(expected.decode().split("$")[1].split(":")[1])
    assert scram_verifier(PASSWORD, salt) == expected.decode()
