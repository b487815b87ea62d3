"""`tracestation import` as a user runs it: a bad file gets every problem listed with its record
and field, exit 1, no traceback, and the database exactly as it was."""

from __future__ import annotations

import hashlib
import json
import socket

from e2e.cli_runner import Cli

BAD_FILE = """{
  "parts": [
    {"number": "GADGET-1", "tracking": "lot", "gtin": "09506000134352"},
    {"number": "GADGET/2", "tracking": "lot"},
    {"number": "GADGET-3", "tracking": "lot", "gtin": "12345670"},
    {"number": "GADGET-4", "tracking": "lot", "gtin": "12345670"}
  ],
  "boms": [{"parent": "PCBA-100", "lines": [{"part": "CTRL-500", "qty": 1, "operation": "10"}]}],
  "lots": [
    {"part": "CAP-220", "lot": "C-1", "quantity": 1000000000000000000000000000000},
    {"part": "CAP-220", "lot": "C-2", "quantity": 1e999999},
    {"part": "CAP-220", "lot": "C-\\u00003", "quantity": 1},
    {"part": "CAP-220", "lot": "%s", "quantity": 1}
  ]
}""" % ("L" * 5000)


def test_every_problem_of_a_bad_file_is_listed_and_nothing_is_imported(demo_cli: Cli) -> None:
    before = demo_cli.snapshot()
    (demo_cli.workdir / "bad.json").write_text(BAD_FILE, encoding="utf-8")

    failed = demo_cli.fails("import", "bad.json")

    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.splitlines() == [
        "tracestation: bad.json: 8 problems; nothing was imported. "
        "Fix them and import the file again:",
        "  parts[1], field 'number': 'GADGET/2' must not contain '/': station labels and scans "
        "read PART/LOT and PART/SERIAL (LOT:<part>/<lot>, SN:<part>/<serial>), so a slash "
        "would split it in two",
        "  parts[0] (GADGET-1), field 'gtin': '09506000134352' is already the GTIN of part "
        "CTRL-500 in the database; a GTIN names one part: use another one here, or give "
        "CTRL-500 another GTIN in this file",
        "  parts[3] (GADGET-4), field 'gtin': '00000012345670' is also the GTIN of parts[2] "
        "(GADGET-3) in this file; a GTIN names one part",
        "  boms[0] (PCBA-100), field 'lines': the BOMs make a cycle, PCBA-100 → CTRL-500 → "
        "PCBA-100: a part would be inside itself; take one of these lines out",
        "  lots[0] (CAP-220/C-1), field 'quantity': 1000000000000000000000000000000 is too "
        "large: quantities must be below 1,000,000,000,000 (the database holds 12 digits "
        "before the decimal point)",
        "  lots[1] (CAP-220/C-2), field 'quantity': 1E+999999 is too large: quantities must be "
        "below 1,000,000,000,000 (the database holds 12 digits before the decimal point)",
        "  lots[2] (CAP-220), field 'lot': 'C-\\x003' contains a NUL character (\\x00) at "
        "character 3: master data is printable text on one line (the database and the labels "
        "refuse control characters)",
        "  lots[3] (CAP-220), field 'lot': '" + "L" * 40 + "… (5,000 characters)' is too "
        "long: at most 64 characters fit in the database",
    ]
    assert demo_cli.snapshot() == before


def test_a_latin1_file_is_refused_saying_to_save_it_as_utf8(demo_cli: Cli) -> None:
    before = demo_cli.snapshot()
    operators = '{"operators": [{"badge": "B-1003", "name": "José Álvarez", "role": "operator"}]}'
    (demo_cli.workdir / "latin1.json").write_bytes(operators.encode("latin-1"))

    failed = demo_cli.fails("import", "latin1.json")

    assert failed.stderr == (
        "tracestation: latin1.json: is not UTF-8 text: byte 0xE9 at line 1, column 48 "
        '(near \'-1003", "name": "Jos� �lvarez", "role":\') is not UTF-8. The file was '
        "probably saved in a legacy code page (Latin-1, Windows-1252 or Windows-1250), where "
        "that byte is a different letter in each, so it is not guessed. Save it as UTF-8 (in an "
        "editor: Save as, encoding UTF-8). Nothing was imported; fix the file and import it "
        "again.\n"
    )
    assert demo_cli.snapshot() == before


def test_a_utf16_file_from_a_windows_editor_is_imported(demo_cli: Cli) -> None:
    operators = {"operators": [{"badge": "B-1003", "name": "Ștefan Mureșan", "role": "operator"}]}
    (demo_cli.workdir / "utf16.json").write_bytes(json.dumps(operators).encode("utf-16"))

    imported = demo_cli.json("import", "utf16.json")

    assert imported["sections"]["operators"]["created"] == 1
    with demo_cli.sql() as c:
        assert c.execute("SELECT name FROM operators WHERE badge = 'B-1003'").fetchone()[0] == (
            "Ștefan Mureșan"
        )


def test_a_deeply_nested_file_is_refused_without_a_traceback(demo_cli: Cli) -> None:
    before = demo_cli.snapshot()
    (demo_cli.workdir / "deep.json").write_text('{"lots": ' + "[" * 100_000 + "]" * 100_000 + "}")

    failed = demo_cli.fails("import", "deep.json")

    assert failed.stderr == (
        "tracestation: deep.json: nests lists or objects too deep to read (a master-data file "
        "needs four levels). Nothing was imported; fix the file and import it again.\n"
    )
    assert demo_cli.snapshot() == before


def test_past_fifty_problems_the_rest_are_counted_and_json_lists_them_too(demo_cli: Cli) -> None:
    before = demo_cli.snapshot()
    lots = [{"part": "CAP-220", "lot": f"C-{i}", "quantity": -1} for i in range(120)]
    (demo_cli.workdir / "many.json").write_text(json.dumps({"lots": lots}), encoding="utf-8")

    failed = demo_cli.fails("import", "many.json")
    as_json = demo_cli.fails("import", "many.json", "--json")

    lines = failed.stderr.splitlines()
    assert lines[0] == (
        "tracestation: many.json: 120 problems; nothing was imported. "
        "Fix them and import the file again:"
    )
    assert lines[1] == "  lots[0] (CAP-220/C-0), field 'quantity': must be 0 or more, not -1"
    assert len(lines) == 52 and lines[-1] == "  ... and 70 more (the first 50 are listed)"
    listed = json.loads(as_json.stdout)
    assert (listed["imported"], listed["problem_count"], len(listed["problems"])) == (
        False,
        120,
        50,
    )
    assert listed["problems"][0] == {
        "record": "lots[0] (CAP-220/C-0)",
        "field": "quantity",
        "problem": "must be 0 or more, not -1",
    }
    assert demo_cli.snapshot() == before


def test_an_import_is_on_the_record_of_the_import_chain_of_this_computer_and_database(
    demo_cli: Cli,
) -> None:
    promoted = {
        "operators": [{"badge": "B-1001", "name": "Ana Pop", "role": "lead", "pin": "2468"}]
    }
    (demo_cli.workdir / "promote.json").write_text(json.dumps(promoted), encoding="utf-8")

    imported = demo_cli.json("import", "promote.json")

    host = socket.gethostname().split(".")[0]
    database = hashlib.sha256(f"sqlite://:/{demo_cli.db.resolve()}".encode()).hexdigest()[:8]
    with demo_cli.sql() as c:
        station, payload = c.execute(
            "SELECT station, payload FROM events WHERE kind = 'master_data_changed' "
            "ORDER BY time DESC LIMIT 1"
        ).fetchone()
    assert imported["journal"] == {"station": f"IMPORT-{host}-{database}", "events": 1}
    assert station == imported["journal"]["station"]
    (change,) = json.loads(payload)["changes"]
    assert (change["before"]["role"], change["after"]["role"]) == ("operator", "lead")
    assert "2468" not in payload
