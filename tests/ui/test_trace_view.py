"""The trace screen: the as-built tree in a Qt item model, where-used, and the recall scope."""

from __future__ import annotations

from typing import Any

from tracestation.station.queries import TraceQuery, parse_query
from tracestation.ui.main_window import StationWindow
from tracestation.ui.trace.tree_model import NODE_ROLE, AsBuiltModel
from ui.conftest import CONTROLLER_READY

CONTROLLER_BUILT = (
    *CONTROLLER_READY,
    "OPN:20",
    "CTRL-1",
    "SN:PCBA-100/PCB-1",
    "LOT:SCREW-M3/L-2291",
    "CMD:DONE",
)


def trace(window: StationWindow, qtbot: Any, text: str) -> None:
    window.tabs.setCurrentWidget(window.trace_page)
    window.trace_page.search.setText(text)
    with qtbot.waitSignal(window.client.sig_trace_answer, timeout=10_000):
        window.trace_page.run()


def labels(model: AsBuiltModel, parent: Any = None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [
        model.index(row, 0, parent).data(NODE_ROLE).label for row in range(model.rowCount(parent))
    ]


def test_tracing_a_serial_shows_its_as_built_tree_in_the_model(
    prepared: Any, make_window: Any, qtbot: Any
) -> None:
    prepared(*CONTROLLER_BUILT)
    window = make_window()
    trace(window, qtbot, "CTRL-1")
    page, model = window.trace_page, window.trace_page.tree_model
    assert page.pages.currentIndex() == 1
    root = model.index(0, 0)
    assert labels(model) == ["CTRL-500/CTRL-1"]
    assert labels(model, root) == ["PCBA-100/PCB-1", "SCREW-M3/L-2291", "PASTE-7/P-88"]
    assert model.index(2, 0, root).data() == "PASTE-7  P-88  (kitted to WO-1001)"
    board = model.index(0, 0, root)
    assert labels(model, board) == ["CAP-220/C-7781"]
    assert model.index(1, 1, root).data() == "4"
    assert model.parent(board) == root
    assert page.tree_title.text() == "As built: CTRL-500/CTRL-1"
    assert page.tree.isExpanded(board)


def test_tracing_a_sub_assembly_shows_where_it_was_used(
    prepared: Any, make_window: Any, qtbot: Any
) -> None:
    prepared(*CONTROLLER_BUILT)
    window = make_window()
    trace(window, qtbot, "SN:PCBA-100/PCB-1")
    used = window.trace_page.where_used_model
    assert used.rowCount() == 1
    assert [used.index(0, c).data() for c in range(3)] == ["CTRL-500", "CTRL-1", "WO-1001"]
    assert window.trace_page.where_used_title.text() == "Used in: 1 unit(s)"


def test_tracing_a_lot_shows_unit_scope_beside_lot_scope_and_the_difference(
    prepared: Any, make_window: Any, qtbot: Any
) -> None:
    prepared(*CONTROLLER_BUILT, "WO:WO-2001", "OPN:10", "PCB-2", "LOT:CAP-220/C-7790", "CMD:DONE")
    window = make_window()
    trace(window, qtbot, "LOT:CAP-220/C-7781")
    page = window.trace_page
    assert page.pages.currentIndex() == 2
    unit_scope = [
        page.unit_scope_model.index(r, 1).data() for r in range(page.unit_scope_model.rowCount())
    ]
    lot_scope = [
        page.lot_scope_model.index(r, 1).data() for r in range(page.lot_scope_model.rowCount())
    ]
    assert unit_scope == ["CTRL-1", "PCB-1"]
    assert sorted(lot_scope) == ["CTRL-1", "PCB-1", "PCB-2"]
    assert page.unit_scope_title.text().startswith("Unit scope: 2 unit(s) contain it now")
    assert page.lot_scope_title.text() == "Lot scope: 3 unit(s) of work orders WO-1001, WO-2001"
    assert page.difference.text().startswith(
        "Difference: serial genealogy spares 1 of the 3 unit(s)"
    )


def test_an_unknown_serial_says_so_without_a_dialog(window: StationWindow, qtbot: Any) -> None:
    trace(window, qtbot, "NOPE-1")
    assert window.trace_page.status.text() == "No unit with serial NOPE-1 is recorded."
    assert window.trace_page.pages.currentIndex() == 0


def test_the_as_built_model_passes_qts_model_checks_and_marks_removed_children(
    qtmodeltester: Any,
) -> None:
    model = AsBuiltModel()
    model.set_tree(
        {
            "part": "CTRL-500",
            "serial": "C1",
            "children": [
                {
                    "part": "PCBA-100",
                    "serial": "P1",
                    "qty": "1",
                    "operation": "20",
                    "installed_at": "2026-11-20T08:00:00+00:00",
                    "removed_at": "2026-11-20T09:00:00+00:00",
                    "children": [
                        {
                            "part": "CAP-220",
                            "lot": "C-1",
                            "qty": "2",
                            "operation": "10",
                            "installed_at": None,
                            "removed_at": None,
                            "children": [],
                        }
                    ],
                },
                {
                    "part": "PCBA-100",
                    "serial": "P2",
                    "qty": "1",
                    "operation": "20",
                    "installed_at": None,
                    "removed_at": None,
                    "children": [],
                },
            ],
        }
    )
    qtmodeltester.check(model)
    root = model.index(0, 0)
    removed = model.index(0, 0, root)
    assert removed.data(NODE_ROLE).removed and removed.data(NODE_ROLE).label == "PCBA-100/P1"
    assert model.index(0, 4, root).data() != ""
    assert model.index(1, 4, root).data() == ""


def test_search_text_is_read_as_a_serial_or_a_lot_by_its_prefix() -> None:
    assert parse_query(TraceQuery("SN:PCBA-100/PCB-1")) == ("unit", "PCB-1", "PCBA-100")
    assert parse_query(TraceQuery("LOT:CAP-220/C-7781")) == ("lot", "C-7781", "CAP-220")
    assert parse_query(TraceQuery(" PCB-1 ", "PCBA-100")) == ("any", "PCB-1", "PCBA-100")
