"""`report dhr` and `report recall`: the device history record and the recall report."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from tracestation.cli.common import CliError, engine_for


def register(sub: Any) -> None:
    report = sub.add_parser("report", help="printable reports: device history record, recall")
    report_sub = report.add_subparsers(dest="report_command", required=True, metavar="REPORT")
    dhr = report_sub.add_parser("dhr", help="the device history record of a unit, as PDF")
    dhr.add_argument("serial")
    dhr.add_argument("--part", help="the unit's part, when serials repeat across parts")
    dhr.add_argument("--out", required=True, help="the PDF file to write")
    dhr.set_defaults(handler=run_dhr)
    recall = report_sub.add_parser("recall", help="the recall report of a lot, as PDF or CSV")
    recall.add_argument("--lot", required=True)
    recall.add_argument("--part", help="the lot's part, when lot codes repeat across parts")
    recall.add_argument("--out", required=True, help="FILE.pdf or FILE.csv")
    recall.set_defaults(handler=run_recall_report)


def writable(out: str, suffixes: tuple[str, ...]) -> Path:
    """`out` as a path the report can be written to, or a `CliError` that says why not."""
    path = Path(out).expanduser()
    if path.suffix.lower() not in suffixes:
        raise CliError(f"--out {out}: give a file name ending in {' or '.join(suffixes)}.", 2)
    if path.is_dir():
        raise CliError(f"--out {out} is a folder: give a file name in it.", 2)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"--out {out}: the folder {folder} does not exist. Create it first.", 2)
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CliError(f"--out {out}: no permission to write there. Choose another place.", 2)
    return path


def _written(path: Path, write: Any, *args: Any) -> None:
    try:
        write(*args, path)
    except OSError as error:
        raise CliError(f"cannot write {path}: {error.strerror or error}.") from None


def run_dhr(args: argparse.Namespace) -> int:
    from tracestation.reports.device_history import device_history
    from tracestation.reports.device_history_pdf import write_device_history
    from tracestation.trace.genealogy import TraceError

    out = writable(args.out, (".pdf",))
    try:
        record = device_history(engine_for(args), args.serial, args.part)
    except TraceError as error:
        raise CliError(str(error)) from None
    _written(out, write_device_history, record)
    unit = record.unit
    print(f"Device history record of {unit['part']}/{unit['serial']} written to {out}")
    return 0


def run_recall_report(args: argparse.Namespace) -> int:
    from tracestation.reports.recall_report import (
        recall_report,
        write_recall_csv,
        write_recall_pdf,
    )
    from tracestation.trace.genealogy import TraceError

    out = writable(args.out, (".pdf", ".csv"))
    try:
        report = recall_report(engine_for(args), args.lot, args.part)
    except TraceError as error:
        raise CliError(str(error)) from None
    write = write_recall_csv if out.suffix.lower() == ".csv" else write_recall_pdf
    _written(out, write, report)
    lot = report.lot
    print(f"Recall of lot {lot['part']}/{lot['lot']}: {report.headline}; written to {out}")
    return 0
