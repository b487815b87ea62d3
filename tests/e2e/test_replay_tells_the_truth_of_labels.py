"""`replay` (and `run --headless`, which words verdicts the same way) never says a label prints
when the station has no printer: the verdict says so, and the label waits as a print job."""

from __future__ import annotations

import json

from e2e.cli_runner import Cli

NEW_SERIAL = "B-1001\nWO:WO-1001\nOPN:10\nCMD:NEW\n"


def test_a_new_serial_on_a_station_without_a_printer_says_no_label_printed(demo_cli: Cli) -> None:
    lines = [
        json.loads(x) for x in demo_cli.run("replay", "-", stdin=NEW_SERIAL).stdout.split("\n") if x
    ]
    assigned = lines[-1]
    assert (assigned["outcome"], assigned["code"]) == ("accepted", "serial_assigned"), assigned
    assert assigned["message"].endswith("No printer configured: label not printed.")
    assert "printing" not in assigned["message"]
    jobs = json.loads(demo_cli.run("label", "jobs", "--json").stdout)
    assert len(jobs) == 1, "the label is kept to print once a printer is set"


def test_a_new_serial_with_a_printer_says_its_label_printed(demo_cli: Cli) -> None:
    spool = demo_cli.workdir / "spool"
    demo_cli.extra_env["TRACESTATION_PRINTER"] = f"pdf:{spool}"
    lines = [
        json.loads(x) for x in demo_cli.run("replay", "-", stdin=NEW_SERIAL).stdout.split("\n") if x
    ]
    assert lines[-1]["message"].endswith(". Label printed."), lines[-1]
    assert list(spool.glob("unit-*.pdf")), "and the label is in the printer's folder"
