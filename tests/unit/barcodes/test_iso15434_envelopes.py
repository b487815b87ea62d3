"""ISO/IEC 15434 format 06 envelopes with ANSI MH10.8.2 data identifiers (component labels)."""

from __future__ import annotations

import pytest

from tracestation.barcodes import decode

RS, GS, EOT = "\x1e", "\x1d", "\x04"
HEADER = f"[)>{RS}06{GS}"


def test_a_reel_label_gives_part_supplier_part_lot_quantity_date_and_country() -> None:
    decoded = decode(f"{HEADER}PCUST-42{GS}1PABC{GS}1TLOT1{GS}Q100{GS}10D2401{GS}4LCN{RS}{EOT}")

    assert decoded.error is None
    assert decoded.kind == "iso15434"
    assert decoded.fields == {
        "part": "CUST-42",
        "supplier_part": "ABC",
        "lot": "LOT1",
        "quantity": "100",
        "date_code": "2401",
        "production_date": "2024-01-01",
        "country": "CN",
    }
    assert decoded.warnings == ()
    assert decoded.to_json()["ai"] is None


def test_a_distributor_label_keeps_other_data_identifiers_and_skips_empty_ones() -> None:
    decoded = decode(
        f"]d1{HEADER}P296-1395-1-ND{GS}1PLM358DR{GS}K{GS}1K74213881{GS}10K87000123"
        f"{GS}11K1{GS}4LPH{GS}Q25{GS}11ZPICK{GS}12Z1234567{GS}13Z000000{RS}{EOT}"
    )

    assert decoded.symbology == "]d1"
    assert decoded.fields["part"] == "296-1395-1-ND"
    assert decoded.fields["supplier_part"] == "LM358DR"
    assert decoded.fields["di_1K"] == "74213881"
    assert decoded.fields["di_12Z"] == "1234567"
    assert "di_K" not in decoded.fields


def test_a_label_with_only_1p_puts_it_in_supplier_part_and_leaves_part_out() -> None:
    decoded = decode(f"{HEADER}1PABC-1{GS}SSER9{GS}Q4{RS}{EOT}")

    assert decoded.fields == {"supplier_part": "ABC-1", "serial": "SER9", "quantity": "4"}


def test_a_9d_date_code_gives_the_monday_of_that_week() -> None:
    decoded = decode(f"{HEADER}1PX{GS}9D2532{RS}{EOT}")

    assert decoded.fields["date_code"] == "2532"
    assert decoded.fields["production_date"] == "2025-08-04"


def test_a_date_code_that_is_no_week_is_kept_with_a_warning() -> None:
    decoded = decode(f"{HEADER}1PX{GS}10D2499{RS}{EOT}")

    assert decoded.fields["date_code"] == "2499"
    assert "production_date" not in decoded.fields
    assert any("not a YYWW week" in w for w in decoded.warnings)


def test_a_missing_end_of_transmission_is_a_warning_not_an_error() -> None:
    decoded = decode(f"{HEADER}1PABC{GS}Q10{RS}")

    assert decoded.error is None
    assert decoded.fields == {"supplier_part": "ABC", "quantity": "10"}
    assert any("EOT" in w for w in decoded.warnings)


@pytest.mark.parametrize(
    ("rs", "gs", "eot"), [("{RS}", "{GS}", "{EOT}"), ("<RS>", "<GS>", "<EOT>"), ("{RS}", "|", "")]
)
def test_visible_placeholders_from_a_wedge_are_accepted(rs: str, gs: str, eot: str) -> None:
    decoded = decode(f"[)>{rs}06{gs}1PABC{gs}1TL7{gs}Q5{rs}{eot}")

    assert decoded.error is None
    assert decoded.fields == {"supplier_part": "ABC", "lot": "L7", "quantity": "5"}


@pytest.mark.parametrize("format_code", ["05", "12"])
def test_a_format_other_than_06_is_an_error_naming_it(format_code: str) -> None:
    decoded = decode(f"[)>{RS}{format_code}{GS}0109506000134352{RS}{EOT}")

    assert decoded.kind == "iso15434"
    assert decoded.error is not None
    assert f"format '{format_code}'" in decoded.error


def test_a_label_that_lost_its_group_separators_is_an_error_saying_how_to_fix_the_scanner() -> None:
    decoded = decode(f"[)>{RS}061PABCQ5{RS}{EOT}")

    assert decoded.error is not None
    assert "group separators" in decoded.error


def test_a_bare_header_is_an_error_asking_for_a_new_scan() -> None:
    decoded = decode("[)>")

    assert decoded.kind == "iso15434"
    assert decoded.error is not None
    assert "Scan the label again" in decoded.error


def test_a_quantity_that_is_no_number_is_left_out_with_a_warning() -> None:
    decoded = decode(f"{HEADER}1PABC{GS}Q1e999999{RS}{EOT}")

    assert "quantity" not in decoded.fields
    assert any("not a number" in w for w in decoded.warnings)


def test_an_element_without_a_data_identifier_is_ignored_with_a_warning() -> None:
    decoded = decode(f"{HEADER}1PABC{GS}lowercase{RS}{EOT}")

    assert decoded.fields == {"supplier_part": "ABC"}
    assert any("no data identifier" in w for w in decoded.warnings)
