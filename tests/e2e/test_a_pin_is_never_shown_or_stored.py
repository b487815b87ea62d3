"""A lead's PIN is never shown nor stored in clear: a lead overrides with wrong and right PINs
through `replay` and through `run --headless` on a serial scanner, and neither the output nor
the database file (SQLite and its WAL) nor the rejected-scan log holds a PIN; they show
`PIN:****`.

The PINs are seven digits so a match in the file's bytes is a PIN, not a piece of a hash."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from e2e.cli_runner import Cli
from e2e.test_headless_serial_station import lines_of, next_json, raw_pty, start_headless
from tracestation.resources import demo_plant_path

RIGHT, WRONG, ALSO_WRONG = "8675309", "2718281", "1414213"
PINS = (RIGHT, WRONG, ALSO_WRONG)
# What a PIN in clear looks like anywhere: the digits themselves, or digits after the prefix.
CLEAR_PIN = re.compile(r"PIN:\s*[0-9]|" + "|".join(PINS), re.IGNORECASE)

OVERRIDE_WITH_WRONG_AND_RIGHT_PINS = [
    f"PIN:{RIGHT}",  # nothing waits for a lead yet: rejected, and logged
    f"B-9001PIN:{WRONG}",  # two labels run together
    "B-1001",
    "WO:WO-2001",
    "OPN:10",
    "PCB-1",
    "LOT:CAP-220/C-6001",  # expired: needs a lead
    "B-9001",
    f"PIN:{WRONG}",
    f"pin:{ALSO_WRONG}",
    f"PIN:{RIGHT}",
    "RSN:ENG-OK",
]
EXPECTED = [
    "rejected",
    "rejected",
    "accepted",
    "accepted",
    "accepted",
    "accepted",
    "needs_override",
    "accepted",
    "rejected",
    "rejected",
    "accepted",
    "accepted",
]


def plant_with_lead_pin(pin: str) -> dict[str, Any]:
    plant: dict[str, Any] = json.loads(demo_plant_path().read_text(encoding="utf-8"))
    for operator in plant["operators"]:
        if operator.get("pin"):
            operator["pin"] = pin
    return plant


def database_bytes(db: Path) -> bytes:
    """The station's database as it lies on disk: the file, its WAL and shared memory."""
    files = sorted(db.parent.glob(db.name + "*"))
    assert db in files
    return b"".join(path.read_bytes() for path in files)


def assert_no_clear_pin(where: str, text: str) -> None:
    found = CLEAR_PIN.search(text)
    assert found is None, (
        f"a PIN in clear in {where}: ...{text[max(0, found.start() - 60) :][:140]}"
    )


def assert_record_holds_no_pin(cli: Cli) -> None:
    data = database_bytes(cli.db)
    for pin in PINS:
        assert pin.encode() not in data, f"PIN {pin} in the database file"
    assert re.search(rb"(?i)PIN:\s*[0-9]", data) is None
    with cli.sql() as sql:
        rejected = [
            dict(row) for row in sql.execute("SELECT raw, code, message FROM rejected_scans")
        ]
    assert rejected, "the rejections were logged"
    for row in rejected:
        assert_no_clear_pin("the rejected-scan log", f"{row['raw']} {row['message']}")
    assert sum(row["raw"] == "PIN:****" for row in rejected) >= 3


@pytest.fixture
def lead_cli(cli: Cli) -> Cli:
    cli.import_document(plant_with_lead_pin(RIGHT))
    return cli


def test_an_override_replayed_with_wrong_and_right_pins_shows_and_stores_only_the_mask(
    lead_cli: Cli,
) -> None:
    scans = lead_cli.write_scans(OVERRIDE_WITH_WRONG_AND_RIGHT_PINS)

    proc = lead_cli.run("replay", "--station", "ST-1", str(scans))

    results = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["outcome"] for r in results] == EXPECTED, [r["message"] for r in results]
    assert results[-1]["code"] == "override_applied"
    assert [r["scan"] for r in results if "PIN" in r["scan"].upper()] == [
        "PIN:****",
        "B-9001PIN:****",
        "PIN:****",
        "PIN:****",
        "PIN:****",
    ]
    assert_no_clear_pin("replay's stdout", proc.stdout)
    assert_no_clear_pin("replay's stderr", proc.stderr)
    assert_record_holds_no_pin(lead_cli)


def test_parse_shows_a_pin_label_as_a_pin_without_its_digits(lead_cli: Cli) -> None:
    text = lead_cli.run("parse", f"PIN:{RIGHT}")
    as_json = lead_cli.json("parse", f"PIN:{RIGHT}")

    assert "pin: ****" in text.stdout
    assert as_json["fields"] == {"pin": "****"}
    assert_no_clear_pin("parse", text.stdout + text.stderr + json.dumps(as_json))


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_an_override_on_a_headless_serial_station_shows_and_stores_only_the_mask(
    lead_cli: Cli,
) -> None:
    env = dict(lead_cli.environment(), TRACESTATION_DB=str(lead_cli.db))
    master, slave = raw_pty()
    station = start_headless(env, "ST-1", os.ttyname(slave))
    try:
        outcomes, states = lines_of(station.stdout), lines_of(station.stderr)  # type: ignore[arg-type]
        assert next_json(states)["state"] == "running"
        assert next_json(states)["state"] == "connected"
        results = []
        for scan in OVERRIDE_WITH_WRONG_AND_RIGHT_PINS:
            os.write(master, scan.encode() + b"\r")
            results.append(next_json(outcomes))
        station.send_signal(signal.SIGTERM)
        out, err = station.communicate(timeout=15)
    finally:
        if station.poll() is None:
            station.kill()
        os.close(master)
        os.close(slave)

    assert [r["outcome"] for r in results] == EXPECTED, [r["message"] for r in results]
    assert station.returncode == 0
    assert_no_clear_pin("headless stdout", json.dumps(results) + out)
    assert_no_clear_pin("headless stderr", err)
    assert_record_holds_no_pin(lead_cli)


def test_a_pin_given_to_a_lead_command_is_not_echoed_back(lead_cli: Cli) -> None:
    wrong = subprocess.run(
        lead_cli.command(
            "lot",
            "hold",
            "SCREW-M3/L-2291",
            "--reason",
            "NCR 7",
            "--lead",
            "B-9001",
            "--pin",
            WRONG,
        ),
        capture_output=True,
        text=True,
        env=lead_cli.environment(),
        timeout=120,
    )

    assert wrong.returncode != 0
    assert_no_clear_pin("a refused lead command", wrong.stdout + wrong.stderr)
    assert_record_holds_no_pin_digits(lead_cli)


def assert_record_holds_no_pin_digits(cli: Cli) -> None:
    data = database_bytes(cli.db)
    for pin in PINS:
        assert pin.encode() not in data, f"PIN {pin} in the database file"
