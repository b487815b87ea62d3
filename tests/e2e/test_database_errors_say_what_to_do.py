"""A database that cannot be opened is named, with why and what to do: the folder that does not
exist (and is not created), a folder or another file given as the database, a PostgreSQL
server that does not answer, an unknown host or database, a URL of a kind not supported. A
`postgres://` URL, as psql writes it, opens PostgreSQL."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from e2e.cli_runner import Cli
from support.central_db import central_database
from support.line import PG_ADMIN_URL


def refused(cli: Cli, target: str) -> str:
    """stderr of a command run on the database `target` (the last --db wins), which must fail
    plainly."""
    return cli.fails("--db", target, "conflicts").stderr


def test_a_database_in_a_folder_that_does_not_exist_names_the_folder_and_creates_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "dir" / "x.sqlite"
    stderr = refused(cli, str(target))
    assert f"the folder {target.parent} does not exist" in stderr
    assert f"mkdir -p {target.parent}" in stderr
    assert not (tmp_path / "no").exists()


def test_a_folder_given_as_the_database_is_called_a_folder(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "station-data"
    folder.mkdir()
    stderr = refused(cli, str(folder))
    assert f"{folder}: it is a folder" in stderr
    assert str(folder / "station.sqlite") in stderr


def test_a_file_that_is_not_a_database_is_named_and_left_alone(cli: Cli, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shift notes, not a database\n" * 100, encoding="utf-8")
    before = notes.read_bytes()
    stderr = refused(cli, str(notes))
    assert f"{notes} is not a TraceStation database" in stderr
    assert notes.read_bytes() == before


def test_a_url_of_an_unsupported_kind_says_which_kinds_are(cli: Cli) -> None:
    stderr = refused(cli, "mysql://user@db-host/plant")
    assert "mysql databases are not supported" in stderr
    assert "postgresql://" in stderr
    assert "internal error" not in stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_a_server_that_does_not_answer_is_named_by_host_and_port_without_the_password(
    cli: Cli,
) -> None:
    port = free_port()
    stderr = refused(cli, f"postgresql://plant:s3cret-pw@127.0.0.1:{port}/plant")
    assert f"nothing answers at 127.0.0.1:{port}" in stderr
    assert "Check that the PostgreSQL server runs there" in stderr
    assert "s3cret-pw" not in stderr


def test_an_unknown_host_is_named(cli: Cli) -> None:
    stderr = refused(cli, "postgresql://plant@no-such-host.invalid/plant")
    assert "the host no-such-host.invalid is not known" in stderr


@pytest.mark.postgres
def test_a_postgres_url_opens_postgresql_and_an_unknown_database_is_named(
    cli: Cli, plant_document: dict[str, object]
) -> None:
    server = PG_ADMIN_URL.split("://", 1)[1].rsplit("/", 1)[0]  # user@host:port
    with central_database(plant_document) as (url, _engine):
        name = url.rsplit("/", 1)[1]
        shown = cli.run("--db", f"postgres://{server}/{name}", "conflicts", "--json")
        assert json.loads(shown.stdout) == {"conflicts": []}
    stderr = refused(cli, f"postgres://{server}/{name}_gone")
    assert f'the database "{name}_gone" does not exist' in stderr
    assert "createdb" in stderr
