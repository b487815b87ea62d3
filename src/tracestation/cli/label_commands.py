"""`label unit|lot|carton`: print or write a label (ZPL or PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from tracestation.cli.common import CliError, engine_for


def register(sub: Any) -> None:
    label = sub.add_parser("label", help="print or write unit, lot and carton labels (ZPL or PDF)")
    kinds = label.add_subparsers(dest="label_kind", required=True, metavar="KIND")
    unit = kinds.add_parser("unit", help="a unit's serial label")
    unit.add_argument("serial")
    unit.add_argument("--part", help="the unit's part, when serials repeat across parts")
    lot = kinds.add_parser("lot", help="a lot label (LOT:<part>/<lot>)")
    lot.add_argument("lot", metavar="PART/LOT")
    carton = kinds.add_parser("carton", help="a carton's SSCC label")
    carton.add_argument("sscc")
    for p in (unit, lot, carton):
        where = p.add_mutually_exclusive_group(required=True)
        where.add_argument("--out", type=Path, help="write the label to this file")
        where.add_argument(
            "--printer", help="send it: tcp://host:9100 (ZPL), zpl:/folder or pdf:/folder"
        )
        p.add_argument("--format", choices=["zpl", "pdf"], help="with --out (default: by suffix)")
        p.set_defaults(handler=run_label)


def run_label(args: argparse.Namespace) -> int:
    from tracestation.labels.pdf import render_pdf
    from tracestation.labels.printers import PrinterFault, sink_for
    from tracestation.labels.zpl import render_zpl

    label = _label_for(args)
    if args.out is not None:
        fmt = args.format or ("pdf" if args.out.suffix.lower() == ".pdf" else "zpl")
        try:
            if fmt == "pdf":
                args.out.write_bytes(render_pdf([label]))
            else:
                args.out.write_text(render_zpl(label), encoding="utf-8")
        except OSError as error:
            raise CliError(f"cannot write {args.out}: {error.strerror}") from None
        print(f"{label.kind} label written to {args.out}")
        return 0
    try:
        sink = sink_for(args.printer)
        if sink is None:
            raise CliError("--printer none prints nothing; give tcp://host:9100 or a folder.")
        sink.send(label)
    except (PrinterFault, ValueError) as error:
        raise CliError(f"the label did not print: {error}") from None
    print(f"{label.kind} label sent to {args.printer}")
    return 0


def _label_for(args: argparse.Namespace) -> Any:
    from tracestation.labels.templates import carton_label, lot_label, unit_label
    from tracestation.store.plant import DatabasePlant
    from tracestation.trace.genealogy import TraceError, find_unit

    engine = engine_for(args)
    plant = DatabasePlant(engine)
    if args.label_kind == "unit":
        with Session(engine) as s:
            try:
                row = find_unit(s, args.serial, args.part)
            except TraceError as error:
                raise CliError(str(error)) from None
            part, serial = row.part, row.serial
        unit = plant.unit(part, serial)
        assert unit is not None
        return unit_label(unit, plant.part(part))
    if args.label_kind == "lot":
        part, _, code = args.lot.rpartition("/")
        lot = plant.lot(part, code) if part else None
        if lot is None:
            raise CliError(f"No lot {args.lot} is recorded; give PART/LOT, e.g. SCREW-M3/L-2291.")
        return lot_label(lot, plant.part(part))
    container = plant.container(args.sscc)
    if container is None:
        raise CliError(f"No carton with SSCC {args.sscc} is recorded.")
    return carton_label(container, plant.part(container.part))
