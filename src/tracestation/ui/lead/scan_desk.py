"""The lead's signature and action by scanner alone, shown as steps above the panel's forms.

The scans themselves are the core's `LeadScans`: this widget feeds it each scan, shows the
steps and what the core says, and passes a ready request on (`sig_request`); the PIN stays in
`LeadScans` and is shown as `****`. A signature left half done is forgotten after a quiet while.
GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from tracestation.messages.lead_desk import LeadReason
from tracestation.station.lead_scans import LeadScans
from tracestation.ui.translate import render, render_all

DONE = "\u2714"
WAITING = "\u25cb"
QUIET_MS = 90_000  # a badge and PIN scanned, then nothing: forgotten after this


class ScanDesk(QLabel):
    sig_request = Signal(object)  # a LeadRequest, signed with the scanned badge and PIN
    sig_answer = Signal(str, str)  # what the desk says, and its kind ("info" or "error")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadSteps")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.scans = LeadScans()
        self.quiet = QTimer(self)
        self.quiet.setSingleShot(True)
        self.quiet.setInterval(QUIET_MS)
        self.quiet.timeout.connect(self._timed_out)
        self.show_steps()

    def take(self, raw: str) -> None:
        self.scans, answer = self.scans.take(raw)
        self.show_steps()
        if self.scans.badge:
            self.quiet.start()
        else:
            self.quiet.stop()
        self.sig_answer.emit(render_all(answer.says), "info" if answer.taken else "error")
        if answer.request is not None:
            self.sig_request.emit(answer.request)

    def forget(self) -> None:
        """Drop what was scanned (the PIN with it)."""
        self.scans = LeadScans()
        self.quiet.stop()
        self.show_steps()

    def show_steps(self) -> None:
        s = self.scans
        steps = [
            self._step(bool(s.badge), self.tr("Badge {badge}").format(badge=s.badge))
            if s.badge
            else self._step(False, self.tr("Badge: scan it")),
            self._step(True, self.tr("PIN ****"))
            if s.pin
            else self._step(False, self.tr("PIN: scan PIN:<n>")),
            self._step(True, self.tr("Reason {reason}").format(reason=self._reason(s.reason)))
            if s.reason
            else self._step(False, self.tr("Reason: scan RSN:<code>")),
            self._step(True, render(s.command))
            if s.command is not None
            else self._step(False, self.tr("Action: scan CMD:<action>")),
        ]
        if s.subject:
            steps.append(self._step(True, s.subject))
        self.setText("   ".join(steps))

    def _reason(self, code: str) -> str:
        known = next((r for r in LeadReason if r.value == code), None)
        return f"{code} ({render(known)})" if known is not None else code

    def _step(self, done: bool, text: str) -> str:
        return f"{DONE if done else WAITING} {text}"

    def _timed_out(self) -> None:
        self.scans, answer = self.scans.timed_out()
        self.show_steps()
        self.sig_answer.emit(render_all(answer.says), "info")
