"""`tracestation results import FILE|FOLDER` and `run --headless --results-folder DIR` as a
quality engineer and a test station use them: results recorded with their measurements, a
malformed file moved aside with its reason and nothing written, a re-import adding nothing."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

from e2e.cli_runner import Cli

WAIT_S = 60.0  # a loaded 2-core machine: only ever the limit of a wait
HEADER = "serial,test,measurement,value,unit,low,high,result,tested_at\n"
ICT = (
    HEADER
    + "PCB-1,In-circuit test,R1,10.02,kOhm,9.9,10.1,PASS,2026-11-30T10:15:00Z\n"
    + "PCB-2,In-circuit test,Supply,5.61,V,4.75,5.25,,2026-11-30T10:16:00Z\n"
)
BUILT = [
    "B-1001",
    "WO:WO-2001",
    "OPN:10",
    *("PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE"),
    *("PCB-2", "LOT:CAP-220/C-7781", "CMD:DONE"),
]


def events(cli: Cli) -> int:
    with cli.sql() as c:
        return int(c.execute("select count(*) from events").fetchone()[0])


def test_a_folder_of_results_is_imported_and_a_malformed_file_is_set_aside(
    demo_cli: Cli, tmp_path: Path
) -> None:
    demo_cli.replay(BUILT)
    folder = tmp_path / "tester"
    folder.mkdir()
    (folder / "ict-001.csv").write_text(ICT)
    (folder / "ict-002.csv").write_text(HEADER + "PCB-1,In-circuit test,R1,abc,kOhm,9.9,10.1,,\n")
    run = demo_cli.run("results", "import", str(folder), "--json", check=False)
    assert run.returncode == 1  # one file refused
    report = json.loads(run.stdout)
    assert (report["imported"], report["refused"]) == (1, 1)
    files = {f["file"]: f for f in report["files"]}
    assert files["ict-001.csv"]["tests"] == 2 and files["ict-001.csv"]["failed"] == 1
    assert files["ict-002.csv"]["problems"] == ["row 2: value 'abc' is not a number"]
    assert (folder / "rejected" / "ict-002.csv").exists()
    why = (folder / "rejected" / "ict-002.csv.rejected.txt").read_text()
    assert "value 'abc' is not a number" in why
    tree = demo_cli.run("trace", "backward", "PCB-2").stdout
    assert "failed" in tree.splitlines()[0]

    before = events(demo_cli)
    again = demo_cli.run("results", "import", str(folder / "ict-001.csv"))
    assert "already imported" in again.stdout and "nothing added" in again.stdout
    assert events(demo_cli) == before
    assert "Journal intact." in demo_cli.run("audit", "verify").stdout


def test_a_missing_path_is_a_clear_error(demo_cli: Cli, tmp_path: Path) -> None:
    failed = demo_cli.fails("results", "import", str(tmp_path / "nope.csv"))
    assert "does not exist" in failed.stderr and "Traceback" not in failed.stderr


def test_a_headless_test_station_imports_what_the_tester_drops_in_its_folder(
    demo_cli: Cli, tmp_path: Path
) -> None:
    demo_cli.replay(BUILT)
    folder = tmp_path / "drop"
    command = demo_cli.command(
        "run", "--headless", "--station", "ICT-1", "--results-folder", str(folder)
    )
    with subprocess.Popen(
        command,
        env=demo_cli.environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as station:
        assert station.stderr is not None
        lines = []
        while not lines or lines[-1].get("state") != "watching":
            lines.append(json.loads(station.stderr.readline()))
        assert lines[-1] == {"results_folder": str(folder), "state": "watching"}
        (folder / "ict-001.csv").write_text(ICT)
        (folder / "bad.json").write_text("{")
        deadline = time.monotonic() + WAIT_S
        taken: dict[str, str] = {}
        while len(taken) < 2 and time.monotonic() < deadline:
            line = json.loads(station.stderr.readline())
            lines.append(line)
            if "results_file" in line:
                taken[line["results_file"]] = line["status"]
        station.send_signal(signal.SIGTERM)
        station.wait(WAIT_S)
    assert taken == {"ict-001.csv": "imported", "bad.json": "refused"}, lines
    assert (folder / "imported" / "ict-001.csv").exists()
    assert (folder / "rejected" / "bad.json.rejected.txt").exists()
    with demo_cli.sql() as c:
        stations = {
            r[0]
            for r in c.execute("select station from events where kind = 'tester_result_recorded'")
        }
    assert stations == {"ICT-1"}
