"""GS1 element strings and GTIN barcodes, as the station reads them.

Vectors come from the GS1 General Specifications (GTIN 09506000134352, SSCC
106141412345678908, the (01)(17)(10) example 09501101530003 / 140704 / AB-123) and from
biip's own test-suite (0105901234123457, 010703206980498815210526100329, SSCC
157035381410375177 and the bad SSCC 376130321109103421).
"""

from __future__ import annotations

import pytest

from tracestation.barcodes import decode

GS = "\x1d"


@pytest.mark.parametrize("symbology", ["]C1", "]d2", "]Q3", "]e0"])
def test_a_gs1_element_string_is_read_with_any_gs1_symbology_identifier(symbology: str) -> None:
    decoded = decode(f"{symbology}0109506000134352{GS}10ABC123{GS}17270630")

    assert decoded.error is None
    assert decoded.kind == "gs1"
    assert decoded.symbology == symbology
    assert decoded.fields == {"gtin": "09506000134352", "lot": "ABC123", "expiry": "2027-06-30"}
    assert decoded.ai == {"01": "09506000134352", "10": "ABC123", "17": "270630"}


def test_the_general_specifications_example_with_expiry_and_lot_is_read() -> None:
    decoded = decode("]C1010950110153000317140704" + "10AB-123")

    assert decoded.fields == {"gtin": "09501101530003", "expiry": "2014-07-04", "lot": "AB-123"}


def test_the_element_string_from_the_lead_engineers_issue_reads_lot_and_serial() -> None:
    decoded = decode(f"]C101095060001343521017270630{GS}21ABC123")

    assert decoded.error is None
    assert decoded.fields == {"gtin": "09506000134352", "lot": "17270630", "serial": "ABC123"}
    assert decoded.warnings == ()


def test_an_element_string_without_symbology_identifier_is_read_when_it_starts_with_a_gtin() -> (
    None
):
    decoded = decode("010703206980498815210526100329")

    assert decoded.kind == "gs1"
    assert decoded.symbology is None
    assert decoded.fields == {"gtin": "07032069804988", "best_before": "2021-05-26", "lot": "0329"}


def test_an_element_string_starting_with_fnc1_sent_as_gs_is_read() -> None:
    decoded = decode(f"{GS}0105901234123457{GS}10L1")

    assert decoded.fields == {"gtin": "05901234123457", "lot": "L1"}


def test_a_trailing_group_separator_and_line_ending_do_not_end_up_in_the_lot() -> None:
    decoded = decode(f"]C10109506000134352{GS}10ABC{GS}\r\n")

    assert decoded.fields["lot"] == "ABC"


@pytest.mark.parametrize(
    ("scan", "field", "value"),
    [
        ("]C100106141412345678908", "sscc", "106141412345678908"),
        ("]C100157035381410375177", "sscc", "157035381410375177"),
        (f"]C10109506000134352{GS}21SN-0042", "serial", "SN-0042"),
        ("]C10109506000134352" + "11240315", "production_date", "2024-03-15"),
        ("]C10109506000134352" + "15210526", "best_before", "2021-05-26"),
        (f"]C10109506000134352{GS}240ADD-1", "additional_id", "ADD-1"),
        (f"]C10109506000134352{GS}21S1{GS}250SEC-9", "secondary_serial", "SEC-9"),
        (f"]C10109506000134352{GS}251SRC-7", "source_ref", "SRC-7"),
        ("]C10109506000134352" + "300012", "quantity", "12"),
    ],
)
def test_application_identifiers_get_their_normalised_field_names(
    scan: str, field: str, value: str
) -> None:
    decoded = decode(scan)

    assert decoded.error is None
    assert decoded.fields[field] == value


def test_a_logistic_unit_reports_content_gtin_and_count_but_no_gtin() -> None:
    decoded = decode(f"]C100106141412345678908{GS}0209506000134352{GS}370025{GS}10B7")

    assert decoded.error is None
    assert decoded.fields == {
        "sscc": "106141412345678908",
        "content_gtin": "09506000134352",
        "quantity": "25",
        "lot": "B7",
    }
    assert "gtin" not in decoded.fields


def test_an_expiry_with_day_00_means_the_last_day_of_the_month() -> None:
    assert decode("]C10109506000134352" + "17270200").fields["expiry"] == "2027-02-28"
    assert decode("]C10109506000134352" + "17280200").fields["expiry"] == "2028-02-29"


def test_an_ai_without_a_field_name_is_kept_under_its_number() -> None:
    decoded = decode(f"]C10109506000134352{GS}400PO-77")

    assert decoded.fields["ai_400"] == "PO-77"
    assert decoded.ai["400"] == "PO-77"


def test_a_gtin_with_a_wrong_check_digit_is_an_error_naming_the_ai() -> None:
    decoded = decode("]C10109506000134353")

    assert decoded.kind == "gs1"
    assert decoded.error is not None
    assert "(01)" in decoded.error
    assert "should be 2" in decoded.error
    assert decoded.fields == {}


def test_a_wrong_check_digit_deep_inside_an_element_string_is_found() -> None:
    decoded = decode(f"]C100106141412345678908{GS}0205901234123458{GS}3710")

    assert decoded.error is not None
    assert "(02)" in decoded.error and "should be 7" in decoded.error


def test_an_sscc_with_a_wrong_check_digit_is_an_error_naming_the_ai() -> None:
    decoded = decode("]C100376130321109103421")

    assert decoded.error is not None
    assert "(00) SSCC 376130321109103421" in decoded.error
    assert "should be 0" in decoded.error


@pytest.mark.parametrize(
    ("scan", "gtin"),
    [
        ("]E05901234123457", "05901234123457"),
        ("]E496385074", "00000096385074"),
        ("]I105901234123457", "05901234123457"),
        ("]e00100123456789012", "00123456789012"),
    ],
)
def test_ean_upc_itf_and_databar_barcodes_give_a_fourteen_digit_gtin(scan: str, gtin: str) -> None:
    decoded = decode(scan)

    assert decoded.error is None
    assert decoded.kind == "gs1"
    assert decoded.fields == {"gtin": gtin}


def test_an_ean_13_with_a_wrong_check_digit_is_an_error_saying_the_right_digit() -> None:
    decoded = decode("]E05901234123458")

    assert decoded.error is not None
    assert "should be 7" in decoded.error


def test_an_empty_gs1_128_is_an_error() -> None:
    for scan in ("]C1", f"]C1{GS}", f"]d2{GS}{GS}"):
        decoded = decode(scan)
        assert decoded.kind == "gs1"
        assert decoded.error is not None
        assert "no data" in decoded.error


def test_half_a_gs1_barcode_is_an_error_saying_what_the_field_needs() -> None:
    decoded = decode("]C10109506000")

    assert decoded.error is not None
    assert "(01)" in decoded.error and "14 digits" in decoded.error
    assert "scan it again" in decoded.error


def test_an_impossible_expiry_date_is_an_error() -> None:
    decoded = decode("]C10109506000134352" + "17270230")

    assert decoded.error is not None
    assert "'270230', which is not a valid date" in decoded.error


def test_data_that_is_not_gs1_behind_a_gs1_identifier_is_an_error() -> None:
    decoded = decode("]C1HELLO")

    assert decoded.kind == "gs1"
    assert decoded.error is not None
    assert "not a GS1 Application Identifier" in decoded.error


def test_printed_human_readable_text_is_read_as_gs1() -> None:
    decoded = decode("(01) 09506000134352 (17) 270630 (10) ABC")

    assert decoded.fields == {"gtin": "09506000134352", "expiry": "2027-06-30", "lot": "ABC"}


def test_a_number_that_only_resembles_a_gtin_element_stays_a_bare_value() -> None:
    # No identifier, no separator and a wrong check digit: more likely a serial than a GTIN.
    decoded = decode("0109506000134353")

    assert decoded.kind == "bare"
    assert decoded.fields == {"value": "0109506000134353"}


def test_ordinary_bare_values_are_not_mistaken_for_gs1() -> None:
    for value in ("12345", "10ABC", "21000123", "SN-2291", "0042"):
        assert decode(value).kind == "bare", value


def test_to_json_reports_the_ai_map_for_gs1() -> None:
    assert decode("]C10109506000134352").to_json() == {
        "kind": "gs1",
        "symbology": "]C1",
        "fields": {"gtin": "09506000134352"},
        "ai": {"01": "09506000134352"},
        "warnings": [],
        "error": None,
    }


def test_an_empty_variable_count_is_an_error_although_biip_accepts_it() -> None:
    decoded = decode("]C10109506000134352" + "30")

    assert decoded.error is not None
    assert "(30) VAR. COUNT is empty" in decoded.error


def test_digits_from_other_scripts_in_a_digital_link_are_an_error() -> None:
    decoded = decode("https://id.gs1.org/01/09506000134352?30=%D9%A3")

    assert decoded.error is not None
    assert "cannot carry" in decoded.error
