"""What a pending override still needs from the line lead: badge, PIN, reason code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from tracestation.ui.restyle import set_style_state
from tracestation.ui.station_state import OverrideView

DONE = "\u2714"
WAITING = "\u25cb"


class OverrideSteps(QFrame):
    """Shows the three signatures of an override and ticks them as the lead scans."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("overrideSteps")
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setObjectName("overrideHeading")
        self.heading.setWordWrap(True)
        self.badge = QLabel(self)
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.pin = QLabel(self)
        self.pin.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QLabel(self)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.hint = QLabel(self.tr("Any other scan cancels the override."), self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setObjectName("overrideHint")
        steps = QHBoxLayout()
        steps.setSpacing(28)
        for label in (self.badge, self.pin, self.reason):
            steps.addWidget(label)
        steps.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(steps)
        layout.addWidget(self.hint)
        for label in (self.badge, self.pin, self.reason):
            label.setObjectName("overrideStep")
            label.setWordWrap(True)  # three in a row must fit in longer languages too
        self.override: OverrideView | None = None
        self.show_override(None)

    def rule_name(self, rule: str) -> str:
        """The waived rule in words; the core's rule codes are few and stable."""
        names = {"lot_expired": self.tr("expired lot")}
        return names.get(rule, rule.replace("_", " "))

    def show_override(self, override: OverrideView | None) -> None:
        self.override = override
        set_style_state(self, "state", "idle" if override is None else "pending", self.heading)
        if override is None:
            self.heading.setText(self.tr("Nothing waits for a lead's signature."))
            for label in (self.badge, self.pin, self.reason, self.hint):
                label.hide()
            return
        rule = self.rule_name(override.rule)
        self.heading.setText(
            self.tr("Override of \u201c{rule}\u201d for {subject}").format(
                rule=rule, subject=override.subject
            )
        )
        lead = override.lead_name
        self.badge.setText(
            f"{DONE} " + self.tr("Lead badge: {name}").format(name=lead)
            if lead
            else f"{WAITING} " + self.tr("Lead badge: scan it")
        )
        self.pin.setText(
            f"{DONE} " + self.tr("PIN accepted")
            if override.pin_ok
            else f"{WAITING} " + self.tr("PIN: scan PIN:<n>")
        )
        self.reason.setText(
            f"{DONE} " + self.tr("Reason: {code}").format(code=override.reason)
            if override.reason
            else f"{WAITING} " + self.tr("Reason code: scan RSN:<code>")
        )
        for label, done in (
            (self.badge, lead is not None),
            (self.pin, override.pin_ok),
            (self.reason, override.reason is not None),
        ):
            label.setProperty("done", "yes" if done else "no")
            label.style().unpolish(label)
            label.style().polish(label)
            label.show()
        self.hint.show()
