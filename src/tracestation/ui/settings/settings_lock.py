"""The settings behind a lead's badge and PIN, in every mode.

Station id, printer and central database decide where a station's records go: an operator must
not change them. The tab shows a lock until a lead signs (badge, then PIN, then Enter); the core's
`LeadService.open_settings` checks the signature as for any lead action (wrong tries count toward
the PIN's lock). Leaving the tab, or saving, locks it again. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from tracestation.station.lead_requests import LeadOutcome, LeadResult, LeadSignature
from tracestation.ui.lead.forms import action_button, form_layout, line_edit
from tracestation.ui.restyle import set_style_state
from tracestation.ui.settings.settings_page import SettingsPage
from tracestation.ui.station_client import StationClient
from tracestation.ui.translate import render


class SettingsLock(QWidget):
    def __init__(
        self, client: StationClient, page: SettingsPage, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsLock")
        self._client = client
        self.page = page
        self.lock = QWidget(self)
        self.lock.setObjectName("settingsLockForm")
        self.hint = QLabel(
            self.tr(
                "The station's settings (station id, printer, central database) are for a "
                "line lead. Scan your badge, then your PIN, and press Enter."
            ),
            self.lock,
        )
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.badge = line_edit(self.lock, self.tr("Lead's badge"), name="settingsBadge")
        self.pin = line_edit(self.lock, self.tr("PIN"), name="settingsPin", password=True)
        self.button = action_button(
            self.lock, self.tr("Open the settings"), kind="primary", name="settingsOpen"
        )
        self.result = QLabel(self.lock)
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self.result.setObjectName("settingsLockResult")
        self.result.setWordWrap(True)
        form = form_layout(self.lock)
        form.addRow("", self.hint)
        form.addRow(self.tr("Badge"), self.badge)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow("", self.button)
        form.addRow("", self.result)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.lock)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.badge.returnPressed.connect(self._badge_entered)
        self.pin.returnPressed.connect(self.submit)
        self.button.clicked.connect(self.submit)
        client.sig_settings_outcome.connect(self.show_outcome)
        page.sig_saved.connect(lambda _config: self.close_settings())

    @property
    def is_open(self) -> bool:
        return self.stack.currentWidget() is self.page

    def _badge_entered(self) -> None:
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        badge, pin = self.badge.text().strip(), self.pin.text()
        self.pin.clear()
        if not badge or not pin:
            self._say(self.tr("Scan or type a lead's badge and PIN."), "error")
            return
        self._say(self.tr("Checking\u2026"), "info")
        self._client.open_settings(LeadSignature(badge, pin))

    def show_outcome(self, outcome: LeadOutcome) -> None:
        if outcome.result is LeadResult.SETTINGS_OPENED:
            self.badge.clear()
            self._say("", "info")
            self.stack.setCurrentWidget(self.page)
            self.page.opened_by(outcome.params.get("name", ""))
            return
        if outcome.result is LeadResult.REFUSED and outcome.refusal:
            text = render(outcome.refusal, outcome.params)
        else:
            text = self.tr("Not opened, the station failed: {detail}").format(
                detail=outcome.detail or ""
            )
        self._say(text, "error")
        self.badge.clear()  # the next try starts with a badge scan, not one appended to this
        self.badge.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_settings(self) -> None:
        """Back to the lock: on leaving the tab, and once the settings are saved."""
        self.badge.clear()
        self.pin.clear()
        self.stack.setCurrentWidget(self.lock)

    def _say(self, text: str, kind: str) -> None:
        self.result.setText(text)
        set_style_state(self.result, "kind", kind)
