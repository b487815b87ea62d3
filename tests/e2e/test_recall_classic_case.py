"""The classic recall case, run through the command line as a plant would live it.

A capacitor lot turns out faulty. It went into only some of the boards of a sub-assembly work
order (the other boards got a good lot); every board was built into a finished unit of another
work order, tested and packed. Serial genealogy must name exactly the boards and units that hold
the faulty lot (unit scope), beside everything a lot-only system would have to recall (lot scope).

Scale: TRACESTATION_E2E_UNITS boards (default 200), TRACESTATION_E2E_FAULTY of them with the
faulty lot (default 14). The boards and units are built on two stations at once, as two lines
would, to keep the test within about a minute.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from e2e.cli_runner import Cli, parse_replay_output, refused

UNITS = int(os.environ.get("TRACESTATION_E2E_UNITS", "200"))
FAULTY = int(os.environ.get("TRACESTATION_E2E_FAULTY", "14"))

BOARD, PRODUCT, CAP = "SNS-BRD", "SNS-UNIT", "CAP-47"
BAD_LOT, GOOD_LOT = "C-4711", "C-4790"
BOARD_WO, PRODUCT_WO, SPARE_WO = "WO-B100", "WO-F100", "WO-B101"
OPERATOR, LEAD = "B-2001", "B-9101"

UNIT_KEYS = {"part", "serial", "work_order", "status", "container"}


def board(i: int) -> str:
    return f"BRD-{i:05d}"


def product(i: int) -> str:
    return f"SNS-{i:05d}"


def spare(i: int) -> str:
    return f"BRD-S{i:03d}"


def faulty_positions(units: int, faulty: int) -> list[int]:
    """Which boards got the faulty lot: `faulty` of them, spread over the work order."""
    assert 0 < faulty <= units
    return sorted({round((j + 0.5) * units / faulty) for j in range(faulty)})


def master_data(units: int, spares: int) -> dict[str, Any]:
    return {
        "parts": [
            {"number": PRODUCT, "description": "Sensor unit", "tracking": "serial", "uom": "ea"},
            {"number": BOARD, "description": "Sensor board", "tracking": "serial", "uom": "ea"},
            {"number": CAP, "description": "Capacitor 47 uF 16 V", "tracking": "lot", "uom": "ea"},
        ],
        "routings": [
            {
                "part": BOARD,
                "operations": [
                    {"code": "10", "name": "SMT assembly", "kind": "assemble"},
                    {"code": "20", "name": "In-circuit test", "kind": "test"},
                ],
            },
            {
                "part": PRODUCT,
                "operations": [
                    {"code": "10", "name": "Assembly", "kind": "assemble"},
                    {"code": "20", "name": "Final test", "kind": "test"},
                    {"code": "30", "name": "Pack", "kind": "pack", "pack_qty": 10},
                ],
            },
        ],
        "boms": [
            {"parent": BOARD, "lines": [{"part": CAP, "qty": 2, "operation": "10"}]},
            {"parent": PRODUCT, "lines": [{"part": BOARD, "qty": 1, "operation": "10"}]},
        ],
        "work_orders": [
            {"number": BOARD_WO, "part": BOARD, "quantity": units},
            {"number": SPARE_WO, "part": BOARD, "quantity": max(spares, 1)},
            {"number": PRODUCT_WO, "part": PRODUCT, "quantity": units},
        ],
        "operators": [
            {"badge": OPERATOR, "name": "Dana Ilie", "role": "operator"},
            {"badge": LEAD, "name": "Radu Marin", "role": "lead", "pin": "2468"},
        ],
        "lots": [
            {
                "part": CAP,
                "lot": BAD_LOT,
                "quantity": 100000,
                "expiry": "2099-12-31",
                "supplier": "Nichicon",
            },
            {
                "part": CAP,
                "lot": GOOD_LOT,
                "quantity": 100000,
                "expiry": "2099-12-31",
                "supplier": "Nichicon",
            },
        ],
    }


def board_scans(work_order: str, serials: Sequence[str], lot_of: dict[str, str]) -> list[str]:
    scans = [OPERATOR, f"WO:{work_order}", "OPN:10"]
    for serial in serials:
        scans += [serial, f"LOT:{CAP}/{lot_of[serial]}", "CMD:DONE"]
    scans.append("OPN:20")
    for serial in serials:
        scans += [serial, "CMD:PASS"]
    return scans


def product_scans(positions: Sequence[int], failing: Iterable[int] = ()) -> list[str]:
    """Build and test finished units; unit i gets board i. Units in `failing` fail final test."""
    fail = set(failing)
    scans = [OPERATOR, f"WO:{PRODUCT_WO}", "OPN:10"]
    for i in positions:
        scans += [product(i), board(i), "CMD:DONE"]
    scans.append("OPN:20")
    for i in positions:
        scans += [product(i), "CMD:FAIL" if i in fail else "CMD:PASS"]
    return scans


def pack_scans(units: int) -> list[str]:
    return [OPERATOR, f"WO:{PRODUCT_WO}", "OPN:30", *(product(i) for i in range(1, units + 1))]


def run_lines(cli: Cli, scans_per_station: dict[str, list[str]]) -> None:
    """Run one replay per station at the same time and insist every scan was accepted."""
    running: dict[str, subprocess.Popen[str]] = {
        station: cli.start_replay(scans, station) for station, scans in scans_per_station.items()
    }
    problems: list[str] = []
    for station, proc in running.items():
        stdout, stderr = proc.communicate(timeout=900)
        results = parse_replay_output(stdout)
        expected = len(scans_per_station[station])
        if proc.returncode != 0 or len(results) != expected:
            problems.append(
                f"{station}: exit {proc.returncode}, {len(results)}/{expected} scans; "
                f"{stderr[-1500:]}"
            )
        problems += [f"{station}: {line}" for line in refused(results)[:10]]
    assert not problems, "\n".join(problems)


@dataclass(frozen=True)
class ClassicPlant:
    units: int
    faulty: list[int]

    @property
    def faulty_boards(self) -> set[tuple[str, str]]:
        return {(BOARD, board(i)) for i in self.faulty}

    @property
    def faulty_products(self) -> set[tuple[str, str]]:
        return {(PRODUCT, product(i)) for i in self.faulty}

    @property
    def every_unit(self) -> set[tuple[str, str]]:
        n = range(1, self.units + 1)
        return {(BOARD, board(i)) for i in n} | {(PRODUCT, product(i)) for i in n}


def build_classic_plant(
    cli: Cli,
    units: int,
    faulty: int,
    *,
    stations: int = 2,
    failing: Sequence[int] = (),
    spares: int = 0,
) -> ClassicPlant:
    """Import the plant, build the boards and spares, build and test the units; packing is left
    to the caller so a rework can come first."""
    cli.import_document(master_data(units, spares))
    bad = faulty_positions(units, faulty)
    lot_of = {board(i): (BAD_LOT if i in bad else GOOD_LOT) for i in range(1, units + 1)}
    lot_of.update({spare(i): GOOD_LOT for i in range(1, spares + 1)})
    positions = list(range(1, units + 1))
    lines = {f"LINE-{k + 1}": positions[k::stations] for k in range(stations)}
    boards = {
        st: board_scans(BOARD_WO, [board(i) for i in pos], lot_of) for st, pos in lines.items()
    }
    if spares:
        boards["LINE-SPARE"] = board_scans(
            SPARE_WO, [spare(i) for i in range(1, spares + 1)], lot_of
        )
    run_lines(cli, boards)
    run_lines(cli, {st: product_scans(pos, failing) for st, pos in lines.items()})
    return ClassicPlant(units, bad)


def pack_all(cli: Cli, plant: ClassicPlant) -> None:
    run_lines(cli, {"PACK-1": pack_scans(plant.units)})


def identities(units: Iterable[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(u["part"], u["serial"]) for u in units}


def assert_unit_objects(units: Sequence[dict[str, Any]]) -> None:
    for unit in units:
        assert set(unit) == UNIT_KEYS, unit


def recall(cli: Cli, lot: str) -> dict[str, Any]:
    answer: dict[str, Any] = cli.json("recall", "--lot", lot, "--part", CAP)
    assert set(answer) == {"lot", "unit_scope", "lot_scope"}
    assert set(answer["lot"]) == {"part", "lot", "status"}
    assert set(answer["unit_scope"]) == {"count", "units", "removed"}
    assert set(answer["lot_scope"]) == {"count", "units", "work_orders"}
    for units in (
        answer["unit_scope"]["units"],
        answer["unit_scope"]["removed"],
        answer["lot_scope"]["units"],
    ):
        assert_unit_objects(units)
    return answer


@pytest.mark.slow
def test_a_recall_of_the_faulty_lot_names_only_the_boards_that_got_it_and_the_units_built_from_them(
    cli: Cli,
) -> None:
    plant = build_classic_plant(cli, UNITS, FAULTY)
    pack_all(cli, plant)

    answer = recall(cli, BAD_LOT)

    assert answer["lot"] == {"part": CAP, "lot": BAD_LOT, "status": "released"}
    scope = answer["unit_scope"]
    assert scope["count"] == 2 * FAULTY == len(scope["units"])
    assert identities(scope["units"]) == plant.faulty_boards | plant.faulty_products
    assert scope["removed"] == []
    for unit in scope["units"]:
        if unit["part"] == BOARD:
            assert (unit["work_order"], unit["status"], unit["container"]) == (
                BOARD_WO,
                "passed",
                None,
            )
        else:
            assert (unit["work_order"], unit["status"]) == (PRODUCT_WO, "packed")
            assert unit["container"] is not None and len(unit["container"]) == 18, unit

    wide = answer["lot_scope"]
    assert wide["count"] == 2 * UNITS == len(wide["units"])
    assert identities(wide["units"]) == plant.every_unit
    assert wide["work_orders"] == [BOARD_WO, PRODUCT_WO]

    forward = cli.json("trace", "forward", "--lot", BAD_LOT, "--part", CAP)
    assert set(forward) == {"units"}
    assert_unit_objects(forward["units"])
    assert forward["units"] == scope["units"]

    report = cli.workdir / "recall.csv"
    said = cli.run("report", "recall", "--lot", BAD_LOT, "--part", CAP, "--out", str(report))
    assert f"{2 * FAULTY:,} units instead of {2 * UNITS:,}" in said.stdout
    rows = report.read_text().splitlines()
    assert len(rows) == 1 + 2 * UNITS
    assert sum(row.endswith(",yes,no,yes") for row in rows) == 2 * FAULTY

    good = recall(cli, GOOD_LOT)
    assert good["unit_scope"]["count"] == 2 * (UNITS - FAULTY)
    assert not identities(good["unit_scope"]["units"]) & identities(scope["units"])
    assert good["lot_scope"]["count"] == 2 * UNITS


def rework_scans(unit: str, old_board: str, new_board: str) -> list[str]:
    """Final test failed: take the unit back to assembly, swap the board, test it again."""
    return [
        OPERATOR,
        f"WO:{PRODUCT_WO}",
        "OPN:10",
        unit,
        "CMD:REMOVE",
        old_board,
        new_board,
        "CMD:DONE",
        "OPN:20",
        unit,
        "CMD:PASS",
    ]


@pytest.mark.slow
def test_a_unit_whose_faulty_board_was_replaced_in_rework_is_listed_apart_from_the_recall_scope(
    cli: Cli,
) -> None:
    units, faulty = max(UNITS // 10, 20), max(FAULTY // 4, 3)
    reworked = faulty_positions(units, faulty)[0]
    plant = build_classic_plant(cli, units, faulty, stations=1, failing=[reworked], spares=1)
    results = cli.replay(
        rework_scans(product(reworked), board(reworked), spare(1)), station="REWORK-1"
    )
    assert not refused(results)
    removal, replacement = results[5]["message"], results[6]["message"]
    assert f"{BOARD}/{board(reworked)} removed from {PRODUCT}/{product(reworked)}" in removal
    assert f"{BOARD}/{spare(1)} installed in {PRODUCT}/{product(reworked)}" in replacement
    pack_all(cli, plant)

    answer = recall(cli, BAD_LOT)

    reworked_unit = (PRODUCT, product(reworked))
    scope = answer["unit_scope"]
    assert reworked_unit not in identities(scope["units"])
    assert identities(scope["units"]) == plant.faulty_boards | (
        plant.faulty_products - {reworked_unit}
    )
    assert scope["count"] == 2 * faulty - 1
    assert identities(scope["removed"]) == {reworked_unit}
    assert scope["removed"][0]["status"] == "packed"
    removed_board = next(u for u in scope["units"] if u["serial"] == board(reworked))
    assert removed_board["status"] == "in_rework"
    assert answer["lot_scope"]["count"] == 2 * units
    assert answer["lot_scope"]["work_orders"] == [BOARD_WO, PRODUCT_WO]
    assert reworked_unit in identities(answer["lot_scope"]["units"])
    assert reworked_unit in identities(recall(cli, GOOD_LOT)["unit_scope"]["units"])

    tree = cli.json("trace", "backward", product(reworked), "--part", PRODUCT)
    boards = {child["serial"]: child for child in tree["children"]}
    assert set(boards) == {board(reworked), spare(1)}
    old, new = boards[board(reworked)], boards[spare(1)]
    assert old["removed_at"] is not None and old["installed_at"] is not None
    assert old["removed_at"] >= old["installed_at"]
    assert new["removed_at"] is None
    assert [(c["part"], c["lot"], c["qty"]) for c in old["children"]] == [(CAP, BAD_LOT, "2")]
    assert [(c["part"], c["lot"], c["qty"]) for c in new["children"]] == [(CAP, GOOD_LOT, "2")]

    forward = cli.json("trace", "forward", "--lot", BAD_LOT, "--part", CAP)
    assert forward["units"] == scope["units"]
