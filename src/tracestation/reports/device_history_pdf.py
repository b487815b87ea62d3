"""The device history record laid out for print (`tracestation report dhr`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from tracestation.reports.device_history import DeviceHistory, when_text
from tracestation.reports.pdf_pages import (
    TITLE,
    facts,
    generated_now,
    heading,
    space,
    table,
    text,
    write_pdf,
)


def write_device_history(record: DeviceHistory, out: Path) -> None:
    """Write `record` as a PDF to `out` (OSError when it cannot be written)."""
    unit = record.unit
    title = f"Device history record {unit['part']}/{unit['serial']}"
    generated = generated_now()
    story: list[Flowable] = [text(title, TITLE), *_summary(record, generated)]
    story += [heading("Operations (the unit and its sub-assemblies)"), _operations(record)]
    story += [heading("As built"), _as_built(record.tree)]
    story += [heading("Test results"), *_tests(record)]
    story += [heading("Rework"), _rework(record)]
    story += [heading("Nonconformances"), _nonconformances(record)]
    story += [heading("Deviations"), _deviations(record)]
    story += [heading("Signatures"), _signatures(record)]
    write_pdf(out, title, generated, story)


def _summary(record: DeviceHistory, generated: str) -> list[Flowable]:
    unit, order, audit = record.unit, record.work_order, record.audit
    if audit.intact:
        status = (
            f"Intact: the hash chains of the {audit.stations} station(s) that recorded it, "
            f"{audit.checked_events} event(s), recompute to their heads. The state tables "
            "against a rebuild from the journal: `tracestation audit verify`."
        )
    else:
        status = "BROKEN: " + "; ".join(audit.breaks[:5])
    return [
        facts(
            [
                ("Unit", f"{unit['part']} {unit['description']} \u00b7 serial {unit['serial']}"),
                ("Status", str(unit["status"]).replace("_", " ")),
                (
                    "Work order",
                    f"{order['number']} ({order['part']}, quantity {order['quantity']}, "
                    f"{order['status']})",
                ),
                ("Registered", unit["registered_at"]),
                ("Carton", unit["container"] or "not packed"),
                ("Record audit", status),
                ("Generated", generated),
            ]
        ),
        space(),
    ]


def _operations(record: DeviceHistory) -> Flowable:
    rows = [
        [
            o["time"],
            o["unit"],
            f"{o['operation']} {o['name']}".strip(),
            o["station"],
            o["operator"],
            o["what"],
        ]
        for o in record.operations
    ]
    return table(
        ["Time (UTC)", "Unit", "Operation", "Station", "Operator", "What"],
        rows,
        [0.19, 0.18, 0.15, 0.09, 0.17, 0.22],
    )


def _as_built(tree: dict[str, Any]) -> Flowable:
    rows: list[list[Any]] = []
    _tree_rows(tree["children"], 0, rows)
    return table(
        ["Component", "Serial / lot", "Qty", "Op", "Installed (UTC)", "Removed / note"],
        rows,
        [0.22, 0.2, 0.06, 0.05, 0.2, 0.27],
    )


def _tree_rows(children: list[dict[str, Any]], depth: int, rows: list[list[Any]]) -> None:
    for child in children:
        ident = f"SN {child['serial']}" if "serial" in child else f"lot {child['lot']}"
        note = ""
        if child.get("kitted_to"):
            note = f"kitted to {child['kitted_to']}"
        if child.get("removed_at"):
            note = f"REMOVED {when_text(child['removed_at'])} UTC"
        signature = child.get("signature")
        if signature:
            note = (note + "; " if note else "") + f"signed by {signature['name']}"
        rows.append(
            [
                "\u00a0\u00a0" * depth + ("\u2514 " if depth else "") + child["part"],
                ident,
                child["qty"],
                child.get("operation") or "",
                when_text(child.get("installed_at")),
                note,
            ]
        )
        _tree_rows(child["children"], depth + 1, rows)


def _tests(record: DeviceHistory) -> list[Flowable]:
    rows = [
        [
            t["time"],
            t["unit"],
            f"{t['test']} (op {t['operation']})",
            t["result"],
            t["defect"],
            t["station"],
            t["operator"],
        ]
        for t in record.tests
    ]
    out: list[Flowable] = [
        table(
            ["Time (UTC)", "Unit", "Test", "Result", "Defect", "Station", "Operator"],
            rows,
            [0.18, 0.17, 0.2, 0.08, 0.17, 0.09, 0.11],
        )
    ]
    measured = [
        [
            t["unit"],
            t["test"],
            t["time"],
            m["name"],
            f"{m['value']} {m['unit']}".strip(),
            m["low"],
            m["high"],
            t["result"],
        ]
        for t in record.tests
        for m in t["measurements"]
    ]
    if measured:
        out += [
            space(2),
            table(
                ["Unit", "Test", "Time (UTC)", "Measurement", "Value", "Low", "High", "Result"],
                measured,
                [0.16, 0.14, 0.18, 0.16, 0.1, 0.08, 0.08, 0.1],
            ),
        ]
    else:
        out.append(text("No measurements recorded for these tests."))
    return out


def _rework(record: DeviceHistory) -> Flowable:
    rows = [
        [r["unit"], r["removed"], r["removed_at"], r["why"], r["replaced_by"]]
        for r in record.rework
    ]
    return table(
        ["Unit", "Removed", "When (UTC)", "Why", "Replaced by"], rows, [0.2, 0.19, 0.15, 0.26, 0.2]
    )


def _nonconformances(record: DeviceHistory) -> Flowable:
    rows = [
        [
            n["number"],
            n["subject"],
            f"{n['defect']}: {n['description']}",
            n["disposition"],
            f"{n['time']} by {n['signed_by'] or '-'}",
            n["status"],
        ]
        for n in record.nonconformances
    ]
    return table(
        ["NC", "Subject", "Defect: description", "Disposition", "Opened (UTC)", "Status"],
        rows,
        [0.1, 0.18, 0.2, 0.12, 0.18, 0.22],
    )


def _deviations(record: DeviceHistory) -> Flowable:
    rows = [
        [d["time"], d["rule"], d["subject"], d["work_order"], d["reason"], d["lead"]]
        for d in record.deviations
    ]
    return table(
        ["Time (UTC)", "Rule waived", "Subject", "Work order", "Reason", "Lead"],
        rows,
        [0.2, 0.15, 0.2, 0.13, 0.2, 0.12],
    )


def _signatures(record: DeviceHistory) -> Flowable:
    rows = [
        [
            s.name,
            s.badge,
            s.time.strftime("%Y-%m-%d %H:%M:%S"),
            s.meaning,
            s.reason or "",
        ]
        for s in record.signatures
    ]
    return table(
        ["Printed name", "Badge", "Time (UTC)", "Meaning", "Reason"],
        rows,
        [0.2, 0.12, 0.2, 0.28, 0.2],
    )
