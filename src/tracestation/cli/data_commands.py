"""`demo`, `import`, `parse` and `audit verify`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tracestation.cli.common import CliError, add_json_flag, emit_json, engine_for
from tracestation.resources import demo_plant_path


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help="create the demo plant so you can scan right away")
    add_json_flag(demo)
    demo.set_defaults(handler=run_demo)

    imp = sub.add_parser("import", help="import master data from a JSON file")
    imp.add_argument("file", type=Path)
    add_json_flag(imp)
    imp.set_defaults(handler=run_import)

    parse = sub.add_parser("parse", help="show what the station reads in a barcode")
    parse.add_argument("barcode", help="the scanned text; \\x1d, \\x1e and \\x04 escapes allowed")
    add_json_flag(parse)
    parse.set_defaults(handler=run_parse)

    audit = sub.add_parser("audit", help="check the journal")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = audit_sub.add_parser("verify", help="check every station's event hash chain")
    add_json_flag(verify)
    verify.set_defaults(handler=run_audit_verify)


def _import(args: argparse.Namespace, path: Path) -> int:
    from tracestation.domain.masterdata import MasterDataError
    from tracestation.store.importer import import_master_data, load_file

    engine = engine_for(args)
    try:
        report = import_master_data(engine, load_file(path))
    except MasterDataError as error:
        raise CliError(
            f"{path.name}: {error}. Nothing was imported; fix the file and import it again."
        ) from None
    if args.json:
        emit_json({"file": str(path), "changed": report.changed, "sections": report.to_json()})
    else:
        for name, tally in report.sections.items():
            print(
                f"{name:12} {tally.created} new, {tally.updated} updated, "
                f"{tally.unchanged} unchanged"
            )
        print(
            "Imported."
            if report.changed
            else "Nothing changed: the database already matches the file."
        )
    return 0


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

    decoded = decode(unescape_scan(args.barcode))
    if args.json:
        emit_json(decoded.to_json())
    else:
        print(f"kind: {decoded.kind}" + (f" ({decoded.symbology})" if decoded.symbology else ""))
        for name, value in decoded.fields.items():
            print(f"  {name}: {value}")
        for warning in decoded.warnings:
            print(f"warning: {warning}")
        if decoded.error:
            print(f"error: {decoded.error}")
    return 0 if decoded.error is None else 2


def run_audit_verify(args: argparse.Namespace) -> int:
    from tracestation.store.audit import verify_journal

    counts, breaks = verify_journal(engine_for(args))
    if args.json:
        emit_json(
            {
                "ok": not breaks,
                "stations": counts,
                "breaks": [
                    {
                        "station": b.station,
                        "seq": b.seq,
                        "event_id": b.event_id,
                        "problem": b.problem,
                    }
                    for b in breaks
                ],
            }
        )
    else:
        for station, count in counts.items():
            print(f"{station}: {count} events")
        for b in breaks:
            print(f"BROKEN {b.station} event {b.seq} ({b.event_id or '-'}): {b.problem}")
        print(
            "Journal intact."
            if not breaks
            else f"{len(breaks)} problem(s) found: the journal was tampered with."
        )
    return 0 if not breaks else 3
