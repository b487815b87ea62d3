"""The current unit's bill of materials at this operation, ticked as parts go in."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracestation.domain.rules import qty_text
from tracestation.station.prompts import ChecklistLine
from tracestation.ui.model_index import TOP, Index

DONE_ROLE = Qt.ItemDataRole.UserRole + 1
DONE_COLOUR = QColor("#4ade80")
OPEN_COLOUR = QColor("#fbbf24")


class ChecklistModel(QAbstractTableModel):
    """Rows: one BOM line each. Columns: tick, part, description, installed of required."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[ChecklistLine, ...] = ()
        self._headers = (
            self.tr("Done"),
            self.tr("Part"),
            self.tr("Description"),
            self.tr("In / needed"),
        )

    def set_lines(self, lines: tuple[ChecklistLine, ...]) -> None:
        if lines == self._lines:
            return
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    @property
    def lines(self) -> tuple[ChecklistLine, ...]:
        return self._lines

    def rowCount(self, parent: Index = TOP) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = TOP) -> int:
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role == DONE_ROLE:
            return line.done
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return "\u2714" if line.done else "\u25cb"
            if column == 1:
                return line.part
            if column == 2:
                return line.description
            return f"{qty_text(line.installed)} / {qty_text(line.required)} {line.uom}"
        if role == Qt.ItemDataRole.ForegroundRole and column in (0, 3):
            return QBrush(DONE_COLOUR if line.done else OPEN_COLOUR)
        if role == Qt.ItemDataRole.FontRole and column in (0, 1):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = self.tr("done") if line.done else self.tr("still needed")
            return f"{line.part}: {state}"
        return None


class ChecklistView(QTableView):
    def __init__(self, model: ChecklistModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.setModel(model)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(54)
        self.setMinimumHeight(150)
