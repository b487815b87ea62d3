"""The `tracestation` command line (the CLI contract of DESIGN.md).

Every reporting subcommand takes `--json`; errors go to stderr with a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tracestation.cli import (
    conflict_commands,
    data_commands,
    label_commands,
    lead_commands,
    lot_commands,
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    data_commands.register(sub)
    station_commands.register(sub)
    trace_commands.register(sub)
    lot_commands.register(sub)
    lead_commands.register(sub)
    label_commands.register(sub)
    sync_commands.register(sub)
    conflict_commands.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        handler = station_commands.open_station
    try:
        result: int = handler(args)
        return result
    except CliError as error:
        print(f"tracestation: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
