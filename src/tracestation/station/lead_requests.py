"""What a line lead asks for (from the window's lead panel or the `lot` commands), and the answer.

Plain values: the front end builds a request from what the lead typed or scanned, `LeadService`
carries it out, and the front end renders the `LeadOutcome` in its own words. An outcome says what
happened in typed fields; its `detail` is for people and never matched on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tracestation.domain.events import DomainEvent
from tracestation.domain.lots import LotActionRefused
from tracestation.messages.refusals import Refusal

LOT_STATUS_ACTIONS = ("hold", "release", "quarantine", "scrap")


@dataclass(frozen=True)
class LeadSignature:
    badge: str
    pin: str = field(repr=False)


@dataclass(frozen=True)
class ChangeLotStatus:
    signature: LeadSignature
    lot: str  # PART/LOT, or a scanned LOT:PART/LOT
    action: str  # one of LOT_STATUS_ACTIONS
    reason: str


@dataclass(frozen=True)
class SplitLot:
    signature: LeadSignature
    lot: str
    qty: str  # as typed; refused with `not_a_quantity` when it is not a number
    new_code: str  # "" lets the station choose <lot>-S<n>
    reason: str


@dataclass(frozen=True)
class MergeLots:
    signature: LeadSignature
    lots: tuple[str, ...]
    new_code: str  # "" lets the station choose <first lot>-M<n>
    reason: str


@dataclass(frozen=True)
class OpenNonconformance:
    signature: LeadSignature
    subject_kind: str  # "unit" | "lot"
    subject: str  # PART/SERIAL or PART/LOT
    defect_code: str
    description: str
    disposition: str
    number: str  # "" lets the station choose NC-<date>-<n>
    hold: bool = False  # a lot's NC puts the lot on hold in the same step


@dataclass(frozen=True)
class CloseNonconformance:
    """A lead closes a nonconformance once its disposition is carried out, signed."""

    signature: LeadSignature
    number: str
    note: str


@dataclass(frozen=True)
class ReprintLabel:
    """Signed: a reprint is recorded (`LabelReprinted`) and kept as a print job until printed."""

    signature: LeadSignature
    kind: str  # "unit" | "container"
    subject: str  # PART/SERIAL, a bare serial, or an SSCC
    reason: str = ""  # the reason code scanned on the lead's desk, recorded with the signature


@dataclass(frozen=True)
class ResolveConflict:
    signature: LeadSignature
    conflict: str  # its id, as `tracestation conflicts` lists it
    resolution: str  # one of tracestation.domain.conflicts.RESOLUTIONS
    reason: str
    keep: str = ""  # PART/SERIAL of the parent a child installed twice really is in


@dataclass(frozen=True)
class UnlockPin:
    """Another lead ends the lock on a lead's PIN (and clears its wrong tries)."""

    signature: LeadSignature
    badge: str  # the badge whose PIN is locked
    reason: str = ""


SignedRequest = (
    ChangeLotStatus
    | SplitLot
    | MergeLots
    | OpenNonconformance
    | CloseNonconformance
    | ResolveConflict
    | UnlockPin
    | ReprintLabel
)
LeadRequest = SignedRequest


class LeadResult(StrEnum):
    LOT_STATUS_CHANGED = "lot_status_changed"
    LOT_SPLIT = "lot_split"
    LOTS_MERGED = "lots_merged"
    NONCONFORMANCE_OPENED = "nonconformance_opened"
    NONCONFORMANCE_CLOSED = "nonconformance_closed"
    CONFLICT_RESOLVED = "conflict_resolved"
    PIN_UNLOCKED = "pin_unlocked"
    LABEL_REPRINTED = "label_reprinted"
    SETTINGS_OPENED = "settings_opened"  # a lead's badge and PIN open the station's settings
    REFUSED = "refused"  # `refusal` is the code of tracestation.domain.refusals that applied
    LABEL_SUBJECT_UNKNOWN = "label_subject_unknown"
    LABEL_SUBJECT_AMBIGUOUS = "label_subject_ambiguous"
    NOT_SAVED = "not_saved"  # the database did not commit: nothing written, worth running again
    # The connection broke after the commit was asked for: it may be recorded; look first.
    MAYBE_SAVED = "maybe_saved"
    FAILED = "failed"  # an unexpected fault of the station: nothing written


DONE = frozenset(
    {
        LeadResult.LOT_STATUS_CHANGED,
        LeadResult.LOT_SPLIT,
        LeadResult.LOTS_MERGED,
        LeadResult.NONCONFORMANCE_OPENED,
        LeadResult.NONCONFORMANCE_CLOSED,
        LeadResult.CONFLICT_RESOLVED,
        LeadResult.PIN_UNLOCKED,
        LeadResult.LABEL_REPRINTED,
        LeadResult.SETTINGS_OPENED,
    }
)


@dataclass(frozen=True)
class LeadOutcome:
    """What came of a request.

    `params` are the facts a message about it needs (`lot`, `new_lot`, `name`, ...); `event` is the
    signed event as recorded, `event_id` its id in the journal and `signed_by` the lead's badge.
    """

    result: LeadResult
    params: Mapping[str, str] = field(default_factory=dict)
    refusal: Refusal | None = None
    event: DomainEvent | None = None
    event_id: str | None = None
    signed_by: str | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.result in DONE


def split_label(text: str) -> tuple[str, str]:
    """(part, code) of `PART/CODE`, as typed or as scanned (`LOT:`/`SN:` prefixes)."""
    part, slash, code = text.strip().removeprefix("LOT:").removeprefix("SN:").rpartition("/")
    if not slash or not part.strip() or not code.strip():
        raise LotActionRefused(Refusal.NOT_A_LABEL, text=text)
    return part.strip(), code.strip()
