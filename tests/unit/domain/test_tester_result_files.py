"""Reading a tester's result file: every measurement with its limits, the verdict computed from
the limits when the file gives none, and a file that contradicts its own limits refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracestation.domain.tester_results import ResultFileError, read_result_file

HEADER = "serial,test,measurement,value,unit,low,high,result,tested_at\n"


def csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def refused(name: str, data: bytes) -> str:
    with pytest.raises(ResultFileError) as error:
        read_result_file(name, data)
    return "; ".join(error.value.problems)


def test_rows_of_one_serial_and_test_are_one_test_with_every_measurement() -> None:
    [result] = read_result_file(
        "ict.csv",
        csv(
            "PCB-1,ICT,R1,10.02,kOhm,9.9,10.1,PASS,2026-11-30T10:15:00Z",
            "PCB-1,ICT,Supply,5.01,V,4.75,5.25,,2026-11-30T10:15:00Z",
        ),
    )
    assert (result.serial, result.test, result.passed) == ("PCB-1", "ICT", True)
    assert result.tested_at is not None and result.tested_at.isoformat() == (
        "2026-11-30T10:15:00+00:00"
    )
    assert [(m.name, m.value, m.unit, m.low, m.high, m.passed) for m in result.measurements] == [
        ("R1", Decimal("10.02"), "kOhm", Decimal("9.9"), Decimal("10.1"), True),
        ("Supply", Decimal("5.01"), "V", Decimal("4.75"), Decimal("5.25"), True),
    ]


def test_a_measurement_outside_its_limits_fails_the_test_when_the_file_gives_no_verdict() -> None:
    [result] = read_result_file("ict.csv", csv("PCB-1,ICT,Supply,5.61,V,4.75,5.25,,"))
    assert not result.passed
    assert [m.passed for m in result.measurements] == [False]


def test_a_one_sided_limit_judges_only_its_side() -> None:
    [result] = read_result_file("ict.csv", csv("PCB-1,ICT,Leakage,0.4,uA,,1,,"))
    assert result.passed


def test_a_verdict_that_disagrees_with_its_limits_refuses_the_file() -> None:
    message = refused("ict.csv", csv("PCB-1,ICT,Supply,5.61,V,4.75,5.25,PASS,"))
    assert message == "row 2: Supply: result PASS but 5.61 V is outside its limits 4.75..5.25"


def test_a_test_verdict_row_must_agree_with_its_measurements() -> None:
    message = refused("ict.csv", csv("PCB-1,ICT,Supply,5.01,V,4.75,5.25,,", "PCB-1,ICT,,,,,,FAIL,"))
    assert "ICT of PCB-1 is given as FAIL but its measurements pass their limits" in message


def test_a_verdict_row_alone_gives_the_tests_result() -> None:
    [result] = read_result_file("ict.csv", csv("PCB-1,ICT,,,,,,FAIL,"))
    assert (result.passed, result.measurements) == (False, ())


def test_a_test_with_no_limits_and_no_result_is_refused() -> None:
    message = refused("ict.csv", csv("PCB-1,ICT,Temperature,31.5,C,,,,"))
    assert "ICT: no verdict (no limits and no result)" in message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"serial,test\nPCB-1,ICT\n", "missing: measurement, value"),
        (b"", "the file is empty"),
        (HEADER.encode(), "the file holds no results"),
        (csv("PCB-1,ICT,R1,ten,kOhm,9.9,10.1,,"), "row 2: value 'ten' is not a number"),
        (csv("PCB-1,ICT,R1,10,kOhm,11,10.1,,"), "row 2: low limit 11 is above high limit 10.1"),
        (csv("PCB-1,ICT,R1,10,kOhm,9,11,MAYBE,"), "row 2: result 'MAYBE' is not PASS or FAIL"),
        (csv(",ICT,R1,10,kOhm,9,11,,"), "row 2: serial is required"),
        (csv("PCB-1,ICT,R1,10,kOhm,9,11,,yesterday"), "tested_at 'yesterday' is not"),
        (csv("PCB-1,ICT,R1,10"), "row 2: has 4 values for 9 columns"),
        (b"serial,test,measurement,value\n\xff\xfe\n", "is not UTF-8 text"),
    ],
)
def test_a_malformed_csv_is_refused_with_where_and_why(data: bytes, expected: str) -> None:
    assert expected in refused("ict.csv", data)


def test_json_results_read_the_same_as_csv() -> None:
    data = b"""{"results": [{"serial": "CTRL-500/CTRL-1", "test": "Final test",
        "tested_at": "2026-11-30T11:00:00+01:00", "defect": "NO-POWER",
        "measurements": [{"name": "Current", "value": 0.0, "unit": "A", "low": 0.1, "high": 0.5}]
    }]}"""
    [result] = read_result_file("final.json", data)
    assert (result.serial, result.passed, result.defect) == ("CTRL-500/CTRL-1", False, "NO-POWER")
    assert result.tested_at is not None and result.tested_at.isoformat() == (
        "2026-11-30T10:00:00+00:00"
    )
    assert result.measurements[0].payload() == {
        "name": "Current",
        "value": "0",
        "unit": "A",
        "low": "0.1",
        "high": "0.5",
        "passed": False,
    }


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"results": [{"serial": "S"', "not valid JSON"),
        (b'{"results": {"serial": "S"}}', '"results" must be a list'),
        (b'{"results": [1]}', "results[0]: must be an object"),
        (
            b'{"serial": "S", "test": "T", "measurements": [{"name": "V", "value": true}]}',
            "results[0].measurements[0]: value must be a number",
        ),
    ],
)
def test_a_malformed_json_file_is_refused_with_where_and_why(data: bytes, expected: str) -> None:
    assert expected in refused("r.json", data)


def test_only_csv_and_json_files_are_read() -> None:
    assert refused("r.txt", b"x") == "only .csv and .json result files are read"


def test_values_keep_six_decimals_as_the_record_does_but_are_judged_as_measured() -> None:
    [result] = read_result_file("r.csv", csv("S,T,V,5.2500004,V,,5.25,,"))
    assert not result.passed  # above 5.25, though it is kept as 5.250000
    assert result.measurements[0].value == Decimal("5.250000")
