"""Telling a keyboard-wedge scan from a person typing, by key timing."""

from __future__ import annotations

from collections.abc import Iterable

from tracestation.scanners.wedge import (
    Detected,
    Key,
    KeyInput,
    ManualKeys,
    WedgeBurst,
    WedgeBurstDetector,
    WedgeConfig,
    alt_code_char,
)

GS = "\x1d"
SCANNER_GAP = 0.004  # a wedge scanner types a key every few milliseconds
PERSON_GAP = 0.18  # a person, even a fast one, leaves far more between keys


def scanned(text: str, start: float = 0.0, gap: float = SCANNER_GAP) -> list[KeyInput]:
    return [KeyInput.char(c, start + i * gap) for i, c in enumerate(text)]


def feed_all(detector: WedgeBurstDetector, inputs: Iterable[KeyInput]) -> list[Detected]:
    return [found for key_input in inputs for found in detector.feed(key_input)]


def test_a_fast_burst_ending_in_enter_is_a_scan() -> None:
    detector = WedgeBurstDetector()
    keys = [*scanned("WO:WO-1001"), KeyInput.enter(10 * SCANNER_GAP)]
    assert feed_all(detector, keys) == [WedgeBurst("WO:WO-1001", 0.0, 10 * SCANNER_GAP, True)]
    assert not detector.in_burst


def test_slow_typing_is_reported_as_manual_keys_and_never_as_a_scan() -> None:
    detector = WedgeBurstDetector()
    keys = [*scanned("B-1001", gap=PERSON_GAP), KeyInput.enter(6 * PERSON_GAP)]
    found = feed_all(detector, keys)
    assert all(isinstance(f, ManualKeys) for f in found)
    assert "".join(f.text for f in found if isinstance(f, ManualKeys)) == "B-1001"
    assert found[-2:] == [ManualKeys("1"), ManualKeys("", Key.ENTER)]


def test_a_single_keystroke_is_handed_over_once_the_pause_is_seen() -> None:
    detector = WedgeBurstDetector()
    assert detector.feed(KeyInput.char("7", 5.0)) == []
    assert detector.flush(5.03) == []
    assert detector.flush(5.1) == [ManualKeys("7")]
    assert detector.flush(6.0) == []


def test_ctrl_right_bracket_types_a_group_separator_inside_the_scan() -> None:
    detector = WedgeBurstDetector()
    keys = [
        *scanned("0109506000134352"),
        KeyInput.ctrl_right_bracket(0.07),
        *scanned("21SN1", start=0.074),
        KeyInput.enter(0.1),
    ]
    [burst] = feed_all(detector, keys)
    assert isinstance(burst, WedgeBurst)
    assert burst.text == "0109506000134352" + GS + "21SN1"


def test_alt_0029_on_the_numpad_types_a_group_separator_inside_the_scan() -> None:
    detector = WedgeBurstDetector()
    alt_code = [KeyInput.alt_numpad_digit(d, 0.02 + i * 0.003) for i, d in enumerate("0029")]
    keys = [
        *scanned("10L-2291"),
        *alt_code,
        KeyInput.alt_release(0.035),
        *scanned("21SN1", start=0.04),
        KeyInput.enter(0.062),
    ]
    [burst] = feed_all(detector, keys)
    assert isinstance(burst, WedgeBurst)
    assert burst.text == "10L-2291" + GS + "21SN1"


def test_a_person_typing_an_alt_code_slowly_gets_the_character_as_manual_keys() -> None:
    detector = WedgeBurstDetector()
    keys = [KeyInput.alt_numpad_digit(d, i * PERSON_GAP) for i, d in enumerate("0228")]
    found = feed_all(detector, [*keys, KeyInput.alt_release(4 * PERSON_GAP)])
    found += detector.flush(10.0)
    assert found == [ManualKeys("ä")]


def test_a_fast_burst_shorter_than_the_minimum_length_is_not_a_scan() -> None:
    detector = WedgeBurstDetector(WedgeConfig(min_length=4))
    found = feed_all(detector, [*scanned("ab1"), KeyInput.enter(0.012)])
    assert found == [ManualKeys("ab1", Key.ENTER)]
    found = feed_all(detector, [*scanned("ab12", start=1.0), KeyInput.enter(1.016)])
    assert found == [WedgeBurst("ab12", 1.0, 1.016, True)]


def test_tab_ends_the_scan_when_the_scanner_is_set_up_to_send_tab() -> None:
    detector = WedgeBurstDetector(WedgeConfig(terminators=frozenset({Key.TAB})))
    found = feed_all(detector, [*scanned("LOT:SCREW-M3/L-2291"), KeyInput.tab(0.08)])
    assert [(f.text, f.terminated) for f in found if isinstance(f, WedgeBurst)] == [
        ("LOT:SCREW-M3/L-2291", True)
    ]


def test_tab_is_part_of_the_scan_when_it_is_not_a_terminator() -> None:
    detector = WedgeBurstDetector()
    keys = [*scanned("AB"), KeyInput.tab(0.008), *scanned("CD", start=0.012), KeyInput.enter(0.02)]
    assert feed_all(detector, keys) == [WedgeBurst("AB\tCD", 0.0, 0.02, True)]


def test_a_burst_without_terminator_comes_out_when_flushed_after_the_pause() -> None:
    detector = WedgeBurstDetector()
    assert feed_all(detector, scanned("SN:000123")) == []
    last_key = 8 * SCANNER_GAP
    assert detector.flush(last_key + 0.01) == []
    assert detector.flush(last_key + 0.2) == [WedgeBurst("SN:000123", 0.0, last_key, False)]


def test_two_scans_in_quick_succession_are_two_scans() -> None:
    detector = WedgeBurstDetector()
    keys = [
        *scanned("WO:1001"),
        KeyInput.enter(0.028),
        *scanned("OPN:20", start=0.032),
        KeyInput.enter(0.056),
    ]
    assert [f.text for f in feed_all(detector, keys)] == ["WO:1001", "OPN:20"]


def test_a_person_typing_right_after_a_scan_without_terminator_ends_the_scan() -> None:
    detector = WedgeBurstDetector()
    found = feed_all(detector, [*scanned("SN:42424242"), KeyInput.char("x", 1.0)])
    assert found == [WedgeBurst("SN:42424242", 0.0, 10 * SCANNER_GAP, False)]
    assert detector.flush(2.0) == [ManualKeys("x")]


def test_alt_codes_follow_windows_code_pages_and_control_codes_stay_control_codes() -> None:
    assert alt_code_char("0029") == GS
    assert alt_code_char("029") == GS
    assert alt_code_char("30") == "\x1e"
    assert alt_code_char("04") == "\x04"
    assert alt_code_char("0228") == "ä"  # Windows-1252
    assert alt_code_char("132") == "ä"  # code page 437
    assert alt_code_char("65") == "A"
