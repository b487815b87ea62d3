"""A unit's history in a window of its own: every event the unit took part in, oldest first,
with where (station, operation), who and when; failed tests in red. Opened from the trace
view by double-clicking a unit in the as-built tree; the history is read on the query thread.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

FAILED_COLOUR = QColor("#c62828")


class UnitHistoryView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitHistory")
        self.setModal(False)
        self.resize(900, 520)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("unitHistoryTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Station"),
                self.tr("Operation"),
                self.tr("Who"),
                self.tr("What"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)

    def show_history(self, document: dict[str, Any]) -> None:
        unit = f"{document['part']}/{document['serial']}"
        self.setWindowTitle(self.tr("History of {unit}").format(unit=unit))
        self.title.setText(
            self.tr(
                "{unit} \u00b7 {status} \u00b7 work order {work_order} \u00b7 {count} event(s)"
            ).format(
                unit=unit,
                status=str(document["status"]).replace("_", " "),
                work_order=document["work_order"],
                count=len(document["events"]),
            )
        )
        events = document["events"]
        self.table.setRowCount(len(events))
        for row, entry in enumerate(events):
            cells = (
                _moment(entry["time"]),
                entry["station"],
                entry["operation"] or "",
                entry["operator_name"] or entry["operator"] or "",
                self.what_happened(entry),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if entry["outcome"] == "failed":
                    item.setForeground(QBrush(FAILED_COLOUR))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.resizeRowsToContents()

    def rows(self) -> list[list[str]]:
        """The table's text, row by row (what a person reads)."""
        return [
            [_text(self.table.item(r, c)) for c in range(self.table.columnCount())]
            for r in range(self.table.rowCount())
        ]

    def what_happened(self, entry: dict[str, Any]) -> str:
        """The event in the user's language, with the lead's signature when it is signed."""
        text = self._what(entry)
        signature = entry.get("signature")
        if signature:
            text += " \u00b7 " + self.tr("signed by {name} ({badge}): {meaning}").format(
                name=signature["name"], badge=signature["badge"], meaning=signature["meaning"]
            )
        return text

    def _what(self, entry: dict[str, Any]) -> str:
        kind, role, outcome = entry["kind"], entry["role"], entry["outcome"]
        other = entry["other"] or {}
        thing = f"{other.get('part') or ''}/{other.get('id') or ''}".strip("/")
        if other.get("kind") == "lot":
            thing = self.tr("lot {lot}").format(lot=thing) + (
                f" \u00d7{entry['qty']}" if entry["qty"] else ""
            )
        if kind == "unit_registered":
            return self.tr("registered on {work_order}").format(work_order=entry["work_order"])
        if kind == "operation_completed":
            if outcome == "finished":
                return self.tr("operation completed, routing finished")
            if outcome == "rework":
                return self.tr("operation completed (rework)")
            return self.tr("operation completed")
        if kind == "test_recorded":
            if outcome == "passed":
                return self.tr("test {test}: passed").format(test=entry["note"])
            return self.tr("test {test}: FAILED").format(test=entry["note"])
        if kind in ("child_unit_installed", "lot_installed"):
            if role == "child":
                return self.tr("installed into {unit}").format(unit=thing)
            return self.tr("installed {thing}").format(thing=thing)
        if kind == "child_removed":
            if role == "child":
                return self.tr("removed from {unit}").format(unit=thing)
            return self.tr("removed {thing}").format(thing=thing)
        if kind == "unit_packed":
            return self.tr("packed into carton {sscc}").format(sscc=other.get("id"))
        if kind == "deviation_recorded":
            return self.tr("deviation: {rule} waived for {subject} (reason {reason})").format(
                rule=outcome, subject=other.get("id"), reason=entry["note"]
            )
        if kind == "nonconformance_opened":
            return self.tr("nonconformance {number}: {what} (disposition {disposition})").format(
                number=other.get("id"), what=entry["note"], disposition=outcome
            )
        if kind == "defect_recorded" and outcome == "test":
            return self.tr("defect {code} on the failed test").format(code=entry["note"])
        if kind == "defect_recorded":
            return self.tr("defect {code} on the part taken out").format(code=entry["note"])
        if kind == "label_reprinted":
            return self.tr("label reprinted")
        return str(kind).replace("_", " ")


def _text(item: QTableWidgetItem | None) -> str:
    return item.text() if item is not None else ""


def _moment(text: str) -> str:
    return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M:%S")
