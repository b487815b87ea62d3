"""The open conflicts, oldest first, as `tracestation conflicts` lists them: when, what kind, on
what, from which stations, its nonconformance, and what happened (the centre's own sentence)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracestation.station.queries import OpenConflict
from tracestation.ui.model_index import TOP, Index
from tracestation.ui.translate import QT_TRANSLATE_NOOP

KINDS = {
    "carton_over_capacity": QT_TRANSLATE_NOOP("ConflictsModel", "carton over capacity"),
    "child_installed_twice": QT_TRANSLATE_NOOP("ConflictsModel", "child installed twice"),
    "does_not_fit": QT_TRANSLATE_NOOP("ConflictsModel", "does not fit the record"),
    "duplicate_serial": QT_TRANSLATE_NOOP("ConflictsModel", "serial used twice"),
    "duplicate_sscc": QT_TRANSLATE_NOOP("ConflictsModel", "carton SSCC used twice"),
    "lot_not_released": QT_TRANSLATE_NOOP("ConflictsModel", "lot not released"),
    "over_consumption": QT_TRANSLATE_NOOP("ConflictsModel", "more used than on hand"),
    "unknown_subject": QT_TRANSLATE_NOOP("ConflictsModel", "unknown unit or lot"),
    "wrong_operation": QT_TRANSLATE_NOOP("ConflictsModel", "wrong operation"),
}


class ConflictsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OpenConflict] = []
        self._headers = (
            self.tr("When"),
            self.tr("Conflict"),
            self.tr("Subject"),
            self.tr("Stations"),
            self.tr("Nonconformance"),
            self.tr("What happened"),
        )

    def set_rows(self, rows: list[OpenConflict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def conflict_at(self, row: int) -> OpenConflict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, conflict_id: str) -> int:
        """The row of the conflict `conflict_id`, or -1 when it is not listed (any more)."""
        return next((n for n, c in enumerate(self._rows) if c.id == conflict_id), -1)

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
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole sentence, and the id the CLI takes
            return self.tr("{detail}\nConflict {id}").format(detail=row.detail, id=row.id)
        values = (
            row.raised_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            self.kind_name(row.kind),
            row.subject,
            ", ".join(row.stations),
            row.nonconformance or "\u2013",
            row.detail,
        )
        return values[index.column()]

    def kind_name(self, kind: str) -> str:
        template = KINDS.get(kind)
        if template is None:  # a kind a newer centre raises: shown as it is
            return kind.replace("_", " ")
        return self.tr(template)


class ConflictsView(QTableView):
    def __init__(self, model: ConflictsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflicts")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
