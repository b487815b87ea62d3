r"""No command prints a traceback: not for garbage arguments, not for a barcode escape it cannot
read (`parse '\x'`), not for bytes that are not text, not when the reader of its output leaves
early (`recall ... | head -1`). Each says what was wrong on stderr and exits non-zero."""

from __future__ import annotations

import argparse
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.cli_runner import Cli
from tracestation.cli import build_parser

NOT_UTF8 = os.fsdecode(b"LOT-\xff\xfe")  # what the shell passes for bytes that are not UTF-8
GARBAGE = ["\\x", NOT_UTF8, "x" * 5000]
# `run` without --headless opens the window, and with a scanner path waits for the device to
# appear (by design): both are run apart below, with arguments that must be refused.
NOT_SWEPT = {("run",)}


def leaf_commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every command a user can run, as its words and its parser."""
    subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if path:
        yield path, parser
    for action in subcommands:
        for name, sub in action.choices.items():
            yield from leaf_commands(sub, (*path, name))


def garbage_arguments(parser: argparse.ArgumentParser, garbage: str) -> list[str]:
    """Garbage for every positional and required option; a stray word for a command with none
    (which must be refused as well)."""
    words: list[str] = []
    required_groups = [g for g in parser._mutually_exclusive_groups if g.required]
    chosen = {id(g._group_actions[0]) for g in required_groups}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction | argparse._HelpAction):
            continue
        if not action.option_strings:
            words += [garbage] * (1 if action.nargs in (None, "?") else 2)
        elif action.required or id(action) in chosen:
            value = str(next(iter(action.choices))) if action.choices else garbage
            words += [action.option_strings[0], value]
    return words or [garbage]


COMMANDS = [
    (words, parser)
    for words, parser in leaf_commands(build_parser())
    if words not in NOT_SWEPT
    and not any(isinstance(a, argparse._SubParsersAction) and a.required for a in parser._actions)
]


def assert_refused_plainly(proc: subprocess.CompletedProcess[str], what: str) -> None:
    assert "Traceback" not in proc.stderr, f"{what}:\n{proc.stderr[-3000:]}"
    assert "internal error" not in proc.stderr, f"{what}: {proc.stderr[-1000:]}"
    assert proc.returncode != 0, f"{what} succeeded: {proc.stdout[:500]}"
    assert proc.stderr.strip(), f"{what} gave no reason on stderr"


def test_the_sweep_reaches_every_command() -> None:
    swept = {" ".join(words) for words, _ in COMMANDS}
    assert {"parse", "replay", "recall", "trace backward", "lot hold", "label unit"} <= swept
    assert len(swept) >= 20, sorted(swept)


@pytest.mark.parametrize("garbage", GARBAGE, ids=["bad escape", "not utf-8", "5000 chars"])
def test_every_command_refuses_garbage_arguments_with_a_reason_and_no_traceback(
    demo_cli: Cli, garbage: str
) -> None:
    for words, parser in COMMANDS:
        argv = [*words, *garbage_arguments(parser, garbage)]
        proc = demo_cli.run(*argv, check=False)
        assert_refused_plainly(proc, f"tracestation {' '.join(words)} with {garbage[:12]!r}")


@pytest.mark.parametrize(
    "argv",
    [
        ["run", "--headless"],
        ["run", "--headless", "--scanner", "loop://", "--baud", "fast"],
        ["run", "--headless", "--scanner", "loop://", "--sync-interval", "never"],
        ["replay", "."],
        ["import", "."],
        ["--db", ".", "recall", "--lot", "L-1"],
    ],
    ids=["no scanner", "bad baud", "bad interval", "folder replay", "folder import", "folder db"],
)
def test_commands_refuse_arguments_that_cannot_work_without_a_traceback(
    demo_cli: Cli, argv: list[str]
) -> None:
    assert_refused_plainly(demo_cli.run(*argv, check=False), " ".join(argv))


def test_parse_with_an_escape_it_cannot_read_says_what_is_wrong(cli: Cli) -> None:
    for argv in (["parse", "\\x"], ["parse", "--json", "]d2\\x1"]):
        proc = cli.run(*argv, check=False)

        assert_refused_plainly(proc, " ".join(argv))
        assert proc.returncode == 2
        assert "must be followed by two hex digits" in proc.stderr
        assert proc.stdout == ""


def test_parse_of_bytes_that_are_not_text_refuses_them_naming_the_bytes(cli: Cli) -> None:
    proc = cli.run("parse", NOT_UTF8, check=False)

    assert_refused_plainly(proc, "parse with bytes that are not UTF-8")
    assert "\\xff\\xfe" in proc.stderr


def test_a_replay_file_that_is_not_utf8_names_the_line_and_replays_nothing(
    demo_cli: Cli,
) -> None:
    path = demo_cli.workdir / "latin1.txt"
    path.write_bytes("B-1001\nLOT:CAP-220/Größe\n".encode("latin-1"))

    proc = demo_cli.run("replay", str(path), check=False)

    assert_refused_plainly(proc, "replay of a Latin-1 file")
    assert "line 2: not UTF-8 text (byte \\xf6" in proc.stderr
    assert proc.stdout == "", "nothing was replayed"


def test_scans_piped_into_replay_that_are_not_text_are_rejected_and_the_replay_goes_on(
    demo_cli: Cli,
) -> None:
    proc = subprocess.run(
        demo_cli.command("replay", "-"),
        input=b"B-1001\nLOT-\xff\xfe\nAB\\x00CD\nWO:WO-2001\n",
        capture_output=True,
        env=demo_cli.environment(),
        timeout=120,
    )

    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    lines = proc.stdout.decode("utf-8").splitlines()
    assert [line.split('"outcome": "')[1].split('"')[0] for line in lines] == [
        "accepted",
        "rejected",
        "rejected",
        "accepted",
    ]
    assert '"scan": "LOT-\\\\xff\\\\xfe"' in lines[1]
    assert "bytes that are not text" in lines[1] and "control characters" in lines[2]


def started_into_a_closed_pipe(cli: Cli, *argv: str) -> subprocess.Popen[bytes]:
    """The command writing into a pipe whose reader has already left, as `head` does."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.Popen(
            cli.command(*argv),
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=cli.environment(),
            cwd=cli.workdir,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_recall_into_a_reader_that_left_early_exits_quietly(
    demo_cli: Cli, json_flag: list[str]
) -> None:
    demo_cli.replay(["B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781"])

    proc = started_into_a_closed_pipe(demo_cli, "recall", "--lot", "C-7781", *json_flag)
    _, err = proc.communicate(timeout=120)

    assert err.decode() == "", "no traceback, no 'Exception ignored' at exit"
    assert proc.returncode == 141, "128 + SIGPIPE, as the shell reports a writer whose reader left"


def test_replay_into_head_stops_quietly_after_the_first_line(demo_cli: Cli, tmp_path: Path) -> None:
    scans = demo_cli.write_scans(["B-1001", "WO:WO-2001"] * 300)
    replay = subprocess.Popen(
        demo_cli.command("replay", str(scans)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=demo_cli.environment(),
        cwd=demo_cli.workdir,
    )
    assert replay.stdout is not None
    head = subprocess.run(["head", "-1"], stdin=replay.stdout, capture_output=True, timeout=120)
    replay.stdout.close()  # only head reads it now; when head leaves, the pipe has no reader
    _, err = replay.communicate(timeout=120)

    assert head.stdout.decode().count("\n") == 1 and '"B-1001"' in head.stdout.decode()
    assert "Traceback" not in err.decode() and "Exception ignored" not in err.decode()
    assert err.decode() == ""
    assert replay.returncode == 141
