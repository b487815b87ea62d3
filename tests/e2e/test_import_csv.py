"""`tracestation import` of a planner's CSV: one file per kind (parts, lots, operators, work
orders), known by its name or its header, commas or semicolons; every problem listed with its
line, and nothing imported from a file with any."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from e2e.cli_runner import Cli


def write(cli: Cli, name: str, text: str) -> Path:
    path = cli.workdir / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(cli: Cli, query: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(cli.db)
    try:
        return [tuple(row) for row in connection.execute(query)]
    finally:
        connection.close()


def test_parts_lots_operators_and_work_orders_each_import_from_a_csv_file(demo_cli: Cli) -> None:
    write(
        demo_cli,
        "parts.csv",
        "number,tracking,description,uom,supplier_parts\n"
        "FAN-40,lot,Fan 40 mm,ea,SUP-FAN-1|SUP-FAN-2\n"
        '"LID-9",serial,"Lid, painted",,\n',
    )
    write(demo_cli, "lots.csv", "part;lot;quantity;expiry;supplier\nFAN-40;F-1;250.5;2027-06-30;\n")
    write(demo_cli, "operators.csv", "badge,name,role,pin\nB-7001,Ioana Lungu,lead,0042\n")
    write(demo_cli, "work_orders.csv", "number,part,quantity\nWO-3001,PCBA-100,12\n")

    for name in ("parts.csv", "lots.csv", "operators.csv", "work_orders.csv"):
        shown = demo_cli.json("import", name)
        assert shown["changed"] is True, name

    assert rows(
        demo_cli,
        "SELECT number, tracking, description FROM parts WHERE number "
        "IN ('FAN-40', 'LID-9') ORDER BY number",
    ) == [
        ("FAN-40", "lot", "Fan 40 mm"),
        ("LID-9", "serial", "Lid, painted"),
    ]
    assert rows(demo_cli, "SELECT code, quantity FROM lots WHERE part = 'FAN-40'") == [
        ("F-1", 250.5)
    ]
    assert rows(demo_cli, "SELECT name, role FROM operators WHERE badge = 'B-7001'") == [
        ("Ioana Lungu", "lead")
    ]
    assert rows(demo_cli, "SELECT part, quantity FROM work_orders WHERE number = 'WO-3001'") == [
        ("PCBA-100", 12)
    ]
    again = demo_cli.json("import", "work_orders.csv")
    assert again["changed"] is False


def test_a_csv_file_of_any_name_is_known_by_its_header(demo_cli: Cli) -> None:
    write(demo_cli, "erp-export-2026-11.csv", "Part;Lot;Quantity\nCAP-220;C-9001;100\n")
    demo_cli.run("import", "erp-export-2026-11.csv")
    assert rows(demo_cli, "SELECT quantity FROM lots WHERE code = 'C-9001'") == [(100,)]


def test_every_problem_of_a_csv_file_is_listed_by_line_and_nothing_is_imported(
    demo_cli: Cli,
) -> None:
    before = demo_cli.snapshot()
    write(
        demo_cli,
        "lots.csv",
        "part,lot,quantity,expiry\n"
        "CAP-220,C-1,100,2027-01-31\n"
        "\n"
        "CAP-220,C-2,lots,\n"
        "PCBA-100,C-3,5,2027-13-01\n"
        "NOPE,C-4,1,\n"
        "CAP-220,C-5,1,2027-01-31,extra\n",
    )

    failed = demo_cli.fails("import", "lots.csv")

    assert failed.stderr.splitlines() == [  # the file's shape first: rows cut wrongly
        "tracestation: lots.csv: line 7: has 5 cells where the header (line 1) has 4; check "
        "for a separator inside a cell without quotes. Nothing was imported; fix the file and "
        "import it again."
    ]
    write(
        demo_cli,
        "lots.csv",
        "part,lot,quantity,expiry\n"
        "CAP-220,C-1,100,2027-01-31\n"
        "\n"
        "CAP-220,C-2,lots,\n"
        "PCBA-100,C-3,5,2027-13-01\n"
        "NOPE,C-4,1,\n",
    )
    failed = demo_cli.fails("import", "lots.csv")
    lines = failed.stderr.splitlines()
    assert lines[0].startswith("tracestation: lots.csv: 4 problems; nothing was imported.")
    assert lines[1:] == [
        "  line 4 (CAP-220/C-2), field 'quantity': 'lots' is not a number",
        "  line 5 (PCBA-100/C-3), field 'part': PCBA-100 is not lot-tracked",
        "  line 5 (PCBA-100/C-3), field 'expiry': '2027-13-01' is not a date (YYYY-MM-DD)",
        "  line 6 (NOPE/C-4), field 'part': part 'NOPE' is not defined in the file or the database",
    ]
    refused = json.loads(demo_cli.run("import", "lots.csv", "--json", check=False).stdout)
    assert refused["problem_count"] == 4
    assert refused["problems"][0] == {
        "record": "line 4 (CAP-220/C-2)",
        "field": "quantity",
        "problem": "'lots' is not a number",
    }
    assert demo_cli.snapshot() == before


def test_a_header_that_names_no_kind_says_what_each_kind_needs(demo_cli: Cli) -> None:
    write(demo_cli, "export.csv", "Item,Qty\nCAP-220,5\n")
    failed = demo_cli.fails("import", "export.csv")
    assert "its header (item, qty) names no kind of record" in failed.stderr
    assert "work_orders: number, part, quantity" in failed.stderr
    assert "not valid JSON" not in failed.stderr


def test_a_file_that_does_not_exist_or_is_a_folder_says_where_it_was_looked_for(cli: Cli) -> None:
    missing = cli.fails("import", "parts.csv")
    assert f"does not exist (looked for {cli.workdir / 'parts.csv'})" in missing.stderr
    (cli.workdir / "exports").mkdir()
    folder = cli.fails("import", "exports")
    assert f"is a folder ({cli.workdir / 'exports'})" in folder.stderr
