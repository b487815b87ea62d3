"""`lot hold|release|quarantine|scrap|split|merge`: lead actions, signed with badge and PIN."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

from tracestation.cli.common import CliError, add_json_flag, emit_json, engine_for, station_id


def register(sub: Any) -> None:
    lot = sub.add_parser("lot", help="lead actions on lots (signed with badge and PIN)")
    lot_sub = lot.add_subparsers(dest="lot_command", required=True, metavar="ACTION")
    for action in ("hold", "release", "quarantine", "scrap"):
        p = lot_sub.add_parser(action, help=f"{action} a lot")
        p.add_argument("lot", metavar="PART/LOT")
        p.add_argument("--reason", required=True)
        _signature(p)
        p.set_defaults(handler=run_status, action=action)
    split = lot_sub.add_parser("split", help="split a quantity off a lot into a new lot")
    split.add_argument("lot", metavar="PART/LOT")
    split.add_argument("qty")
    split.add_argument("--new-lot", help="code of the new lot (default <lot>-S<n>)")
    split.add_argument("--reason", default="split")
    _signature(split)
    split.set_defaults(handler=run_split)
    merge = lot_sub.add_parser("merge", help="merge lots of one part into a new lot")
    merge.add_argument("lots", metavar="PART/LOT", nargs="+")
    merge.add_argument("--into", help="code of the merged lot (default <first lot>-M<n>)")
    merge.add_argument("--reason", default="merge")
    _signature(merge)
    merge.set_defaults(handler=run_merge)


def _signature(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lead", default=os.environ.get("TRACESTATION_LEAD"), help="the signing lead's badge"
    )
    p.add_argument(
        "--pin",
        default=os.environ.get("TRACESTATION_PIN"),
        help="the lead's PIN (default: $TRACESTATION_PIN, else asked for)",
    )
    add_json_flag(p)


def _label(text: str) -> tuple[str, str]:
    part, slash, code = text.rpartition("/")
    if not slash or not part or not code:
        raise CliError(f"'{text}' is not PART/LOT (for example SCREW-M3/L-2291).")
    return part, code


def _desk_and_lead(args: argparse.Namespace) -> tuple[Any, Any]:
    from tracestation.station.clock import SystemClock
    from tracestation.station.lead import LeadDesk, LeadSignatureRefused
    from tracestation.store.pins import Argon2Pins
    from tracestation.store.plant import DatabasePlant
    from tracestation.store.unit_of_work import DatabaseTransactions

    if not args.lead:
        raise CliError("A lead signs this: give --lead BADGE (and --pin, or type it when asked).")
    pin = args.pin
    if pin is None:
        if not sys.stdin.isatty():
            raise CliError("No PIN given: use --pin or $TRACESTATION_PIN.")
        pin = getpass.getpass(f"PIN for {args.lead}: ")
    engine = engine_for(args)
    plant = DatabasePlant(engine)
    transactions = DatabaseTransactions(engine, plant, station_id(args), SystemClock())
    desk = LeadDesk(plant, transactions, Argon2Pins())
    try:
        return desk, desk.sign_in(args.lead, pin)
    except LeadSignatureRefused as error:
        raise CliError(str(error)) from None


def _run(args: argparse.Namespace, action: Any) -> int:
    from tracestation.domain.lots import LotActionRefused
    from tracestation.station.ports import RecordNotSaved

    desk, lead = _desk_and_lead(args)
    try:
        result: dict[str, Any] = action(desk, lead)
    except LotActionRefused as error:
        raise CliError(f"{error} Nothing was changed.") from None
    except RecordNotSaved as error:
        raise CliError(
            f"The action could not be saved ({error}). Nothing was changed; run it again."
        ) from None
    result["signed_by"] = lead.badge
    if args.json:
        emit_json(result)
    else:
        print(result["message"])
    return 0


def run_status(args: argparse.Namespace) -> int:
    part, code = _label(args.lot)

    def act(desk: Any, lead: Any) -> dict[str, Any]:
        event_id = desk.change_status(lead, part, code, args.action, args.reason)
        lot = desk.lot(part, code)
        return {
            "lot": {"part": part, "lot": code, "status": lot.status.value},
            "event_id": event_id,
            "message": f"Lot {part}/{code} is now {lot.status.value} (signed by {lead.name}).",
        }

    return _run(args, act)


def run_split(args: argparse.Namespace) -> int:
    part, code = _label(args.lot)
    try:
        qty = Decimal(args.qty)
    except InvalidOperation:
        qty = Decimal("NaN")
    if not qty.is_finite() or qty <= 0:
        raise CliError(f"'{args.qty}' is not a quantity: give a positive number such as 250.")

    def act(desk: Any, lead: Any) -> dict[str, Any]:
        event_id, new_code = desk.split(lead, part, code, qty, args.new_lot, args.reason)
        return {
            "lot": {"part": part, "lot": code},
            "new_lot": {"part": part, "lot": new_code, "qty": str(qty)},
            "event_id": event_id,
            "message": f"Split {qty} of {part}/{code} into new lot {part}/{new_code}.",
        }

    return _run(args, act)


def run_merge(args: argparse.Namespace) -> int:
    labels = [_label(text) for text in args.lots]

    def act(desk: Any, lead: Any) -> dict[str, Any]:
        event_id, new_code = desk.merge(lead, labels, args.into, args.reason)
        merged = desk.lot(labels[0][0], new_code)
        return {
            "sources": [{"part": p, "lot": c} for p, c in labels],
            "new_lot": {
                "part": merged.part,
                "lot": merged.code,
                "qty": format(merged.quantity.normalize(), "f"),
            },
            "event_id": event_id,
            "message": f"Merged {len(labels)} lots into {merged.part}/{merged.code} "
            f"({merged.quantity.normalize()} on hand).",
        }

    return _run(args, act)
