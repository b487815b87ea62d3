"""After an install, the next prompt and the checklist come from the scan's own transaction:
the unit's links it read before writing, and the link it made. They are what the record holds,
and the unit's links are read once per scan, not again after the write."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

BUILD_BOARD = ("B-1001", "WO:WO-2001", "OPN:10", "PCB-1")
LOT = "LOT:CAP-220/C-7781"
CHILDREN_READ = "SELECT genealogy_links.id AS link_id"


def reads_of_links(engine: Any, station: Any, raw: str) -> tuple[Any, int]:
    """The scan's result and how many of its statements read a unit's installed children."""
    statements: list[str] = []

    def seen(_c: Any, _cursor: Any, sql: str, *_rest: Any) -> None:
        statements.append(sql)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        result = station.scan(raw)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    reads = [s for s in statements if s.lstrip().startswith(CHILDREN_READ)]
    return result, len(reads)


def test_a_lot_install_reads_the_unit_links_once_and_its_checklist_is_the_record(
    engine: Any, station: Any, scan: Any
) -> None:
    scan(*BUILD_BOARD, "QTY:1")

    installed, reads = reads_of_links(engine, station, LOT)

    assert installed.outcome == "accepted", installed.message
    assert reads == 1, "the rule reads the links; the prompt adds the new one to them"
    told = station.checklist()  # from the scan's transaction
    read_now = station.checklist()  # asked again: read from the record
    assert told == read_now
    assert [(line.part, line.installed, line.done) for line in told] == [("CAP-220", 1, False)]
    assert "CAP-220" in installed.prompt, "one more capacitor is asked for"

    last = scan("LOT:CAP-220/C-7790")
    assert station.checklist()[0].done
    assert "CMD:DONE" in last.prompt


def test_a_child_unit_install_prompts_from_the_record_it_made(
    engine: Any, station: Any, scan: Any
) -> None:
    scan(*BUILD_BOARD, LOT, "CMD:DONE", "OPN:20", "PCB-1", "CMD:PASS")
    scan("WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88", "CTRL-1", "OPN:20", "CTRL-1")

    installed, reads = reads_of_links(engine, station, "PCB-1")

    assert installed.outcome == "accepted", installed.message
    assert reads == 1, reads
    told = station.checklist()
    assert told == station.checklist()
    assert all(line.done for line in told if line.part == installed_part(engine))


def installed_part(engine: Any) -> str:
    with engine.connect() as c:
        return str(c.exec_driver_sql("SELECT part FROM units WHERE serial = 'PCB-1'").scalar())
