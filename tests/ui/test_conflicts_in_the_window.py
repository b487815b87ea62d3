"""The lead panel's Conflicts tab: the conflicts the centre raised, listed as the CLI lists them,
and resolved with the lead's signature through the same lead service.

The conflicts are recorded as the centre records them (a `conflict_raised` event with its
nonconformance, through the journal of the station's database), so no PostgreSQL is needed."""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.domain.events import ConflictRaised, NonconformanceOpened
from tracestation.store.journal import DatabaseJournal
from tracestation.store.tables import (
    ConflictRow,
    DeviationRow,
    EventRow,
    GenealogyLinkRow,
    NonconformanceRow,
    UnitRow,
)
from tracestation.ui.lead.lead_page import LeadPage
from tracestation.ui.main_window import StationWindow
from ui.conftest import CONTROLLER_READY

HELD_LOT = "Lot SCREW-M3/L-2291 was on hold at the centre when ST-2 used it offline."


def raise_conflict(
    engine: Any,
    clock: Any,
    kind: str,
    subject_kind: str,
    part: str,
    subject: str,
    detail: str,
) -> str:
    """Records a conflict as the centre's ingest does: the conflict and its nonconformance."""
    conflict = str(uuid.uuid4())
    number = f"NC-{conflict[:8].upper()}"
    journal = DatabaseJournal(engine, "CENTRAL", clock)
    journal.record(
        [
            ConflictRaised(
                conflict,
                kind,
                subject_kind,
                part,
                subject,
                str(uuid.uuid4()),
                None,
                ("ST-1", "ST-2"),
                detail,
                number,
            ),
            NonconformanceOpened(
                number, subject_kind, part, subject, kind, f"Conflict {conflict}", "pending"
            ),
        ],
        operator=None,
    )
    return conflict


def lot_conflict(engine: Any, clock: Any) -> str:
    return raise_conflict(engine, clock, "lot_not_released", "lot", "SCREW-M3", "L-2291", HELD_LOT)


def open_conflicts_tab(window: StationWindow, qtbot: Any, count: int) -> LeadPage:
    page = window.lead_page
    window.tabs.setCurrentWidget(page)
    page.tabs.setCurrentWidget(page.conflicts)
    qtbot.waitUntil(lambda: page.conflicts.model.rowCount() == count, timeout=10_000)
    return page


def cells(page: LeadPage, row: int) -> list[str]:
    model = page.conflicts.model
    return [str(model.data(model.index(row, column))) for column in range(model.columnCount())]


def resolve(page: LeadPage, qtbot: Any, window: StationWindow, pin: str, how: str) -> str:
    page.badge.setText("B-9001")
    page.pin.setText(pin)
    form = page.conflicts
    form.table.selectRow(0)
    form.resolution.setCurrentIndex(form.resolution.findData(how))
    form.reason.setText("supplier NCR 77 closed, parts verified")
    with qtbot.waitSignal(window.client.sig_lead_outcome, timeout=10_000):
        qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    return page.result.text()


def conflict_row(engine: Any, conflict: str) -> ConflictRow:
    with Session(engine) as s:
        return s.get_one(ConflictRow, conflict)


def test_the_conflicts_tab_lists_an_open_conflict_as_the_command_line_does(
    engine: Any, clock: Any, make_window: Any, qtbot: Any
) -> None:
    conflict = lot_conflict(engine, clock)
    window = make_window()

    page = open_conflicts_tab(window, qtbot, 1)

    when, kind, subject, stations, nonconformance, detail = cells(page, 0)
    assert (kind, subject, stations, detail) == (
        "lot not released",
        "SCREW-M3/L-2291",
        "ST-1, ST-2",
        HELD_LOT,
    )
    assert nonconformance == f"NC-{conflict[:8].upper()}"
    assert when.startswith("2026-11-20 ")
    assert page.tabs.tabText(page.tabs.indexOf(page.conflicts)) == "Conflicts (1)"
    assert page.conflicts.count.text() == "Open conflicts, oldest first: 1"


def test_a_lead_accepts_a_conflict_and_it_leaves_the_list_signed_with_a_deviation(
    engine: Any, clock: Any, make_window: Any, qtbot: Any
) -> None:
    conflict = lot_conflict(engine, clock)
    window = make_window()
    page = open_conflicts_tab(window, qtbot, 1)

    answer = resolve(page, qtbot, window, "4321", "accept")

    assert answer == (
        f"Conflict {conflict[:8]} resolved (accepted with a deviation), signed by Ion Rus."
    )
    qtbot.waitUntil(lambda: page.conflicts.model.rowCount() == 0, timeout=10_000)
    assert page.conflicts.count.text() == "No open conflicts."
    assert page.pin.text() == "", "the PIN does not stay on screen"
    row = conflict_row(engine, conflict)
    assert (row.status, row.resolution, row.resolved_by) == ("resolved", "accept", "B-9001")
    with Session(engine) as s:
        deviation = s.scalars(select(DeviationRow)).one()
        nonconformance = s.get_one(NonconformanceRow, row.nonconformance)
    assert (deviation.rule, deviation.subject, deviation.lead) == (
        "lot_not_released",
        "SCREW-M3/L-2291",
        "B-9001",
    )
    assert nonconformance.disposition == "use_as_is"


def test_a_wrong_pin_is_refused_in_the_panels_words_and_the_conflict_stays_open(
    engine: Any, clock: Any, make_window: Any, qtbot: Any
) -> None:
    conflict = lot_conflict(engine, clock)
    window = make_window()
    page = open_conflicts_tab(window, qtbot, 1)

    answer = resolve(page, qtbot, window, "0000", "accept")

    assert answer == (
        "Not done: Wrong PIN for Ion Rus (4 of 5 tries left before it locks). Nothing was changed."
    )
    assert page.result.property("kind") == "error"
    assert conflict_row(engine, conflict).status == "open"
    assert page.conflicts.model.rowCount() == 1
    with Session(engine) as s:
        kinds = s.scalars(select(EventRow.kind)).all()
    assert "conflict_resolved" not in kinds and "deviation_recorded" not in kinds


def install_twice(engine: Any, clock: Any, prepared: Any) -> str:
    """PCB-1 installed in CTRL-1 here, and in CTRL-2 by an offline station (the link the
    centre's pull brings in, contested by the conflict it raised)."""
    prepared(*CONTROLLER_READY, "CTRL-2", "OPN:20", "CTRL-1", "SN:PCBA-100/PCB-1")
    conflict = raise_conflict(
        engine,
        clock,
        "child_installed_twice",
        "unit",
        "PCBA-100",
        "PCB-1",
        "PCBA-100/PCB-1 was installed in CTRL-500/CTRL-1 at ST-1 and in CTRL-500/CTRL-2 at ST-2.",
    )
    with Session(engine) as s:
        units = {u.serial: u for u in s.scalars(select(UnitRow))}
        first = s.scalars(
            select(GenealogyLinkRow).where(GenealogyLinkRow.child_unit_id == units["PCB-1"].id)
        ).one()
        raised = conflict_row(engine, conflict).raised_event
        s.add(
            GenealogyLinkRow(
                parent_unit_id=units["CTRL-2"].id,
                child_unit_id=units["PCB-1"].id,
                qty=Decimal(1),
                operation=first.operation,
                installed_event=raised,
                installed_at=first.installed_at,
                contested_by=conflict,
            )
        )
        s.commit()
    return conflict


def active_parents(engine: Any) -> list[int]:
    with Session(engine) as s:
        child = s.scalars(select(UnitRow.id).where(UnitRow.serial == "PCB-1")).one()
        return list(
            s.scalars(
                select(GenealogyLinkRow.parent_unit_id).where(
                    GenealogyLinkRow.child_unit_id == child,
                    GenealogyLinkRow.removed_event.is_(None),
                )
            )
        )


def test_removing_a_link_offers_the_units_the_child_sits_in_and_keeps_the_one_chosen(
    engine: Any, clock: Any, prepared: Any, make_window: Any, qtbot: Any
) -> None:
    conflict = install_twice(engine, clock, prepared)
    window = make_window()
    page = open_conflicts_tab(window, qtbot, 1)
    form = page.conflicts
    form.table.selectRow(0)
    form.resolution.setCurrentIndex(form.resolution.findData("remove_link"))

    offered = [form.keep.itemText(n) for n in range(form.keep.count())]
    assert offered == [
        "Choose the unit the child really is in",
        "CTRL-500/CTRL-1",
        "CTRL-500/CTRL-2",
    ]
    assert form.keep.isEnabled()
    assert not form.button.isEnabled(), "a lead says which unit keeps the child first"

    form.keep.setCurrentIndex(form.keep.findData("CTRL-500/CTRL-1"))
    assert form.button.isEnabled()
    page.badge.setText("B-9001")
    page.pin.setText("4321")
    form.reason.setText("PCB-1 found in CTRL-1; CTRL-2 holds another board")
    with qtbot.waitSignal(window.client.sig_lead_outcome, timeout=10_000):
        qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)

    assert page.result.text() == (
        f"Conflict {conflict[:8]} resolved (link removed), signed by Ion Rus."
    )
    qtbot.waitUntil(lambda: form.model.rowCount() == 0, timeout=10_000)
    with Session(engine) as s:
        ctrl_1 = s.scalars(select(UnitRow.id).where(UnitRow.serial == "CTRL-1")).one()
    assert active_parents(engine) == [ctrl_1]
    assert conflict_row(engine, conflict).resolution == "remove_link"


def test_a_conflict_about_a_lot_offers_no_unit_to_keep(
    engine: Any, clock: Any, make_window: Any, qtbot: Any
) -> None:
    lot_conflict(engine, clock)
    window = make_window()
    page = open_conflicts_tab(window, qtbot, 1)
    form = page.conflicts
    form.table.selectRow(0)
    form.resolution.setCurrentIndex(form.resolution.findData("remove_link"))

    assert not form.keep.isEnabled()
    assert form.keep.currentText() == "Only for a child installed in two units"
    assert not form.button.isEnabled()


def test_screenshot_of_the_conflicts_tab(
    engine: Any, clock: Any, prepared: Any, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    install_twice(engine, clock, prepared)
    lot_conflict(engine, clock)
    window = make_window()
    window.resize(1920, 1080)
    page = open_conflicts_tab(window, qtbot, 2)
    page.conflicts.table.selectRow(0)
    form = page.conflicts
    form.resolution.setCurrentIndex(form.resolution.findData("remove_link"))
    qtbot.wait(50)
    path = tmp_path / "conflicts.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1920, 1080)
    print(path)
