"""A GS1 field's title and form are codes the window words in its language; the CLI's English
is biip's title and the same description as before."""

from __future__ import annotations

from collections.abc import Mapping

from biip.gs1_application_identifiers import GS1ApplicationIdentifier

from tracestation.barcodes.gs1_field_words import describe_format, title_word, worded_params
from tracestation.messages.base import Message
from tracestation.messages.gs1_words import GS1Word


def shouted(message: Message, params: Mapping[str, str]) -> str:
    """A stand-in language: the code, with its facts."""
    return f"<{message.value}{''.join(f' {v}' for v in params.values())}>"


def test_the_english_descriptions_read_as_the_cli_printed_them() -> None:
    ai = GS1ApplicationIdentifier.extract

    assert describe_format(ai("10")) == "up to 20 characters"
    assert describe_format(ai("00")) == "exactly 18 digits"
    assert describe_format(ai("17")) == "a date as YYMMDD"
    assert describe_format(ai("7030")) == "exactly 3 digits then up to 27 characters"


def test_every_listed_title_is_biips_english_for_its_ai() -> None:
    titles = [word for word in GS1Word if word.value.startswith("title_")]

    for word in titles:
        ai = word.value.removeprefix("title_")
        assert word.english == GS1ApplicationIdentifier.extract(ai).data_title
        assert title_word(ai) is word


def test_a_scan_errors_title_and_form_are_worded_by_the_callers_language() -> None:
    params = {"ai": "10", "title": "BATCH/LOT", "format": "up to 20 characters", "snippet": "'x'"}

    worded = worded_params(params, shouted)

    assert worded == {
        "ai": "10",
        "title": "<title_10>",
        "format": "<format_up_to_characters 20>",
        "snippet": "'x'",
    }


def test_a_field_without_a_listed_title_keeps_biips_and_other_params_are_untouched() -> None:
    assert worded_params({"ai": "7003", "title": "EXPIRY TIME"}, shouted)["title"] == "EXPIRY TIME"
    assert worded_params({"ai": "7030", "format": "x"}, shouted)["format"] == (
        "<format_then <format_exactly_digits 3> <format_up_to_characters 27>>"
    )
    assert worded_params({"ai": "zz", "title": "T"}, shouted) == {"ai": "zz", "title": "T"}
    assert worded_params({"name": "Ana"}, shouted) == {"name": "Ana"}
