"""The operator's screen: what to scan next, the verdict, the unit's checklist, the history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tracestation.station.verdicts import ScanResult, VerdictKind
from tracestation.ui.fitted_label import FittedLabel
from tracestation.ui.scan.checklist import ChecklistModel, ChecklistView
from tracestation.ui.scan.history import HistoryEntry, HistoryModel, HistoryView, visible_scan
from tracestation.ui.scan.instructions import InstructionsPanel
from tracestation.ui.scan.manual_entry import ManualEntry
from tracestation.ui.scan.override_steps import OverrideSteps
from tracestation.ui.scan.verdict_banner import TEST_FAILED, VerdictBanner
from tracestation.ui.station_state import StationSnapshot
from tracestation.ui.station_worker import Verdict
from tracestation.ui.translate import render
from tracestation.ui.verdict_text import render_result

# The core's codes for a test the unit failed (the station records it; it is no pass).
FAILED_TEST_CODES = frozenset({"test_failed"})


def is_failed_test(result: ScanResult) -> bool:
    """The core says so in a typed field (`ScanResult.verdict`); the code is the fallback."""
    if result.kind is VerdictKind.TEST_FAILED:
        return True
    return result.code in FAILED_TEST_CODES or str(result.outcome) in FAILED_TEST_CODES


class ScanPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanPage")
        self.prompt_caption = QLabel(self.tr("Next"), self)
        self.prompt_caption.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt_caption.setObjectName("promptCaption")
        self.prompt = FittedLabel(self, lines=2)
        self.prompt.setObjectName("prompt")
        self.banner = VerdictBanner(self)
        self.override = OverrideSteps(self)
        self.override.hide()
        self.checklist_title = QLabel(self)
        self.checklist_title.setTextFormat(Qt.TextFormat.PlainText)
        self.checklist_title.setObjectName("sectionTitle")
        self.checklist_model = ChecklistModel(self)
        self.checklist = ChecklistView(self.checklist_model, self)
        self.manual = ManualEntry(self)
        self.instructions = InstructionsPanel(self)
        self.history_title = QLabel(self.tr("Last scans"), self)
        self.history_title.setTextFormat(Qt.TextFormat.PlainText)
        self.history_title.setObjectName("sectionTitle")
        self.history_model = HistoryModel(self)
        self.history = HistoryView(self.history_model, self)
        self._unlisted: HistoryEntry | None = None
        self.printer: bool | None = None  # whether labels go to a printer (see render_result)
        self._layout()

    def _layout(self) -> None:
        """Prompt, verdict and checklist on the left; history and the damaged-label row on the
        right, so the page fits the 600-odd pixels a 1366x768 screen leaves under the bars."""
        prompt_box = QFrame(self)
        prompt_box.setObjectName("promptBox")
        prompt_layout = QVBoxLayout(prompt_box)
        prompt_layout.setContentsMargins(24, 8, 24, 10)
        prompt_layout.setSpacing(2)
        prompt_layout.addWidget(self.prompt_caption)
        prompt_layout.addWidget(self.prompt)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(prompt_box)
        left.addWidget(self.banner)
        left.addWidget(self.override)
        left.addWidget(self.checklist_title)
        left.addWidget(self.checklist, 1)
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.instructions)
        right.addWidget(self.history_title)
        right.addWidget(self.history, 1)
        right.addWidget(self.manual)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 10, 12, 10)
        row.setSpacing(14)
        row.addLayout(left, 3)
        row.addLayout(right, 2)

    def show_verdict(self, verdict: Verdict) -> None:
        result = verdict.result
        message = verdict.fault or render_result(result, printer=self.printer)
        request = verdict.request
        scan = visible_scan(result.scan)
        line = (
            self.tr("Scan: {scan} (entered by hand)") if request.manual else self.tr("Scan: {scan}")
        )
        look = TEST_FAILED if is_failed_test(result) else None
        self.banner.show_verdict(
            result.outcome, message, line.format(scan=scan), request.number, look
        )
        self._unlisted = HistoryEntry(
            verdict.at, result.scan, result.outcome, message, request.manual
        )
        # The prompt follows with the snapshot, as a code the operator's language can render.

    def list_last_verdict(self) -> None:
        """Add the verdict shown to the history; called after the banner is painted, so the
        table's repaint does not delay the verdict on screen."""
        if self._unlisted is not None:
            self.history_model.add(self._unlisted)
            self._unlisted = None

    def show_snapshot(self, snapshot: StationSnapshot) -> None:
        self.prompt.setText(render(snapshot.prompt_code, snapshot.prompt_params))
        self.override.show_override(snapshot.override)
        self.override.setVisible(snapshot.override is not None)
        self.checklist_model.set_lines(snapshot.checklist)
        self.instructions.show_instructions(
            snapshot.operation, snapshot.instructions, snapshot.instructions_image
        )
        if snapshot.unit and snapshot.checklist:
            self.checklist_title.setText(
                self.tr("Unit {unit} \u00b7 operation {operation} {name}").format(
                    unit=snapshot.unit,
                    operation=snapshot.operation or "",
                    name=snapshot.operation_name or "",
                )
            )
        elif snapshot.unit:
            self.checklist_title.setText(self.tr("Unit {unit}").format(unit=snapshot.unit))
        else:
            self.checklist_title.setText(
                self.tr("Bill of materials: scan a unit to see what goes in")
            )
