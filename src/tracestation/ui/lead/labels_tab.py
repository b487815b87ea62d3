"""The lead panel's Labels tab: the station's print jobs, and a reprint the lead sees before
signing it.

The list shows every job (printed, queued, or not printed with the printer's words) and is
asked again whenever the tab shows and while it is open. Choosing a job, or typing a serial or
an SSCC and asking to see it, draws the label as it will print; the drawing is made on the
window's query thread (the core's `PrintJobsReader`), never here. Only a label on screen can be
reprinted, and the reprint goes out as a `ReprintLabel` the lead page signs with the lead's
badge and PIN; the station records it (`label_reprinted`) and keeps it as a print job.
GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from tracestation.station.lead_requests import (
    LeadOutcome,
    LeadResult,
    LeadSignature,
    ReprintLabel,
)
from tracestation.station.print_queue import PrintBacklog, PrintJob
from tracestation.station.print_reads import LabelPreview, PreviewRequest
from tracestation.ui.lead.forms import action_button, line_edit
from tracestation.ui.lead.print_jobs_model import PrintJobsModel, PrintJobsView
from tracestation.ui.lead.reprint_preview import LabelPicture
from tracestation.ui.station_client import StationClient

PREVIEW_BOX = QSize(360, 300)  # pixels: a label drawn whole, at a third of its size or so


class LabelsTab(QWidget):
    sig_request = Signal(object)  # ReprintLabel, signed by the lead page

    def __init__(self, client: StationClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("labelsTab")
        self._client = client
        self._asked: PreviewRequest | None = None  # the preview waited for
        self._shown: PreviewRequest | None = None  # the label on screen, reprintable
        self.model = PrintJobsModel(self)
        self.jobs = PrintJobsView(self.model, self)
        self.refresh_button = action_button(self, self.tr("Refresh"), name="printJobsRefresh")
        self.kind = QComboBox(self)
        self.kind.setObjectName("reprintKind")
        self.kind.addItem(self.tr("Unit label"), "unit")
        self.kind.addItem(self.tr("Carton label"), "container")
        self.subject = line_edit(
            self, self.tr("Serial, PART/SERIAL or SSCC (or scan it)"), name="reprintSubject"
        )
        self.preview_button = action_button(
            self, self.tr("Show the label"), name="reprintPreviewButton"
        )
        self.picture = LabelPicture(PREVIEW_BOX, "labelPreview", self)
        self.note = QLabel(self.tr("Choose a label in the list, or give one and show it."), self)
        self.note.setObjectName("labelPreviewNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.confirm_button = action_button(
            self, self.tr("Reprint this label"), kind="primary", name="reprintConfirmButton"
        )
        self.confirm_button.setEnabled(False)
        self._layout()
        self._connect()

    def _layout(self) -> None:
        listing = QVBoxLayout()
        header = QHBoxLayout()
        caption = QLabel(self.tr("Print jobs of this station, newest first"), self)
        caption.setObjectName("sectionTitle")
        header.addWidget(caption, 1)
        header.addWidget(self.refresh_button)
        listing.addLayout(header)
        listing.addWidget(self.jobs, 1)
        reprint = QVBoxLayout()
        reprint.addWidget(self.kind)
        reprint.addWidget(self.subject)
        reprint.addWidget(self.preview_button)
        reprint.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        reprint.addWidget(self.note)
        reprint.addWidget(self.confirm_button)
        reprint.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(listing, 3)
        layout.addLayout(reprint, 2)

    def _connect(self) -> None:
        client = self._client
        self.refresh_button.clicked.connect(client.list_print_jobs)
        self.preview_button.clicked.connect(self.show_typed)
        self.subject.returnPressed.connect(self.show_typed)
        self.subject.textEdited.connect(self._forget)
        self.kind.currentIndexChanged.connect(self._forget)
        self.jobs.clicked.connect(self.show_job)
        self.confirm_button.clicked.connect(self.confirm)
        client.sig_print_jobs.connect(self.show_jobs)
        client.sig_print_backlog.connect(self._backlog)
        client.sig_label_preview.connect(self.show_preview)
        client.sig_lead_outcome.connect(self._outcome)

    # -- the list ---------------------------------------------------------------------------------

    def show_jobs(self, jobs: list[PrintJob]) -> None:
        selected = self.jobs.currentIndex().row()
        chosen = self.model.job(selected)
        self.model.set_rows(jobs)
        if chosen is not None:  # keep the lead's choice across a refresh
            for row, job in enumerate(jobs):
                if job.id == chosen.id:
                    self.jobs.selectRow(row)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._client.list_print_jobs()

    def _backlog(self, _backlog: PrintBacklog) -> None:
        if self.isVisible():  # the window asks every few seconds: the list moves on with it
            self._client.list_print_jobs()

    def _outcome(self, outcome: LeadOutcome) -> None:
        if outcome.result is LeadResult.LABEL_REPRINTED:
            self._client.list_print_jobs()

    # -- the preview and the reprint ------------------------------------------------------------

    def show_job(self, index: QModelIndex) -> None:
        job = self.model.job(index.row())
        if job is None:
            return
        self.kind.setCurrentIndex(self.kind.findData(job.kind))
        self.subject.setText(job.subject)
        self.show_typed()

    def show_typed(self) -> None:
        subject = self.subject.text().strip()
        if not subject:
            self._say(self.tr("Give a serial, PART/SERIAL or an SSCC first."))
            return
        self._asked = PreviewRequest(str(self.kind.currentData()), subject)
        self._shown = None
        self.confirm_button.setEnabled(False)
        self._say(self.tr("Drawing the label\u2026"))
        self._client.preview_label(self._asked)

    def show_preview(self, preview: LabelPreview) -> None:
        if preview.request != self._asked:
            return  # an answer to a question no longer asked
        if self.picture.show_png(preview.png):
            self._shown = preview.request
            self.confirm_button.setEnabled(True)
            self._say(self.tr("This is the label as it will print. Sign above and reprint it."))
            return
        self._say(self.problem_text(preview))

    def problem_text(self, preview: LabelPreview) -> str:
        subject = preview.params.get("subject", preview.request.subject)
        if preview.problem is LeadResult.LABEL_SUBJECT_UNKNOWN:
            return self.tr("No unit or carton {subject} is recorded.").format(subject=subject)
        if preview.problem is LeadResult.LABEL_SUBJECT_AMBIGUOUS:
            return self.tr("Serial {subject} exists for several parts: give PART/SERIAL.").format(
                subject=subject
            )
        return self.tr("The label cannot be shown: {error}").format(error=preview.error or "")

    def confirm(self) -> None:
        shown = self._shown
        if shown is None:
            return
        self.sig_request.emit(ReprintLabel(LeadSignature("", ""), shown.kind, shown.subject))

    def _forget(self, *_: object) -> None:
        """The lead changed what to reprint: the label on screen is no longer it."""
        self._shown = None
        self.confirm_button.setEnabled(False)

    def _say(self, text: str) -> None:
        self.note.setText(text)
