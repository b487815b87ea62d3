"""GS1 Digital Link URIs, in plain or GS1 QR codes and Data Matrix."""

from __future__ import annotations

import pytest

from tracestation.barcodes import decode

URI = "https://id.gs1.org/01/09506000134352/10/ABC?17=270630"


@pytest.mark.parametrize("symbology", ["", "]Q1", "]d1", "]Q3", "]d2"])
def test_a_digital_link_is_read_with_or_without_a_symbology_identifier(symbology: str) -> None:
    decoded = decode(symbology + URI)

    assert decoded.error is None
    assert decoded.kind == "gs1"
    assert decoded.symbology == (symbology or None)
    assert decoded.fields == {"gtin": "09506000134352", "lot": "ABC", "expiry": "2027-06-30"}
    assert decoded.ai == {"01": "09506000134352", "10": "ABC", "17": "270630"}


def test_a_gs1_datamatrix_element_string_is_not_failed_by_biips_digital_link_attempt() -> None:
    decoded = decode("]d20109506000134352\x1d10ABC")

    assert decoded.error is None
    assert decoded.fields == {"gtin": "09506000134352", "lot": "ABC"}


def test_a_digital_link_for_a_logistic_unit_gives_sscc_content_and_count() -> None:
    decoded = decode("https://id.gs1.org/00/106141412345678908?02=00614141123452&37=25&10=ABC123")

    assert decoded.fields == {
        "sscc": "106141412345678908",
        "content_gtin": "00614141123452",
        "quantity": "25",
        "lot": "ABC123",
    }


def test_a_digital_link_on_a_brand_domain_with_a_path_prefix_is_read() -> None:
    decoded = decode("https://example.com/products/01/09506000134352/21/SN%2F7")

    assert decoded.fields == {"gtin": "09506000134352", "serial": "SN/7"}


def test_a_digital_link_with_a_wrong_gtin_check_digit_is_an_error_naming_the_ai() -> None:
    decoded = decode("https://id.gs1.org/01/09506000134353")

    assert decoded.error is not None
    assert "(01)" in decoded.error and "should be 2" in decoded.error


def test_a_digital_link_breaking_a_pairing_rule_is_an_error() -> None:
    decoded = decode("https://id.gs1.org/01/09506000134352?02=09506000134352")

    assert decoded.error is not None
    assert "must not appear together" in decoded.error


def test_a_web_address_that_is_not_a_digital_link_is_an_error_saying_what_to_scan() -> None:
    decoded = decode("]Q1https://example.com/about")

    assert decoded.kind == "gs1"
    assert decoded.error is not None
    assert "not a GS1 Digital Link" in decoded.error
    assert "Scan" in decoded.error
