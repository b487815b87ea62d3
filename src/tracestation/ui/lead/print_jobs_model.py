"""The station's print jobs as the lead sees them, newest first: when, which label, its state
(printed, queued, printing, not printed) with the printer's own words, the tries and who
reprinted it."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QWidget

from tracestation.station.print_queue import JobStatus, PrintJob
from tracestation.ui.record_table import RecordTable, RecordTableView


def _clock(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else ""


class PrintJobsModel(RecordTable[PrintJob]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                self.tr("Queued at"),
                self.tr("Label"),
                self.tr("State"),
                self.tr("Tries"),
                self.tr("Printed at"),
                self.tr("Reprint by"),
                self.tr("The printer said"),
            ),
            parent,
        )

    def job(self, row: int) -> PrintJob | None:
        return self.record(row)

    def cells(self, record: PrintJob) -> tuple[str, ...]:
        return (
            _clock(record.created_at),
            self.label_text(record),
            self.state_text(record.status),
            str(record.attempts),
            _clock(record.printed_at),
            record.reprint_by or "",
            record.error or "",
        )

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


class PrintJobsView(RecordTableView):
    def __init__(self, model: PrintJobsModel, parent: QWidget | None = None) -> None:
        super().__init__(model, "printJobs", parent, single=True)
