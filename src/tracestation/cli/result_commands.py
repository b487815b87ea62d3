"""`results import FILE|FOLDER`: automatic testers' result files (CSV or JSON) into the record.

Each file is one unit of work through the core's `TesterResults`; a refused file is moved to
`rejected/` beside it with `<name>.rejected.txt` saying why, and nothing of it is written. A file
imported before adds nothing. The results sign into the journal chain of the station the user
chose, else `TESTER-<host>`.
"""

from __future__ import annotations

import argparse
import socket
from pathlib import Path
from typing import Any

from tracestation.cli.common import (
    STATION_ID_LENGTH,
    CliError,
    add_json_flag,
    chosen_station_id,
    emit_json,
    engine_for,
)


def register(sub: Any) -> None:
    results = sub.add_parser("results", help="automatic testers' result files")
    actions = results.add_subparsers(dest="results_command", required=True, metavar="ACTION")
    imported = actions.add_parser(
        "import", help="import a result file, or every .csv and .json file of a folder"
    )
    imported.add_argument("path", type=Path, metavar="FILE|FOLDER")
    imported.add_argument(
        "--station",
        dest="results_station",
        default=None,
        help="the station whose journal records the results (default: the global --station, "
        "$TRACESTATION_STATION, the settings, else TESTER-<host>)",
    )
    add_json_flag(imported)
    imported.set_defaults(handler=run_import)


def tester_station_id(args: argparse.Namespace) -> str:
    chosen = chosen_station_id(args, args.results_station)
    if chosen:
        return chosen
    host = socket.gethostname().split(".")[0].strip() or "localhost"
    return f"TESTER-{host}"[:STATION_ID_LENGTH]


def run_import(args: argparse.Namespace) -> int:
    from tracestation.station.tester_results import FileImport
    from tracestation.testers.folder import import_path, result_files
    from tracestation.wiring import tester_results_on

    path: Path = args.path
    shown = str(path) if len(str(path)) <= 120 else f"{str(path)[:120]}..."
    try:
        if not path.exists():
            raise CliError(f"{shown} does not exist. Give a result file or a folder of them.")
        if path.is_dir() and not result_files(path):
            raise CliError(f"{shown} holds no .csv or .json result files.")
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise CliError(
            f"{shown} cannot be read ({reason}). Give a result file or a folder."
        ) from None
    station = tester_station_id(args)
    outcomes = import_path(path, tester_results_on(engine_for(args), station), keep_imported=True)
    counts = {status.value: 0 for status in FileImport}
    for outcome in outcomes:
        counts[outcome.status.value] += 1
    if args.json:
        emit_json({"station": station, "files": [o.to_json() for o in outcomes], **counts})
    else:
        for o in outcomes:
            print(_line(o))
    return 0 if not counts["refused"] and not counts["not_saved"] else 1


def _line(outcome: Any) -> str:
    name, status = outcome.name, outcome.status.value
    if status == "imported":
        failed = f", {outcome.failed} failed (sent to rework)" if outcome.failed else ""
        return (
            f"{name}: imported {outcome.tests} test(s) with {outcome.measurements} "
            f"measurement(s){failed}."
        )
    if status == "already_imported":
        return f"{name}: already imported (the same file is on record); nothing added."
    why = "; ".join(outcome.problems)
    if status == "refused":
        return f"{name}: refused, moved to rejected/ (nothing recorded): {why}"
    return f"{name}: not saved: {why}"
