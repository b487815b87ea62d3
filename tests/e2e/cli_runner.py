"""Running the real `tracestation` command line in a subprocess, on one SQLite file per test."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Variables a developer may have exported for their own station; a test must not inherit them.
_USER_SETTINGS = (
    "TRACESTATION_DB",
    "TRACESTATION_STATION",
    "TRACESTATION_LEAD",
    "TRACESTATION_PIN",
    "TRACESTATION_CONFIG",
    "TRACESTATION_CENTRAL",
)

CONTRACT_SCAN_KEYS = {"scan", "outcome", "message", "event_id"}


@dataclass
class Cli:
    """Runs `python -m tracestation --db <file> ...` and reads what it prints.

    The saved settings are the test's own (`config_path`, none until a test writes them);
    `extra_env` adds variables for every run (e.g. `TRACESTATION_STATION`)."""

    db: Path
    workdir: Path
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def config_path(self) -> Path:
        return self.workdir / "config" / "station.json"

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "tracestation", "--db", str(self.db), *args]

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in _USER_SETTINGS}
        env["PYTHONUNBUFFERED"] = "1"
        env["TRACESTATION_CONFIG"] = str(self.config_path)
        env.update(self.extra_env)
        return env

    def run(
        self, *args: str, check: bool = True, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            self.command(*args),
            capture_output=True,
            text=True,
            input=stdin,
            env=self.environment(),
            cwd=self.workdir,
            timeout=900,
        )
        if check and proc.returncode != 0:
            raise AssertionError(
                f"tracestation {' '.join(args)} exited {proc.returncode}\n"
                f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}"
            )
        return proc

    def fails(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run a command that must fail: non-zero exit, a reason on stderr, and no traceback."""
        proc = self.run(*args, check=False)
        assert proc.returncode != 0, f"tracestation {' '.join(args)} succeeded: {proc.stdout}"
        assert proc.stderr.strip(), "the failure gave no reason on stderr"
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc

    def json(self, *args: str) -> Any:
        proc = self.run(*args, "--json")
        lines = proc.stdout.strip().splitlines()
        assert len(lines) == 1, f"--json printed {len(lines)} lines:\n{proc.stdout[:2000]}"
        return json.loads(lines[0])

    def write_scans(self, scans: Iterable[str], name: str = "scans.txt") -> Path:
        path = self.workdir / name
        path.write_text("".join(f"{scan}\n" for scan in scans), encoding="utf-8")
        return path

    def replay(self, scans: Sequence[str], station: str = "ST-1") -> list[dict[str, Any]]:
        path = self.write_scans(scans, f"replay-{station}.txt")
        return parse_replay_output(self.run("replay", "--station", station, str(path)).stdout)

    def start_replay(self, scans: Sequence[str], station: str) -> subprocess.Popen[str]:
        """A replay running in the background, like a second station on the same database."""
        path = self.write_scans(scans, f"replay-{station}.txt")
        return subprocess.Popen(
            self.command("replay", "--station", station, str(path)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.environment(),
            cwd=self.workdir,
        )

    def import_document(
        self, document: Any, name: str = "master.json"
    ) -> subprocess.CompletedProcess[str]:
        path = self.workdir / name
        path.write_text(json.dumps(document, indent=2), encoding="utf-8")
        return self.run("import", str(path))

    def snapshot(self) -> list[str]:
        """Every row of every table, as SQL text: equal snapshots mean nothing was written."""
        connection = sqlite3.connect(self.db)
        try:
            return list(connection.iterdump())
        finally:
            connection.close()

    @contextmanager
    def sql(self) -> Iterator[sqlite3.Connection]:
        """A raw connection, for tests that play the part of someone tampering with the file.
        Commits and closes on leaving the block."""
        connection = sqlite3.connect(self.db)
        connection.row_factory = sqlite3.Row
        try:
            with connection:
                yield connection
        finally:
            connection.close()


def parse_replay_output(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def refused(results: Sequence[dict[str, Any]]) -> list[str]:
    """The scans that were not accepted, with their messages, for a readable assertion."""
    return [
        f"{r['scan']} -> {r['outcome']}: {r['message']}"
        for r in results
        if r["outcome"] != "accepted"
    ]
