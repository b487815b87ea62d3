"""The `tracestation` command line (the CLI contract of DESIGN.md).

Every reporting subcommand takes `--json`; errors go to stderr with a non-zero exit, never a
traceback: not for bad input, not for a reader that closes the pipe early (`| head`).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from tracestation.cli import (
    conflict_commands,
    data_commands,
    defect_commands,
    label_commands,
    lead_commands,
    lot_commands,
    nc_commands,
    report_commands,
    result_commands,
    station_commands,
    sync_commands,
    trace_commands,
)
from tracestation.cli.common import CliError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tracestation",
        description="Lot and serial traceability station. "
        "With no command, opens the operator station.",
    )
    parser.add_argument(
        "--db",
        help="SQLite file or SQLAlchemy URL (default: $TRACESTATION_DB, "
        "else the embedded database in your data directory)",
    )
    parser.add_argument(
        "--station",
        default=None,
        help="station id (default: $TRACESTATION_STATION, else the one in the station's "
        "settings, else STATION-1)",
    )
    parser.add_argument(
        "--lang", default=None, help="the window's language: en or ro (default: settings, locale)"
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="the window full screen and without a frame, as on a panel PC at the line",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    data_commands.register(sub)
    station_commands.register(sub)
    trace_commands.register(sub)
    report_commands.register(sub)
    defect_commands.register(sub)
    result_commands.register(sub)
    nc_commands.register(sub)
    lot_commands.register(sub)
    lead_commands.register(sub)
    label_commands.register(sub)
    sync_commands.register(sub)
    conflict_commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code. Bad input, a closed pipe or a bug give a line
    on stderr and a non-zero exit, never a traceback (TRACESTATION_DEBUG=1 shows it)."""
    try:
        code = _run(argv)
        if sys.stdout is not None:  # None in a Windows GUI process
            sys.stdout.flush()  # a reader that left early (`| head`) is found here, not at exit
        return code
    except BrokenPipeError:
        # The reader has what it wanted. Python flushes stdout once more at exit: point it
        # at devnull so that flush cannot fail as well (the recipe of Python's signal docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug, not the user's input: say where, in one line
        if os.environ.get("TRACESTATION_DEBUG"):
            raise
        print(f"tracestation: {_internal_error(error)}", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE: what a shell reports for a writer whose reader left
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE


def _run(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    not_text = [arg for arg in arguments if _is_not_text(arg)]
    if not_text:
        from tracestation.barcodes import shown_scan

        print(
            f"tracestation: the argument {shown_scan(not_text[0])} holds bytes that are not "
            "text (UTF-8). Type it again, or set the terminal to UTF-8.",
            file=sys.stderr,
        )
        return 2
    args = build_parser().parse_args(arguments)
    handler = getattr(args, "handler", None)
    if handler is None:
        handler = station_commands.open_station
    try:
        result: int = handler(args)
        return result
    except CliError as error:
        print(f"tracestation: {error}", file=sys.stderr)
        return error.exit_code


def _is_not_text(argument: str) -> bool:
    """True for an argument the shell passed as bytes that are not UTF-8 (lone surrogates)."""
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _internal_error(error: Exception) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    detail = str(error).splitlines()[0] if str(error) else ""
    return (
        f"internal error ({type(error).__name__}{': ' + detail if detail else ''}{where}). "
        "This is a fault of TraceStation, not of what you typed: run it again with "
        "TRACESTATION_DEBUG=1 to see the traceback, and report it."
    )
