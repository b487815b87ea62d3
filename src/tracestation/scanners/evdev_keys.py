"""Linux input key codes to characters and wedge key inputs (US layout), without evdev itself.

Scanners in keyboard mode send USB HID key codes, which Linux reports as the codes in
`linux/input-event-codes.h`; most scanners are set up for the US layout. Pure: not thread-safe,
one translator per device, used by the thread that reads the device.
"""

from __future__ import annotations

from tracestation.scanners.wedge import KeyInput

# code: (unshifted, shifted)
_US_LAYOUT: dict[int, tuple[str, str]] = {
    2: ("1", "!"), 3: ("2", "@"), 4: ("3", "#"), 5: ("4", "$"), 6: ("5", "%"),
    7: ("6", "^"), 8: ("7", "&"), 9: ("8", "*"), 10: ("9", "("), 11: ("0", ")"),
    12: ("-", "_"), 13: ("=", "+"),
    16: ("q", "Q"), 17: ("w", "W"), 18: ("e", "E"), 19: ("r", "R"), 20: ("t", "T"),
    21: ("y", "Y"), 22: ("u", "U"), 23: ("i", "I"), 24: ("o", "O"), 25: ("p", "P"),
    26: ("[", "{"), 27: ("]", "}"),
    30: ("a", "A"), 31: ("s", "S"), 32: ("d", "D"), 33: ("f", "F"), 34: ("g", "G"),
    35: ("h", "H"), 36: ("j", "J"), 37: ("k", "K"), 38: ("l", "L"),
    39: (";", ":"), 40: ("'", '"'), 41: ("`", "~"), 43: ("\\", "|"),
    44: ("z", "Z"), 45: ("x", "X"), 46: ("c", "C"), 47: ("v", "V"), 48: ("b", "B"),
    49: ("n", "N"), 50: ("m", "M"), 51: (",", "<"), 52: (".", ">"), 53: ("/", "?"),
    57: (" ", " "),
}  # fmt: skip

# The numpad, as typed with Num Lock on; digits double as Alt-code digits.
_NUMPAD: dict[int, str] = {
    71: "7", 72: "8", 73: "9", 75: "4", 76: "5", 77: "6", 79: "1", 80: "2", 81: "3", 82: "0",
    55: "*", 74: "-", 78: "+", 83: ".", 98: "/",
}  # fmt: skip

KEY_TAB, KEY_ENTER, KEY_KPENTER = 15, 28, 96
KEY_RIGHTBRACE = 27
KEY_LEFTCTRL, KEY_RIGHTCTRL = 29, 97
KEY_LEFTSHIFT, KEY_RIGHTSHIFT = 42, 54
KEY_LEFTALT, KEY_RIGHTALT = 56, 100
KEY_CAPSLOCK = 58

_SHIFT = {KEY_LEFTSHIFT, KEY_RIGHTSHIFT}
_CTRL = {KEY_LEFTCTRL, KEY_RIGHTCTRL}
_ALT = {KEY_LEFTALT, KEY_RIGHTALT}

KEY_UP, KEY_DOWN, KEY_REPEAT = 0, 1, 2


def keycode_to_char(code: int, *, shift: bool = False, caps_lock: bool = False) -> str | None:
    """The character a US keyboard types for `code`, or None for a key that types none.

    Caps Lock shifts letters only, as on a real keyboard.
    """
    if code in _NUMPAD:
        return _NUMPAD[code]
    pair = _US_LAYOUT.get(code)
    if pair is None:
        return None
    plain, shifted = pair
    if caps_lock and plain.isalpha():
        shift = not shift
    return shifted if shift else plain


def control_char(char: str) -> str | None:
    """Ctrl+`char` as ASCII: Ctrl+D is EOT, Ctrl+^ (Shift+6) is RS; None for other keys."""
    code = ord(char.upper())
    return chr(code - 64) if 64 <= code <= 95 else None


class EvdevKeyTranslator:
    """Follows the modifier keys of one device and turns key events into `KeyInput`s.

    Feed every EV_KEY event (`code`, `value`: 0 up, 1 down, 2 auto-repeat) in order.
    """

    def __init__(self) -> None:
        self._held: set[int] = set()
        self._caps_lock = False

    def translate(self, code: int, value: int, timestamp: float) -> KeyInput | None:
        if value == KEY_UP:
            self._held.discard(code)
            return KeyInput.alt_release(timestamp) if code in _ALT and not self._alt else None
        if value != KEY_DOWN:
            return None  # scanners do not auto-repeat; a stuck key must not type a barcode
        self._held.add(code)
        if code == KEY_CAPSLOCK:
            self._caps_lock = not self._caps_lock
            return None
        if code in (KEY_ENTER, KEY_KPENTER):
            return KeyInput.enter(timestamp)
        if code == KEY_TAB:
            return KeyInput.tab(timestamp)
        if self._alt and code in _NUMPAD and _NUMPAD[code].isdigit():
            return KeyInput.alt_numpad_digit(_NUMPAD[code], timestamp)
        char = keycode_to_char(code, shift=self._shift, caps_lock=self._caps_lock)
        if char is None:
            return None
        if self._ctrl:
            if code == KEY_RIGHTBRACE:
                return KeyInput.ctrl_right_bracket(timestamp)
            control = control_char(char)
            return None if control is None else KeyInput.char(control, timestamp)
        return KeyInput.char(char, timestamp)

    @property
    def _shift(self) -> bool:
        return bool(self._held & _SHIFT)

    @property
    def _ctrl(self) -> bool:
        return bool(self._held & _CTRL)

    @property
    def _alt(self) -> bool:
        return bool(self._held & _ALT)
