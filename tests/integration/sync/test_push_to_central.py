"""A station pushes its journal to a real central PostgreSQL: the central record answers the same
genealogy questions, a second push sends nothing, and an unreachable central changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from tracestation.store.audit import verify_journal
from tracestation.store.database import open_database
from tracestation.store.importer import import_master_data, import_station_id
from tracestation.store.status import pending_event_count
from tracestation.store.tables import EventRow
from tracestation.sync.central import prepare_central
from tracestation.sync.push import SyncRefused, push_journal
from tracestation.trace.recall import recall_scope

PG_ADMIN_URL = os.environ.get(
    "TRACESTATION_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SCANS = Path(__file__).resolve().parents[3] / "resources" / "demo" / "first-units.scans"


@pytest.fixture
def central_url() -> Iterator[str]:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"ts_central_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def replay_walkthrough(engine: Any) -> None:
    from tracestation.scanners.replay import read_replay
    from tracestation.wiring import station_on

    station = station_on(engine, "LINE-1")
    outcomes = {station.scan(raw).outcome.value for raw in read_replay(SCANS)}
    assert outcomes == {"accepted"}


def unsynced(engine: Any) -> int:
    return pending_event_count(engine)


def a_centre(url: str) -> Any:
    central = open_database(url)
    prepare_central(central)
    return central


@pytest.mark.postgres
def test_a_pushed_journal_answers_the_same_recall_centrally_and_pushes_once(
    engine: Any, plant_document: dict[str, Any], central_url: str
) -> None:
    central = a_centre(central_url)
    import_master_data(central, plant_document)
    replay_walkthrough(engine)
    events = unsynced(engine)
    assert pending_event_count(engine) == events

    first = push_journal(engine, central)
    again = push_journal(engine, central)

    # The station's journal and the import that made its master data, in a chain of its own.
    assert (first.pushed, first.stations) == (events, {"LINE-1", import_station_id(engine)})
    assert again.pushed == 0 and unsynced(engine) == 0
    # The centre's own import of the plant has nowhere to be pushed to: it stays "pending".
    own_import = EventRow.station == import_station_id(central)
    with central.connect() as c:
        centre_import = c.scalar(select(func.count()).select_from(EventRow).where(own_import))
    assert pending_event_count(engine) == 0 and pending_event_count(central) == centre_import
    with Session(engine) as local_s, Session(central) as central_s:
        assert recall_scope(central_s, "C-7790", "CAP-220") == recall_scope(
            local_s, "C-7790", "CAP-220"
        )
        assert recall_scope(central_s, "C-7781", "CAP-220") == recall_scope(
            local_s, "C-7781", "CAP-220"
        )
    counted, breaks = verify_journal(central)
    assert breaks == [] and sum(counted.values()) == events + centre_import
    assert counted["LINE-1"] + counted[import_station_id(engine)] == events
    central.dispose()


@pytest.mark.postgres
def test_a_push_cut_off_before_the_local_mark_is_repeated_without_duplicates(
    engine: Any, plant_document: dict[str, Any], central_url: str
) -> None:
    central = a_centre(central_url)
    import_master_data(central, plant_document)
    replay_walkthrough(engine)
    push_journal(engine, central)
    with engine.begin() as connection:  # as if the station died before marking its events
        connection.execute(text("DELETE FROM sync_targets"))
    repeated = push_journal(engine, central)
    assert repeated.pushed == 0 and repeated.already_central > 0
    assert verify_journal(central)[1] == []
    central.dispose()


@pytest.mark.postgres
def test_a_central_database_without_the_master_data_refuses_and_keeps_nothing(
    engine: Any, central_url: str
) -> None:
    central = a_centre(central_url)
    replay_walkthrough(engine)
    with pytest.raises(SyncRefused, match="The central database has no master data"):
        push_journal(engine, central)
    with Session(central) as s:
        assert s.scalar(select(func.count()).select_from(EventRow)) == 0
    assert unsynced(engine) > 0
    central.dispose()


def test_sync_to_an_unreachable_central_says_so_and_the_station_keeps_its_journal(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, TRACESTATION_DB=str(tmp_path / "station.sqlite"))
    run = [sys.executable, "-m", "tracestation"]
    subprocess.run([*run, "demo"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*run, "replay", "-"], env=env, input="B-1001\n", check=True, capture_output=True, text=True
    )
    result = subprocess.run(
        [
            *run,
            "sync",
            "--central",
            "postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "central database is unreachable: nothing answers at 127.0.0.1:1" in result.stderr
    assert "wait in the local journal" in result.stderr
    verify = subprocess.run(
        [*run, "audit", "verify", "--json"], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(verify.stdout)["stations"]["STATION-1"] == 1


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracestation", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.postgres
def test_sync_from_the_command_line_pushes_pulls_and_answers_in_json(
    tmp_path: Path, central_url: str
) -> None:
    env = dict(os.environ, TRACESTATION_DB=str(tmp_path / "station.sqlite"))
    env["TRACESTATION_CONFIG"] = str(tmp_path / "settings.json")
    assert _cli(env, "demo").returncode == 0
    assert _cli(env, "replay", "--station", "LINE-1", str(SCANS)).returncode == 0
    assert _cli(env, "central", "init", central_url).returncode == 0
    plant = str(Path(__file__).resolve().parents[3] / "resources" / "demo" / "plant.json")
    assert _cli(env, "--db", central_url, "import", plant).returncode == 0

    first = _cli(env, "sync", "--central", central_url, "--json")
    again = _cli(env, "sync", "--central", central_url, "--json")

    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert set(report) >= {"pushed", "pulled", "pending", "conflicts"}
    assert report["pushed"] > 0 and report["pending"] == 0 and report["conflicts"] == []
    assert json.loads(again.stdout)["pushed"] == 0


@pytest.mark.postgres
def test_a_station_never_migrates_an_older_centre_and_says_who_must(
    tmp_path: Path, central_url: str
) -> None:
    from alembic import command

    from tracestation.store.database import alembic_config, create_station_engine

    older = create_station_engine(central_url)
    command.upgrade(alembic_config(older), "0006")
    older.dispose()
    env = dict(os.environ, TRACESTATION_DB=str(tmp_path / "station.sqlite"))
    assert _cli(env, "demo").returncode == 0

    result = _cli(env, "sync", "--central", central_url)

    assert result.returncode != 0
    assert "schema is at revision 0006" in result.stderr
    assert "runs `tracestation central init URL`" in result.stderr
    with create_engine(central_url).connect() as c:
        assert c.scalar(text("SELECT version_num FROM alembic_version")) == "0006"


@pytest.mark.postgres
def test_text_with_tabs_line_breaks_and_backslashes_reaches_the_centre_as_the_station_wrote_it(
    engine: Any, plant_document: dict[str, Any], central_url: str
) -> None:
    from tracestation.domain import events as ev
    from tracestation.station.clock import SystemClock
    from tracestation.store.journal import DatabaseJournal

    central = a_centre(central_url)
    import_master_data(central, plant_document)
    journal = DatabaseJournal(engine, "LINE-1", SystemClock())
    written = [
        journal.record(
            [ev.UnitRegistered("PCBA-100", serial, "WO-2001", "10")],
            operator=operator,
            reason=reason,
        )[0]
        for serial, operator, reason in (
            ("A\\B-1", "B-1001", "one line\ttab"),  # a backslash in the payload's serial
            ("C-2", "B\\1002", "first line\nsecond line\r\nthird \\N"),
            ("D-3", None, None),
        )
    ]

    report = push_journal(engine, central)

    assert pending_event_count(engine) == 0 and report.pushed >= len(written)
    columns = (EventRow.operator, EventRow.reason, EventRow.payload, EventRow.hash)
    for event_id in written:
        with engine.connect() as local_c, central.connect() as central_c:
            mine = local_c.execute(select(*columns).where(EventRow.id == event_id)).one()
            theirs = central_c.execute(select(*columns).where(EventRow.id == event_id)).one()
        assert tuple(theirs) == tuple(mine)
    assert verify_journal(central)[1] == []
    central.dispose()
