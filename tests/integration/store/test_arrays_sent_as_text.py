"""Keys and values the ingest sends to PostgreSQL as arrays in their text form
(`store.bulk.text_array`) arrive exactly as they were, whatever characters they hold."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from tracestation.store.bulk import text_array

PG_URL = os.environ.get("TRACESTATION_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
UNNEST = text(
    "SELECT v FROM unnest(CAST(:values AS VARCHAR[])) WITH ORDINALITY AS a(v, n) ORDER BY n"
)


def through_postgresql(values: list[str | None]) -> list[str | None]:
    engine = create_engine(PG_URL)
    try:
        with engine.connect() as c:
            return list(c.scalars(UNNEST, {"values": text_array(values)}))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_plain_serials_arrive_in_their_order() -> None:
    serials = ["PCB-0002", "PCB-0001", "CTRL 500/7"]
    assert through_postgresql(serials) == serials


@pytest.mark.postgres
def test_quotes_backslashes_commas_braces_blanks_and_nulls_arrive_as_they_were() -> None:
    awkward = ['say "hi"', "back\\slash", "a,b", "{x}", "", " padded ", "NULL", None, "\\N"]
    assert through_postgresql(awkward) == awkward


@pytest.mark.postgres
def test_no_keys_is_an_empty_array() -> None:
    assert through_postgresql([]) == []


def test_numbers_go_as_numbers() -> None:
    assert text_array([3, 1, 2]) == "{3,1,2}"
