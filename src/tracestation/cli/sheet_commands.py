"""`label sheet commands|badges|work-order WO --out FILE.pdf`: printable sheets of station codes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tracestation.cli.common import CliError, engine_for


def register(kinds: Any) -> None:
    sheet = kinds.add_parser(
        "sheet",
        help="printable PDF sheets of Code 128 station codes: commands, badges, a traveler",
    )
    which = sheet.add_subparsers(dest="sheet_kind", required=True, metavar="SHEET")
    commands = which.add_parser(
        "commands", help="CMD: commands, OPN: operations, RSN: reason codes, DEF: defect codes"
    )
    commands.add_argument(
        "--reasons",
        type=Path,
        help="a plant's own reason codes to add, a JSON list of {code, text} (default: "
        "reasons.json in $TRACESTATION_LABEL_TEMPLATES, if there is one)",
    )
    which.add_parser("badges", help="every operator's badge with the name (never a PIN)")
    traveler = which.add_parser("work-order", help="a work order's traveler: WO:, PN:, OPN:")
    traveler.add_argument("work_order", metavar="WO")
    for p in which.choices.values():
        p.add_argument("--out", type=Path, required=True, help="the PDF file to write")
        p.add_argument(
            "--dpi",
            type=int,
            choices=[203, 300, 600],
            default=203,
            help="the printer's resolution: modules are whole dots at it (default 203)",
        )
        p.set_defaults(handler=run_sheet)


def run_sheet(args: argparse.Namespace) -> int:
    from tracestation.labels.sheets import render_sheet_pdf
    from tracestation.labels.symbols import NotEncodable

    if args.out.suffix.lower() != ".pdf":
        raise CliError(
            f"a sheet is written as PDF: give a file ending in .pdf, not {args.out.name!r}."
        )
    sheet = _sheet(args)
    if not sheet.sections:
        raise CliError(
            f"nothing to print on the {args.sheet_kind} sheet: import master data first."
        )
    try:
        data = render_sheet_pdf(sheet, args.dpi)
    except (NotEncodable, ValueError) as error:
        raise CliError(f"the sheet cannot be drawn: {error}") from None
    try:
        args.out.write_bytes(data)
    except OSError as error:
        raise CliError(f"cannot write {args.out}: {error.strerror or error}") from None
    count = len(sheet.codes)
    print(f"{sheet.title}: {count} codes written to {args.out}")
    return 0


def _sheet(args: argparse.Namespace) -> Any:
    from tracestation.labels.sheet_content import (
        CodeWithText,
        SheetDataError,
        badges_sheet,
        commands_sheet,
        read_reason_codes,
        traveler_sheet,
    )
    from tracestation.labels.template_files import templates_dir
    from tracestation.store.plant import DatabasePlant
    from tracestation.store.sheet_data import DatabaseSheetData

    engine = engine_for(args)
    data = DatabaseSheetData(engine)
    if args.sheet_kind == "badges":
        return badges_sheet(data.operators())
    if args.sheet_kind == "commands":
        path = args.reasons or templates_dir() / "reasons.json"
        try:
            reasons = read_reason_codes(path) if args.reasons or path.is_file() else []
        except SheetDataError as error:
            raise CliError(str(error)) from None
        defects = [CodeWithText(code, text) for code, text in data.defects()]
        return commands_sheet(data.routings(), reasons, defects)
    plant = DatabasePlant(engine)
    work_order = plant.work_order(args.work_order.strip().removeprefix("WO:"))
    if work_order is None:
        raise CliError(
            f"No work order {args.work_order} is recorded. Give one from master data, e.g. WO-1001."
        )
    return traveler_sheet(work_order, plant.part(work_order.part), plant.routing(work_order.part))
