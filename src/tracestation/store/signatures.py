"""Who signed what: lead signatures read from the journal, with the printed name, the time and
the meaning (21 CFR 11.50).

The journal keeps each signed event's `signed_by` badge, its time and, in the payload, the
signature's meaning (`signature_meaning`) and the signer's name when signing (`signature_name`;
events from before it was recorded fall back to the badge's current name in master data).
`signatures_for` is the one reader: the trace, the window's deviation list, and the unit
history and reports build on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from tracestation.station.queries import RecordedSignature
from tracestation.store.plant import as_utc
from tracestation.store.tables import EventRow, OperatorRow, table_of

EVENTS = table_of(EventRow)
OPERATORS = table_of(OperatorRow)
_BATCH = 500


def signatures_for(c: Connection, event_ids: Iterable[str]) -> dict[str, RecordedSignature]:
    """The signature of each signed event among `event_ids`, by event id (unsigned events and
    ids not in the journal are left out). A few queries whatever the number of events."""
    ids = sorted({i for i in event_ids if i})
    rows: list[Any] = []
    for start in range(0, len(ids), _BATCH):
        rows += c.execute(
            select(
                EVENTS.c.id, EVENTS.c.time, EVENTS.c.signed_by, EVENTS.c.payload, EVENTS.c.reason
            )
            .where(EVENTS.c.id.in_(ids[start : start + _BATCH]))
            .where(EVENTS.c.signed_by.is_not(None))
        ).all()
    unnamed = {r.signed_by for r in rows if not _payload(r).get("signature_name")}
    names = _current_names(c, unnamed)
    return {r.id: signature_of(r, names) for r in rows}


def signature_of(row: Any, names: dict[str, str] | None = None) -> RecordedSignature:
    """The signature on one signed event row (`id`, `time`, `signed_by`, `payload`, `reason`)."""
    payload = _payload(row)
    badge = str(row.signed_by)
    name = payload.get("signature_name") or (names or {}).get(badge) or badge
    return RecordedSignature(
        badge,
        str(name),
        str(payload.get("signature_meaning") or ""),
        _time(row.time),
        row.reason,
    )


def _payload(row: Any) -> dict[str, Any]:
    payload = row.payload
    return payload if isinstance(payload, dict) else {}


def _time(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    aware = as_utc(moment)
    assert aware is not None
    return aware


def _current_names(c: Connection, badges: set[str]) -> dict[str, str]:
    if not badges:
        return {}
    found = c.execute(
        select(OPERATORS.c.badge, OPERATORS.c.name).where(OPERATORS.c.badge.in_(sorted(badges)))
    )
    return {badge: name for badge, name in found}
