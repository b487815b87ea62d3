"""Shared pieces of the subcommands: opening the database, printing JSON or text."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError


class CliError(Exception):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def engine_for(args: argparse.Namespace) -> Engine:
    from tracestation.store.database import open_database

    try:
        return open_database(args.db)
    except (OperationalError, SQLAlchemyError) as error:
        raise CliError(
            f"cannot open the database: {error.__class__.__name__}: {error}".splitlines()[0]
        ) from None


def station_id(args: argparse.Namespace, explicit: str | None = None) -> str:
    """The station: the subcommand's --station, the global --station, $TRACESTATION_STATION,
    the saved settings, else STATION-1."""
    chosen = explicit or args.station or os.environ.get("TRACESTATION_STATION")
    if chosen:
        return str(chosen)
    from tracestation.config import ConfigError, load_config

    try:
        return load_config().station_id or "STATION-1"
    except ConfigError:
        return "STATION-1"


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
