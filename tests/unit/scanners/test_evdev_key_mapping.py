"""Linux key codes of a grabbed wedge scanner turned into characters (US layout)."""

from __future__ import annotations

import sys

import pytest

from tracestation.scanners.evdev_grab import EvdevScanner
from tracestation.scanners.evdev_keys import (
    KEY_DOWN,
    KEY_ENTER,
    KEY_KPENTER,
    KEY_LEFTALT,
    KEY_LEFTCTRL,
    KEY_LEFTSHIFT,
    KEY_REPEAT,
    KEY_RIGHTBRACE,
    KEY_UP,
    EvdevKeyTranslator,
    keycode_to_char,
)
from tracestation.scanners.events import ScannerUnavailable
from tracestation.scanners.wedge import Key, KeyInput, WedgeBurst, WedgeBurstDetector

KEY_A, KEY_S, KEY_N, KEY_1, KEY_2, KEY_6, KEY_MINUS, KEY_SEMICOLON = 30, 31, 49, 2, 3, 7, 12, 39
KEY_D, KEY_CAPSLOCK, KEY_KP0, KEY_KP2, KEY_KP9 = 32, 58, 82, 80, 73


def test_key_codes_map_to_us_layout_characters_with_and_without_shift() -> None:
    assert keycode_to_char(KEY_A) == "a"
    assert keycode_to_char(KEY_A, shift=True) == "A"
    assert keycode_to_char(KEY_1) == "1"
    assert keycode_to_char(KEY_1, shift=True) == "!"
    assert keycode_to_char(KEY_MINUS) == "-"
    assert keycode_to_char(KEY_SEMICOLON, shift=True) == ":"
    assert keycode_to_char(KEY_KP9) == "9"
    assert keycode_to_char(KEY_LEFTSHIFT) is None


def test_caps_lock_shifts_letters_but_not_digits() -> None:
    assert keycode_to_char(KEY_A, caps_lock=True) == "A"
    assert keycode_to_char(KEY_A, shift=True, caps_lock=True) == "a"
    assert keycode_to_char(KEY_1, caps_lock=True) == "1"


def press(code: int) -> list[tuple[int, int]]:
    return [(code, KEY_DOWN), (code, KEY_UP)]


def shifted(code: int) -> list[tuple[int, int]]:
    return [(KEY_LEFTSHIFT, KEY_DOWN), *press(code), (KEY_LEFTSHIFT, KEY_UP)]


def translate(events: list[tuple[int, int]]) -> list[KeyInput]:
    translator = EvdevKeyTranslator()
    inputs = (
        translator.translate(code, value, i * 0.002) for i, (code, value) in enumerate(events)
    )
    return [key_input for key_input in inputs if key_input is not None]


def test_a_scanned_key_sequence_reads_as_the_barcode_through_the_burst_detector() -> None:
    events = [
        *shifted(KEY_S),
        *shifted(KEY_N),
        *shifted(KEY_SEMICOLON),
        *press(KEY_1),
        *press(KEY_2),
        *press(KEY_A),
        *press(KEY_ENTER),
    ]
    detector = WedgeBurstDetector()
    found = [f for key_input in translate(events) for f in detector.feed(key_input)]
    assert [(f.text, f.terminated) for f in found if isinstance(f, WedgeBurst)] == [
        ("SN:12a", True)
    ]


def test_ctrl_right_bracket_is_the_group_separator_key() -> None:
    events = [(KEY_LEFTCTRL, KEY_DOWN), *press(KEY_RIGHTBRACE), (KEY_LEFTCTRL, KEY_UP)]
    assert [k.key for k in translate(events)] == [Key.CTRL_RIGHT_BRACKET]


def test_other_ctrl_keys_type_their_control_characters() -> None:
    ctrl_shift_6 = [(KEY_LEFTCTRL, KEY_DOWN), *shifted(KEY_6), (KEY_LEFTCTRL, KEY_UP)]
    ctrl_d = [(KEY_LEFTCTRL, KEY_DOWN), *press(KEY_D), (KEY_LEFTCTRL, KEY_UP)]
    assert [k.text for k in translate(ctrl_shift_6 + ctrl_d)] == ["\x1e", "\x04"]


def test_alt_with_numpad_digits_is_an_alt_code_ended_by_releasing_alt() -> None:
    events = [
        (KEY_LEFTALT, KEY_DOWN),
        *press(KEY_KP0),
        *press(KEY_KP0),
        *press(KEY_KP2),
        *press(KEY_KP9),
        (KEY_LEFTALT, KEY_UP),
    ]
    inputs = translate(events)
    assert [(k.key, k.text) for k in inputs] == [
        (Key.ALT_NUMPAD_DIGIT, "0"),
        (Key.ALT_NUMPAD_DIGIT, "0"),
        (Key.ALT_NUMPAD_DIGIT, "2"),
        (Key.ALT_NUMPAD_DIGIT, "9"),
        (Key.ALT_RELEASE, ""),
    ]


def test_auto_repeat_does_not_type_and_both_enter_keys_are_enter() -> None:
    events = [(KEY_A, KEY_DOWN), (KEY_A, KEY_REPEAT), (KEY_A, KEY_REPEAT), (KEY_A, KEY_UP)]
    events += press(KEY_ENTER) + press(KEY_KPENTER)
    assert [(k.key, k.text) for k in translate(events)] == [
        (Key.CHAR, "a"),
        (Key.ENTER, ""),
        (Key.ENTER, ""),
    ]


def test_caps_lock_pressed_by_the_scanner_toggles_letters() -> None:
    events = press(KEY_CAPSLOCK) + press(KEY_A) + press(KEY_CAPSLOCK) + press(KEY_A)
    assert [k.text for k in translate(events)] == ["A", "a"]


def test_without_the_evdev_package_the_grab_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "evdev", None)  # makes `import evdev` fail
    with pytest.raises(ScannerUnavailable, match="evdev"):
        EvdevScanner("/dev/input/by-id/usb-Scanner-event-kbd", on_scan=print)
