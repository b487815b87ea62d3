"""What a device history record holds, read from the record: the unit and its work order, its
operations, the as-built tree to the last level, test results with their measurements, the
rework, nonconformances, deviations and every signature, and the journal's audit status.

Plain facts (text and numbers), laid out by `reports.device_history_pdf`. Reads in the caller's
session; any thread.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from tracestation.domain.rules import qty_text
from tracestation.reports.defects_of import removal_defects, test_defects
from tracestation.station.queries import RecordedSignature
from tracestation.store.plant import as_utc
from tracestation.store.signatures import signatures_for
from tracestation.store.tables import (
    DeviationRow,
    MeasurementRow,
    NonconformanceRow,
    OperationRow,
    PartRow,
    TestRecordRow,
    UnitRow,
    WorkOrderRow,
)
from tracestation.trace.genealogy import backward, find_unit
from tracestation.trace.history import describe, unit_history

_UNIT_STEPS = ("unit_registered", "operation_completed", "test_recorded", "unit_packed")


@dataclass(frozen=True)
class AuditStatus:
    """The hash chains of the journal that holds the record: `intact` when every chain checked
    recomputes to its head; `breaks` says where one does not."""

    checked_events: int
    stations: int
    breaks: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return not self.breaks


@dataclass
class DeviceHistory:
    unit: dict[str, Any]
    work_order: dict[str, Any]
    operations: list[dict[str, Any]]
    tree: dict[str, Any]
    tests: list[dict[str, Any]]
    rework: list[dict[str, Any]]
    nonconformances: list[dict[str, Any]]
    deviations: list[dict[str, Any]]
    signatures: list[RecordedSignature]
    audit: AuditStatus
    history: list[dict[str, Any]] = field(default_factory=list)


def device_history(engine: Engine, serial: str, part: str | None = None) -> DeviceHistory:
    """The record of the unit `serial`; `TraceError` when there is none (or the serial is of
    several parts and no part is given)."""
    with Session(engine) as s:
        unit = find_unit(s, serial, part)
        tree = backward(s, unit.serial, unit.part)
        history = unit_history(s, unit.serial, unit.part)["events"]
        units = [(unit.part, unit.serial), *_sub_assemblies(tree["children"])]
        lots = sorted({(n["part"], n["lot"]) for n in _nodes(tree["children"]) if "lot" in n})
        record = DeviceHistory(
            unit=_unit_facts(s, unit),
            work_order=_work_order(s, unit.work_order),
            operations=_operations(s, units, history),
            tree=tree,
            tests=_tests(s, units),
            rework=_rework(s, tree, history, units),
            nonconformances=_nonconformances(s, units, lots),
            deviations=_deviations(s, units, lots),
            signatures=[],
            audit=AuditStatus(0, 0, ()),
            history=history,
        )
        record.signatures = _signatures(s, record)
    # The chains this record came from: every station that recorded one of its events.
    stations = {e["station"] for e in history} | {o["station"] for o in record.operations}
    stations |= {d["station"] for d in record.deviations}
    record.audit = audit_status(engine, stations)
    return record


def audit_status(engine: Engine, stations: Collection[str] | None = None) -> AuditStatus:
    """The hash chains of `stations` (every station's when None) recomputed."""
    from tracestation.store.audit import verify_journal

    counts, breaks = verify_journal(engine, stations)
    return AuditStatus(
        sum(counts.values()),
        len(counts),
        tuple(f"{b.station} event {b.seq}: {b.problem}" for b in breaks),
    )


def _nodes(children: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for child in children:
        yield child
        yield from _nodes(child["children"])


def _sub_assemblies(children: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for node in _nodes(children):
        key = (node["part"], node["serial"]) if "serial" in node else None
        if key and key not in found:
            found.append(key)
    return found


def _when(moment: datetime | None) -> str:
    aware = as_utc(moment)
    return aware.strftime("%Y-%m-%d %H:%M:%S") if aware else ""


def when_text(iso: str | None) -> str:
    """An ISO 8601 time of the JSON documents as the report prints it."""
    return _when(datetime.fromisoformat(iso)) if iso else ""


def _unit_facts(s: Session, unit: UnitRow) -> dict[str, Any]:
    described = s.get(PartRow, unit.part)
    return {
        "part": unit.part,
        "description": described.description if described else "",
        "serial": unit.serial,
        "status": unit.status,
        "registered_at": _when(unit.registered_at) + " UTC",
        "container": unit.container,
        "last_operation": unit.last_operation,
    }


def _work_order(s: Session, number: str) -> dict[str, Any]:
    order = s.get(WorkOrderRow, number)
    if order is None:
        return {"number": number, "part": "", "quantity": "", "status": ""}
    return {
        "number": order.number,
        "part": order.part,
        "quantity": order.quantity,
        "status": order.status,
    }


def _operations(
    s: Session, units: list[tuple[str, str]], history: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The steps of the unit and of every sub-assembly in it, oldest first."""
    parts = sorted({part for part, _ in units})
    names = {
        (str(part), str(code)): str(name)
        for part, code, name in s.execute(
            select(OperationRow.part, OperationRow.code, OperationRow.name).where(
                OperationRow.part.in_(parts)
            )
        )
    }
    entries = [(units[0], e) for e in history]
    for part, serial in units[1:]:
        entries += [((part, serial), e) for e in unit_history(s, serial, part)["events"]]
    entries.sort(key=lambda item: (item[1]["time"], item[1]["station"], item[1]["seq"]))
    return [
        {
            "time": when_text(entry["time"]),
            "unit": f"{part}/{serial}",
            "operation": entry["operation"] or "",
            "name": names.get((part, entry["operation"] or ""), ""),
            "station": entry["station"],
            "operator": _who(entry),
            "what": describe(entry),
        }
        for (part, serial), entry in entries
        if entry["role"] == "unit" and entry["kind"] in _UNIT_STEPS
    ]


def _who(entry: dict[str, Any]) -> str:
    badge = entry["operator"] or ""
    name = entry["operator_name"]
    return f"{name} ({badge})" if name else badge


def _tests(s: Session, units: list[tuple[str, str]]) -> list[dict[str, Any]]:
    ids = {
        row.id: (row.part, row.serial)
        for row in s.scalars(select(UnitRow).where(or_(*(_is(UnitRow, p, n) for p, n in units))))
    }
    records = s.scalars(
        select(TestRecordRow)
        .where(TestRecordRow.unit_id.in_(sorted(ids)))
        .order_by(TestRecordRow.time, TestRecordRow.id)
    ).all()
    measured: dict[int, list[dict[str, Any]]] = {}
    for m in s.scalars(
        select(MeasurementRow)
        .where(MeasurementRow.test_record_id.in_([r.id for r in records]))
        .order_by(MeasurementRow.id)
    ):
        measured.setdefault(m.test_record_id, []).append(
            {
                "name": m.name,
                "value": qty_text(m.value),
                "unit": m.unit or "",
                "low": qty_text(m.low) if m.low is not None else "",
                "high": qty_text(m.high) if m.high is not None else "",
            }
        )
    defects = test_defects(s, [r.id for r in records])
    return [
        {
            "unit": "/".join(ids[r.unit_id]),
            "test": r.test,
            "defect": defects.get(r.id, ""),
            "operation": r.operation,
            "result": "PASS" if r.passed else "FAIL",
            "station": r.station,
            "operator": r.operator or "",
            # when the tester tested it (its file says), else when the station recorded it
            "time": _when(r.tested_at or r.time),
            "measurements": measured.get(r.id, []),
        }
        for r in records
    ]


def _is(row: Any, part: str, subject: str) -> Any:
    return (row.part == part) & (row.serial == subject)


def _rework(
    s: Session, tree: dict[str, Any], history: list[dict[str, Any]], units: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """Each child taken out (at any level): what, when, why (the defect given to it when it
    was taken out, and the failed test or nonconformance on its parent before it) and what
    replaced it (the same part installed after it, at the same operation)."""
    ids = s.scalars(select(UnitRow.id).where(or_(*(_is(UnitRow, p, n) for p, n in units))))
    defects = removal_defects(s, list(ids))
    found: list[dict[str, Any]] = []
    for parent in [tree, *(n for n in _nodes(tree["children"]) if "serial" in n)]:
        for child in parent["children"]:
            if not child.get("removed_at"):
                continue
            found.append(
                {
                    "unit": f"{parent['part']}/{parent['serial']}",
                    "removed": _label(child),
                    "removed_at": when_text(child["removed_at"]),
                    "why": _with_defect(
                        defects.get((f"{parent['part']}/{parent['serial']}", _key(child))),
                        _why(history, parent, child["removed_at"]),
                    ),
                    "replaced_by": _replacement(parent["children"], child),
                }
            )
    return found


def _label(node: dict[str, Any]) -> str:
    if "lot" in node:
        return f"lot {node['part']}/{node['lot']} x{node['qty']}"
    return f"{node['part']}/{node['serial']}"


def _key(node: dict[str, Any]) -> str:
    if "lot" in node:
        return f"lot {node['part']}/{node['lot']}"
    return f"{node['part']}/{node['serial']}"


def _with_defect(defect: str | None, why: str) -> str:
    if defect is None:
        return why
    return f"defect {defect}" + (f"; after {why}" if why != "not recorded" else "")


def _why(history: list[dict[str, Any]], parent: dict[str, Any], removed_at: str) -> str:
    if parent is not None and "serial" in parent and history:
        earlier = [
            e
            for e in history
            if e["time"] <= removed_at
            and (e["outcome"] == "failed" or e["kind"] == "nonconformance_opened")
        ]
        if earlier:
            last = earlier[-1]
            return f"{describe(last)} at {when_text(last['time'])}"
    return "not recorded"


def _replacement(siblings: list[dict[str, Any]], removed: dict[str, Any]) -> str:
    later = [
        n
        for n in siblings
        if n is not removed
        and n["part"] == removed["part"]
        and not n.get("kitted_to")
        and (n.get("installed_at") or "") >= (removed.get("removed_at") or "")
    ]
    return ", ".join(_label(n) for n in later) or "nothing (not replaced)"


def _nonconformances(
    s: Session, units: list[tuple[str, str]], lots: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    subjects = [("unit", p, n) for p, n in units] + [("lot", p, c) for p, c in lots]
    rows = s.scalars(
        select(NonconformanceRow)
        .where(
            or_(
                *(
                    (NonconformanceRow.subject_kind == k)
                    & (NonconformanceRow.part == p)
                    & (NonconformanceRow.subject == n)
                    for k, p, n in subjects
                )
            )
        )
        .order_by(NonconformanceRow.time)
    ).all()
    return [
        {
            "number": r.number,
            "subject": f"{r.subject_kind} {r.part}/{r.subject}",
            "defect": r.defect_code,
            "description": r.description,
            "disposition": r.disposition,
            "signed_by": r.signed_by or "",
            "time": _when(r.time),
            "event_id": r.event_id,
            "status": (
                f"closed {_when(r.closed_at)} by {r.closed_by}: {r.closing_note or ''}".rstrip(": ")
                if r.status == "closed"
                else "open"
            ),
            "closed_event": r.closed_event,
        }
        for r in rows
    ]


def _deviations(
    s: Session, units: list[tuple[str, str]], lots: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """Deviations on the units of the tree (waivers their scans carried) or naming one of
    them or one of the lots in them."""
    from tracestation.store.tables import UnitHistoryRow

    waived = set(
        s.scalars(
            select(UnitHistoryRow.event_id).where(
                UnitHistoryRow.kind == "deviation_recorded",
                or_(*(_is(UnitHistoryRow, p, n) for p, n in units)),
            )
        )
    )
    labels = [f"{p}/{n}" for p, n in [*units, *lots]]
    rows = s.scalars(
        select(DeviationRow)
        .where(or_(DeviationRow.event_id.in_(sorted(waived)), DeviationRow.subject.in_(labels)))
        .order_by(DeviationRow.time, DeviationRow.id)
    ).all()
    return [
        {
            "time": _when(r.time),
            "rule": r.rule,
            "subject": r.subject,
            "work_order": r.work_order or "",
            "reason": r.reason,
            "lead": r.lead,
            "station": r.station,
            "event_id": r.event_id,
        }
        for r in rows
    ]


def _signatures(s: Session, record: DeviceHistory) -> list[RecordedSignature]:
    ids = [e["event_id"] for e in record.history if e["signature"]]
    ids += [n.get("_event") or "" for n in _nodes(record.tree["children"])]
    ids += [d["event_id"] for d in record.deviations]
    ids += [n["event_id"] for n in record.nonconformances]
    ids += [n["closed_event"] or "" for n in record.nonconformances]
    signed = signatures_for(s.connection(), ids)
    tree_signed = [
        RecordedSignature(
            n["signature"]["badge"],
            n["signature"]["name"],
            n["signature"]["meaning"],
            datetime.fromisoformat(n["signature"]["time"]),
            n["signature"].get("reason"),
        )
        for n in _nodes(record.tree["children"])
        if n.get("signature")
    ]
    unique = {(sig.badge, sig.time, sig.meaning): sig for sig in [*signed.values(), *tree_signed]}
    return sorted(unique.values(), key=lambda sig: sig.time)
