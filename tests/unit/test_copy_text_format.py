"""Rows the push formats for COPY itself (`store.bulk.copy_line`) read back as written."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from tracestation.store.bulk import copy_line


def test_plain_values_are_joined_by_tabs_with_null_as_backslash_n() -> None:
    at = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)
    row = ("PCB-0001", None, 3, True, Decimal("1.500000"), at)
    assert copy_line(row) == "PCB-0001\t\\N\t3\tt\t1.500000\t2026-12-01T06:30:00+00:00"


def test_text_that_looks_like_null_stays_text() -> None:
    assert copy_line(("\\N", None)) == "\\\\N\t\\N"


def test_backslashes_tabs_and_line_breaks_in_text_are_escaped() -> None:
    assert copy_line(("a\\b", "c\td", "e\nf\r", None)) == "a\\\\b\tc\\td\te\\nf\\r\t\\N"


def test_a_tab_inside_one_field_is_not_taken_for_a_separator() -> None:
    assert copy_line(("a\tb", "c")) == "a\\tb\tc"
