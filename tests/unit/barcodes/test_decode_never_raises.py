"""Bad input: `decode()` never raises and always says what was read or what went wrong."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracestation.barcodes import Decoded, decode

RS, GS, EOT = "\x1e", "\x1d", "\x04"

_CONTROL_HEAVY = st.lists(
    st.one_of(
        st.characters(min_codepoint=0, max_codepoint=0x7F),
        st.sampled_from([GS, RS, EOT, "\ufffd", "|", "{GS}", "<RS>", "{EOT}", "(", ")", "]"]),
    ),
    max_size=300,
).map("".join)
_PREFIXES = st.sampled_from(
    [
        "",
        "]C1",
        "]d2",
        "]Q3",
        "]E0",
        "]Q1",
        "]Y9",
        "]C",
        f"[)>{RS}06{GS}",
        "[)>{RS}05{GS}",
        "https://id.gs1.org/01/",
        "http://[",
        "0109506000134352",
        "00106141412345678908",
        "(01)",
        "WO:",
        "QTY:",
        "SN:",
    ]
)
_GS1_ISH = st.text(alphabet="0123456789" + "ABCxyz-/" + GS + "|", max_size=80)


def _assert_sound(decoded: Decoded) -> None:
    assert isinstance(decoded, Decoded)
    assert (decoded.error is None) == bool(decoded.fields)
    if decoded.error is not None:
        assert decoded.error.strip()
        assert "internal error" not in decoded.error, decoded.error
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in decoded.fields.items())
    assert set(decoded.to_json()) == {"kind", "symbology", "fields", "ai", "warnings", "error"}


@settings(max_examples=400)
@given(st.text())
def test_any_text_decodes_without_raising(raw: str) -> None:
    _assert_sound(decode(raw))


@settings(max_examples=400)
@given(_CONTROL_HEAVY)
def test_text_full_of_control_characters_decodes_without_raising(raw: str) -> None:
    _assert_sound(decode(raw))


@settings(max_examples=600)
@given(_PREFIXES, st.one_of(_GS1_ISH, _CONTROL_HEAVY))
def test_barcode_shaped_text_decodes_without_raising(prefix: str, rest: str) -> None:
    _assert_sound(decode(prefix + rest))


# Large inputs on purpose: the health check that warns about their size is not the point here.
@settings(max_examples=30, suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow])
@given(st.text(min_size=3000, max_size=6000))
def test_long_text_decodes_without_raising(raw: str) -> None:
    _assert_sound(decode(raw))


def test_a_ten_kilobyte_burst_is_an_error_asking_for_one_label_at_a_time() -> None:
    decoded = decode("0109506000134352" * 640)

    assert decoded.error is not None
    assert "Scan the label again" in decoded.error
    assert len(decoded.raw) <= 64


def test_bytes_the_scanner_garbled_are_an_error_asking_for_a_new_scan() -> None:
    raw = b"LOT-\xff\xfe12".decode("utf-8", errors="replace")

    decoded = decode(raw)

    assert decoded.error is not None
    assert "could not be read" in decoded.error
    assert "scan the label again" in decoded.error


def test_control_characters_in_a_bare_value_are_an_error() -> None:
    decoded = decode("AB\x07CD")

    assert decoded.kind == "bare"
    assert decoded.error is not None
    assert "control characters" in decoded.error


def test_an_empty_scan_is_an_error() -> None:
    assert decode(" \r\n").error == "The scan was empty. Scan the label again."


def test_a_quantity_with_a_huge_exponent_is_refused_not_expanded() -> None:
    decoded = decode("QTY:1e999999")

    assert decoded.kind == "station"
    assert decoded.error is not None
    assert "not a number" in decoded.error


def test_station_codes_are_still_read_first_and_keep_a_symbology_identifier() -> None:
    assert decode("WO:4711").fields == {"work_order": "4711"}
    decoded = decode("]C0SN:PUMP-7/0042")
    assert decoded.fields == {"part": "PUMP-7", "serial": "0042"}
    assert decoded.symbology == "]C0"


def test_a_bare_value_stays_the_fallback() -> None:
    decoded = decode("  BADGE-0815 \r\n")

    assert decoded.kind == "bare"
    assert decoded.fields == {"value": "BADGE-0815"}
    assert decoded.to_json()["ai"] is None
