"""The line lead's panel: pending override, lot actions, nonconformances, deviations, labels,
unlocking another lead's PIN, and resolving the conflicts the centre raised.

Every action is signed with the lead's badge and PIN and runs on the station worker (the core's
`LeadService`, as the `lot` commands do); the answer appears in the result line (never a
dialog). A scanner alone will do: on this tab the window hands every scan to the panel
(`take_scan`), where a badge is the lead's signature, not a log-in, and badge -> PIN -> reason
code -> action -> lot, unit or carton make one signed action (`ScanDesk`, the core's
`LeadScans`). Typed, Enter in the badge field moves to the PIN. The PIN is never shown and is
forgotten after each action.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from tracestation.barcodes import shown_scan
from tracestation.messages.verdicts import Verdict
from tracestation.station.lead_requests import (
    LeadOutcome,
    LeadRequest,
    LeadResult,
    LeadSignature,
    ReprintLabel,
)
from tracestation.station.queries import Deviation, OpenConflict
from tracestation.ui.lead.conflicts_form import ConflictsForm
from tracestation.ui.lead.deviations import DeviationsModel, DeviationsView
from tracestation.ui.lead.forms import line_edit
from tracestation.ui.lead.labels_tab import LabelsTab
from tracestation.ui.lead.lot_actions_form import LotActionsForm
from tracestation.ui.lead.nonconformance_form import NonconformanceForm
from tracestation.ui.lead.outcome_text import answer_to
from tracestation.ui.lead.pin_form import PinForm
from tracestation.ui.lead.reprint_preview import DeskReprintPreview
from tracestation.ui.lead.scan_desk import ScanDesk
from tracestation.ui.restyle import set_style_state
from tracestation.ui.scan.override_steps import OverrideSteps
from tracestation.ui.station_client import StationClient
from tracestation.ui.station_state import StationSnapshot
from tracestation.ui.translate import render


class LeadPage(QWidget):
    def __init__(self, client: StationClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadPage")
        self._client = client
        self.override = OverrideSteps(self)
        self.badge = line_edit(self, self.tr("Lead badge (scan it here)"), name="leadBadge")
        self.pin = line_edit(self, self.tr("PIN"), name="leadPin", password=True)
        self.desk = ScanDesk(self)
        self.result = QLabel(self.tr("Sign with your badge and PIN, then choose an action."), self)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setObjectName("leadResult")
        self.result.setWordWrap(True)
        self.desk_preview = DeskReprintPreview(client, self)
        self.lots = LotActionsForm(self)
        self.nonconformance = NonconformanceForm(self)
        self.reprint = LabelsTab(client, self)
        self.pins = PinForm(self)
        self.conflicts = ConflictsForm(self)
        self.deviations_model = DeviationsModel(self)
        self.deviations = DeviationsView(self.deviations_model, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("leadTabs")
        self.tabs.addTab(self.lots, self.tr("Lots"))
        self.tabs.addTab(self.nonconformance, self.tr("Nonconformance"))
        self.tabs.addTab(self.deviations, self.tr("Deviations"))
        self.tabs.addTab(self.reprint, self.tr("Labels"))
        self.tabs.addTab(self.pins, self.tr("PINs"))
        self.tabs.addTab(self.conflicts, self.tr("Conflicts"))
        self._layout()
        for form in (self.lots, self.nonconformance, self.reprint, self.pins, self.conflicts):
            form.sig_request.connect(self.submit)
        client.sig_lead_outcome.connect(self.show_outcome)
        client.sig_deviations.connect(self.show_deviations)
        client.sig_conflicts.connect(self.show_conflicts)
        client.sig_defects.connect(self.nonconformance.set_defects)
        # A pull may bring conflicts the centre raised: list them again after each sync.
        client.sig_sync_status.connect(self._synced)
        self.conflicts.sig_refresh.connect(client.list_conflicts)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.desk.sig_request.connect(self._send)
        self.desk.sig_answer.connect(self._desk_says)
        self.badge.returnPressed.connect(self._badge_entered)
        self.badge.textEdited.connect(self._badge_edited)
        self.pin.returnPressed.connect(self._pin_entered)
        self._override_pending = False

    def _layout(self) -> None:
        signature = QFrame(self)
        signature.setObjectName("signatureBox")
        row = QHBoxLayout(signature)
        row.setContentsMargins(16, 10, 16, 10)
        caption = QLabel(self.tr("Signed by"), signature)
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setObjectName("sectionTitle")
        row.addWidget(caption)
        row.addWidget(self.badge, 2)
        row.addWidget(self.pin, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        layout.addWidget(self.override)
        layout.addWidget(signature)
        layout.addWidget(self.desk)
        answer = QHBoxLayout()
        answer.addWidget(self.result, 1)
        answer.addWidget(self.desk_preview)
        layout.addLayout(answer)
        layout.addWidget(self.tabs, 1)

    def show_snapshot(self, snapshot: StationSnapshot) -> None:
        self.override.show_override(snapshot.override)
        self._override_pending = snapshot.override is not None

    # -- scans ------------------------------------------------------------------------------

    def wants_scans(self) -> bool:
        """Whether a scan made on this tab is the panel's; an override the station waits for
        is signed at the station (badge, PIN, reason), unless a signature here has begun."""
        return not self._override_pending or bool(self.desk.scans.badge)

    def take_scan(self, raw: str) -> None:
        """A scan made on this tab: a step of the lead's signature and action."""
        self.desk_preview.put_away()
        self.desk.take(raw)
        self._show_signature()

    def take_incomplete(self, raw: str) -> None:
        self._say(render(Verdict.SCAN_PARTIAL, {"scan": shown_scan(raw)}), "error")

    def begin_typing(self, text: str) -> None:
        """Keys typed on this tab outside any field: the lead is typing a badge."""
        self.badge.setFocus()
        self.badge.setText(self.badge.text() + text)

    def _badge_entered(self) -> None:
        text = self.badge.text().strip()
        if text:
            self.take_scan(text)
        if self.desk.scans.badge and not self.desk.scans.pin:
            self.pin.setFocus()

    def _badge_edited(self, _text: str) -> None:
        if self.desk.scans.badge:
            self.desk.forget()  # a badge typed anew starts a new signature
            self._show_signature(keep_badge_text=True)

    def _pin_entered(self) -> None:
        text = self.pin.text()
        self.pin.clear()
        if text:
            self.take_scan(f"PIN:{text}" if text.isdigit() else text)
        self.setFocus()  # the next scans (reason, action) come to the panel

    def _show_signature(self, keep_badge_text: bool = False) -> None:
        scans = self.desk.scans
        if not keep_badge_text:
            self.badge.setText(scans.badge)
        self.pin.clear()
        self.pin.setPlaceholderText(self.tr("PIN:****") if scans.pin else self.tr("PIN"))

    def _desk_says(self, text: str, kind: str) -> None:
        self._show_signature()  # a signature timed out clears its badge too
        self._say(text, kind)

    # -- actions ----------------------------------------------------------------------------

    def submit(self, request: LeadRequest) -> None:
        """An action from a form, signed with the scanned signature or the typed one."""
        scans = self.desk.scans
        badge = scans.badge or self.badge.text().strip()
        pin = scans.pin or self.pin.text()
        if not badge or not pin:
            self._say(self.tr("A lead signs this: scan or type your badge and PIN above."), "error")
            return
        self.desk.forget()
        self.pin.clear()
        self._say(self.tr("Working\u2026"), "info")
        self._client.lead_action(replace(request, signature=LeadSignature(badge, pin)))

    def _send(self, request: LeadRequest) -> None:
        """A request the scans made, already signed; the desk has said what is being done
        (and, for a reprint, shows the label that goes out)."""
        if isinstance(request, ReprintLabel):
            self.desk_preview.ask(request)
        self._client.lead_action(request)

    def show_outcome(self, outcome: LeadOutcome) -> None:
        self._say(self.outcome_text(outcome), "success" if outcome.ok else "error")
        if self.tabs.currentWidget() is self.deviations:
            self._client.list_deviations()
        if outcome.result is LeadResult.CONFLICT_RESOLVED:
            self.conflicts.reason.clear()
        self._client.list_conflicts()

    def outcome_text(self, outcome: LeadOutcome) -> str:
        return render(*answer_to(outcome, self.action_name, self.resolution_name))

    def action_name(self, action: str) -> str:
        names = {
            "hold": self.tr("hold"),
            "release": self.tr("release"),
            "quarantine": self.tr("quarantine"),
            "scrap": self.tr("scrap"),
        }
        return names.get(action, action)

    def resolution_name(self, resolution: str) -> str:
        names = {
            "remove_link": self.tr("link removed"),
            "accept": self.tr("accepted with a deviation"),
            "scrap": self.tr("scrapped"),
        }
        return names.get(resolution, resolution)

    def show_deviations(self, rows: list[Deviation]) -> None:
        self.deviations_model.set_rows(rows)

    def show_conflicts(self, rows: list[OpenConflict]) -> None:
        self.conflicts.show_conflicts(rows)
        index = self.tabs.indexOf(self.conflicts)
        title = self.tr("Conflicts ({count})").format(count=len(rows)) if rows else ""
        self.tabs.setTabText(index, title or self.tr("Conflicts"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._client.list_conflicts()

    def _synced(self, _status: object) -> None:
        if self.isVisible():
            self._client.list_conflicts()

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.nonconformance:
            self._client.list_defects()
        if self.tabs.currentWidget() is self.deviations:
            self._client.list_deviations()
        if self.tabs.currentWidget() is self.conflicts:
            self._client.list_conflicts()

    def _say(self, text: str, kind: str) -> None:
        self.result.setText(text)
        set_style_state(self.result, "kind", kind)
