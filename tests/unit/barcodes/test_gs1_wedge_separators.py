"""Keyboard wedges and the FNC1 separator: substitutes, and lots that swallow further AIs."""

from __future__ import annotations

import pytest

from tracestation.barcodes import DecodeOptions, decode

GS = "\x1d"
GTIN = "0109506000134352"


@pytest.mark.parametrize("substitute", ["|", "{GS}", "<GS>"])
def test_the_default_gs_substitutes_separate_fields(substitute: str) -> None:
    decoded = decode(f"]C1{GTIN}10ABC{substitute}17270630")

    assert decoded.error is None
    assert decoded.fields == {"gtin": "09506000134352", "lot": "ABC", "expiry": "2027-06-30"}


def test_substitutes_also_mark_gs1_data_without_a_symbology_identifier() -> None:
    decoded = decode(f"{GTIN}10ABC|21S9")

    assert decoded.kind == "gs1"
    assert decoded.fields["serial"] == "S9"


def test_a_station_can_configure_its_own_substitute() -> None:
    options = DecodeOptions(gs_substitutes=("#",))

    assert decode(f"]C1{GTIN}10ABC#21S9", options).fields["lot"] == "ABC"
    assert decode(f"]C1{GTIN}10ABC|21S9", options).error is not None


def test_a_lot_swallowing_an_expiry_date_gives_a_warning_naming_it() -> None:
    decoded = decode(f"]C1{GTIN}10ABC17270630")

    assert decoded.error is None
    assert decoded.fields["lot"] == "ABC17270630"
    assert len(decoded.warnings) == 1
    assert "(17)270630" in decoded.warnings[0]
    assert "FNC1" in decoded.warnings[0]


def test_a_lot_swallowing_an_expiry_and_a_serial_names_both() -> None:
    decoded = decode(f"]C1{GTIN}10ABC1727063021XYZ")

    assert "(17)270630(21)XYZ" in decoded.warnings[0]


def test_a_serial_swallowing_a_gtin_with_a_valid_check_digit_gives_a_warning() -> None:
    decoded = decode(f"]C1{GTIN}21S1{GTIN}")

    assert "(01)09506000134352" in decoded.warnings[0]


@pytest.mark.parametrize("lot", ["LOT2021", "ABC17271340", "ABC0109506000134353", "A1"])
def test_a_lot_whose_tail_is_no_valid_date_or_key_gives_no_warning(lot: str) -> None:
    decoded = decode(f"]C1{GTIN}10{lot}")

    assert decoded.fields["lot"] == lot
    assert decoded.warnings == ()


def test_a_lot_ended_by_a_real_separator_gives_no_warning() -> None:
    decoded = decode(f"]C1{GTIN}10ABC{GS}17270630")

    assert decoded.warnings == ()


def test_a_lot_running_past_its_maximum_length_is_an_error_pointing_at_the_separator() -> None:
    decoded = decode(f"]C1{GTIN}10" + "L" * 20 + "XYZ")

    assert decoded.error is not None
    assert "FNC1 group separator" in decoded.error


def test_a_trailing_group_separator_is_not_stripped_away_before_deciding_what_was_read() -> None:
    # The only sign that this is GS1 (and its GTIN wrong) is the GS that str.strip() would eat.
    decoded = decode(f"0109506000134353{GS}")

    assert decoded.kind == "gs1"
    assert decoded.error is not None
    assert "should be 2" in decoded.error
