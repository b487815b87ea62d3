"""The README's promise: `demo`, then a replay of its example scans, gives the genealogy and
recall answers the README shows, word for word."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
SCANS = ROOT / "resources" / "demo" / "first-units.scans"
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00")


def shown_in_readme(command: str) -> list[str]:
    """The output lines the README shows under `$ <command>`."""
    block = README.split(f"$ {command}\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if not line.strip() or line.startswith(("$ ", "```")):
            break
        lines.append(line)
    return lines


def run(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tracestation", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


def test_the_readme_walkthrough_gives_the_answers_the_readme_shows(tmp_path: Path) -> None:
    env = dict(os.environ, TRACESTATION_DB=str(tmp_path / "station.sqlite"))
    run(env, "demo")
    outcomes = [
        json.loads(line)["outcome"]
        for line in run(env, "replay", "--station", "LINE-1", str(SCANS)).splitlines()
    ]
    assert outcomes == ["accepted"] * len(outcomes)

    tree = run(env, "trace", "backward", "CTRL-0001").splitlines()
    expected_tree = shown_in_readme("tracestation trace backward CTRL-0001")
    assert [TIMESTAMP.sub("<time>", line) for line in tree] == [
        TIMESTAMP.sub("<time>", line) for line in expected_tree
    ]

    recall = run(env, "recall", "--lot", "C-7790", "--part", "CAP-220").splitlines()
    assert recall == shown_in_readme("tracestation recall --lot C-7790 --part CAP-220")

    removed = json.loads(run(env, "recall", "--lot", "C-7781", "--json"))
    assert [u["serial"] for u in removed["unit_scope"]["removed"]] == ["CTRL-0001"]
    assert "Journal intact." in run(env, "audit", "verify")
