"""`lead unlock BADGE`: another lead ends the lock on a lead's PIN, signed with badge and PIN.

The request goes through the core's `LeadService`, as the window's lead panel sends it; the
unlock is a signed event (`pin_unlocked`) in the journal of the station the user chose, else of
`LEAD-DESK-<host>`.
"""

from __future__ import annotations

import argparse
from typing import Any

from tracestation.cli.lot_commands import (
    add_signature_flags,
    event_of,
    perform_signed,
    report_signed,
    signature_from,
)
from tracestation.domain.events import PinUnlocked
from tracestation.station.lead_requests import UnlockPin


def register(sub: Any) -> None:
    lead = sub.add_parser("lead", help="lead actions on leads' PINs (signed by another lead)")
    lead_sub = lead.add_subparsers(dest="lead_command", required=True, metavar="ACTION")
    unlock = lead_sub.add_parser(
        "unlock", help="end the lock on a lead's PIN after too many wrong tries"
    )
    unlock.add_argument("badge", metavar="BADGE", help="the badge whose PIN is locked")
    unlock.add_argument("--reason", default="", help="why (kept with the signature)")
    add_signature_flags(unlock)
    unlock.set_defaults(handler=run_unlock)


def run_unlock(args: argparse.Namespace) -> int:
    request = UnlockPin(signature_from(args), args.badge, args.reason)
    outcome, station = perform_signed(args, request)
    event = event_of(outcome, PinUnlocked)
    signer = outcome.params.get("name", outcome.signed_by)
    return report_signed(
        args,
        outcome,
        station,
        badge=event.badge,
        name=event.name,
        unlocked_by={"badge": outcome.signed_by, "name": signer},
        message=f"The PIN of {event.name} ({event.badge}) is unlocked (signed by {signer}).",
    )
