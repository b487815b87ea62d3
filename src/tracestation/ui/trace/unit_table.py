"""A list of units (where-used, recall scopes) as a table model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracestation.ui.model_index import TOP, Index

KEYS = ("part", "serial", "work_order", "status", "container")


class UnitTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._units: list[dict[str, Any]] = []
        self._headers = (
            self.tr("Part"),
            self.tr("Serial"),
            self.tr("Work order"),
            self.tr("Status"),
            self.tr("Carton"),
        )

    def set_units(self, units: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._units = list(units)
        self.endResetModel()

    def rowCount(self, parent: Index = TOP) -> int:
        return 0 if parent.isValid() else len(self._units)

    def columnCount(self, parent: Index = TOP) -> int:
        return 0 if parent.isValid() else len(KEYS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        value = self._units[index.row()].get(KEYS[index.column()])
        if KEYS[index.column()] == "status" and isinstance(value, str):
            return value.replace("_", " ")
        return value or ""


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
