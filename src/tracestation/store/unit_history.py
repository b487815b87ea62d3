"""The per-unit history: one row for each event a unit took part in, indexed by serial.

Kept by the code that applies events, in the event's transaction: the journal (`record`), the
centre's ingest and a station's pull call `note_history` with what they applied, and migration
0012 fills it from the journals a database already holds. Without it a unit's history is a scan
of the whole journal.

A row says what happened to the unit (`kind`: the event's kind; `role`: the unit is the event's
`unit`, the `parent` a child went into or came out of, or the `child` that went in or came out),
where (`station`, `operation`), who (`operator`, `signed_by`), when, and the summary of the
event's facts: the other party (`other_kind` unit, lot, container or deviation subject,
`other_part`, `other`), a quantity, an `outcome` (passed, failed, finished, rework, a
disposition, the waived rule) and a `note` (the test, the reason, the defect, what was signed).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, insert

from tracestation.domain import events as ev
from tracestation.store.bulk import copies, insert_rows
from tracestation.store.projections import Written
from tracestation.store.tables import UnitHistoryRow, table_of

HISTORY = table_of(UnitHistoryRow)
# The columns a history row fills (all but its id), in the table's order.
HISTORY_COLUMNS = tuple(column.key for column in HISTORY.c if column.key != "id")
_INSERT = insert(HISTORY)
_NOTE = 200
# From this many rows on, COPY (PostgreSQL) beats one INSERT of them all despite its extra round
# trip: a centre's ingest batch writes thousands; a scan writes one or two.
_COPY_FROM = 50


@dataclass(frozen=True)
class Applied:
    """An event as it was applied: its journal `seq` in its station's chain and what
    `Written` says of it."""

    event: ev.DomainEvent
    written: Written
    seq: int


def note_history(c: Connection, applied: Sequence[Applied]) -> None:
    """Insert the history rows of `applied` (events of one transaction, in chain order), in one
    statement (a COPY for many rows on PostgreSQL). Events of one record (same station and
    time) share their deviation: a lead's waiver belongs to the units the waived scan touched."""
    rows = history_rows(applied)
    if len(rows) >= _COPY_FROM and copies(c):
        insert_rows(c, HISTORY, rows)
    elif rows:
        c.execute(_INSERT, rows)


def history_rows(applied: Iterable[Applied]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for _, group in groupby(applied, key=lambda a: (a.written.station, a.written.time)):
        together = list(group)
        touched: list[tuple[str, str]] = []
        for item in together:
            for row in _rows_of(item.event):
                if not (isinstance(row["part"], str) and isinstance(row["serial"], str)):
                    continue  # an event missing its unit (a damaged payload) names none
                rows.append(_row(item, row))
                if (row["part"], row["serial"]) not in touched and row["role"] != "child":
                    touched.append((row["part"], row["serial"]))
        for item in together:
            if isinstance(item.event, ev.DeviationRecorded):
                rows += [_row(item, r) for r in _deviation_rows(item.event, touched)]
    return rows


def _row(item: Applied, facts: dict[str, Any]) -> dict[str, Any]:
    """A history row, its keys in the table's column order (`HISTORY_COLUMNS`), so that its
    values are a row for COPY as they are."""
    w = item.written
    row = {
        "part": None,
        "serial": None,
        "role": None,
        "event_id": w.event_id,
        "station": w.station,
        "seq": item.seq,
        "kind": item.event.kind,
        "operation": None,
        "work_order": None,
        "operator": w.operator,
        "signed_by": w.signed_by,
        "time": w.time,
        "other_kind": None,
        "other_part": None,
        "other": None,
        "qty": None,
        "outcome": None,
        "note": None,
    }
    row.update(facts)
    if row["note"] is not None:
        row["note"] = str(row["note"])[:_NOTE]
    return row


def _unit(part: str, serial: str, role: str = "unit", **facts: Any) -> dict[str, Any]:
    return {"part": part, "serial": serial, "role": role, **facts}


def _rows_of(event: ev.DomainEvent) -> list[dict[str, Any]]:
    if isinstance(event, ev.UnitRegistered):
        return [
            _unit(
                event.part,
                event.serial,
                operation=event.operation,
                work_order=event.work_order,
            )
        ]
    if isinstance(event, ev.OperationCompleted):
        outcome = "finished" if event.finishes else "rework" if event.rework else None
        return [
            _unit(
                event.part,
                event.serial,
                operation=event.operation,
                work_order=event.work_order,
                outcome=outcome,
            )
        ]
    if isinstance(event, ev.TestRecorded):
        return [
            _unit(
                event.part,
                event.serial,
                operation=event.operation,
                work_order=event.work_order,
                outcome="passed" if event.passed else "failed",
                note=event.test,
            )
        ]
    if isinstance(event, ev.ChildUnitInstalled):
        common = {"operation": event.operation, "work_order": event.work_order, "qty": Decimal(1)}
        return _unit_link_rows(
            (event.parent_part, event.parent_serial), (event.child_part, event.child_serial), common
        )
    if isinstance(event, ev.LotInstalled):
        return [
            _unit(
                event.parent_part,
                event.parent_serial,
                "parent",
                operation=event.operation,
                work_order=event.work_order,
                other_kind="lot",
                other_part=event.part,
                other=event.lot,
                qty=event.qty,
            )
        ]
    if isinstance(event, ev.ChildRemoved):
        return _removed_rows(event)
    if isinstance(event, ev.UnitPacked):
        return [
            _unit(
                event.part,
                event.serial,
                operation=event.operation,
                work_order=event.work_order,
                other_kind="container",
                other=event.sscc,
            )
        ]
    if isinstance(event, ev.NonconformanceOpened) and event.subject_kind == "unit":
        return [
            _unit(
                event.part,
                event.subject,
                other_kind="nonconformance",
                other=event.number,
                outcome=event.disposition,
                note=f"{event.defect_code}: {event.description}",
            )
        ]
    if isinstance(event, ev.ConflictRaised) and event.subject_kind == "unit":
        return [
            _unit(
                event.part,
                event.subject,
                other_kind="conflict",
                other=event.conflict,
                outcome=event.conflict_kind,
                note=event.detail,
            )
        ]
    if isinstance(event, ev.LabelReprinted) and event.label_kind == "unit":
        part, _, serial = event.subject.partition("/")
        return [_unit(part, serial)] if serial else []
    return _any_unit_event(event.payload())


def _any_unit_event(fields: dict[str, Any]) -> list[dict[str, Any]]:
    """Any other event about one unit (`part` and `serial`, as a tester's result or a defect
    given to a unit carry them): its operation, work order, verdict and what it names."""
    part, serial = fields.get("part"), fields.get("serial")
    if not (isinstance(part, str) and isinstance(serial, str)):
        return []
    note = fields.get("test") or fields.get("defect_code") or fields.get("note")
    return [
        _unit(
            part,
            serial,
            operation=_text_or_none(fields.get("operation"), 16),
            work_order=_text_or_none(fields.get("work_order"), 64),
            outcome=_outcome(fields),
            note=_text_or_none(note, _NOTE),
        )
    ]


def _outcome(fields: dict[str, Any]) -> str | None:
    """A verdict (passed, failed), or where a defect code was given (test, removal)."""
    passed = fields.get("passed")
    if isinstance(passed, bool):
        return "passed" if passed else "failed"
    if fields.get("defect_code") is not None:
        return _text_or_none(fields.get("source"), 32)
    return None


def _text_or_none(value: Any, length: int) -> str | None:
    return str(value)[:length] if value is not None else None


def _removed_rows(event: ev.ChildRemoved) -> list[dict[str, Any]]:
    common = {"operation": event.operation, "qty": event.qty}
    if event.child_serial is None:
        return [
            _unit(
                event.parent_part,
                event.parent_serial,
                "parent",
                other_kind="lot",
                other_part=event.child_part,
                other=event.lot,
                **common,
            )
        ]
    return _unit_link_rows(
        (event.parent_part, event.parent_serial), (event.child_part, event.child_serial), common
    )


def _unit_link_rows(
    parent: tuple[str, str], child: tuple[str, str], common: dict[str, Any]
) -> list[dict[str, Any]]:
    """A unit put into (or taken out of) another: a row in each one's history, naming the other."""
    return [
        _unit(*parent, "parent", other_kind="unit", other_part=child[0], other=child[1], **common),
        _unit(*child, "child", other_kind="unit", other_part=parent[0], other=parent[1], **common),
    ]


def _deviation_rows(
    event: ev.DeviationRecorded, touched: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """The waiver on each unit its scan touched; a waiver with no unit beside it (a conflict a
    lead accepted) on the unit its subject names, if it names one (PART/SERIAL)."""
    units = list(touched)
    if not units:
        part, _, serial = event.subject.partition("/")
        units = [(part, serial)] if serial else []
    return [
        _unit(
            part,
            serial,
            other_kind="deviation",
            other=event.subject[:64],
            work_order=event.work_order,
            outcome=event.rule[:32],
            note=event.reason,
        )
        for part, serial in units
    ]
