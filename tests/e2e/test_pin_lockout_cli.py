"""PIN guessing through the command line stops at the limit, as at the station: every wrong try
is journaled, the locked PIN is refused even when right, and another lead unlocks it with
`tracestation lead unlock`. A signed deviation shows who signed it, when and what it means in
`trace backward` and `recall`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from e2e.cli_runner import Cli

ROOT = Path(__file__).resolve().parents[2]
HOLD = ("lot", "hold", "CAP-220/C-7781", "--reason", "NCR 78", "--lead", "B-9001")


def kinds(cli: Cli) -> list[str]:
    """The kinds of the PIN events, in the order they were written."""
    with cli.sql() as connection:
        rows = connection.execute(
            "SELECT kind FROM events WHERE kind LIKE 'pin%' ORDER BY time, seq"
        )
        return [row[0] for row in rows]


def lot_status(cli: Cli) -> str:
    status: str = cli.json("recall", "--lot", "C-7781", "--part", "CAP-220")["lot"]["status"]
    return status


def with_second_lead(cli: Cli) -> Cli:
    document: dict[str, Any] = json.loads((ROOT / "resources/demo/plant.json").read_text())
    document["operators"].append(
        {"badge": "B-9002", "name": "Elena Ilie", "role": "lead", "pin": "2468"}
    )
    cli.import_document(document)
    return cli


def guess_five_times(cli: Cli) -> list[str]:
    return [cli.fails(*HOLD, "--pin", f"000{n}").stderr for n in range(5)]


def test_pin_guessing_through_the_command_line_stops_at_the_limit_and_is_journaled(
    demo_cli: Cli,
) -> None:
    refusals = guess_five_times(demo_cli)

    assert "Wrong PIN for Ion Rus (1 of 5 tries left before it locks)" in refusals[3]
    assert "Wrong PIN for Ion Rus 5 times: the PIN is locked until " in refusals[4]
    right = demo_cli.fails(*HOLD, "--pin", "4321")
    assert "PIN of Ion Rus is locked after 5 wrong tries until " in right.stderr
    assert right.stderr.rstrip().endswith(
        ", or until another lead unlocks it. Nothing was changed."
    )
    assert kinds(demo_cli) == ["pin_rejected"] * 5 + ["pin_locked", "pin_rejected"]
    with demo_cli.sql() as connection:
        last = json.loads(
            connection.execute(
                "SELECT payload FROM events WHERE kind LIKE 'pin%' ORDER BY time DESC, seq DESC"
            ).fetchone()[0]
        )
        state = connection.execute("SELECT failures FROM pin_states WHERE badge = 'B-9001'")
        failures = state.fetchone()[0]
    assert (last["while_locked"], last["during"]) == (True, "lot hold")
    assert failures == 5
    assert lot_status(demo_cli) == "released"


def test_another_lead_unlocks_a_locked_pin_from_the_command_line(cli: Cli) -> None:
    with_second_lead(cli)
    guess_five_times(cli)

    own = cli.fails("lead", "unlock", "B-9001", "--lead", "B-9001", "--pin", "4321")
    assert "is locked" in own.stderr
    unlocked = cli.json(
        "lead", "unlock", "B-9001", "--lead", "B-9002", "--pin", "2468", "--reason", "checked"
    )

    assert unlocked["badge"] == "B-9001" and unlocked["name"] == "Ion Rus"
    assert unlocked["unlocked_by"] == {"badge": "B-9002", "name": "Elena Ilie"}
    assert (unlocked["signed_by"], unlocked["signed_by_name"]) == ("B-9002", "Elena Ilie")
    assert unlocked["message"] == "The PIN of Ion Rus (B-9001) is unlocked (signed by Elena Ilie)."
    held = cli.json(*HOLD, "--pin", "4321")
    assert held["lot"]["status"] == "hold" and held["signed_by_name"] == "Ion Rus"
    again = cli.fails("lead", "unlock", "B-9001", "--lead", "B-9002", "--pin", "2468")
    assert "The PIN of Ion Rus (B-9001) is not locked" in again.stderr


def test_the_settings_file_sets_the_limit_for_the_command_line(demo_cli: Cli) -> None:
    demo_cli.config_path.parent.mkdir(parents=True, exist_ok=True)
    demo_cli.config_path.write_text(json.dumps({"max_pin_attempts": 2}))

    first = demo_cli.fails(*HOLD, "--pin", "0000")
    second = demo_cli.fails(*HOLD, "--pin", "0001")

    assert "(1 of 2 tries left before it locks)" in first.stderr
    assert "Wrong PIN for Ion Rus 2 times: the PIN is locked" in second.stderr


def test_a_signed_deviation_shows_the_printed_name_time_and_meaning_in_trace(
    demo_cli: Cli,
) -> None:
    scans = [
        *("B-1001", "WO:WO-2001", "OPN:10", "P-0001", "LOT:CAP-220/C-6001"),
        *("B-9001", "PIN:4321", "RSN:EXPIRY-REVIEWED", "CMD:DONE"),
    ]
    assert demo_cli.replay(scans)[7]["outcome"] == "accepted"

    tree = demo_cli.json("trace", "backward", "P-0001")
    [child] = tree["children"]
    signature = child["signature"]
    assert {k: signature[k] for k in ("badge", "name", "meaning", "reason")} == {
        "badge": "B-9001",
        "name": "Ion Rus",
        "meaning": "waived lot_expired",
        "reason": "EXPIRY-REVIEWED",
    }
    assert signature["time"]
    text = demo_cli.run("trace", "backward", "P-0001").stdout
    assert "signed by Ion Rus (B-9001) on " in text and ": waived lot_expired" in text

    recall_text = demo_cli.run("recall", "--lot", "C-6001", "--part", "CAP-220").stdout
    assert "Deviation: lot_expired waived for CAP-220/C-6001 on WO-2001" in recall_text
    assert "signed by Ion Rus (B-9001) on " in recall_text
    assert ": waived lot_expired" in recall_text
