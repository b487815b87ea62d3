"""AI pairing rules of the GS1 General Specifications 4.14 (biip does not check them)."""

from __future__ import annotations

import pytest

from tracestation.barcodes import decode
from tracestation.barcodes.gs1_pairing import pairing_problems

GS = "\x1d"
GTIN = "0109506000134352"
SSCC = "00106141412345678908"
CONTENT = "0209506000134352"


@pytest.mark.parametrize(
    ("scan", "named"),
    [
        ("]C121ABC123", "(21) SERIAL must come with (01) GTIN or (8006)"),
        ("]C110LOT7", "(10) BATCH/LOT must come with (01) GTIN, (02) CONTENT, (8006)"),
        ("]C117270630", "(17) USE BY or EXPIRY must come with (01) GTIN"),
        (f"]C1{GTIN}{GS}250SEC1", "(250) SECONDARY SERIAL must come with (21) SERIAL"),
        (f"]C1{CONTENT}", "(02) CONTENT must come with (37) COUNT"),
        (f"]C1{CONTENT}3712", "(37) COUNT must come with (00) SSCC"),
        (f"]C1{SSCC}{GS}3712", "(37) COUNT must come with (02) CONTENT or (8026)"),
    ],
)
def test_an_ai_without_its_mandatory_partner_is_an_error_naming_both(scan: str, named: str) -> None:
    decoded = decode(scan)

    assert decoded.kind == "gs1"
    assert decoded.error is not None
    assert named in decoded.error
    assert decoded.fields == {}


@pytest.mark.parametrize(
    ("scan", "pair"),
    [
        (f"]C1{GTIN}{CONTENT}", "(01) GTIN and (02) CONTENT"),
        (f"]C1{SSCC}{GTIN}3712", "(01) GTIN and (37) COUNT"),
        (f"]C1{GTIN}{GS}21S1{GS}235TPX", "(21) SERIAL and (235)"),
        (f"]C1{GTIN}3102000100" + "3103000100", "(3102)"),
    ],
)
def test_ais_that_must_not_appear_together_are_an_error(scan: str, pair: str) -> None:
    decoded = decode(scan)

    assert decoded.error is not None
    assert "must not appear together" in decoded.error
    assert pair in decoded.error


def test_a_pair_that_excludes_each_other_is_reported_once() -> None:
    # (8017) excludes (8018) and (8018) excludes (8017): one problem, not two.
    problems = pairing_problems(["8017", "8018"])
    assert [message.render(params) for message, params in problems] == [
        "(8017) GSRN - PROVIDER and (8018) GSRN - RECIPIENT must not appear together."
    ]


@pytest.mark.parametrize(
    "scan",
    [
        f"]C1{GTIN}{GS}10LOT{GS}21SER{GS}250SEC",
        f"]C1{SSCC}{CONTENT}3712{GS}10LOT",
        f"]C1{GTIN}17270630{GS}240ADD{GS}251SRC",
        "https://id.gs1.org/00/106141412345678908?02=00614141123452&37=25&10=ABC123",
    ],
)
def test_well_paired_ais_pass(scan: str) -> None:
    assert decode(scan).error is None


def test_the_same_ai_twice_with_different_values_is_an_error() -> None:
    decoded = decode(f"]C1{GTIN}{GS}10A{GS}10B")

    assert decoded.error is not None
    assert "(10) appears twice" in decoded.error


def test_the_same_ai_twice_with_the_same_value_is_accepted() -> None:
    assert decode(f"]C1{GTIN}{GS}10A{GS}10A").fields["lot"] == "A"


def test_an_error_keeps_the_raw_ai_map_for_diagnosis() -> None:
    assert decode("]C121ABC").ai == {"21": "ABC"}
