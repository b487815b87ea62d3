"""The `tracestation` command line as a user runs it: a subprocess on a database of the test's own.

Every test gets a fresh SQLite file under its `tmp_path`, passed with `--db`, so tests never see
each other's records nor the user's own station database.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from e2e.cli_runner import Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(db=tmp_path / "station.sqlite", workdir=tmp_path)


@pytest.fixture
def demo_cli(cli: Cli) -> Cli:
    """A database holding the demo plant."""
    cli.run("demo")
    return cli
