"""Hypothesis strategies for master-data files: mostly plausible records of the demo plant's
shape, with junk where a user's spreadsheet export or a hostile file would put it."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from tracestation.domain.check_digits import gs1_check_digit


def _gtin(body: str) -> str:
    return body + str(gs1_check_digit(body))


GTINS = ["09506000134352", "09506000134376", _gtin("0950600013439"), _gtin("1234567"), "12345678"]

NASTY_TEXT = st.sampled_from(
    [
        "",
        " ",
        " padded ",
        "A/B",
        "C-\x001",
        "tab\there",
        "line\nbreak",
        "esc\x1b",
        "c1\x85",
        "lone\ud800surrogate",
        "B:1",
        "٣٤٥٦",
        "Ștefan",
        "\u2028",
    ]
)
LONG_TEXT = st.integers(min_value=60, max_value=6000).map(lambda n: "L" * n)
JUNK_TEXT = st.one_of(NASTY_TEXT, LONG_TEXT, st.text(max_size=12))
JUNK_NUMBER = st.one_of(
    st.sampled_from(
        [
            10**30,
            Decimal("1e999999"),
            Decimal("-1e-999999"),
            Decimal("NaN"),
            Decimal("sNaN"),
            Decimal("Infinity"),
            2**31,
            -1,
            0,
            Decimal("0.1234567"),
            Decimal("999999999999.999999"),
            Decimal("1e12"),
        ]
    ),
    st.integers(min_value=-(10**40), max_value=10**40),
    # More digits than Python turns into text: the reader must never try to.
    st.integers(min_value=4400, max_value=5000).map(lambda digits: 10**digits),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.booleans(),
)
JSON_SCALARS = st.one_of(st.none(), st.booleans(), JUNK_NUMBER, JUNK_TEXT)
JUNK = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)


@st.composite
def record(draw: st.DrawFn, fields: dict[str, st.SearchStrategy[Any]]) -> Any:
    """An object with `fields`; in a messy file (`messy` drawn by the document), a field is
    now and then junk or missing, and a record now and then not an object at all."""
    messy = draw(MESSY)
    if messy and _now_and_then(draw, 20):
        return draw(JUNK)
    chosen = {}
    for name, strategy in fields.items():
        if messy and _now_and_then(draw, 10):
            continue
        chosen[name] = draw(JUNK) if messy and _now_and_then(draw, 6) else draw(strategy)
    return chosen


def _now_and_then(draw: st.DrawFn, one_in: int) -> bool:
    # Not 0: Hypothesis draws the simplest value (0) far more often than 1 in `one_in`.
    return bool(draw(st.integers(0, one_in - 1)) == one_in // 2)


# Whether the document being drawn is a messy one: drawn once per document (shared strategy
# state is not a thing in Hypothesis, so the document draws it and records read it back).
MESSY = st.shared(st.booleans(), key="messy master data")

NAME = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=12)
QUANTITY = st.one_of(
    st.integers(1, 5000), st.decimals(min_value=1, max_value=10**6, places=3), st.just("2.5")
)
OPERATION = record(
    {
        "code": st.sampled_from(["10", "20", "30"]),
        "name": NAME,
        "kind": st.sampled_from(["consume", "assemble", "test", "pack", "inspect"]),
        "pack_qty": st.one_of(st.none(), st.integers(1, 20)),
    }
)
SECTIONS: dict[str, st.SearchStrategy[Any]] = {
    "parts": record(
        {
            "number": st.sampled_from(["G-1", "G-2", "G-3", "CAP-220"]),
            "description": NAME,
            "tracking": st.sampled_from(["serial", "lot", "none"]),
            "uom": st.sampled_from(["ea", "g", "m"]),
            "gtin": st.one_of(st.none(), st.none(), st.sampled_from(GTINS)),
            "shelf_life_days": st.one_of(st.none(), st.integers(0, 1000)),
            "supplier_parts": st.lists(
                st.sampled_from(["S-1", "S-2", "EEE-FK1E221P"]), max_size=2, unique=True
            ),
        }
    ),
    "routings": record(
        {
            "part": st.sampled_from(["PCBA-100", "CTRL-500", "G-1"]),
            "operations": st.lists(OPERATION, min_size=1, max_size=2),
        }
    ),
    "boms": record(
        {
            "parent": st.sampled_from(["PCBA-100", "CTRL-500"]),
            "lines": st.lists(
                record(
                    {
                        "part": st.sampled_from(["CAP-220", "SCREW-M3", "PCBA-100", "G-2"]),
                        "qty": QUANTITY,
                        "operation": st.sampled_from(["10", "20"]),
                    }
                ),
                max_size=2,
            ),
        }
    ),
    "work_orders": record(
        {
            "number": st.sampled_from(["WO-1", "WO-2", "WO-2001"]),
            "part": st.sampled_from(["PCBA-100", "CTRL-500"]),
            "quantity": st.integers(1, 500),
        }
    ),
    "operators": record(
        {
            "badge": st.sampled_from(["B-1", "B-2", "B-9001"]),
            "name": NAME,
            "role": st.sampled_from(["operator", "lead"]),
            "pin": st.sampled_from(["1234", "4321", "98765"]),
        }
    ),
    "lots": record(
        {
            "part": st.sampled_from(["CAP-220", "SCREW-M3"]),
            "lot": st.one_of(
                st.sampled_from(["L-1", "L-2", "C-7781"]),
                st.integers(1, 10**6).map(lambda n: f"L-{n}"),
            ),
            "quantity": QUANTITY,
            "expiry": st.one_of(st.none(), st.just("2027-06-30")),
            "supplier": st.one_of(st.none(), NAME),
            "status": st.sampled_from(["released", "hold", "quarantine"]),
        }
    ),
}


@st.composite
def master_data_documents(draw: st.DrawFn) -> Any:
    """A master-data document of the demo plant's shape: a tidy one (often accepted on the demo
    plant), a messy one (junk in fields, records and sections), or now and then any JSON."""
    messy = draw(MESSY)
    if messy and _now_and_then(draw, 10):
        return draw(JUNK)
    document: dict[str, Any] = {}
    for name, strategy in SECTIONS.items():
        if draw(st.booleans()):
            document[name] = draw(st.lists(strategy, max_size=3))
    if messy and _now_and_then(draw, 10):
        document[draw(st.text(max_size=6))] = draw(JUNK)
    return document


_HUGE = "__a whole number of 5,000 digits__"


def as_file_bytes(document: Any, encoding: str) -> bytes:
    """`document` as a JSON file in `encoding` (NaN and Infinity as Python writes them,
    Decimals as text, whole numbers too long for Python's text as 5,000 digits)."""
    text = json.dumps(_writable(document), default=str, allow_nan=True)
    return text.replace(json.dumps(_HUGE), "1" + "0" * 4999).encode(encoding)


def _writable(value: Any) -> Any:
    if isinstance(value, int) and value.bit_length() > 10_000:
        return _HUGE
    if isinstance(value, list):
        return [_writable(item) for item in value]
    if isinstance(value, dict):
        return {key: _writable(item) for key, item in value.items()}
    return value
