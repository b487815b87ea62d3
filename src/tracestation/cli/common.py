"""Shared pieces of the subcommands: opening the database, printing JSON or text."""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

if TYPE_CHECKING:
    from tracestation.station.env import StationSettings


class CliError(Exception):
    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def engine_for(args: argparse.Namespace) -> Engine:
    from tracestation.store.database import open_database
    from tracestation.store.database_errors import DatabaseUnavailable

    try:
        return open_database(args.db)
    except DatabaseUnavailable as error:
        raise CliError(str(error)) from None
    except (OperationalError, SQLAlchemyError) as error:
        raise CliError(
            f"cannot open the database: {error.__class__.__name__}: {error}".splitlines()[0]
        ) from None


DEFAULT_STATION = "STATION-1"
STATION_ID_LENGTH = 64  # the journal's `station` column


def chosen_station_id(args: argparse.Namespace, explicit: str | None = None) -> str | None:
    """The station the user chose: the subcommand's --station, the global --station,
    $TRACESTATION_STATION, else the saved settings; None when none of them names one."""
    chosen = explicit or args.station or os.environ.get("TRACESTATION_STATION")
    if chosen:
        return str(chosen)
    from tracestation.config import ConfigError, load_config

    try:
        return load_config().station_id or None
    except ConfigError:
        return None


def station_settings(station: str) -> StationSettings:
    """The station core's settings for `station` from the saved settings (the PIN policy), as
    the window takes them; the defaults when there are none or they cannot be read."""
    from tracestation.config import ConfigError, load_config
    from tracestation.wiring import station_settings as settings_from

    try:
        config = load_config()
    except ConfigError:
        config = None
    return settings_from(station, config)


def station_id(args: argparse.Namespace, explicit: str | None = None) -> str:
    """The station: the one the user chose (`chosen_station_id`), else STATION-1."""
    return chosen_station_id(args, explicit) or DEFAULT_STATION


def lead_desk_id(args: argparse.Namespace, explicit: str | None = None) -> str:
    """Where a lead action from the command line signs: the station the user chose, else
    `LEAD-DESK-<host>`, a journal chain of this computer's own that no scanning station uses.

    Never STATION-1 by default: on a shared database that is a real station's chain."""
    chosen = chosen_station_id(args, explicit)
    if chosen:
        return chosen
    host = socket.gethostname().split(".")[0].strip() or "localhost"
    return f"LEAD-DESK-{host}"[:STATION_ID_LENGTH]


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def add_json_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
