r"""What of a scan may be shown or stored: a PIN is masked before it leaves the decoder, bytes
that are not text and control characters are refused and spelled out (`\xff`, `\x00`)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracestation.barcodes import PIN_MASK, decode, shown_scan
from tracestation.station.resolve import PinScan

GS, RS, EOT = "\x1d", "\x1e", "\x04"


def not_utf8(data: bytes) -> str:
    """Bytes as the serial scanner hands them on (bytes that are not UTF-8 kept as such)."""
    return data.decode("utf-8", errors="surrogateescape")


def test_a_pin_scan_is_masked_and_only_the_decoded_pin_holds_it() -> None:
    decoded = decode("PIN:4321")

    assert decoded.ok and decoded.kind == "station"
    assert decoded.raw == "PIN:****"
    assert decoded.fields == {"pin": "****"}
    assert decoded.pin == "4321"
    assert "4321" not in repr(decoded)
    assert "4321" not in json.dumps(decoded.to_json())


def test_the_pin_scan_resolved_for_the_override_does_not_print_the_pin() -> None:
    assert "4321" not in repr(PinScan("4321"))


@pytest.mark.parametrize("raw", ["PIN:1", "PIN:4321", "PIN:123456789012", " PIN:4321\r\n"])
def test_the_mask_is_the_same_for_every_pin_so_it_tells_nothing_of_its_length(raw: str) -> None:
    assert shown_scan(raw).strip() == PIN_MASK
    assert decode(raw).raw.strip() == PIN_MASK


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("]C1PIN:4321", "]C1PIN:****"),
        ("pin:4321", "PIN:****"),
        ("PIN:12a4", "PIN:****"),
        ("PIN:", "PIN:****"),
        ("B-9001PIN:4321", "B-9001PIN:****"),
    ],
)
def test_a_pin_behind_an_identifier_in_lower_case_malformed_or_run_together_is_masked(
    raw: str, shown: str
) -> None:
    decoded = decode(raw)

    assert decoded.raw == shown
    assert "4321" not in repr(decoded) and "12a4" not in repr(decoded)
    assert "4321" not in (decoded.error or "")


def test_a_pin_in_lower_case_is_still_read_as_a_pin_never_as_a_serial_to_look_up() -> None:
    assert decode("pin:4321").pin == "4321"


def test_a_pin_run_together_with_another_label_is_refused_not_looked_up() -> None:
    decoded = decode("B-9001PIN:4321")

    assert decoded.fields == {}
    assert decoded.error is not None
    assert "run together" in decoded.error and "one label at a time" in decoded.error


def test_bytes_that_are_not_utf8_are_refused_naming_the_bytes() -> None:
    decoded = decode(not_utf8(b"LOT-\xff\xfe12"))

    assert decoded.error is not None
    assert "the scanner sent bytes that are not text (\\xff\\xfe)" in decoded.error
    assert "Check the scanner's character set" in decoded.error
    assert decoded.raw == "LOT-\\xff\\xfe12"
    decoded.raw.encode("utf-8")  # shown text is text: any database and terminal take it


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ("AB\x00CD", "\\x00"),
        ("WO:\x00", "\\x00"),
        ("LOT:CAP-220/C-77\x0781", "\\x07"),
        ("SN:PCB\x1b[A", "\\x1b"),
        ("]C1\x00", "\\x00"),
        ("QTY:4\x7f", "\\x7f"),
        ("PN:CAP\x85", "\\x85"),
    ],
)
def test_a_nul_or_control_character_anywhere_in_a_scan_is_refused_naming_it(
    raw: str, named: str
) -> None:
    decoded = decode(raw)

    assert decoded.error is not None and decoded.fields == {}
    assert "control characters" in decoded.error
    assert f"({named})" in decoded.error
    assert named in decoded.raw


def test_gs_rs_and_eot_stay_as_they_are_for_gs1_and_iso15434_labels() -> None:
    envelope = f"[)>{RS}06{GS}PCAP-220{GS}1TC-7781{GS}Q2000{RS}{EOT}"

    decoded = decode(envelope)

    assert decoded.ok and decoded.raw == envelope
    assert shown_scan(envelope) == envelope


_ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec=None, categories=None),  # surrogates and controls included
        st.sampled_from([GS, RS, EOT, "\x00", "\udcff", "P", "I", "N", "p", ":", "4"]),
    ),
    max_size=60,
)


@settings(max_examples=500)
@given(prefix=st.sampled_from(["", "PIN:", "pin:", "]C1PIN:", "LOT:", "SN:X"]), rest=_ANY_TEXT)
def test_shown_text_holds_no_pin_and_only_what_any_database_and_terminal_take(
    prefix: str, rest: str
) -> None:
    shown = shown_scan(prefix + rest)

    shown.encode("utf-8")
    assert not any(ord(ch) < 32 and ch not in (GS, RS, EOT) for ch in shown)
    assert not any(0x7F <= ord(ch) < 0xA0 for ch in shown)
    pin_at = shown.upper().find("PIN:")
    assert pin_at < 0 or shown[pin_at:] == PIN_MASK, "nothing after the prefix but the mask"
    assert shown_scan(shown) == shown, "shown text stays as it is when shown again"
