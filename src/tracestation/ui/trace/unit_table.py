"""A list of units (where-used, recall scopes) as a table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracestation.ui.record_table import RecordTable

KEYS = ("part", "serial", "work_order", "status", "container")


class UnitTableModel(RecordTable[dict[str, Any]]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                self.tr("Part"),
                self.tr("Serial"),
                self.tr("Work order"),
                self.tr("Status"),
                self.tr("Carton"),
            ),
            parent,
        )

    def set_units(self, units: list[dict[str, Any]]) -> None:
        self.set_rows(units)

    def cells(self, record: dict[str, Any]) -> tuple[str, ...]:
        values = [record.get(key) for key in KEYS]
        return tuple(
            value.replace("_", " ") if key == "status" and isinstance(value, str) else value or ""
            for key, value in zip(KEYS, values, strict=True)
        )


class UnitTableView(QTableView):
    def __init__(self, model: UnitTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(36)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(150)
