"""Defect codes from the command line: the catalogue of master data, the defects scanned at the
station (a failed test's, a removed part's) and the Pareto of a work order's defects."""

from __future__ import annotations

from e2e.cli_runner import Cli

BOARD = ["B-1001", "WO:WO-2001", "OPN:10"]


def boards_failed(defects: list[str]) -> list[str]:
    """Build one board per defect, fail its test and scan the defect."""
    scans = list(BOARD)
    for n, _ in enumerate(defects, start=1):
        scans += ["OPN:10", f"PCB-{n}", "LOT:CAP-220/C-7781", "CMD:DONE"]
    for n, defect in enumerate(defects, start=1):
        scans += ["OPN:20", f"PCB-{n}", "CMD:FAIL", f"DEF:{defect}"]
    return scans


def test_the_demo_catalogue_lists_the_codes_to_scan(demo_cli: Cli) -> None:
    listed = demo_cli.json("defects", "list", "--json")["defects"]
    assert {
        "code": "SOLDER-BRIDGE",
        "description": "Solder bridge between pins",
        "category": "soldering",
    } in listed
    text = demo_cli.run("defects", "list").stdout
    assert "DEF:SOLDER-BRIDGE" in text


def test_the_pareto_ranks_a_work_orders_defects_with_their_share(demo_cli: Cli) -> None:
    results = demo_cli.replay(
        boards_failed(["SOLDER-BRIDGE", "COLD-JOINT", "SOLDER-BRIDGE", "SOLDER-BRIDGE"])
    )
    failed = [r for r in results if r["code"] == "test_failed"]
    assert [r["verdict"] for r in failed] == ["test_failed"] * 4
    assert [r["outcome"] for r in failed] == ["accepted"] * 4  # the replay contract stands
    pareto = demo_cli.json("defects", "pareto", "--work-order", "WO-2001", "--json")
    assert pareto["total"] == 4
    assert [(d["code"], d["count"], d["share"], d["cumulative"]) for d in pareto["defects"]] == [
        ("SOLDER-BRIDGE", 3, "75.0", "75.0"),
        ("COLD-JOINT", 1, "25.0", "100.0"),
    ]
    assert pareto["defects"][0]["by_source"] == {"test": 3}
    text = demo_cli.run("defects", "pareto", "--work-order", "WO-2001").stdout
    assert "SOLDER-BRIDGE" in text and "75.0%" in text


def test_a_pareto_of_an_unknown_work_order_says_so(demo_cli: Cli) -> None:
    failed = demo_cli.fails("defects", "pareto", "--work-order", "WO-NOPE")
    assert "Work order WO-NOPE does not exist" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_a_work_order_without_defects_says_so(demo_cli: Cli) -> None:
    text = demo_cli.run("defects", "pareto", "--work-order", "WO-1001").stdout
    assert text.strip() == "No defects recorded on WO-1001."
