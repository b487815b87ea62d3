"""The deviations recorded (signed overrides), newest first: when, what was waived, on what, why,
and the lead's signature with the printed name and its meaning."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracestation.station.queries import Deviation
from tracestation.ui.model_index import TOP, Index


class DeviationsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Deviation] = []
        self._headers = (
            self.tr("When"),
            self.tr("Rule waived"),
            self.tr("Subject"),
            self.tr("Work order"),
            self.tr("Reason"),
            self.tr("Signed by"),
            self.tr("Meaning"),
        )

    def set_rows(self, rows: list[Deviation]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

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
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        signature = row.signature
        values = (
            row.time.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            row.rule.replace("_", " "),
            row.subject,
            row.work_order or "",
            row.reason,
            # The printed name as it was when signing, and the badge (21 CFR 11.50).
            f"{signature.name} ({signature.badge})" if signature else row.lead,
            signature.meaning if signature else "",
        )
        return values[index.column()]


class DeviationsView(QTableView):
    def __init__(self, model: DeviationsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deviations")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
