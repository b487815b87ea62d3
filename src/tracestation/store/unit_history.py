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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import groupby
from typing import Any, NamedTuple

from sqlalchemy import Connection, insert

from tracestation.domain import events as ev
from tracestation.store.bulk import copies, copy_line, insert_rows
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


class Applied(NamedTuple):
    """An event as it was applied: its journal `seq` in its station's chain and what
    `Written` says of it."""

    event: ev.DomainEvent
    written: Written
    seq: int


class Facts(NamedTuple):
    """What one history row says of its unit and of the event: the columns the event fills
    (the others say where, when and by whom it was written)."""

    part: Any  # text, unless a damaged payload says otherwise (such a row is left out)
    serial: Any
    role: str = "unit"
    operation: str | None = None
    work_order: str | None = None
    other_kind: str | None = None
    other_part: str | None = None
    other: str | None = None
    qty: Decimal | None = None
    outcome: str | None = None
    note: Any = None


# The columns of a line of `history_lines`: what the event says, then where, when and by whom.
LINE_COLUMNS = (
    *Facts._fields,
    *("event_id", "station", "seq", "kind"),
    *("operator", "signed_by", "time"),
)
assert sorted(LINE_COLUMNS) == sorted(HISTORY_COLUMNS), "a history line names every column"


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
    """The history rows of `applied`, each a dict of `HISTORY_COLUMNS` in the table's order."""
    return [_row(item, facts) for item, facts in _history(applied)]


def history_lines(
    applied: Iterable[Applied], written: Mapping[str, tuple[str, str]]
) -> list[tuple[str, str]]:
    """The rows of `history_rows` as lines of COPY's text format, their columns in the order
    of `LINE_COLUMNS`, each with its event's id. `written` holds, by event id, the fields a row
    takes from its event already in COPY's text format: `event_id`, `station`, `seq` and
    `kind`, and `operator`, `signed_by` and `time` (the time as the station stored it). Made
    without a dict a row: the centre's ingest makes one or two for every event it takes."""
    lines: list[tuple[str, str]] = []
    for item, facts in _history(applied):
        event_id = item.written.event_id
        event_fields, written_fields = written[event_id]
        lines.append((event_id, f"{copy_line(facts)}\t{event_fields}\t{written_fields}"))
    return lines


def _history(applied: Iterable[Applied]) -> Iterator[tuple[Applied, Facts]]:
    """Each history row of `applied`: the event it comes from and what it says."""
    for _, group in groupby(applied, key=lambda a: (a.written.station, a.written.time)):
        together = list(group)
        touched: list[tuple[str, str]] = []
        for item in together:
            for facts in _rows_of(item.event):
                if not (isinstance(facts.part, str) and isinstance(facts.serial, str)):
                    continue  # an event missing its unit (a damaged payload) names none
                yield item, _noted(facts)
                if (facts.part, facts.serial) not in touched and facts.role != "child":
                    touched.append((facts.part, facts.serial))
        for item in together:
            if isinstance(item.event, ev.DeviationRecorded):
                for facts in _deviation_rows(item.event, touched):
                    yield item, _noted(facts)


def _noted(facts: Facts) -> Facts:
    """`facts` with its note as the text the column holds (cut to its length)."""
    if facts.note is None:
        return facts
    return facts._replace(note=str(facts.note)[:_NOTE])


def _row(item: Applied, facts: Facts) -> dict[str, Any]:
    """A history row, its keys in the table's column order (`HISTORY_COLUMNS`), so that its
    values are a row for COPY as they are."""
    w = item.written
    return {
        "part": facts.part,
        "serial": facts.serial,
        "role": facts.role,
        "event_id": w.event_id,
        "station": w.station,
        "seq": item.seq,
        "kind": item.event.kind,
        "operation": facts.operation,
        "work_order": facts.work_order,
        "operator": w.operator,
        "signed_by": w.signed_by,
        "time": w.time,
        "other_kind": facts.other_kind,
        "other_part": facts.other_part,
        "other": facts.other,
        "qty": facts.qty,
        "outcome": facts.outcome,
        "note": facts.note,
    }


def _rows_of(event: ev.DomainEvent) -> list[Facts]:
    if isinstance(event, ev.UnitRegistered):
        return [
            Facts(
                event.part,
                event.serial,
                operation=event.operation,
                work_order=event.work_order,
            )
        ]
    if isinstance(event, ev.OperationCompleted):
        outcome = "finished" if event.finishes else "rework" if event.rework else None
        return [
            Facts(
                event.part,
                event.serial,
                operation=event.operation,
                work_order=event.work_order,
                outcome=outcome,
            )
        ]
    if isinstance(event, ev.TestRecorded):
        return [
            Facts(
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
            Facts(
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
            Facts(
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
            Facts(
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
            Facts(
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
        return [Facts(part, serial)] if serial else []
    return _any_unit_event(event.payload())


def _any_unit_event(fields: dict[str, Any]) -> list[Facts]:
    """Any other event about one unit (`part` and `serial`, as a tester's result or a defect
    given to a unit carry them): its operation, work order, verdict and what it names."""
    part, serial = fields.get("part"), fields.get("serial")
    if not (isinstance(part, str) and isinstance(serial, str)):
        return []
    note = fields.get("test") or fields.get("defect_code") or fields.get("note")
    return [
        Facts(
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


def _removed_rows(event: ev.ChildRemoved) -> list[Facts]:
    common: dict[str, Any] = {"operation": event.operation, "qty": event.qty}
    if event.child_serial is None:
        return [
            Facts(
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
) -> list[Facts]:
    """A unit put into (or taken out of) another: a row in each one's history, naming the other."""
    return [
        Facts(*parent, "parent", other_kind="unit", other_part=child[0], other=child[1], **common),
        Facts(*child, "child", other_kind="unit", other_part=parent[0], other=parent[1], **common),
    ]


def _deviation_rows(event: ev.DeviationRecorded, touched: list[tuple[str, str]]) -> list[Facts]:
    """The waiver on each unit its scan touched; a waiver with no unit beside it (a conflict a
    lead accepted) on the unit its subject names, if it names one (PART/SERIAL)."""
    units = list(touched)
    if not units:
        part, _, serial = event.subject.partition("/")
        units = [(part, serial)] if serial else []
    return [
        Facts(
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
