"""The station's print jobs as the lead sees them, newest first: when, which label, its state
(printed, queued, printing, not printed) with the printer's own words, the tries and who
reprinted it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from tracestation.station.print_queue import JobStatus, PrintJob
from tracestation.ui.model_index import TOP, Index


def _clock(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else ""


class PrintJobsModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PrintJob] = []
        self._headers = (
            self.tr("Queued at"),
            self.tr("Label"),
            self.tr("State"),
            self.tr("Tries"),
            self.tr("Printed at"),
            self.tr("Reprint by"),
            self.tr("The printer said"),
        )

    def set_rows(self, rows: list[PrintJob]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def job(self, row: int) -> PrintJob | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

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
        job = self._rows[index.row()]
        values = (
            _clock(job.created_at),
            self.label_text(job),
            self.state_text(job.status),
            str(job.attempts),
            _clock(job.printed_at),
            job.reprint_by or "",
            job.error or "",
        )
        return values[index.column()]

    def label_text(self, job: PrintJob) -> str:
        if job.kind == "container":
            return self.tr("carton {sscc}").format(sscc=job.subject)
        return self.tr("unit {subject}").format(subject=job.subject)

    def state_text(self, status: JobStatus) -> str:
        names = {
            JobStatus.PRINTED: self.tr("printed"),
            JobStatus.QUEUED: self.tr("queued"),
            JobStatus.PRINTING: self.tr("printing"),
            JobStatus.FAILED: self.tr("not printed, kept"),
        }
        return names[status]


class PrintJobsView(QTableView):
    def __init__(self, model: PrintJobsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printJobs")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
