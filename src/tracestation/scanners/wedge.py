"""Telling a keyboard-wedge scanner from a person typing, by the rhythm of the keys.

A wedge scanner "types" a whole barcode in a few milliseconds per key and usually ends it with
Enter; a person leaves tens of milliseconds or more between keys. `WedgeBurstDetector` turns
key events into `WedgeBurst` (a scan) or `ManualKeys` (typing the window should route to the
manual-entry field, or ignore).

Manual-entry mode is not this module's business: while the operator has the manual-entry
field open, the window sends keys straight to that field and does not feed this detector.

Pure and Qt-free. Threading: not thread-safe; feed and flush from one thread (the GUI thread,
where key events arrive), with timestamps in seconds from one monotonic clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

GS = "\x1d"


class Key(Enum):
    """The keys a wedge scanner presses that matter to the detector."""

    CHAR = "char"  # a key that types `text`
    ENTER = "enter"
    TAB = "tab"
    CTRL_RIGHT_BRACKET = "ctrl+]"  # how many wedges type GS (ASCII 29)
    ALT_NUMPAD_DIGIT = "alt+numpad digit"  # Alt held, a digit on the numpad: Alt+0029 is GS
    ALT_RELEASE = "alt release"  # ends an Alt+numpad code


@dataclass(frozen=True)
class KeyInput:
    """One key press as the window saw it; `text` is the character (CHAR) or digit."""

    key: Key
    timestamp: float
    text: str = ""

    def __post_init__(self) -> None:
        if self.key is Key.CHAR and not self.text:
            raise ValueError("A CHAR key input needs the text it typed.")
        if self.key is Key.ALT_NUMPAD_DIGIT and not (len(self.text) == 1 and self.text.isdigit()):
            raise ValueError(f"An Alt+numpad key input needs one digit, not {self.text!r}.")

    @classmethod
    def char(cls, text: str, timestamp: float) -> KeyInput:
        return cls(Key.CHAR, timestamp, text)

    @classmethod
    def enter(cls, timestamp: float) -> KeyInput:
        return cls(Key.ENTER, timestamp)

    @classmethod
    def tab(cls, timestamp: float) -> KeyInput:
        return cls(Key.TAB, timestamp)

    @classmethod
    def ctrl_right_bracket(cls, timestamp: float) -> KeyInput:
        return cls(Key.CTRL_RIGHT_BRACKET, timestamp)

    @classmethod
    def alt_numpad_digit(cls, digit: str, timestamp: float) -> KeyInput:
        return cls(Key.ALT_NUMPAD_DIGIT, timestamp, digit)

    @classmethod
    def alt_release(cls, timestamp: float) -> KeyInput:
        return cls(Key.ALT_RELEASE, timestamp)


@dataclass(frozen=True)
class WedgeConfig:
    """How this station's wedge scanner types.

    `max_key_gap`: keys closer together than this belong to one burst; a longer pause ends the
    burst. `min_length`: shorter bursts are taken for a person's fast fingers, not a scan.
    `terminators`: the keys the scanner is configured to send after a barcode (Enter by
    default; add Tab for scanners set up to fill forms). An empty set means the scanner sends
    none: a burst then ends only by the pause, and comes out with `terminated=False`.
    """

    max_key_gap: float = 0.05
    min_length: int = 4
    terminators: frozenset[Key] = field(default_factory=lambda: frozenset({Key.ENTER}))

    def __post_init__(self) -> None:
        if self.max_key_gap <= 0 or self.min_length < 1:
            raise ValueError("max_key_gap must be positive and min_length at least 1.")
        if not self.terminators <= {Key.ENTER, Key.TAB}:
            raise ValueError("Only Enter and Tab can terminate a scan.")


@dataclass(frozen=True)
class WedgeBurst:
    """A scan typed by the scanner; `terminated` is False when it ended by a pause instead."""

    text: str
    started_at: float
    ended_at: float
    terminated: bool


@dataclass(frozen=True)
class ManualKeys:
    """Keys a person typed: `text`, then the Enter or Tab that ended it, if any."""

    text: str
    terminator: Key | None = None


Detected = WedgeBurst | ManualKeys

_TYPED_BY_KEY = {Key.ENTER: "\r", Key.TAB: "\t", Key.CTRL_RIGHT_BRACKET: GS}


class WedgeBurstDetector:
    """Groups key inputs into runs of fast keys and decides what each run was.

    A run ends at a terminator key or at a pause longer than `max_key_gap`. The pause is seen
    when the next key arrives, or when the window calls `flush(now)`: call it from a timer a
    little after the last key (e.g. `max_key_gap` later) so neither a scan without terminator
    nor a person's single keystroke waits for the next key.
    """

    def __init__(self, config: WedgeConfig | None = None) -> None:
        self.config = config or WedgeConfig()
        self._chars: list[str] = []
        self._started_at = 0.0
        self._last_at: float | None = None
        self._alt_digits = ""

    @property
    def in_burst(self) -> bool:
        """True while keys are pending a decision (the window may hold back the manual field)."""
        return self._last_at is not None

    @property
    def pending_length(self) -> int:
        """Characters of the run not decided yet."""
        return len(self._chars)

    def feed(self, key_input: KeyInput) -> list[Detected]:
        """Take one key; return the runs it completes (usually none, at most two)."""
        detected = self.flush(key_input.timestamp)
        if self._last_at is None:
            self._started_at = key_input.timestamp
        self._last_at = key_input.timestamp
        key = key_input.key
        if key is Key.ALT_NUMPAD_DIGIT:
            # Kept across pauses: a person types Alt codes slowly.
            self._alt_digits += key_input.text
            return detected
        if key is Key.ALT_RELEASE and self._alt_digits:
            self._chars.append(alt_code_char(self._alt_digits))
        elif key in self.config.terminators:
            detected.extend(self._end_run(terminator=key))
        elif key is not Key.ALT_RELEASE:
            self._chars.append(key_input.text if key is Key.CHAR else _TYPED_BY_KEY[key])
        self._alt_digits = ""
        return detected

    def flush(self, now: float) -> list[Detected]:
        """End the pending run if no key came for longer than `max_key_gap` before `now`."""
        if self._last_at is None or now - self._last_at <= self.config.max_key_gap:
            return []
        return self._end_run(terminator=None)

    def _end_run(self, terminator: Key | None) -> list[Detected]:
        text = "".join(self._chars)
        started_at, ended_at = self._started_at, self._last_at or self._started_at
        self._chars.clear()
        self._last_at = None
        if len(text) >= self.config.min_length:
            return [WedgeBurst(text, started_at, ended_at, terminated=terminator is not None)]
        if text or terminator is not None:
            return [ManualKeys(text, terminator)]
        return []


def alt_code_char(digits: str) -> str:
    """The character Windows types for Alt+`digits` on the numpad.

    Codes below 32 are the ASCII control characters themselves (Alt+0029 and Alt+029 are both
    GS), which is what scanners mean by them. Otherwise a leading 0 selects Windows-1252 and
    no leading 0 the OEM code page 437, as Windows does; larger codes are Unicode.
    """
    code = int(digits)
    if code < 32 or code == 127:
        return chr(code)
    if code < 256:
        codec = "cp1252" if digits.startswith("0") else "cp437"
        return bytes([code]).decode(codec, errors="replace")
    return chr(code) if code <= 0x10FFFF else "\ufffd"
