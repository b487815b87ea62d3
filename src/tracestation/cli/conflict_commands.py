"""`conflicts` (list) and `conflicts resolve`: what offline stations did against the centre's
rules, and a lead's signed disposition of it (through the same lead service as the window)."""

from __future__ import annotations

import argparse
from typing import Any

from tracestation.cli.common import CliError, add_json_flag, emit_json, engine_for
from tracestation.cli.lot_commands import add_signature_flags, perform_signed, signature_from
from tracestation.domain.conflicts import RESOLUTIONS
from tracestation.station.lead_requests import ResolveConflict


def register(sub: Any) -> None:
    conflicts = sub.add_parser(
        "conflicts", help="conflicts the centre raised; `conflicts resolve` settles one"
    )
    conflicts.add_argument("--all", action="store_true", help="resolved ones too")
    add_json_flag(conflicts)
    conflicts.set_defaults(handler=run_list)
    actions = conflicts.add_subparsers(dest="conflicts_command", required=False, metavar="ACTION")
    resolve = actions.add_parser("resolve", help="resolve a conflict (signed by a lead)")
    resolve.add_argument(
        "conflict", metavar="ID", help="the conflict's id (or its first 8 characters)"
    )
    resolve.add_argument(
        "--as",
        dest="resolution",
        required=True,
        choices=RESOLUTIONS,
        help="remove_link: the child stays only in --keep; accept: with a deviation; "
        "scrap: the unit or lot is scrapped",
    )
    resolve.add_argument("--keep", default="", metavar="PART/SERIAL")
    resolve.add_argument("--reason", required=True)
    add_signature_flags(resolve)
    resolve.set_defaults(handler=run_resolve)


def _listed(args: argparse.Namespace) -> list[dict[str, str]]:
    from tracestation.sync.session import listed_conflicts

    return listed_conflicts(engine_for(args), include_resolved=args.all)


def run_list(args: argparse.Namespace) -> int:
    found = _listed(args)
    if args.json:
        emit_json({"conflicts": found})
        return 0
    if not found:
        print("No open conflicts." if not args.all else "No conflicts.")
        return 0
    for c in found:
        print(
            f"{c['id'][:8]}  {c['status']:<8} {c['kind']:<22} {c['subject']:<24} "
            f"{c['stations']}  NC {c['nonconformance'] or '-'}\n          {c['detail']}"
        )
    return 0


def run_resolve(args: argparse.Namespace) -> int:
    wanted = args.conflict.strip()
    matches = [c["id"] for c in _listed(args) if c["id"].startswith(wanted)] if wanted else []
    if len(matches) > 1:
        raise CliError(f"{wanted} names {len(matches)} open conflicts: give more of the id.")
    conflict = matches[0] if matches else wanted
    request = ResolveConflict(
        signature_from(args), conflict, args.resolution, args.reason, args.keep
    )
    outcome, station = perform_signed(args, request)
    document = {
        "conflict": conflict,
        "resolution": args.resolution,
        "event_id": outcome.event_id,
        "signed_by": outcome.signed_by,
        "station": station,
    }
    if args.json:
        emit_json(document)
    else:
        name = outcome.params.get("name", outcome.signed_by)
        print(f"Conflict {conflict[:8]} resolved as {args.resolution} (signed by {name}).")
    return 0
