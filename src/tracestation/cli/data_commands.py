"""`demo`, `import`, `parse` and `audit verify`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tracestation.cli.common import CliError, add_json_flag, emit_json, engine_for
from tracestation.domain.masterdata import FILE, MasterDataError
from tracestation.resources import demo_plant_path


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help="create the demo plant so you can scan right away")
    add_json_flag(demo)
    demo.set_defaults(handler=run_demo)

    imp = sub.add_parser(
        "import",
        help="import master data from a JSON file, or a CSV file of parts, lots, operators "
        "or work orders",
    )
    imp.add_argument("file", type=Path)
    add_json_flag(imp)
    imp.set_defaults(handler=run_import)

    parse = sub.add_parser("parse", help="show what the station reads in a barcode")
    parse.add_argument("barcode", help="the scanned text; \\x1d, \\x1e and \\x04 escapes allowed")
    add_json_flag(parse)
    parse.set_defaults(handler=run_parse)

    audit = sub.add_parser("audit", help="check the journal and the state it makes")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_sub.add_parser(
        "verify",
        help="check every station's event hash chain, its anchors, and the state tables "
        "against a rebuild from the journal",
    )
    verify.add_argument(
        "--checkpoint",
        type=Path,
        metavar="FILE",
        help="also hold the database to a checkpoint file made by `audit checkpoint`",
    )
    verify.add_argument(
        "--central",
        metavar="URL",
        help="also hold this database's chains to the central database's heads, and the "
        "centre to what it acknowledged to this database",
    )
    add_json_flag(verify)
    verify.set_defaults(handler=run_audit_verify)
    checkpoint = audit_sub.add_parser(
        "checkpoint",
        help="export each station's chain head (and the lots and master data) to a file "
        "to keep elsewhere",
    )
    checkpoint.add_argument(
        "--out", type=Path, metavar="FILE", help="write it to FILE (default: standard output)"
    )
    add_json_flag(checkpoint)
    checkpoint.set_defaults(handler=run_audit_checkpoint)


SHOWN_PROBLEMS = 50  # of a refused file's problems, on the screen and in --json


def _import(args: argparse.Namespace, path: Path) -> int:
    from tracestation.cli.common import chosen_station_id
    from tracestation.store.importer import (
        ImportInterrupted,
        import_master_data,
        import_station_id,
        load_file,
    )

    engine = engine_for(args)
    # The import's events go to the chain of the station the user chose, else IMPORT-<host>-<db>.
    station = chosen_station_id(args) or import_station_id(engine)
    try:
        loaded = load_file(path)
        try:
            report = import_master_data(engine, loaded.document, station=station, source=path.name)
        except MasterDataError as error:
            raise loaded.relabeled(error) from None
    except MasterDataError as error:
        if args.json:
            shown = error.problems[:SHOWN_PROBLEMS]
            emit_json(
                {
                    "file": str(path),
                    "imported": False,
                    "problem_count": error.count,
                    "problems": [problem.to_json() for problem in shown],
                }
            )
        raise CliError(_refusal(path.name, error)) from None
    except ImportInterrupted as error:
        raise CliError(f"{path.name}: {error}") from None
    journal = {"station": report.station, "events": report.events}
    if args.json:
        emit_json(
            {
                "file": str(path),
                "changed": report.changed,
                "sections": report.to_json(),
                "journal": journal,
            }
        )
    else:
        for name, tally in report.sections.items():
            print(
                f"{name:12} {tally.created} new, {tally.updated} updated, "
                f"{tally.unchanged} unchanged"
            )
        print(
            f"Imported; on record as {report.events} event(s) of {report.station}."
            if report.changed
            else "Nothing changed: the database already matches the file."
        )
    return 0


def _refusal(name: str, error: MasterDataError) -> str:
    """All of a refused file's problems (the first `SHOWN_PROBLEMS`), one a line."""
    lines = [
        f"{problem.message}" if problem.record == FILE else str(problem)
        for problem in error.problems[:SHOWN_PROBLEMS]
    ]
    if error.count == 1:
        return f"{name}: {lines[0]}. Nothing was imported; fix the file and import it again."
    more = error.count - len(lines)
    return "\n".join(
        [
            f"{name}: {error.count:,} problems; nothing was imported. "
            "Fix them and import the file again:",
            *(f"  {line}" for line in lines),
            *([f"  ... and {more:,} more (the first {len(lines)} are listed)"] if more else []),
        ]
    )


def run_import(args: argparse.Namespace) -> int:
    return _import(args, args.file)


def run_demo(args: argparse.Namespace) -> int:
    code = _import(args, demo_plant_path())
    if not args.json:
        print("Demo plant ready. Scan B-1001 to log in; the README lists what to scan next.")
    return code


def run_parse(args: argparse.Namespace) -> int:
    from tracestation.barcodes import decode
    from tracestation.scanners.replay import unescape_scan

    try:
        barcode = unescape_scan(args.barcode)
    except ValueError as error:
        raise CliError(
            f"the barcode cannot be read: {error}; a backslash itself is written \\\\.",
            exit_code=2,
        ) from None
    decoded = decode(barcode)
    if args.json:
        emit_json(decoded.to_json())
    else:
        print(f"kind: {decoded.kind}" + (f" ({decoded.symbology})" if decoded.symbology else ""))
        for name, value in decoded.fields.items():
            print(f"  {name}: {value}")
        for warning in decoded.warnings:
            print(f"warning: {warning}")
        if decoded.error:  # errors go to stderr; --json keeps it in the document (contract)
            print(f"error: {decoded.error}", file=sys.stderr)
    return 0 if decoded.error is None else 2


def run_audit_verify(args: argparse.Namespace) -> int:
    from tracestation.store.audit import NotACentre, audit
    from tracestation.store.audit_checkpoint import CheckpointError, read_checkpoint

    try:
        checkpoint = read_checkpoint(args.checkpoint) if args.checkpoint else None
    except CheckpointError as error:
        raise CliError(f"{error}. Nothing was verified.") from None
    engine = engine_for(args)
    central = _central_engine(args.central) if args.central else None
    try:
        report = audit(engine, checkpoint=checkpoint, central=central)
    except NotACentre as error:
        raise CliError(f"{error}: {args.central}") from None
    finally:
        if central is not None:
            central.dispose()
    if args.json:
        emit_json(report.to_json())
    else:
        _print_audit(report)
    return 0 if report.ok else 3


def _central_engine(url: str) -> Any:
    from sqlalchemy.exc import SQLAlchemyError

    from tracestation.store.database import create_station_engine, database_url
    from tracestation.store.database_errors import explained

    try:
        engine = create_station_engine(database_url(url))
    except SQLAlchemyError as error:
        raise CliError(f"the central database: {error} Nothing was verified.") from None
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as error:
        engine.dispose()
        raise CliError(
            f"the central database is unreachable: {explained(engine.url, error)} "
            "Nothing was verified."
        ) from None
    return engine


def _print_audit(report: Any) -> None:
    for station, count in report.stations.items():
        print(f"{station}: {count} events")
    if report.anchors:
        print(f"anchors: {len(report.anchors)} head(s) kept outside the chains compared")
    for b in report.breaks:
        print(f"BROKEN {b.station} event {b.seq} ({b.event_id or '-'}): {b.problem}")
    print(
        "Journal intact."
        if not report.breaks
        else f"{len(report.breaks)} problem(s) found: the journal was tampered with."
    )
    state = report.state
    for difference in state.differences:
        print(f"DIFFERS {difference.problem}")
    for note in state.notes:
        print(f"note: {note}")
    print(
        f"State tables match the {state.events_applied} events of the journal."
        if not state.differences
        else f"{len(state.differences)} difference(s) between the state tables and the "
        "journal: they were changed outside it."
    )


def run_audit_checkpoint(args: argparse.Namespace) -> int:
    import json

    from tracestation.store.audit_checkpoint import make_checkpoint

    document = make_checkpoint(engine_for(args))
    text = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CliError(f"cannot write {args.out} ({error.strerror})") from None
    summary = {
        "out": str(args.out),
        "stations": {h["station"]: h["seq"] for h in document["stations"]},
        "lots": len(document["lots"]),
        "made_at": document["made_at"],
    }
    if args.json:
        emit_json(summary)
    else:
        for head in document["stations"]:
            print(f"{head['station']}: event {head['seq']} {head['hash'][:16]}…")
        print(
            f"Checkpoint written to {args.out}. Keep it away from this database; "
            f"`tracestation audit verify --checkpoint {args.out}` checks against it."
        )
    return 0
