"""`tracestation nc open|close|list` and `deviation list` as a line lead and a quality
engineer use them: signed with badge and PIN, a lot's NC holding the lot in the same step."""

from __future__ import annotations

from e2e.cli_runner import Cli

LEAD = ("--lead", "B-9001", "--pin", "4321")


def test_a_lots_nonconformance_holds_it_and_is_listed_until_closed(demo_cli: Cli) -> None:
    opened = demo_cli.json(
        "nc",
        "open",
        "--lot",
        "CAP-220/C-7790",
        "--defect",
        "DAMAGED-PART",
        "--disposition",
        "return_to_vendor",
        "--description",
        "reel crushed",
        "--number",
        "NC-0042",
        "--hold",
        *LEAD,
        "--json",
    )
    assert (opened["number"], opened["signed_by_name"]) == ("NC-0042", "Ion Rus")
    recall = demo_cli.json("recall", "--lot", "C-7790", "--part", "CAP-220", "--json")
    assert recall["lot"]["status"] == "rejected"  # returned to vendor: rejected, not only held

    demo_cli.json(
        "nc",
        "open",
        "--lot",
        "CAP-220/C-7781",
        "--defect",
        "WRONG-PART",
        "--disposition",
        "use_as_is",
        "--description",
        "label shows 220 nF",
        "--hold",
        *LEAD,
        "--json",
    )
    held = demo_cli.json("recall", "--lot", "C-7781", "--part", "CAP-220", "--json")
    assert held["lot"]["status"] == "hold"
    listed = demo_cli.json("nc", "list", "--open", "--json")["nonconformances"]
    assert [n["subject"] for n in listed] == ["CAP-220/C-7781", "CAP-220/C-7790"]
    assert listed[0]["number"].startswith("NC-")

    closed = demo_cli.json(
        "nc", "close", "NC-0042", "--note", "credited by supplier", *LEAD, "--json"
    )
    assert closed["number"] == "NC-0042"
    still_open = demo_cli.json("nc", "list", "--open", "--json")["nonconformances"]
    assert [n["number"] for n in still_open] == [listed[0]["number"]]
    text = demo_cli.run("nc", "list").stdout
    assert "closed" in text and "credited by supplier" in text


def test_a_nonconformance_with_a_code_outside_the_catalogue_is_refused(demo_cli: Cli) -> None:
    failed = demo_cli.fails(
        "nc",
        "open",
        "--unit",
        "PCBA-100/PCB-1",
        "--defect",
        "GREMLINS",
        "--disposition",
        "rework",
        "--description",
        "x",
        *LEAD,
    )
    assert "not in the defect catalogue" in failed.stderr and "Nothing was changed" in failed.stderr
    assert demo_cli.run("nc", "list").stdout.strip() == "No nonconformances."


def test_a_wrong_pin_signs_nothing(demo_cli: Cli) -> None:
    failed = demo_cli.fails(
        "nc",
        "open",
        "--lot",
        "CAP-220/C-7790",
        "--defect",
        "DAMAGED-PART",
        "--disposition",
        "use_as_is",
        "--description",
        "x",
        "--lead",
        "B-9001",
        "--pin",
        "0000",
    )
    assert "Wrong PIN" in failed.stderr and "Traceback" not in failed.stderr


def test_deviations_are_listed_with_their_signature(demo_cli: Cli) -> None:
    demo_cli.replay(
        [
            "B-1001",
            "WO:WO-2001",
            "OPN:10",
            "PCB-1",
            "LOT:CAP-220/C-6001",
            "B-9001",
            "PIN:4321",
            "RSN:ENG-APPROVED",
        ]
    )
    [deviation] = demo_cli.json("deviation", "list", "--work-order", "WO-2001", "--json")[
        "deviations"
    ]
    assert (deviation["reason"], deviation["signature"]["name"]) == ("ENG-APPROVED", "Ion Rus")
    assert demo_cli.json("deviation", "list", "--work-order", "WO-1001", "--json") == {
        "deviations": []
    }
    assert "signed by Ion Rus (B-9001)" in demo_cli.run("deviation", "list").stdout
