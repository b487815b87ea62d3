"""`tracestation parse` reads every format the station understands, as the contract prints it."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest


def parse(barcode: str) -> tuple[int, dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "tracestation", "parse", "--json", barcode],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.returncode, json.loads(result.stdout)


@pytest.mark.parametrize(
    ("barcode", "kind", "symbology", "fields"),
    [
        (
            "]C10109506000134352\\x1d10ABC123\\x1d17270630",
            "gs1",
            "]C1",
            {"gtin": "09506000134352", "lot": "ABC123", "expiry": "2027-06-30"},
        ),
        (
            "]d201095060001343521728020010L-77|21SN-9",
            "gs1",
            "]d2",
            {"gtin": "09506000134352", "expiry": "2028-02-29", "lot": "L-77"},
        ),
        ("]C100095060000000000015", "gs1", "]C1", {"sscc": "095060000000000015"}),
        (
            "https://id.gs1.org/01/09506000134352/10/ABC?17=270630",
            "gs1",
            None,
            {"gtin": "09506000134352", "lot": "ABC", "expiry": "2027-06-30"},
        ),
        (
            "[)>\\x1e06\\x1dPCAP-220\\x1d1PEEE-FK1E221P\\x1d1TC-7790\\x1dQ2000\\x1d4LJP\\x1e\\x04",
            "iso15434",
            None,
            {
                "part": "CAP-220",
                "supplier_part": "EEE-FK1E221P",
                "lot": "C-7790",
                "quantity": "2000",
                "country": "JP",
            },
        ),
        ("LOT:SCREW-M3/L-2291", "station", None, {"part": "SCREW-M3", "lot": "L-2291"}),
        ("SN:CTRL-500/CTRL-0001", "station", None, {"part": "CTRL-500", "serial": "CTRL-0001"}),
        ("B-1001", "bare", None, {"value": "B-1001"}),
    ],
)
def test_parse_reads_the_format_with_normalised_fields(
    barcode: str, kind: str, symbology: str | None, fields: dict[str, str]
) -> None:
    code, result = parse(barcode)
    assert code == 0, result["error"]
    assert (result["kind"], result["symbology"], result["error"]) == (kind, symbology, None)
    assert fields.items() <= result["fields"].items()
    assert set(result) == {"kind", "symbology", "fields", "ai", "warnings", "error"}


def test_a_gtin_with_a_wrong_check_digit_exits_non_zero_with_the_reason() -> None:
    code, result = parse("]C10109506000134353")
    assert code != 0
    assert "check digit" in result["error"]


def test_gs1_output_carries_the_ai_map_and_others_do_not() -> None:
    _, gs1 = parse("]C10109506000134352\\x1d21SN1")
    _, station = parse("WO:WO-1001")
    assert gs1["ai"] == {"01": "09506000134352", "21": "SN1"}
    assert station["ai"] is None
