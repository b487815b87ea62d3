"""The bytes of a master-data file: encodings decoded when they are unambiguous, refused with
what to do when they are not; numbers read exactly; nesting and syntax never a traceback."""

from __future__ import annotations

import codecs
from decimal import Decimal

import pytest

from tracestation.domain.masterdata import MasterDataError
from tracestation.domain.masterdata_text import parse_master_data

DOCUMENT = '{"operators": [{"badge": "B-1", "name": "Ștefan Mureșan", "role": "operator"}]}'


def refusal(data: bytes) -> str:
    with pytest.raises(MasterDataError) as refused:
        parse_master_data(data)
    assert len(refused.value.problems) == 1
    return str(refused.value)


def test_a_latin1_file_is_refused_with_where_and_how_to_save_it() -> None:
    data = '{"operators": [\n  {"badge": "B-1", "name": "José", "role": "operator"}]}'.encode(
        "latin-1"
    )

    assert refusal(data) == (
        'the file: is not UTF-8 text: byte 0xE9 at line 2, column 32 (near \'"B-1", "name": '
        '"Jos�", "role": "operato\') is not UTF-8. The file was probably saved in a legacy code '
        "page (Latin-1, Windows-1252 or Windows-1250), where that byte is a different letter "
        "in each, so it is not guessed. Save it as UTF-8 (in an editor: Save as, encoding UTF-8)"
    )


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(DOCUMENT.encode("utf-8"), id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + DOCUMENT.encode("utf-8"), id="utf-8-with-bom"),
        pytest.param(DOCUMENT.encode("utf-16"), id="utf-16-with-bom"),
        pytest.param(DOCUMENT.encode("utf-16-le"), id="utf-16-le-without-bom"),
        pytest.param(DOCUMENT.encode("utf-16-be"), id="utf-16-be-without-bom"),
        pytest.param(DOCUMENT.encode("utf-32"), id="utf-32-with-bom"),
    ],
)
def test_unicode_files_are_read_whatever_their_encoding_form(encoded: bytes) -> None:
    document = parse_master_data(encoded)

    assert document["operators"][0]["name"] == "Ștefan Mureșan"


def test_a_file_that_starts_as_utf16_and_breaks_off_is_refused() -> None:
    data = DOCUMENT.encode("utf-16")[:-1]

    assert refusal(data).startswith("the file: starts as UTF-16 but is not valid UTF-16")


def test_numbers_are_read_exactly_and_never_become_infinity() -> None:
    document = parse_master_data(b'{"a": [2.5, 1e999999, 0.1, 12, ' + b"9" * 5000 + b"]}")

    assert document["a"] == [
        Decimal("2.5"),
        Decimal("1e999999"),
        Decimal("0.1"),
        12,
        Decimal("9" * 5000),
    ]


def test_deep_nesting_is_refused_without_a_traceback() -> None:
    data = b'{"parts": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"

    assert refusal(data) == (
        "the file: nests lists or objects too deep to read (a master-data file needs four levels)"
    )


def test_invalid_json_says_where() -> None:
    assert refusal(b'{"parts": [\n  {"number": }]}') == (
        "the file: is not valid JSON: Expecting value at line 2, column 14"
    )


@pytest.mark.parametrize("data", [b"", b"\x00", b"\xff\xfe", b"\x00\x00\x00", b"\xfe"])
def test_odd_bytes_are_a_refusal_not_a_crash(data: bytes) -> None:
    assert refusal(data).startswith("the file: ")
