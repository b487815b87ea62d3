"""A unit's history: every event it took part in, read from the indexed `unit_history`
projection (`store.unit_history`), with who signed and the printed names.

The document is that of `tracestation trace history SERIAL --json` (README: "A unit's
history"). Oldest first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from tracestation.domain.rules import qty_text
from tracestation.store.plant import as_utc
from tracestation.store.signatures import signatures_for
from tracestation.store.tables import OperatorRow, UnitHistoryRow, table_of
from tracestation.trace.genealogy import unit_named

HISTORY = table_of(UnitHistoryRow)
OPERATORS = table_of(OperatorRow)

# A unit's rows in the order of `ix_unit_history_serial`, with the operator's printed name.
_EVENTS_OF_UNIT = (
    select(
        HISTORY.c.time,
        HISTORY.c.kind,
        HISTORY.c.role,
        HISTORY.c.station,
        HISTORY.c.seq,
        HISTORY.c.event_id,
        HISTORY.c.operation,
        HISTORY.c.work_order,
        HISTORY.c.operator,
        OPERATORS.c.name,
        HISTORY.c.other_kind,
        HISTORY.c.other_part,
        HISTORY.c.other,
        HISTORY.c.qty,
        HISTORY.c.outcome,
        HISTORY.c.note,
        HISTORY.c.signed_by,
    )
    .outerjoin(OPERATORS, OPERATORS.c.badge == HISTORY.c.operator)
    .where(HISTORY.c.serial == bindparam("serial"), HISTORY.c.part == bindparam("part"))
    .order_by(HISTORY.c.time, HISTORY.c.station, HISTORY.c.seq)
)


def unit_history(s: Session, serial: str, part: str | None = None) -> dict[str, Any]:
    """The history document of the unit `serial` (of `part`); `TraceError` when there is no
    such unit, or the serial names units of several parts and no part is given. Two
    statements, three when a lead signed one of its events."""
    unit = unit_named(s, serial, part)
    rows = s.execute(_EVENTS_OF_UNIT, {"serial": unit.serial, "part": unit.part}).all()
    signed = [r.event_id for r in rows if r.signed_by]
    signatures = signatures_for(s.connection(), signed) if signed else {}
    return {
        "part": unit.part,
        "serial": unit.serial,
        "work_order": unit.work_order,
        "status": unit.status,
        "events": [_entry(r, signatures) for r in rows],
    }


def _entry(r: Any, signed: dict[str, Any]) -> dict[str, Any]:
    signature = signed.get(r.event_id)
    return {
        "time": (as_utc(r.time) or r.time).isoformat(),
        "kind": r.kind,
        "role": r.role,
        "station": r.station,
        "seq": r.seq,
        "event_id": r.event_id,
        "operation": r.operation,
        "work_order": r.work_order,
        "operator": r.operator,
        "operator_name": r.name if r.operator else None,
        "other": (
            {"kind": r.other_kind, "part": r.other_part, "id": r.other} if r.other_kind else None
        ),
        "qty": qty_text(r.qty) if r.qty is not None else None,
        "outcome": r.outcome,
        "note": r.note,
        "signature": signature.to_json() if signature else None,
    }


def describe(entry: dict[str, Any]) -> str:
    """What happened, in one English line for the CLI and the reports (the window says it in
    the user's language)."""
    other = entry["other"] or {}
    thing = f"{other.get('part') or ''} {other.get('id') or ''}".strip()
    if other.get("kind") == "lot":
        thing = f"lot {other.get('part')}/{other.get('id')}"
    qty = f" x{entry['qty']}" if entry["qty"] and other.get("kind") == "lot" else ""
    kind, role, outcome = entry["kind"], entry["role"], entry["outcome"]
    text = {
        "unit_registered": f"registered on {entry['work_order']}",
        "operation_completed": "operation completed"
        + {"finished": " (routing finished)", "rework": " (rework)"}.get(outcome or "", ""),
        "test_recorded": f"test {entry['note']}: {str(outcome).upper()}",
        "unit_packed": f"packed into carton {thing}",
        "label_reprinted": "label reprinted",
    }.get(kind)
    if text is not None:
        return text
    if kind in ("child_unit_installed", "lot_installed"):
        return f"installed {thing}{qty}" if role == "parent" else f"installed into {thing}"
    if kind == "child_removed":
        return f"removed {thing}{qty}" if role == "parent" else f"removed from {thing}"
    if kind == "deviation_recorded":
        return f"deviation: {outcome} waived for {other.get('id')} (reason {entry['note']})"
    if kind == "nonconformance_opened":
        return f"nonconformance {other.get('id')}: {entry['note']} (disposition {outcome})"
    if kind == "conflict_raised":
        return f"conflict {outcome}: {entry['note']}"
    if kind == "defect_recorded":
        on = {"test": " on the failed test", "removal": " on the part taken out"}
        return f"defect {entry['note']}" + on.get(outcome or "", "")
    words = str(kind).replace("_", " ")
    if outcome in ("passed", "failed"):
        words += f" {entry['note'] or ''}: {str(outcome).upper()}"
    elif entry["note"]:
        words += f": {entry['note']}"
    return words
