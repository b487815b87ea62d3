"""The scan flow of DESIGN.md, scanned as an operator would, on a real migrated SQLite file."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.store.tables import (
    ConsumptionRow,
    ContainerRow,
    DefectRecordRow,
    EventRow,
    GenealogyLinkRow,
    LotRow,
    TestRecordRow,
    UnitRow,
)

BUILD_BOARD = ("WO:WO-2001", "OPN:10")


def unit(engine: Any, serial: str) -> UnitRow:
    with Session(engine) as s:
        row = s.scalars(select(UnitRow).where(UnitRow.serial == serial)).one()
        s.expunge(row)
        return row


def lot_quantity(engine: Any, part: str, code: str) -> float:
    with Session(engine) as s:
        return float(
            s.scalars(select(LotRow.quantity).where(LotRow.part == part, LotRow.code == code)).one()
        )


def finished_board(scan: Any, serial: str, lot: str = "LOT:CAP-220/C-7781") -> None:
    scan("WO:WO-2001", "OPN:10", serial, lot, "CMD:DONE", "OPN:20", serial, "CMD:PASS")


def test_a_badge_logs_the_operator_in_and_the_prompt_asks_for_a_work_order(station: Any) -> None:
    result = station.scan("B-1001")
    assert result.outcome == "accepted"
    assert "Ana Pop" in result.message
    assert "work order" in result.prompt.lower()


def test_scanning_work_before_logging_in_is_rejected_and_asks_for_a_badge(station: Any) -> None:
    result = station.scan("WO:WO-2001")
    assert result.outcome == "rejected"
    assert "badge" in result.message


def test_an_unknown_badge_is_rejected_by_name(station: Any) -> None:
    result = station.scan("B-7777")
    assert result.outcome == "rejected"
    assert "B-7777 is not a known badge" in result.message


def test_another_badge_switches_the_operator_and_logout_ends_the_session(
    station: Any, scan: Any
) -> None:
    scan("B-1001", "WO:WO-2001")
    switched = station.scan("B-1002")
    assert "Mihai Dan" in switched.message
    assert station.context.work_order.number == "WO-2001"
    out = station.scan("CMD:LOGOUT")
    assert out.outcome == "accepted"
    assert station.scan("OPN:10").outcome == "rejected"


def test_an_unknown_work_order_or_operation_is_rejected_with_what_exists(scan: Any) -> None:
    assert "does not exist" in scan("B-1001", "WO:WO-9999").message
    result = scan("WO:WO-2001", "OPN:99")
    assert result.outcome == "rejected"
    assert "10 SMT assembly" in result.message


def test_building_a_board_registers_it_installs_the_bom_quantity_and_completes(
    engine: Any, scan: Any
) -> None:
    registered = scan("B-1001", *BUILD_BOARD, "PCB-1")
    assert registered.outcome == "accepted" and registered.event_id
    installed = scan("LOT:CAP-220/C-7781")
    assert installed.message == "2 ea of lot CAP-220/C-7781 installed in PCBA-100/PCB-1."
    done = scan("CMD:DONE")
    assert done.outcome == "accepted"
    board = unit(engine, "PCB-1")
    assert (board.status, board.last_operation, board.work_order) == ("in_process", "10", "WO-2001")
    assert lot_quantity(engine, "CAP-220", "C-7781") == 4998


def test_done_with_a_bom_line_missing_is_rejected_naming_what_is_missing(scan: Any) -> None:
    result = scan("B-1001", *BUILD_BOARD, "PCB-1", "CMD:DONE")
    assert result.outcome == "rejected"
    assert "still needs: CAP-220 2" in result.message


def test_a_quantity_scanned_before_a_lot_installs_that_quantity(engine: Any, scan: Any) -> None:
    scan("B-1001", *BUILD_BOARD, "PCB-1", "QTY:1", "LOT:CAP-220/C-7781")
    second = scan("LOT:CAP-220/C-7790")
    assert second.message == "1 ea of lot CAP-220/C-7790 installed in PCBA-100/PCB-1."
    assert scan("CMD:DONE").outcome == "accepted"


def test_more_than_the_bom_line_needs_is_rejected(scan: Any) -> None:
    result = scan("B-1001", *BUILD_BOARD, "PCB-1", "QTY:3", "LOT:CAP-220/C-7781")
    assert result.outcome == "rejected"
    assert "more than the 2 ea still needed" in result.message


def test_a_part_that_is_not_on_the_bom_of_the_operation_is_rejected(scan: Any) -> None:
    result = scan("B-1001", *BUILD_BOARD, "PCB-1", "LOT:SCREW-M3/L-2291")
    assert result.outcome == "rejected"
    assert "SCREW-M3 is not on the bill of materials of PCBA-100 at operation 10" in result.message


def test_a_child_board_that_has_not_passed_its_test_cannot_be_installed(scan: Any) -> None:
    scan("B-1001", *BUILD_BOARD, "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")
    result = scan("WO:WO-1001", "OPN:10", "CTRL-1", "OPN:20", "CTRL-1", "PCB-1")
    assert result.outcome == "rejected"
    assert "has not finished its own routing" in result.message


def test_a_child_installed_in_one_unit_cannot_go_into_another(scan: Any) -> None:
    scan("B-1001")
    finished_board(scan, "PCB-1")
    scan(
        "WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88", "CTRL-1", "CTRL-2", "OPN:20", "CTRL-1", "PCB-1"
    )
    result = scan("CTRL-2", "PCB-1")
    assert result.outcome == "rejected"
    assert "is installed in CTRL-500/CTRL-1" in result.message


def test_a_unit_scanned_at_an_operation_it_has_not_reached_is_rejected(scan: Any) -> None:
    scan("B-1001", *BUILD_BOARD, "PCB-1")
    result = scan("OPN:20", "PCB-1")
    assert result.outcome == "rejected"
    assert "its next operation is 10 SMT assembly" in result.message


def test_the_work_order_quantity_cannot_be_exceeded(
    plant_document: Any, engine: Any, scan: Any
) -> None:
    from tracestation.store.importer import import_master_data

    import_master_data(
        engine, {"work_orders": [{"number": "WO-SMALL", "part": "PCBA-100", "quantity": 1}]}
    )
    scan("B-1001", "WO:WO-SMALL", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")
    result = scan("PCB-2")
    assert result.outcome == "rejected"
    assert "already has all 1 units" in result.message


def test_the_same_scan_twice_within_a_second_counts_once(
    engine: Any, station: Any, clock: Any, scan: Any
) -> None:
    from datetime import timedelta

    scan("B-1001", *BUILD_BOARD, "PCB-1", "QTY:1")
    clock.tick = timedelta(milliseconds=200)
    first = station.scan("LOT:CAP-220/C-7781")
    again = station.scan("LOT:CAP-220/C-7781")
    assert first.outcome == "accepted"
    assert again.outcome == "rejected" and "read twice within a second" in again.message
    assert lot_quantity(engine, "CAP-220", "C-7781") == 4999


def test_a_lot_serial_or_badge_code_that_matches_two_kinds_of_thing_is_ambiguous(
    engine: Any, scan: Any
) -> None:
    from tracestation.store.importer import import_master_data

    import_master_data(engine, {"lots": [{"part": "CAP-220", "lot": "WO-2001", "quantity": 5}]})
    result = scan("B-1001", "WO-2001")
    assert result.outcome == "rejected"
    assert "matches a work order, a lot" in result.message


def test_kitting_consumes_what_the_work_order_still_needs_then_refuses_more(
    engine: Any, scan: Any
) -> None:
    first = scan("B-1001", "WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88")
    assert first.message == "40 g of lot PASTE-7/P-88 kitted to WO-1001 (0 g still to kit)."
    assert lot_quantity(engine, "PASTE-7", "P-88") == 460
    again = scan("CMD:CANCEL", "LOT:PASTE-7/P-88")
    assert again.outcome == "rejected" and "already has all 40 g" in again.message
    with Session(engine) as s:
        assert s.scalars(select(ConsumptionRow.source)).all() == ["kit"]


def test_a_failed_unit_goes_to_rework_and_must_pass_test_again(engine: Any, scan: Any) -> None:
    scan("B-1001")
    finished_board(scan, "PCB-1")
    finished_board(scan, "PCB-2", "LOT:CAP-220/C-7790")
    scan("WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88", "CTRL-1")
    scan("OPN:20", "CTRL-1", "PCB-1", "LOT:SCREW-M3/L-2291", "CMD:DONE")
    failed = scan("OPN:30", "CTRL-1", "CMD:FAIL")
    assert failed.outcome == "accepted" and "take it to rework" in failed.message
    assert unit(engine, "CTRL-1").status == "failed"
    assert scan("CTRL-1").code == "defect_code_needed"
    assert scan("DEF:NO-POWER").outcome == "accepted"
    assert "rework first" in scan("CTRL-1").message

    assert "in rework" in scan("OPN:20", "CTRL-1").message
    removed = scan("CMD:REMOVE", "PCB-1")
    assert removed.outcome == "accepted"
    assert scan("DEF:DAMAGED-PART").outcome == "accepted"
    assert scan("CMD:DONE").outcome == "rejected"  # the board is missing now
    assert scan("PCB-2").outcome == "accepted"
    assert scan("CMD:DONE").message == "Rework done for CTRL-500/CTRL-1; it must pass test again."
    assert unit(engine, "CTRL-1").status == "in_rework"
    assert unit(engine, "PCB-1").status == "in_rework"

    assert scan("OPN:40", "CTRL-1").outcome == "rejected"
    assert scan("OPN:30", "CTRL-1", "CMD:PASS").outcome == "accepted"
    assert unit(engine, "CTRL-1").status == "passed"
    with Session(engine) as s:
        links = s.scalars(
            select(GenealogyLinkRow).where(GenealogyLinkRow.child_unit_id.is_not(None))
        ).all()
        assert len(links) == 2, "the removed link stays, marked removed"
        assert sorted(link.removed_event is None for link in links) == [False, True]
        defects = s.scalars(select(DefectRecordRow).order_by(DefectRecordRow.id)).all()
        assert [(d.defect_code, d.source, d.operation) for d in defects] == [
            ("NO-POWER", "test", "30"),
            ("DAMAGED-PART", "removal", "20"),
        ]
        failed_test = s.get(TestRecordRow, defects[0].test_record_id)
        assert failed_test is not None and not failed_test.passed
        removed_link = next(link for link in links if link.removed_event is not None)
        assert defects[1].reference == removed_link.installed_event


def test_test_results_are_recorded_with_station_and_operator(engine: Any, scan: Any) -> None:
    scan("B-1001")
    finished_board(scan, "PCB-1")
    with Session(engine) as s:
        record = s.scalars(select(TestRecordRow)).one()
        assert (record.test, record.passed, record.station, record.operator) == (
            "In-circuit test",
            True,
            "ST-1",
            "B-1001",
        )


def test_packing_fills_a_carton_closes_it_when_full_and_prints_its_label(
    plant_document: Any, engine: Any, scan: Any, printer: Any
) -> None:
    from tracestation.store.importer import import_master_data

    routing = plant_document["routings"][1]
    routing["operations"][3]["pack_qty"] = 2
    import_master_data(engine, {"routings": [routing]})
    scan("B-1001")
    for n in (1, 2, 3):
        finished_board(scan, f"PCB-{n}")
    scan("WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88", "CTRL-1", "CTRL-2", "CTRL-3")
    for n in (1, 2, 3):
        scan(
            "OPN:20",
            f"CTRL-{n}",
            f"PCB-{n}",
            "LOT:SCREW-M3/L-2291",
            "CMD:DONE",
            "OPN:30",
            f"CTRL-{n}",
            "CMD:PASS",
        )
    scan("OPN:40")
    assert "(1 of 2)" in scan("CTRL-1").message
    full = scan("CTRL-2")
    assert "is full with 2 and closed" in full.message
    assert scan("CTRL-3").outcome == "accepted"
    closed = scan("CMD:CLOSE")
    assert "closed with 1 units" in closed.message
    with Session(engine) as s:
        cartons = s.scalars(select(ContainerRow).order_by(ContainerRow.sscc)).all()
        assert [c.closed for c in cartons] == [True, True]
    assert len(printer.printed) == 2
    assert unit(engine, "CTRL-2").status == "packed"


def test_cmd_new_assigns_the_next_serial_and_prints_its_label(
    scan: Any, printer: Any, engine: Any
) -> None:
    result = scan("B-1001", *BUILD_BOARD, "CMD:NEW")
    assert result.outcome == "accepted"
    assert unit(engine, "WO-2001-00001").part == "PCBA-100"
    assert printer.printed == ["unit PCBA-100/WO-2001-00001"]


def test_accepted_scans_are_journaled_in_one_hash_chain(engine: Any, scan: Any) -> None:
    scan("B-1001", *BUILD_BOARD, "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")
    with Session(engine) as s:
        events = s.scalars(
            select(EventRow).where(EventRow.station == "ST-1").order_by(EventRow.seq)
        ).all()
    assert [e.kind for e in events] == [
        "operator_logged_in",
        "unit_registered",
        "lot_installed",
        "operation_completed",
    ]
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(events))


def test_text_typed_by_hand_is_marked_manual_in_the_record(
    engine: Any, station: Any, scan: Any
) -> None:
    scan("B-1001", *BUILD_BOARD)
    station.scan("PCB-1", manual=True)
    with Session(engine) as s:
        event = s.scalars(select(EventRow).where(EventRow.kind == "unit_registered")).one()
    assert event.payload["entry"] == "manual"


def test_the_checklist_ticks_bom_lines_as_children_go_in(station: Any, scan: Any) -> None:
    scan("B-1001", *BUILD_BOARD, "PCB-1", "QTY:1", "LOT:CAP-220/C-7781")
    [line] = station.checklist()
    assert (line.part, line.required, line.installed, line.done) == ("CAP-220", 2, 1, False)
    scan("LOT:CAP-220/C-7790")
    assert station.checklist()[0].done


def test_a_scan_the_database_cannot_save_is_rejected_and_the_station_carries_on(
    engine: Any, station: Any, scan: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    from tracestation.store.journal import JournalOnConnection

    scan("B-1001", *BUILD_BOARD)

    def disk_full(*args: Any, **kwargs: Any) -> list[str]:
        raise OperationalError("INSERT INTO events", {}, Exception("database or disk is full"))

    with monkeypatch.context() as patched:
        patched.setattr(JournalOnConnection, "record", disk_full)
        result = station.scan("PCB-1")
    assert result.outcome == "rejected"
    assert result.message.startswith(
        "The scan could not be saved (database or disk is full). Nothing was recorded"
    )
    assert station.context.unit is None
    assert station.scan("PCB-1").outcome == "accepted", (
        "scanning again works once the database does"
    )
