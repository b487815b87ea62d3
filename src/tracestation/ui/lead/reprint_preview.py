"""A label drawn as it prints, and the desk's look at what a reprint by scan sends out.

`LabelPicture` shows a label's PNG scaled into its box (the Labels tab's preview, and the
desk's). `DeskReprintPreview` sits beside the desk's answer: when the lead's scans make a
reprint (badge -> PIN -> RSN -> CMD:REPRINT -> SN/SSCC) it asks the window's query thread to
draw that label (the core's `PrintJobsReader`, never drawn here) and shows it with the subject,
so the lead sees what is being reprinted as it is sent. The next scan on the desk puts it away.
GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from tracestation.station.lead_requests import ReprintLabel
from tracestation.station.print_reads import LabelPreview, PreviewRequest
from tracestation.ui.station_client import StationClient

DESK_BOX = QSize(240, 200)  # pixels: small enough to leave the panel's tabs their room


class LabelPicture(QLabel):
    def __init__(self, box: QSize, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFixedSize(box)
        self.box = box

    def show_png(self, png: bytes | None) -> bool:
        """Show the label drawn in `png`; False (and an empty box) when there is none."""
        pixmap = QPixmap()
        if png is None or not pixmap.loadFromData(png, "PNG"):
            self.clear()
            return False
        self.setPixmap(
            pixmap.scaled(
                self.box,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        return True


class DeskReprintPreview(QWidget):
    def __init__(self, client: StationClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskReprintPreview")
        self._client = client
        self._asked: PreviewRequest | None = None
        self.picture = LabelPicture(DESK_BOX, "deskLabelPreview", self)
        self.caption = QLabel(self)
        self.caption.setObjectName("deskLabelPreviewCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption)
        client.sig_label_preview.connect(self.show_preview)
        self.hide()

    def ask(self, reprint: ReprintLabel) -> None:
        """Draw the label `reprint` sends to the printer."""
        self._asked = PreviewRequest(reprint.kind, reprint.subject)
        self.picture.clear()
        self.caption.setText(
            self.tr("Drawing the label of {subject}\u2026").format(subject=reprint.subject)
        )
        self.show()
        self._client.preview_label(self._asked)

    def put_away(self) -> None:
        self._asked = None
        self.picture.clear()
        self.hide()

    def show_preview(self, preview: LabelPreview) -> None:
        if self._asked is None or preview.request != self._asked:
            return  # the Labels tab's question, or one no longer asked
        if self.picture.show_png(preview.png):
            subject = preview.request.subject
            self.caption.setText(
                self.tr("Reprinting this label of {subject}.").format(subject=subject)
            )
        else:
            self.put_away()  # the desk's answer says why there is no label to reprint
