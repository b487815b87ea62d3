"""Printable sheets lay every station code out at whole printer dots within the sheet figures:
0.5 mm in a column where it fits, across the page where it does not, and never a PIN."""

from __future__ import annotations

from datetime import date

import pytest

from tracestation.domain.model import Operation, OperationKind, Operator, Role, Routing
from tracestation.labels.layout import Text
from tracestation.labels.sheet_content import CodeWithText, badges_sheet, commands_sheet
from tracestation.labels.sheets import sheet_pages
from tracestation.labels.sizes import SPECS, SymbolTooLarge, SymbolUse, dots_to_mm

ROUTING = Routing(
    "CTRL-500",
    (
        Operation("10", "Kitting", OperationKind.CONSUME),
        Operation("20", "Test", OperationKind.TEST),
    ),
)
REASONS = [CodeWithText("ENG-APPROVED", "Engineering approved the exception")]


@pytest.mark.parametrize(("dpi", "dots"), [(203, 4), (300, 6)])
def test_short_codes_are_half_a_millimetre_in_columns_and_long_ones_take_the_page(
    dpi: int, dots: int
) -> None:
    sheet = commands_sheet([ROUTING], REASONS, today=date(2026, 11, 30))
    page = sheet_pages(sheet, dpi)[0]
    spec = SPECS[SymbolUse.SHEET]
    by_data = {symbol.barcode.data: symbol for symbol in page.symbols}
    assert by_data["CMD:DONE"].module == dots
    for symbol in page.symbols:
        assert spec.x_min_mm <= dots_to_mm(symbol.module, dpi) <= spec.x_max_mm
        assert dots_to_mm(symbol.bar_height, dpi) >= spec.min_height_mm
        quiet = spec.quiet_modules * symbol.module
        assert symbol.x >= quiet and symbol.x + symbol.width + quiet <= page.width
    half = page.width // 2
    new, done = by_data["CMD:NEW"], by_data["CMD:DONE"]
    assert new.x + new.width < half < done.x and new.y == done.y, "two to a row"
    wide = sheet_pages(commands_sheet([], REASONS), dpi)[-1].symbols[-1]
    assert wide.barcode.data == "RSN:ENG-APPROVED" and wide.width > half, "across the page"


def test_a_code_too_long_for_the_page_is_refused_saying_so() -> None:
    sheet = commands_sheet([ROUTING], [CodeWithText("X" * 70, "far too long")])
    with pytest.raises(SymbolTooLarge, match="does not fit"):
        sheet_pages(sheet)


def test_a_badge_sheet_prints_badge_and_name_never_the_pin() -> None:
    lead = Operator("B-9001", "Ion Rus", Role.LEAD, pin_hash="$argon2id$v=19$4321")
    sheet = badges_sheet([Operator("B-1001", "Ana Pop", Role.OPERATOR), lead])
    [page] = sheet_pages(sheet)
    texts = " ".join(item.text for item in page.items if isinstance(item, Text))
    assert [s.barcode.data for s in page.symbols] == ["B-1001", "B-9001"]
    assert "Ion Rus" in texts and "Line leads" in texts
    assert "4321" not in texts and "argon" not in texts


def test_the_commands_sheet_lists_every_command_the_station_reads() -> None:
    from tracestation.barcodes.station_codes import COMMANDS

    sheet = commands_sheet([ROUTING])
    printed = {code.data for code in sheet.codes if code.data.startswith("CMD:")}
    assert printed == {f"CMD:{name}" for name in COMMANDS}


def test_defect_codes_of_the_catalogue_are_printed_as_def_codes() -> None:
    sheet = commands_sheet([ROUTING], defects=[CodeWithText("NO-POWER", "Does not power up")])
    [section] = [s for s in sheet.sections if s.title.startswith("Defect codes")]
    assert [(c.data, c.caption) for c in section.codes] == [("DEF:NO-POWER", "Does not power up")]
