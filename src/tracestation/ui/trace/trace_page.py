"""The trace screen: search a serial or a lot; see what is in a unit, where things went, and the
recall scope of a lot (unit scope beside lot scope, and the difference).

Queries run on the query worker (`StationClient.trace`); this page only shows the answers.
A wedge scan into the search field searches at once (the field takes the scanner's Enter).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from tracestation.station.queries import TraceAnswer, TraceQuery
from tracestation.station.report_reads import (
    HistoryRequest,
    ReportKind,
    ReportRequest,
    ReportWritten,
    UnitHistory,
)
from tracestation.ui.lead.forms import action_button, line_edit
from tracestation.ui.restyle import set_style_state
from tracestation.ui.station_client import StationClient
from tracestation.ui.trace.history_view import UnitHistoryView
from tracestation.ui.trace.report_files import default_folder, report_file, system_viewer
from tracestation.ui.trace.tree_model import AsBuiltModel
from tracestation.ui.trace.unit_table import UnitTableModel, UnitTableView


def titled(parent: QWidget, title: QLabel, body: QWidget) -> QFrame:
    box = QFrame(parent)
    box.setObjectName("traceBox")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(12, 10, 12, 12)
    layout.addWidget(title)
    layout.addWidget(body, 1)
    return box


def section_title(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName("sectionTitle")
    label.setWordWrap(True)
    return label


class TracePage(QWidget):
    def __init__(self, client: StationClient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tracePage")
        self._client = client
        self.search = line_edit(
            self, self.tr("Serial or lot: type or scan (SN:..., LOT:PART/LOT)"), name="traceSearch"
        )
        self.part = line_edit(self, self.tr("Part (optional)"), name="tracePart")
        self.button = action_button(self, self.tr("Trace"), kind="primary", name="traceButton")
        self.status = QLabel(
            self.tr("Search a serial to see what is in it, or a lot to see its recall scope."), self
        )
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setObjectName("traceStatus")
        self.status.setWordWrap(True)
        self.tree_model = AsBuiltModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("asBuiltTree")
        self.tree.setModel(self.tree_model)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.where_used_model = UnitTableModel(self)
        self.unit_scope_model = UnitTableModel(self)
        self.lot_scope_model = UnitTableModel(self)
        self.tree_title = section_title(self)
        self.where_used_title = section_title(self)
        self.unit_scope_title = section_title(self)
        self.lot_scope_title = section_title(self)
        self.difference = QLabel(self)
        self.difference.setTextFormat(Qt.TextFormat.PlainText)
        self.difference.setObjectName("recallDifference")
        self.difference.setWordWrap(True)
        self.dhr_button = action_button(
            self, self.tr("Device history record (PDF)"), name="dhrButton"
        )
        self.recall_pdf_button = action_button(
            self, self.tr("Recall report (PDF)"), name="recallPdfButton"
        )
        self.recall_csv_button = action_button(
            self, self.tr("Recall report (CSV)"), name="recallCsvButton"
        )
        # Where reports go and how they are opened: replaced by tests.
        self.report_folder = default_folder()
        self.opener = system_viewer
        self.history_view: UnitHistoryView | None = None
        self._unit: tuple[str, str] | None = None
        self._lot: tuple[str, str] | None = None
        self.pages = QStackedWidget(self)
        self.pages.addWidget(QWidget(self))
        self.pages.addWidget(self._unit_page())
        self.pages.addWidget(self._lot_page())
        self._layout()
        self.search.returnPressed.connect(self.run)
        self.part.returnPressed.connect(self.run)
        self.button.clicked.connect(self.run)
        client.sig_trace_answer.connect(self.show_answer)
        self.tree.doubleClicked.connect(self.open_history)
        client.sig_unit_history.connect(self.show_history)
        client.sig_report_written.connect(self.report_written)
        self.dhr_button.clicked.connect(self.write_device_history)
        self.recall_pdf_button.clicked.connect(lambda: self.write_recall(ReportKind.RECALL_PDF))
        self.recall_csv_button.clicked.connect(lambda: self.write_recall(ReportKind.RECALL_CSV))

    def _unit_page(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(titled(self, self.tree_title, self.tree))
        where_used = UnitTableView(self.where_used_model, self)
        splitter.addWidget(titled(self, self.where_used_title, where_used))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        return _with_buttons(self, splitter, self.dhr_button)

    def _lot_page(self) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(
            titled(page, self.unit_scope_title, UnitTableView(self.unit_scope_model, page)), 0, 0
        )
        grid.addWidget(
            titled(page, self.lot_scope_title, UnitTableView(self.lot_scope_model, page)), 0, 1
        )
        grid.addWidget(self.difference, 1, 0, 1, 2)
        return _with_buttons(self, page, self.recall_pdf_button, self.recall_csv_button)

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.search, 3)
        row.addWidget(self.part, 1)
        row.addWidget(self.button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(12)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.pages, 1)

    def run(self) -> None:
        text = self.search.text().strip()
        if not text:
            self._say(self.tr("Type or scan a serial or a lot first."), "error")
            return
        self._say(self.tr("Tracing {text}\u2026").format(text=text), "info")
        self._client.trace(TraceQuery(text, self.part.text().strip() or None))

    def show_answer(self, answer: TraceAnswer) -> None:
        if answer.error is not None or answer.kind == "none":
            self.pages.setCurrentIndex(0)
            self._say(answer.error or self.tr("Nothing found."), "error")
            return
        if answer.kind == "unit" and answer.tree is not None:
            self._show_unit(answer.tree, answer.where_used)
        elif answer.recall is not None:
            self._show_recall(answer.recall)

    def _show_unit(self, tree: dict[str, Any], where_used: list[dict[str, Any]]) -> None:
        self.tree_model.set_tree(tree)
        self.tree.expandAll()
        for column in range(1, self.tree_model.columnCount()):
            self.tree.resizeColumnToContents(column)
        self.where_used_model.set_units(where_used)
        label = f"{tree['part']}/{tree['serial']}"
        self._unit = (tree["part"], tree["serial"])
        self.tree_title.setText(self.tr("As built: {unit}").format(unit=label))
        self.where_used_title.setText(
            self.tr("Used in: {count} unit(s)").format(count=len(where_used))
        )
        self._say(
            self.tr("{unit} \u00b7 {status} \u00b7 work order {work_order}").format(
                unit=label,
                status=str(tree.get("status", "")).replace("_", " "),
                work_order=tree.get("work_order", ""),
            ),
            "success",
        )
        self.pages.setCurrentIndex(1)

    def _show_recall(self, recall: dict[str, Any]) -> None:
        lot, unit_scope, lot_scope = recall["lot"], recall["unit_scope"], recall["lot_scope"]
        self._lot = (lot["part"], lot["lot"])
        self.unit_scope_model.set_units(unit_scope["units"])
        self.lot_scope_model.set_units(lot_scope["units"])
        self.unit_scope_title.setText(
            self.tr("Unit scope: {count} unit(s) contain it now {parts}").format(
                count=unit_scope["count"], parts=by_part(unit_scope["units"])
            )
        )
        work_orders = ", ".join(lot_scope["work_orders"]) or "\u2014"
        self.lot_scope_title.setText(
            self.tr("Lot scope: {count} unit(s) of work orders {work_orders}").format(
                count=lot_scope["count"], work_orders=work_orders
            )
        )
        spared = lot_scope["count"] - unit_scope["count"]
        text = self.tr(
            "Difference: serial genealogy spares {spared} of the {total} unit(s) "
            "a lot-only recall would pull."
        ).format(spared=spared, total=lot_scope["count"])
        removed = len(unit_scope["removed"])
        if removed:
            text += " " + self.tr(
                "{removed} unit(s) held it once and had it removed in rework."
            ).format(removed=removed)
        self.difference.setText(text)
        self._say(
            self.tr("Lot {lot} of {part} \u00b7 status {status}").format(
                lot=lot["lot"], part=lot["part"], status=lot["status"]
            ),
            "success",
        )
        self.pages.setCurrentIndex(2)

    def open_history(self, index: QModelIndex) -> None:
        """A double-click on a unit of the tree asks for its history (lots have none)."""
        node = self.tree_model.node(index)
        if not node.serial:
            return
        self._say(self.tr("Reading the history of {unit}\u2026").format(unit=node.label), "info")
        self._client.unit_history(HistoryRequest(node.serial, node.part))

    def show_history(self, answer: UnitHistory) -> None:
        if answer.document is None:
            self._say(answer.error or self.tr("Nothing found."), "error")
            return
        if self.history_view is None:
            self.history_view = UnitHistoryView(self)
        self.history_view.show_history(answer.document)
        self.history_view.show()
        self.history_view.raise_()

    def write_device_history(self) -> None:
        if self._unit is None:
            return
        part, serial = self._unit
        out = report_file(self.report_folder, "DHR", f"{part}/{serial}", ".pdf")
        self._ask_report(ReportRequest(ReportKind.DEVICE_HISTORY, serial, part, str(out)))

    def write_recall(self, kind: ReportKind) -> None:
        if self._lot is None:
            return
        part, lot = self._lot
        suffix = ".csv" if kind is ReportKind.RECALL_CSV else ".pdf"
        out = report_file(self.report_folder, "RECALL", f"{part}/{lot}", suffix)
        self._ask_report(ReportRequest(kind, lot, part, str(out)))

    def _ask_report(self, request: ReportRequest) -> None:
        self._say(self.tr("Writing the report\u2026"), "info")
        self._client.write_report(request)

    def report_written(self, written: ReportWritten) -> None:
        if written.path is None:
            self._say(
                self.tr("The report was not written: {reason}").format(reason=written.error),
                "error",
            )
            return
        self._say(
            self.tr("Report written to {path}; opening it.").format(path=written.path), "success"
        )
        self.opener(QUrl.fromLocalFile(written.path))

    def _say(self, text: str, kind: str) -> None:
        self.status.setText(text)
        set_style_state(self.status, "kind", kind)


def _with_buttons(parent: QWidget, body: QWidget, *buttons: QWidget) -> QWidget:
    page = QWidget(parent)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(body, 1)
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    layout.addLayout(row)
    return page


def by_part(units: list[dict[str, Any]]) -> str:
    counts = Counter(unit["part"] for unit in units)
    return (
        "(" + ", ".join(f"{n} {part}" for part, n in sorted(counts.items())) + ")" if counts else ""
    )
