"""`lot hold|release|quarantine|scrap|split|merge`: lead actions, signed with badge and PIN.

Each command builds the same request as the window's lead panel and hands it to the core's
`LeadService` (one unit of work per action); this module only reads arguments and prints the
outcome. The action signs into the journal chain of the station the user chose, else of
`LEAD-DESK-<host>` (see `lead_desk_id`), never silently into STATION-1's.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any, TypeVar

from tracestation.cli.common import (
    CliError,
    add_json_flag,
    emit_json,
    engine_for,
    lead_desk_id,
    station_settings,
)
from tracestation.domain.events import DomainEvent, LotsMerged, LotSplit, LotStatusChanged
from tracestation.station.lead_requests import (
    LOT_STATUS_ACTIONS,
    ChangeLotStatus,
    LeadOutcome,
    LeadResult,
    LeadSignature,
    MergeLots,
    SignedRequest,
    SplitLot,
)

E = TypeVar("E", bound=DomainEvent)


def register(sub: Any) -> None:
    lot = sub.add_parser("lot", help="lead actions on lots (signed with badge and PIN)")
    lot_sub = lot.add_subparsers(dest="lot_command", required=True, metavar="ACTION")
    for action in LOT_STATUS_ACTIONS:
        p = lot_sub.add_parser(action, help=f"{action} a lot")
        p.add_argument("lot", metavar="PART/LOT")
        p.add_argument("--reason", required=True)
        add_signature_flags(p)
        p.set_defaults(handler=run_status, action=action)
    split = lot_sub.add_parser("split", help="split a quantity off a lot into a new lot")
    split.add_argument("lot", metavar="PART/LOT")
    split.add_argument("qty")
    split.add_argument("--new-lot", help="code of the new lot (default <lot>-S<n>)")
    split.add_argument("--reason", default="split")
    add_signature_flags(split)
    split.set_defaults(handler=run_split)
    merge = lot_sub.add_parser("merge", help="merge lots of one part into a new lot")
    merge.add_argument("lots", metavar="PART/LOT", nargs="+")
    merge.add_argument("--into", help="code of the merged lot (default <first lot>-M<n>)")
    merge.add_argument("--reason", default="merge")
    add_signature_flags(merge)
    merge.set_defaults(handler=run_merge)


def add_signature_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lead", default=os.environ.get("TRACESTATION_LEAD"), help="the signing lead's badge"
    )
    p.add_argument(
        "--pin",
        default=os.environ.get("TRACESTATION_PIN"),
        help="the lead's PIN (default: $TRACESTATION_PIN, else asked for)",
    )
    p.add_argument(
        "--station",
        dest="lot_station",
        default=None,
        help="the station whose journal the action is signed into (default: the global "
        "--station, $TRACESTATION_STATION, the settings, else LEAD-DESK-<host>)",
    )
    add_json_flag(p)


def signature_from(args: argparse.Namespace) -> LeadSignature:
    if not args.lead:
        raise CliError("A lead signs this: give --lead BADGE (and --pin, or type it when asked).")
    pin = args.pin
    if pin is None:
        if not sys.stdin.isatty():
            raise CliError("No PIN given: use --pin or $TRACESTATION_PIN.")
        pin = getpass.getpass(f"PIN for {args.lead}: ")
    return LeadSignature(args.lead, pin)


def perform_signed(args: argparse.Namespace, request: SignedRequest) -> tuple[LeadOutcome, str]:
    """Run `request` through the core's lead service; a refusal or fault becomes a CliError."""
    from tracestation.wiring import lead_service_on

    station = lead_desk_id(args, args.lot_station)
    service = lead_service_on(engine_for(args), station, settings=station_settings(station))
    outcome = service.perform(request)
    if not outcome.ok:
        raise CliError(_not_done(outcome))
    return outcome, station


def _not_done(outcome: LeadOutcome) -> str:
    if outcome.result is LeadResult.REFUSED and outcome.refusal is not None:
        text = outcome.refusal.render(outcome.params)
        return text if text.endswith("Nothing was changed.") else f"{text} Nothing was changed."
    if outcome.result is LeadResult.MAYBE_SAVED:
        return (
            "The connection to the database broke while the action was being saved "
            f"({outcome.detail}): it may have been done. Look at what it changes (the lot's "
            "or the unit's `tracestation trace`) before running it again."
        )
    if outcome.result is LeadResult.NOT_SAVED:
        saved = f"The action could not be saved ({outcome.detail})."
        return f"{saved} Nothing was changed; run it again."
    return f"The action failed ({outcome.detail or outcome.result.value}). Nothing was changed."


def event_of(outcome: LeadOutcome, kind: type[E]) -> E:
    if not isinstance(outcome.event, kind):
        raise CliError(f"The station answered {outcome.result.value} without a {kind.__name__}.")
    return outcome.event


def report_signed(
    args: argparse.Namespace, outcome: LeadOutcome, station: str, **facts: Any
) -> int:
    document = {**facts, "event_id": outcome.event_id, "signed_by": outcome.signed_by}
    document["signed_by_name"] = outcome.params.get("name")
    document["station"] = station
    if args.json:
        emit_json(document)
    else:
        print(document["message"])
    return 0


def run_status(args: argparse.Namespace) -> int:
    request = ChangeLotStatus(signature_from(args), args.lot, args.action, args.reason)
    outcome, station = perform_signed(args, request)
    event = event_of(outcome, LotStatusChanged)
    name = outcome.params.get("name", outcome.signed_by)
    return report_signed(
        args,
        outcome,
        station,
        lot={"part": event.part, "lot": event.lot, "status": event.status},
        message=f"Lot {event.part}/{event.lot} is now {event.status} (signed by {name}).",
    )


def run_split(args: argparse.Namespace) -> int:
    request = SplitLot(signature_from(args), args.lot, args.qty, args.new_lot or "", args.reason)
    outcome, station = perform_signed(args, request)
    event = event_of(outcome, LotSplit)
    qty = format(event.qty, "f")
    return report_signed(
        args,
        outcome,
        station,
        lot={"part": event.part, "lot": event.lot},
        new_lot={"part": event.part, "lot": event.new_lot, "qty": qty},
        message=f"Split {qty} of {event.part}/{event.lot} "
        f"into new lot {event.part}/{event.new_lot}.",
    )


def run_merge(args: argparse.Namespace) -> int:
    request = MergeLots(signature_from(args), tuple(args.lots), args.into or "", args.reason)
    outcome, station = perform_signed(args, request)
    event = event_of(outcome, LotsMerged)
    qty = event.qty.normalize()
    return report_signed(
        args,
        outcome,
        station,
        sources=[{"part": event.part, "lot": code} for code in event.sources],
        new_lot={"part": event.part, "lot": event.new_lot, "qty": format(qty, "f")},
        message=f"Merged {len(event.sources)} lots into {event.part}/{event.new_lot} "
        f"({qty} on hand).",
    )
