"""Keys typed anywhere in the station window, sorted into scans and a person's typing.

`WedgeKeyFilter` is installed on the QApplication. It takes key presses meant for the station
window (not for a text field: fields keep their keys, so a lead may scan a lot into the lot
field) and feeds them to the pure `WedgeBurstDetector`. A fast burst becomes `sig_burst` (a
scan for the station); slow keys become `sig_typing` (the window opens manual entry with them).
Keys it feeds are swallowed, so no button or tab reacts to a barcode's characters. A control
character typed inside a burst stays in the scan (the station reads GS, RS and EOT, and refuses
any other with its reason); dropping it would turn `A<NUL>B` into the different label `AB`.

Timing is the keys' own: each key is placed at the time its event was made (the window system's
timestamp, on this clock), not when the GUI thread got to it, so a burst that waited behind a
busy GUI thread (a verdict's paint, a table's refresh) is still one burst, and two scans 5 ms
apart are still two. A burst that a scanner ends with a terminator is not cut by the pause timer
while its keys may still be queued: the timer waits a grace (`TERMINATOR_GRACE`) for the rest.
GUI thread only.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from tracestation.scanners import (
    Key,
    KeyInput,
    ManualKeys,
    WedgeBurst,
    WedgeBurstDetector,
    WedgeConfig,
)
from tracestation.scanners.wedge import Detected

_TEXT_ENTRY = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
_FLUSH_MARGIN_MS = 5
# How long after the last key the GUI thread handled a scan-length burst may still get its rest
# (queued behind a busy GUI thread) before it is called cut off; on top of the key gap.
TERMINATOR_GRACE = 0.15
# Window-system clocks that jump (a new X server, a wrap) by more than this are taken afresh.
_CLOCK_JUMP = 5.0


def _is_control(text: str) -> bool:
    return len(text) == 1 and (ord(text) < 32 or ord(text) == 127)


def is_text_entry(widget: QObject | None) -> bool:
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, _TEXT_ENTRY)


class WedgeKeyFilter(QObject):
    sig_burst = Signal(str)  # a whole scan, as the wedge typed it
    sig_incomplete = Signal(str)  # a burst cut off by a pause where a terminator was due
    sig_typing = Signal(str)  # a person's keys outside any field

    def __init__(
        self,
        window: QWidget,
        config: WedgeConfig | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._clock = clock
        self._detector = WedgeBurstDetector(config)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._flush)
        self._swallowed: set[int] = set()
        self._alt_digits = False
        self._event_offset: float | None = None  # our clock minus the window system's
        self._last_handled = 0.0  # our clock when the last key was handled

    @property
    def config(self) -> WedgeConfig:
        return self._detector.config

    def set_config(self, config: WedgeConfig) -> None:
        self._deliver(self._detector.flush(float("inf")))
        self._detector = WedgeBurstDetector(config)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) or not isinstance(
            event, QKeyEvent
        ):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        if kind == QEvent.Type.KeyRelease:
            return self._release(event)
        if is_text_entry(QApplication.focusWidget()) or is_text_entry(watched):
            return False
        key_input = self._key_input(event)
        if key_input is None:
            return False
        self._swallowed.add(event.key())
        self._last_handled = self._clock()
        self._deliver(self._detector.feed(key_input))
        if self._detector.in_burst:
            self._timer.start(round(self.config.max_key_gap * 1000) + _FLUSH_MARGIN_MS)
        else:
            self._timer.stop()
        return True

    def _release(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Alt and self._alt_digits:
            self._alt_digits = False
            self._deliver(self._detector.feed(KeyInput.alt_release(self.event_time(event))))
            return False
        if key in self._swallowed:
            self._swallowed.discard(key)
            return True
        return False

    def event_time(self, event: QKeyEvent) -> float:
        """When the key was pressed, on this filter's clock: the event's own timestamp (ms, the
        window system's clock) moved onto ours, or now when the event has none (0)."""
        now = self._clock()
        stamp = event.timestamp()
        if not stamp:
            return now
        offset = now - stamp / 1000
        known = self._event_offset
        if known is None or offset < known or offset - known > _CLOCK_JUMP:
            # The smallest difference seen is the one with the least waiting in the queue.
            self._event_offset = known = offset
        return min(now, stamp / 1000 + known)

    def _key_input(self, event: QKeyEvent) -> KeyInput | None:
        now = self.event_time(event)
        key, text, modifiers = event.key(), event.text(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return KeyInput.enter(now) if self._detector.in_burst else None
        if key == Qt.Key.Key_Tab:
            wanted = self._detector.in_burst and Key.TAB in self.config.terminators
            return KeyInput.tab(now) if wanted else None
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if text == "\x1d" or (control and key == Qt.Key.Key_BracketRight):
            return KeyInput.ctrl_right_bracket(now)
        alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        keypad = bool(modifiers & Qt.KeyboardModifier.KeypadModifier)
        if alt and keypad and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self._alt_digits = True
            return KeyInput.alt_numpad_digit(chr(key), now)
        if self._detector.in_burst and _is_control(text):
            # A control character inside a scan (EOT typed as Ctrl+D, a byte the scanner should
            # not send): kept, so the station reads the envelope or refuses the scan naming it,
            # instead of reading what is left as another label.
            return KeyInput.char(text, now)
        altgr = control and alt  # Windows reports AltGr as Ctrl+Alt
        if modifiers & _COMMAND_MODIFIERS and not altgr:
            return None
        if text and text.isprintable():
            return KeyInput.char(text, now)
        return None

    def _flush(self) -> None:
        now = self._clock()
        if self._rest_may_be_queued(now):
            self._timer.start(_FLUSH_MARGIN_MS * 2)
            return
        self._deliver(self._detector.flush(now))
        if self._detector.in_burst:  # the timer fired a hair early: look again shortly
            self._timer.start(_FLUSH_MARGIN_MS)

    def _rest_may_be_queued(self, now: float) -> bool:
        """A scan-length burst still waiting for its terminator, whose last key the GUI thread
        handled only just now: its other keys may be queued behind a busy GUI thread."""
        config = self.config
        return (
            bool(config.terminators)
            and self._detector.pending_length >= config.min_length
            and now - self._last_handled <= config.max_key_gap + TERMINATOR_GRACE
        )

    def _deliver(self, detected: list[Detected]) -> None:
        for item in detected:
            if isinstance(item, WedgeBurst):
                if item.terminated or not self.config.terminators:
                    self.sig_burst.emit(item.text)
                else:
                    self.sig_incomplete.emit(item.text)
            elif isinstance(item, ManualKeys):
                typed = "".join(ch for ch in item.text if ch.isprintable())
                if typed:  # a person's keys, for the manual-entry field: text only
                    self.sig_typing.emit(typed)
