"""Records read from the station shown as a read-only table: the lead panel's conflicts,
deviations and print jobs, the trace view's lists of units.

`RecordTable` holds the rows a read port answered and gives Qt their count, the column titles
and each cell; a table says only what its columns hold (`cells`, and `tip` for a tooltip).
`RecordTableView` is the table as the lead sees it: whole rows chosen, nothing edited, columns
as wide as their text and the last one taking the rest. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracestation.ui.model_index import TOP, Index

R = TypeVar("R")


class RecordTable(QAbstractTableModel, Generic[R]):
    """Subclasses pass their column titles (translated in their own context) and say what
    a record's cells hold."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._headers = tuple(headers)

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> R | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def cells(self, record: R) -> tuple[str, ...]:
        raise NotImplementedError

    def tip(self, record: R) -> str | None:
        """The tooltip of the record's row; none unless a table says one."""
        return None

    def rowCount(self, parent: Index = TOP) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = TOP) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cells(record)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tip(record)
        return None


class RecordTableView(QTableView):
    def __init__(
        self,
        model: QAbstractTableModel,
        name: str,
        parent: QWidget | None = None,
        *,
        single: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        if single:
            self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
