"""A master-data file is judged whole: every problem, with its record and field, before any write.

Each case of issue 9 ("bad files crash or are wrongly accepted") with the message the user sees.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tracestation.domain.masterdata import Known, KnownWorkOrder, MasterDataError, read_master_data
from tracestation.domain.model import Tracking

DEMO = Path(__file__).resolve().parents[3] / "resources" / "demo" / "plant.json"


@pytest.fixture
def plant() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(DEMO.read_text(encoding="utf-8"))
    return copy.deepcopy(document)


def problems_of(document: Any, known: Known | None = None) -> list[str]:
    with pytest.raises(MasterDataError) as refused:
        read_master_data(document, known)
    return [str(problem) for problem in refused.value.problems]


def one_problem(document: Any, known: Known | None = None) -> str:
    problems = problems_of(document, known)
    assert len(problems) == 1, problems
    return problems[0]


def a_lot(**fields: Any) -> dict[str, Any]:
    return {"part": "CAP-220", "lot": "C-1", "quantity": 10, **fields}


def test_the_demo_plant_is_read_without_a_problem(plant: dict[str, Any]) -> None:
    data = read_master_data(plant)

    assert len(data.parts) == 5 and len(data.lots) == 6


def test_every_problem_of_a_file_is_reported_together_with_its_record_and_field(
    plant: dict[str, Any],
) -> None:
    plant["parts"].append({"number": "GADGET/1", "tracking": "lot"})
    plant["lots"].append(a_lot(lot="C-1", quantity=-1))
    plant["lots"].append(a_lot(lot="C-2", expiry="2027-02-30"))
    plant["operators"].append({"badge": "B-1001", "name": "Again", "role": "operator"})

    problems = problems_of(plant)

    assert problems == [
        "parts[5], field 'number': 'GADGET/1' must not contain '/': station labels and scans "
        "read PART/LOT and PART/SERIAL (LOT:<part>/<lot>, SN:<part>/<serial>), so a slash "
        "would split it in two",
        "operators[3] (B-1001), field 'badge': appears twice in the file "
        "(first at operators[0] (B-1001))",
        "lots[6] (CAP-220/C-1), field 'quantity': must be 0 or more, not -1",
        "lots[7] (CAP-220/C-2), field 'expiry': '2027-02-30' is not a date (YYYY-MM-DD)",
    ]


def test_the_error_says_how_many_problems_the_file_has_beyond_the_first(
    plant: dict[str, Any],
) -> None:
    plant["lots"] = [a_lot(lot=f"C-{i}", quantity="many") for i in range(3)]

    with pytest.raises(MasterDataError) as refused:
        read_master_data(plant)

    assert refused.value.count == 3
    assert str(refused.value) == (
        "lots[0] (CAP-220/C-0), field 'quantity': 'many' is not a number (and 2 more problems)"
    )


# --- duplicates ------------------------------------------------------------------------------


def test_a_gtin_repeated_in_the_file_is_named_at_its_second_part(plant: dict[str, Any]) -> None:
    plant["parts"].append({"number": "GADGET-1", "tracking": "lot", "gtin": "09506000134352"})

    assert one_problem(plant) == (
        "parts[5] (GADGET-1), field 'gtin': '09506000134352' is also the GTIN of parts[0] "
        "(CTRL-500) in this file; a GTIN names one part"
    )


def test_a_gtin_written_short_is_the_same_gtin_as_its_fourteen_digits(
    plant: dict[str, Any],
) -> None:
    plant["parts"][0]["gtin"] = "9506000134352"  # GTIN-13 of the same number
    plant["parts"].append({"number": "GADGET-1", "tracking": "lot", "gtin": "09506000134352"})

    assert "is also the GTIN of parts[0] (CTRL-500)" in one_problem(plant)


def test_a_gtin_another_part_holds_in_the_database_is_refused() -> None:
    known = Known(parts={"CTRL-500": Tracking.SERIAL}, gtins={"09506000134352": "CTRL-500"})
    document = {"parts": [{"number": "GADGET-1", "tracking": "lot", "gtin": "09506000134352"}]}

    assert one_problem(document, known) == (
        "parts[0] (GADGET-1), field 'gtin': '09506000134352' is already the GTIN of part "
        "CTRL-500 in the database; a GTIN names one part: use another one here, or give "
        "CTRL-500 another GTIN in this file"
    )


def test_two_parts_may_swap_their_gtins_in_one_file() -> None:
    known = Known(
        parts={"A": Tracking.LOT, "B": Tracking.LOT},
        gtins={"09506000134352": "A", "09506000134376": "B"},
    )
    document = {
        "parts": [
            {"number": "A", "tracking": "lot", "gtin": "09506000134376"},
            {"number": "B", "tracking": "lot", "gtin": "09506000134352"},
        ]
    }

    assert [p.gtin for p in read_master_data(document, known).parts] == [
        "09506000134376",
        "09506000134352",
    ]


def test_a_supplier_part_number_names_one_part_in_the_file_and_the_database() -> None:
    known = Known(parts={"CAP-220": Tracking.LOT}, supplier_parts={"EEE-1": "CAP-220"})
    document = {
        "parts": [
            {"number": "CAP-330", "tracking": "lot", "supplier_parts": ["EEE-1", "EEE-2"]},
            {"number": "CAP-470", "tracking": "lot", "supplier_parts": ["EEE-2", "X", "X"]},
        ]
    }

    assert problems_of(document, known) == [
        "parts[0] (CAP-330), field 'supplier_parts': 'EEE-1' is already the supplier part "
        "number of part CAP-220 in the database; a supplier part number names one part: use "
        "another one here, or give CAP-220 another supplier part number in this file",
        "parts[1] (CAP-470), field 'supplier_parts': 'EEE-2' is also the supplier part number "
        "of parts[0] (CAP-330) in this file; a supplier part number names one part",
        "parts[1] (CAP-470), field 'supplier_parts': 'X' is listed twice",
    ]


def test_a_badge_a_work_order_and_an_operation_code_each_appear_once(
    plant: dict[str, Any],
) -> None:
    plant["operators"].append({"badge": "B-1002", "name": "Twin", "role": "operator"})
    plant["work_orders"].append({"number": "WO-2001", "part": "PCBA-100", "quantity": 5})
    plant["routings"][0]["operations"].append({"code": "10", "name": "Again", "kind": "test"})

    assert problems_of(plant) == [
        "routings[0] (PCBA-100) operations[2], field 'code': appears twice in this routing "
        "(first at routings[0] (PCBA-100) operations[0])",
        "work_orders[2] (WO-2001), field 'number': appears twice in the file "
        "(first at work_orders[0] (WO-2001))",
        "operators[3] (B-1002), field 'badge': appears twice in the file "
        "(first at operators[1] (B-1002))",
    ]


# --- BOM cycles ------------------------------------------------------------------------------


def test_a_bom_cycle_in_the_file_is_refused_and_named(plant: dict[str, Any]) -> None:
    plant["boms"][0]["lines"].append({"part": "CTRL-500", "qty": 1, "operation": "10"})

    assert one_problem(plant) == (
        "boms[0] (PCBA-100), field 'lines': the BOMs make a cycle, PCBA-100 → CTRL-500 → "
        "PCBA-100: a part would be inside itself; take one of these lines out"
    )


def test_a_bom_cycle_closed_through_a_bom_in_the_database_is_refused() -> None:
    routing = {"operations": [{"code": "10", "name": "Build", "kind": "assemble"}]}
    known = Known(
        parts={"A": Tracking.SERIAL, "B": Tracking.SERIAL, "C": Tracking.SERIAL},
        boms={"B": frozenset({"C"}), "C": frozenset({"A"})},
    )
    document = {
        "routings": [{"part": "A", **routing}],
        "boms": [{"parent": "A", "lines": [{"part": "B", "qty": 1, "operation": "10"}]}],
    }

    assert "the BOMs make a cycle, A → B → C → A" in one_problem(document, known)


def test_a_bom_that_replaces_the_one_closing_a_cycle_is_accepted() -> None:
    routing = {"operations": [{"code": "10", "name": "Build", "kind": "assemble"}]}
    known = Known(
        parts={"A": Tracking.SERIAL, "B": Tracking.SERIAL},
        routings={},
        boms={"B": frozenset({"A"})},
    )
    document = {
        "routings": [{"part": "A", **routing}, {"part": "B", **routing}],
        "boms": [
            {"parent": "A", "lines": [{"part": "B", "qty": 1, "operation": "10"}]},
            {"parent": "B", "lines": []},
        ],
    }

    assert set(read_master_data(document, known).boms) == {"A", "B"}


# --- numbers, lengths, characters ------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        pytest.param(
            10**30,
            "1000000000000000000000000000000 is too large: quantities must be below "
            "1,000,000,000,000 (the database holds 12 digits before the decimal point)",
            id="ten-to-the-thirty",
        ),
        pytest.param(
            Decimal("1e999999"),
            "1E+999999 is too large: quantities must be below 1,000,000,000,000 "
            "(the database holds 12 digits before the decimal point)",
            id="1e999999-read-exactly",
        ),
        pytest.param(float("inf"), "must be a finite number, not Infinity", id="infinity"),
        pytest.param(float("nan"), "must be a finite number, not NaN", id="nan"),
        pytest.param(
            Decimal("0.1234567"),
            "0.1234567 has more than 6 decimal places; the database keeps 6, "
            "so round it in the file",
            id="seven-decimals",
        ),
        pytest.param(True, "must be a number, not true or false", id="a-boolean"),
        pytest.param([1], "must be a number, not a list", id="a-list"),
    ],
)
def test_a_lot_quantity_the_database_cannot_hold_exactly_is_refused(
    quantity: Any, message: str
) -> None:
    document = {"lots": [a_lot(quantity=quantity)]}
    known = Known(parts={"CAP-220": Tracking.LOT})

    assert one_problem(document, known) == f"lots[0] (CAP-220/C-1), field 'quantity': {message}"


def test_the_largest_quantity_the_database_holds_is_accepted() -> None:
    document = {"lots": [a_lot(quantity=Decimal("999999999999.999999"))]}

    lot = read_master_data(document, Known(parts={"CAP-220": Tracking.LOT})).lots[0]

    assert lot.quantity == Decimal("999999999999.999999")


def test_a_whole_number_too_large_for_the_database_is_refused(plant: dict[str, Any]) -> None:
    plant["work_orders"][0]["quantity"] = 10**5000
    plant["parts"][4]["shelf_life_days"] = 2**31

    assert problems_of(plant) == [
        "parts[4] (PASTE-7), field 'shelf_life_days': is too large: at most 2,147,483,647 "
        "fits in the database",
        "work_orders[0] (WO-2001), field 'quantity': is too large: at most 2,147,483,647 "
        "fits in the database",
    ]


def test_a_lot_code_of_five_thousand_characters_is_refused_shortened() -> None:
    document = {"lots": [a_lot(lot="L" * 5000)]}

    assert one_problem(document, Known(parts={"CAP-220": Tracking.LOT})) == (
        "lots[0] (CAP-220), field 'lot': '" + "L" * 40 + "… (5,000 characters)' is too long: "
        "at most 64 characters fit in the database"
    )


def test_a_nul_in_a_code_is_refused_and_shown_escaped() -> None:
    document = {"lots": [a_lot(lot="C-\x001")]}

    assert one_problem(document, Known(parts={"CAP-220": Tracking.LOT})) == (
        "lots[0] (CAP-220), field 'lot': 'C-\\x001' contains a NUL character (\\x00) at "
        "character 3: master data is printable text on one line (the database and the labels "
        "refuse control characters)"
    )


@pytest.mark.parametrize("text", ["Ana\nPop", "Ana\x1bPop", "Ana\x85Pop", "Ana\ud800Pop"])
def test_control_characters_and_unpaired_surrogates_are_refused_in_any_text(text: str) -> None:
    document = {"operators": [{"badge": "B-1", "name": text, "role": "operator"}]}

    assert "operators[0] (B-1), field 'name': 'Ana" in one_problem(document)


def test_a_slash_in_a_lot_code_is_refused_with_the_reason() -> None:
    document = {"lots": [a_lot(lot="C/1")]}

    assert one_problem(document, Known(parts={"CAP-220": Tracking.LOT})) == (
        "lots[0] (CAP-220), field 'lot': 'C/1' must not contain '/': station labels and scans "
        "read PART/LOT and PART/SERIAL (LOT:<part>/<lot>, SN:<part>/<serial>), so a slash "
        "would split it in two"
    )


def test_a_gtin_or_a_pin_of_digits_from_another_script_is_refused() -> None:
    document = {
        "parts": [{"number": "G-1", "tracking": "lot", "gtin": "٠٩٥٠٦٠٠٠١٣٤٣٥٢"}],
        "operators": [{"badge": "B-1", "name": "Lead", "role": "lead", "pin": "١٢٣٤"}],
    }

    assert problems_of(document) == [
        "parts[0] (G-1), field 'gtin': '٠٩٥٠٦٠٠٠١٣٤٣٥٢' is not a GTIN (8, 12, 13 or 14 digits)",
        "operators[0] (B-1), field 'pin': must be 4 to 12 digits",
    ]


# --- shapes and references -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("document", "message"),
    [
        pytest.param(
            [],
            "the file: must be a JSON object with the sections parts, boms, routings, "
            "work_orders, operators, lots, defects, not a list",
            id="a-list",
        ),
        pytest.param(
            {"parts": {"number": "X"}},
            "parts: must be a list of records, not an object",
            id="a-section-not-a-list",
        ),
        pytest.param({"parts": [[[[]]]]}, "parts[0]: must be an object, not a list", id="nested"),
        pytest.param(
            {"part": []},
            "the file: 'part' is not a section; expected parts, boms, routings, work_orders, "
            "operators, lots, defects",
            id="a-misspelt-section",
        ),
    ],
)
def test_a_file_of_another_shape_is_refused(document: Any, message: str) -> None:
    assert one_problem(document) == message


def test_a_reference_to_an_unknown_part_is_named_once_even_if_its_record_is_wrong() -> None:
    document = {
        "parts": [{"number": "G-1", "tracking": "sometimes"}],
        "lots": [{"part": "G-1", "lot": "L-1", "quantity": 1}, a_lot(part="NOPE")],
    }

    assert problems_of(document) == [
        "parts[0] (G-1), field 'tracking': 'sometimes' is not one of: serial, lot, none",
        "lots[1] (NOPE/C-1), field 'part': part 'NOPE' is not defined in the file or the database",
    ]


def test_a_started_work_order_keeps_its_part_and_enough_quantity() -> None:
    known = Known(
        parts={"PCBA-100": Tracking.SERIAL, "CTRL-500": Tracking.SERIAL},
        routings={"PCBA-100": (), "CTRL-500": ()},
        work_orders={"WO-2001": KnownWorkOrder("PCBA-100", registered=2)},
    )
    document = {"work_orders": [{"number": "WO-2001", "part": "CTRL-500", "quantity": 1}]}

    assert problems_of(document, known) == [
        "work_orders[0] (WO-2001), field 'part': is PCBA-100 on record; a work order's part "
        "cannot change",
        "work_orders[0] (WO-2001), field 'quantity': 1 is below the 2 units already registered",
    ]
