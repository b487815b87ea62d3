"""`label unit|lot|carton`: print or write a label (ZPL, PDF or a PNG preview)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tracestation.cli.common import CliError, engine_for

SUFFIXES = (".zpl", ".pdf", ".png")


def register(sub: Any) -> None:
    label = sub.add_parser(
        "label",
        help="print or write unit, lot and carton labels (ZPL, PDF or PNG); list print jobs; "
        "printable sheets of station codes",
    )
    kinds = label.add_subparsers(dest="label_kind", required=True, metavar="KIND")
    unit = kinds.add_parser("unit", help="a unit's serial label (UDI: GS1 DataMatrix)")
    unit.add_argument("serial")
    unit.add_argument("--part", help="the unit's part, when serials repeat across parts")
    lot = kinds.add_parser("lot", help="a lot label (LOT:<part>/<lot>)")
    lot.add_argument("lot", metavar="PART/LOT")
    carton = kinds.add_parser("carton", help="a carton's GS1 logistic label (SSCC)")
    carton.add_argument("sscc")
    jobs = kinds.add_parser(
        "jobs", help="the station's print jobs: printed, queued, or failed with the printer's words"
    )
    jobs.add_argument("--station", dest="jobs_station", help="only this station's jobs")
    jobs.add_argument("--limit", type=int, default=50, help="the newest N jobs (default 50)")
    jobs.add_argument("--json", action="store_true", help="one JSON document")
    jobs.set_defaults(handler=run_jobs)
    from tracestation.cli.sheet_commands import register as register_sheets

    register_sheets(kinds)
    for p in (unit, lot, carton):
        where = p.add_mutually_exclusive_group(required=True)
        where.add_argument(
            "--out", type=Path, help="write the label to FILE.zpl, FILE.pdf or FILE.png"
        )
        where.add_argument(
            "--printer",
            help="send it: tcp://host:9100 (ZPL), zpl:/folder, pdf:/folder or png:/folder; "
            "?dpi=300 names the printer's resolution",
        )
        p.add_argument(
            "--format", choices=["zpl", "pdf", "png"], help="with --out (default: by suffix)"
        )
        p.add_argument(
            "--dpi",
            type=int,
            choices=[203, 300, 600],
            help="the printer's resolution (default: the template's)",
        )
        p.add_argument("--template", type=Path, help="a label template file (JSON) to use")
        p.set_defaults(handler=run_label)


def run_label(args: argparse.Namespace) -> int:
    from tracestation.labels.printers import PrinterFault, render, sink_for
    from tracestation.labels.symbols import NotEncodable

    if args.out is not None:
        fmt = args.format or _format_of(args.out)
    label = _label_for(args)
    try:
        if args.out is not None:
            data = render(label, fmt, args.dpi)
            try:
                args.out.write_bytes(data)
            except OSError as error:
                raise CliError(f"cannot write {args.out}: {error.strerror}") from None
            print(f"{label.kind} label written to {args.out}")
            return 0
        target = args.printer
        if args.dpi and "dpi=" not in target:
            target += ("&" if "?" in target else "?") + f"dpi={args.dpi}"
        sink = sink_for(target)
        if sink is None:
            raise CliError("--printer none prints nothing; give tcp://host:9100 or a folder.")
        sink.send(label)
    except (PrinterFault, ValueError, NotEncodable) as error:
        raise CliError(f"the label did not print: {error}") from None
    print(f"{label.kind} label sent to {args.printer}")
    return 0


def run_jobs(args: argparse.Namespace) -> int:
    from tracestation.store.print_jobs import DatabasePrintJobs

    jobs = DatabasePrintJobs(engine_for(args)).jobs(args.jobs_station, max(1, args.limit))
    if args.json:
        print(json.dumps({"jobs": [job.to_json() for job in jobs]}, indent=2))
        return 0
    if not jobs:
        print("No print jobs.")
        return 0
    for job in jobs:
        when = job.printed_at or job.next_try_at or job.created_at
        line = (
            f"{job.id:>5}  {job.station:<10} {job.kind:<9} {job.subject:<28} "
            f"{job.status.value:<8} tries {job.attempts}  {when:%Y-%m-%d %H:%M:%S}"
        )
        if job.status == "failed":
            line += f"  next try; printer said: {job.error}"
        if job.reprint_by:
            line += f"  reprint by {job.reprint_by}"
        print(line)
    return 0


def _format_of(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise CliError(
            f"cannot write a label as {out.name!r}: give a file ending in "
            f"{', '.join(SUFFIXES)} (or --format zpl|pdf|png)."
        )
    return suffix[1:]


def _label_for(args: argparse.Namespace) -> Any:
    from tracestation.labels.printers import LabelMaker
    from tracestation.labels.template_files import TemplateError, template_for
    from tracestation.store.label_dates import DatabaseLabelDates
    from tracestation.store.plant import DatabasePlant
    from tracestation.trace.genealogy import TraceError, find_unit

    engine = engine_for(args)
    plant = DatabasePlant(engine)
    kind = args.label_kind
    try:
        template = template_for(kind, args.template)
    except TemplateError as error:
        raise CliError(str(error)) from None
    maker = LabelMaker(plant, DatabaseLabelDates(engine), lambda _kind: template)
    if kind == "unit":
        with Session(engine) as s:
            try:
                row = find_unit(s, args.serial, args.part)
            except TraceError as error:
                raise CliError(str(error)) from None
            part, serial = row.part, row.serial
        unit = plant.unit(part, serial)
        assert unit is not None
        return maker.unit(unit)
    if kind == "lot":
        part, _, code = args.lot.rpartition("/")
        lot = plant.lot(part, code) if part else None
        if lot is None:
            raise CliError(f"No lot {args.lot} is recorded; give PART/LOT, e.g. SCREW-M3/L-2291.")
        return maker.lot(lot)
    container = plant.container(args.sscc)
    if container is None:
        raise CliError(f"No carton with SSCC {args.sscc} is recorded.")
    return maker.container(container)
