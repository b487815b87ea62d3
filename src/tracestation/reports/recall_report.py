"""The recall report of a lot (`tracestation report recall`): the lot and its lineage, the units
that hold it now (unit scope) with their work order, status and carton, the units that held it
once and had it removed, the units a lot-only system would recall (lot scope), both counts and
the difference, and the deviations that let the lot be used. As PDF or CSV.

The station records no shipments: a unit's carton is the last place the record knows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable
from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session, aliased

from tracestation.domain.rules import qty_text
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
from tracestation.store.tables import LotLineageRow, LotRow
from tracestation.trace.genealogy import descendant_lots, find_lot
from tracestation.trace.recall import deviations_of, kitted_work_orders, recall_scope

CSV_COLUMNS = (
    "part",
    "serial",
    "work_order",
    "status",
    "container",
    "in_unit_scope",
    "removed_in_rework",
    "in_lot_scope",
)


@dataclass
class RecallReport:
    scope: dict[str, Any]  # the `recall --json` document
    lot: dict[str, Any]
    lineage: list[dict[str, Any]]
    kitted_to: list[str]
    deviations: list[dict[str, Any]]

    @property
    def headline(self) -> str:
        """ "140 units instead of 5,000": what serial genealogy recalls, then a lot-only system."""
        units = self.scope["unit_scope"]["count"]
        lots = self.scope["lot_scope"]["count"]
        return f"{units_of(units)} instead of {lots:,}"

    @property
    def spared(self) -> int:
        return int(self.scope["lot_scope"]["count"]) - int(self.scope["unit_scope"]["count"])


def recall_report(engine: Engine, code: str, part: str | None = None) -> RecallReport:
    """`TraceError` when the lot is not recorded or its code is of several parts."""
    with Session(engine) as s:
        lot = find_lot(s, code, part)
        ids = descendant_lots(s, lot.id)
        return RecallReport(
            scope=recall_scope(s, lot.code, lot.part),
            lot={
                "part": lot.part,
                "lot": lot.code,
                "status": lot.status,
                "status_reason": lot.status_reason or "",
                "quantity": qty_text(lot.quantity),
                "supplier": lot.supplier or "",
                "expiry": lot.expiry.isoformat() if lot.expiry else "",
            },
            lineage=_lineage(s, ids),
            kitted_to=kitted_work_orders(s, lot.code, lot.part),
            deviations=deviations_of(s, ids),
        )


def _lineage(s: Session, ids: set[int]) -> list[dict[str, Any]]:
    """The splits and merges the lot took part in: where it came from and what came of it."""
    source, result = aliased(LotRow), aliased(LotRow)
    rows = s.execute(
        select(LotLineageRow.kind, LotLineageRow.qty, source.code, result.code, source.part)
        .join(source, source.id == LotLineageRow.source_lot_id)
        .join(result, result.id == LotLineageRow.result_lot_id)
        .where(
            or_(
                LotLineageRow.source_lot_id.in_(sorted(ids)),
                LotLineageRow.result_lot_id.in_(sorted(ids)),
            )
        )
        .order_by(LotLineageRow.id)
    ).all()
    return [
        {"kind": kind, "qty": qty_text(qty), "from": f"{p}/{a}", "into": f"{p}/{b}"}
        for kind, qty, a, b, p in rows
    ]


def write_recall_csv(report: RecallReport, out: Path) -> None:
    """One row per unit of either scope, with which scope it is in (yes/no columns)."""
    unit_scope = {(u["part"], u["serial"]) for u in report.scope["unit_scope"]["units"]}
    removed = {(u["part"], u["serial"]) for u in report.scope["unit_scope"]["removed"]}
    lot_scope = {(u["part"], u["serial"]) for u in report.scope["lot_scope"]["units"]}
    units: dict[tuple[str, str], dict[str, Any]] = {}
    for group in ("units", "removed"):
        for u in report.scope["unit_scope"][group]:
            units[(u["part"], u["serial"])] = u
    for u in report.scope["lot_scope"]["units"]:
        units.setdefault((u["part"], u["serial"]), u)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for key in sorted(units):
            u = units[key]
            writer.writerow(
                [
                    u["part"],
                    u["serial"],
                    u["work_order"],
                    u["status"],
                    u["container"] or "",
                    _yes(key in unit_scope),
                    _yes(key in removed),
                    _yes(key in lot_scope),
                ]
            )


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def write_recall_pdf(report: RecallReport, out: Path) -> None:
    lot = report.lot
    title = f"Recall report lot {lot['part']}/{lot['lot']}"
    generated = generated_now()
    unit_scope, lot_scope = report.scope["unit_scope"], report.scope["lot_scope"]
    story: list[Flowable] = [
        text(title, TITLE),
        text(
            f"Recall {report.headline}: serial genealogy spares {units_of(report.spared)} a "
            "lot-only recall would pull.",
            TITLE,
        ),
        facts(
            [
                ("Lot", f"{lot['part']}/{lot['lot']}"),
                ("Status", f"{lot['status']} {lot['status_reason']}".strip()),
                ("Supplier, expiry", f"{lot['supplier'] or '-'}, {lot['expiry'] or '-'}"),
                ("On hand", lot["quantity"]),
                (
                    "Unit scope",
                    f"{units_of(unit_scope['count'])} "
                    f"{'contains' if unit_scope['count'] == 1 else 'contain'} it now",
                ),
                (
                    "Lot scope",
                    f"{units_of(lot_scope['count'])} of work orders "
                    + (", ".join(lot_scope["work_orders"]) or "-"),
                ),
                ("Difference", units_of(report.spared)),
                ("Removed in rework", f"{units_of(len(unit_scope['removed']))} held it once"),
                ("Generated", generated),
            ]
        ),
        space(),
    ]
    if report.kitted_to:
        story.append(
            text(
                f"Kitted to {', '.join(report.kitted_to)}: kitting records the work order, "
                "not the unit, so every unit of those work orders is in the unit scope."
            )
        )
    story += [heading("Lineage (splits and merges)"), _lineage_table(report)]
    story += [heading(f"Unit scope: {units_of(unit_scope['count'])}"), _units(unit_scope["units"])]
    story += [
        heading(f"Held it once, removed in rework: {units_of(len(unit_scope['removed']))}"),
        _units(unit_scope["removed"]),
    ]
    story += [heading("Deviations that let it be used"), _deviations(report)]
    story += [
        heading(f"Lot scope (what a lot-only system would recall): {units_of(lot_scope['count'])}"),
        _units(lot_scope["units"]),
        space(),
        text("Shipments are not recorded by TraceStation: the carton is the last place known."),
    ]
    write_pdf(out, title, generated, story)


def _lineage_table(report: RecallReport) -> Flowable:
    rows = [[e["kind"], e["from"], e["into"], e["qty"]] for e in report.lineage]
    return table(["Kind", "From", "Into", "Qty"], rows, [0.15, 0.35, 0.35, 0.15])


def _units(units: list[dict[str, Any]]) -> Flowable:
    rows = [
        [
            u["part"],
            u["serial"],
            u["work_order"],
            str(u["status"]).replace("_", " "),
            u["container"] or "",
        ]
        for u in units
    ]
    return table(
        ["Part", "Serial", "Work order", "Status", "Carton"], rows, [0.2, 0.2, 0.18, 0.14, 0.28]
    )


def _deviations(report: RecallReport) -> Flowable:
    rows = []
    for d in report.deviations:
        signed = d.get("signature") or {}
        rows.append(
            [
                d["time"][:19].replace("T", " "),
                d["rule"],
                d["subject"],
                d["work_order"] or "",
                d["reason"],
                f"{signed.get('name') or d['lead']}: {signed.get('meaning') or ''}".strip(": "),
            ]
        )
    return table(
        ["Time (UTC)", "Rule", "Subject", "Work order", "Reason", "Signed"],
        rows,
        [0.18, 0.14, 0.18, 0.12, 0.16, 0.22],
    )


def units_of(count: int) -> str:
    """A count of units as a sentence says it: "1 unit", "5,000 units"."""
    return f"{count:,} unit" if count == 1 else f"{count:,} units"
