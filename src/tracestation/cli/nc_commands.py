"""`nc open|close|list` and `deviation list`: nonconformances on a unit or a lot and the signed
deviations, from the command line. Opening and closing go through the core's `LeadService`, as
the window's lead panel does, signed with the lead's badge and PIN (one unit of work each; a
lot's NC with `--hold` puts the lot on hold in the same one)."""

from __future__ import annotations

import argparse
from typing import Any

from tracestation.cli.common import CliError, add_json_flag, emit_json, engine_for
from tracestation.cli.lot_commands import (
    add_signature_flags,
    event_of,
    perform_signed,
    report_signed,
    signature_from,
)
from tracestation.domain.events import NonconformanceClosed, NonconformanceOpened
from tracestation.station.lead import DISPOSITIONS
from tracestation.station.lead_requests import CloseNonconformance, OpenNonconformance


def register(sub: Any) -> None:
    nc = sub.add_parser("nc", help="nonconformances on units and lots (signed by a lead)")
    actions = nc.add_subparsers(dest="nc_command", required=True, metavar="ACTION")
    opened = actions.add_parser("open", help="open a nonconformance on a unit or a lot")
    subject = opened.add_mutually_exclusive_group(required=True)
    subject.add_argument("--unit", metavar="PART/SERIAL")
    subject.add_argument("--lot", metavar="PART/LOT")
    opened.add_argument("--defect", required=True, metavar="CODE", help="a code of the catalogue")
    opened.add_argument("--disposition", required=True, choices=DISPOSITIONS)
    opened.add_argument("--description", required=True, help="what is wrong, where, how many")
    opened.add_argument("--number", default="", help="its number (default NC-<date>-<n>)")
    opened.add_argument(
        "--hold", action="store_true", help="a lot: put it on hold in the same step"
    )
    add_signature_flags(opened)
    opened.set_defaults(handler=run_open)
    closed = actions.add_parser("close", help="close a nonconformance once it is settled")
    closed.add_argument("number", metavar="NUMBER")
    closed.add_argument("--note", required=True, help="how it was settled")
    add_signature_flags(closed)
    closed.set_defaults(handler=run_close)
    listed = actions.add_parser("list", help="nonconformances, newest first")
    state = listed.add_mutually_exclusive_group()
    state.add_argument("--open", dest="status", action="store_const", const="open")
    state.add_argument("--closed", dest="status", action="store_const", const="closed")
    listed.add_argument("--subject", metavar="PART/SERIAL|PART/LOT", default=None)
    add_json_flag(listed)
    listed.set_defaults(handler=run_list)
    deviation = sub.add_parser("deviation", help="signed deviations (waived rules)")
    deviation_actions = deviation.add_subparsers(
        dest="deviation_command", required=True, metavar="ACTION"
    )
    deviations = deviation_actions.add_parser("list", help="deviations, newest first")
    deviations.add_argument("--work-order", default=None, metavar="WO")
    deviations.add_argument("--limit", type=int, default=200)
    add_json_flag(deviations)
    deviations.set_defaults(handler=run_deviations)


def run_open(args: argparse.Namespace) -> int:
    kind, subject = ("unit", args.unit) if args.unit else ("lot", args.lot)
    request = OpenNonconformance(
        signature_from(args),
        kind,
        subject,
        args.defect,
        args.description,
        args.disposition,
        args.number,
        args.hold,
    )
    outcome, station = perform_signed(args, request)
    event = event_of(outcome, NonconformanceOpened)
    signer = outcome.params.get("name", outcome.signed_by)
    held = " The lot is on hold." if args.hold and kind == "lot" else ""
    return report_signed(
        args,
        outcome,
        station,
        number=event.number,
        subject_kind=event.subject_kind,
        subject=f"{event.part}/{event.subject}",
        defect_code=event.defect_code,
        disposition=event.disposition,
        hold=bool(args.hold and kind == "lot"),
        message=f"Nonconformance {event.number} opened on {event.part}/{event.subject} "
        f"({event.defect_code}, {event.disposition}), signed by {signer}.{held}",
    )


def run_close(args: argparse.Namespace) -> int:
    request = CloseNonconformance(signature_from(args), args.number, args.note)
    outcome, station = perform_signed(args, request)
    event = event_of(outcome, NonconformanceClosed)
    signer = outcome.params.get("name", outcome.signed_by)
    return report_signed(
        args,
        outcome,
        station,
        number=event.number,
        note=event.note,
        message=f"Nonconformance {event.number} closed, signed by {signer}.",
    )


def run_list(args: argparse.Namespace) -> int:
    from tracestation.store.quality_records import DatabaseQualityRecords

    found = DatabaseQualityRecords(engine_for(args)).nonconformances(args.status, args.subject)
    if args.json:
        emit_json({"nonconformances": [nc.to_json() for nc in found]})
        return 0
    if not found:
        print("No nonconformances.")
        return 0
    for nc in found:
        opened = nc.opened_at.strftime("%Y-%m-%d %H:%M")
        print(
            f"{nc.number:<16} {nc.status:<6} {nc.subject_kind:<4} {nc.subject:<28} "
            f"{nc.defect_code:<16} {nc.disposition:<16} {opened} {nc.opened_by or '-'}"
        )
        print(f"{'':<16} {nc.description}")
        if nc.closed_at is not None:
            closed = nc.closed_at.strftime("%Y-%m-%d %H:%M")
            print(f"{'':<16} closed {closed} by {nc.closed_by or '-'}: {nc.closing_note or ''}")
    return 0


def run_deviations(args: argparse.Namespace) -> int:
    from tracestation.store.status import recent_deviations

    if args.limit < 1:
        raise CliError("--limit must be at least 1.")
    everything = 10**9 if args.work_order else args.limit
    found = recent_deviations(engine_for(args), everything)
    if args.work_order:
        found = [d for d in found if d.work_order == args.work_order][: args.limit]
    if args.json:
        emit_json(
            {
                "deviations": [
                    {
                        "time": d.time.isoformat(),
                        "rule": d.rule,
                        "subject": d.subject,
                        "work_order": d.work_order,
                        "reason": d.reason,
                        "lead": d.lead,
                        "signature": d.signature.to_json() if d.signature else None,
                    }
                    for d in found
                ]
            }
        )
        return 0
    if not found:
        print("No deviations.")
        return 0
    for d in found:
        when = d.time.strftime("%Y-%m-%d %H:%M")
        signed = d.signature.text() if d.signature else f"signed by {d.lead}"
        print(f"{when}  {d.rule:<24} {d.subject:<28} {d.work_order or '-':<10} {d.reason}")
        print(f"{'':<18}{signed}")
    return 0
