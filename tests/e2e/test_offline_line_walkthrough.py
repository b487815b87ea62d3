"""The README's offline line, command by command: a centre made with `central init`, four stations
on their own SQLite files syncing with their own login, and the centre's recall at the end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from support.line import PG_ADMIN_URL

ROOT = Path(__file__).resolve().parents[2]
LINE = ROOT / "resources" / "demo" / "line"
pytestmark = pytest.mark.postgres


@pytest.fixture
def owner_url() -> Iterator[tuple[str, str]]:
    """A fresh database and a unique name for this test's roles (roles are cluster-wide)."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    tag = uuid.uuid4().hex[:8]
    name = f"ts_walk_{tag}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", tag
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        for role in (f"line_{tag}", f"stations_{tag}"):
            c.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    admin.dispose()


def test_the_readme_offline_line_runs_end_to_end_with_station_logins(
    owner_url: tuple[str, str], tmp_path: Path
) -> None:
    owner, tag = owner_url
    env = dict(os.environ, TRACESTATION_CONFIG=str(tmp_path / "settings.json"))
    env["TRACESTATION_STATION_PASSWORD"] = "s3cret"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "tracestation", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
            cwd=tmp_path,
        )
        assert done.returncode == 0, f"{args}: {done.stderr}"
        assert "Traceback" not in done.stderr
        return done

    login = f"line_{tag}"
    cli("central", "init", owner, "--station-login", login, "--station-group", f"stations_{tag}")
    cli("--db", owner, "import", str(ROOT / "resources" / "demo" / "plant.json"))
    host = owner.split("@", 1)[1]
    env["TRACESTATION_CENTRAL"] = f"postgresql+psycopg://{login}:s3cret@{host}"
    for station, scans in (
        ("A", "A-boards"),
        ("B", "B-assembly"),
        ("C", "C-test"),
        ("D", "D-pack"),
    ):
        db = str(tmp_path / f"{station.lower()}.sqlite")
        cli("--db", db, "--station", station, "sync")  # an empty station learns the plant
        replayed = cli("--db", db, "replay", "--station", station, str(LINE / f"{scans}.scans"))
        outcomes = [json.loads(line)["outcome"] for line in replayed.stdout.splitlines()]
        assert set(outcomes) == {"accepted"}, replayed.stdout
        report = json.loads(cli("--db", db, "--station", station, "sync", "--json").stdout)
        assert report["pending"] == 0 and report["conflicts"] == []

    recall = json.loads(
        cli("--db", owner, "recall", "--lot", "C-7781", "--part", "CAP-220", "--json").stdout
    )
    units = {(u["serial"], u["status"]) for u in recall["unit_scope"]["units"]}
    assert units == {("PCB-0001", "passed"), ("CTRL-0001", "packed")}
    audit = json.loads(cli("--db", owner, "audit", "verify", "--json").stdout)
    # and the import of the plant's master data, in a chain of its own
    assert {s for s in audit["stations"] if not s.startswith("IMPORT-")} == {"A", "B", "C", "D"}
