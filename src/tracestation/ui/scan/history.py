"""The last scans at this station, newest first: time, scan, outcome and message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracestation.barcodes import shown_scan
from tracestation.station.verdicts import Outcome
from tracestation.ui.model_index import TOP, Index

OUTCOME_COLOURS = {
    Outcome.ACCEPTED: QColor("#4ade80"),
    Outcome.REJECTED: QColor("#f87171"),
    Outcome.NEEDS_OVERRIDE: QColor("#fbbf24"),
}
OUTCOME_BRUSHES = {outcome: QBrush(colour) for outcome, colour in OUTCOME_COLOURS.items()}
MAX_ROWS = 200


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    scan: str
    outcome: Outcome
    message: str
    manual: bool = False


def visible_scan(raw: str) -> str:
    """A scan as text a person can read: a PIN masked, control characters spelled out, long
    scans cut."""
    text = shown_scan(raw).replace("\x1d", "<GS>").replace("\x1e", "<RS>").replace("\x04", "<EOT>")
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
    return text if len(text) <= 60 else text[:57] + "..."


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []
        self._texts: list[tuple[str, str, str, str]] = []  # rendered once: painting asks often
        self._headers = (self.tr("Time"), self.tr("Scan"), self.tr("Outcome"), self.tr("Message"))

    def add(self, entry: HistoryEntry) -> None:
        scan = visible_scan(entry.scan)
        texts = (
            entry.at.strftime("%H:%M:%S"),
            self.tr("{scan} (manual)").format(scan=scan) if entry.manual else scan,
            self.outcome_text(entry.outcome),
            entry.message,
        )
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._entries.insert(0, entry)
        self._texts.insert(0, texts)
        self.endInsertRows()
        if len(self._entries) > MAX_ROWS:
            self.beginRemoveRows(QModelIndex(), MAX_ROWS, len(self._entries) - 1)
            del self._entries[MAX_ROWS:]
            del self._texts[MAX_ROWS:]
            self.endRemoveRows()

    def entry(self, row: int) -> HistoryEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = TOP) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = TOP) -> int:
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def outcome_text(self, outcome: Outcome) -> str:
        if outcome is Outcome.ACCEPTED:
            return self.tr("accepted")
        if outcome is Outcome.REJECTED:
            return self.tr("rejected")
        return self.tr("needs lead")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.ToolTipRole:
            return self._texts[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return OUTCOME_BRUSHES[self._entries[index.row()].outcome]
        return None


class HistoryView(QTableView):
    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history")
        self.setModel(model)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(40)
        header = self.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Widths from the font, once: measuring rows at every scan would cost the GUI thread."""
        self.ensurePolished()
        metrics = self.fontMetrics()
        model = self.model()
        needs_lead = (
            model.outcome_text(Outcome.NEEDS_OVERRIDE) if isinstance(model, HistoryModel) else ""
        )
        for column, sample in ((0, "00:00:00"), (1, "LOT:SCREW-M3/L-22"), (2, needs_lead)):
            self.setColumnWidth(column, metrics.horizontalAdvance(sample) + 28)
