"""Fuzzed master-data files never crash the reading: a refusal with problems, or typed records."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support.master_data_strategies import as_file_bytes, master_data_documents
from tracestation.domain.masterdata import MasterData, MasterDataError, read_master_data
from tracestation.domain.masterdata_text import parse_master_data

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def judged(document: Any) -> MasterData | MasterDataError:
    try:
        return read_master_data(document)
    except MasterDataError as refused:
        return refused


@FUZZ
@given(master_data_documents())
def test_any_document_is_read_or_refused_with_its_problems_never_a_crash(document: Any) -> None:
    outcome = judged(document)

    if isinstance(outcome, MasterDataError):
        assert outcome.count >= len(outcome.problems) >= 1
        assert all(str(problem) for problem in outcome.problems)
    else:
        assert all(part.number and "/" not in part.number for part in outcome.parts)
        assert all(lot.quantity.is_finite() and lot.quantity >= 0 for lot in outcome.lots)


@FUZZ
@given(master_data_documents(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_any_document_written_to_a_file_is_read_back_or_refused(
    document: Any, encoding: str
) -> None:
    try:
        judged(parse_master_data(as_file_bytes(document, encoding)))
    except MasterDataError as refused:
        assert refused.problems


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_are_a_document_or_a_refusal(data: bytes) -> None:
    try:
        judged(parse_master_data(data))
    except MasterDataError as refused:
        assert str(refused).startswith("the file: ")
