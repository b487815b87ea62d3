"""The as-built tree of a unit as a Qt item model, from `trace.genealogy.backward()`'s document.

Columns: item (part and serial or lot), quantity, operation, installed, removed. Children that
were removed in rework stay in the tree (links are never deleted) and are marked removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from tracestation.ui.model_index import TOP, Index

REMOVED_COLOUR = QColor("#9aa5b1")
NODE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass
class TreeNode:
    part: str
    serial: str | None
    lot: str | None
    qty: str
    operation: str
    installed_at: str | None
    removed_at: str | None
    parent: TreeNode | None = None
    kitted_to: str | None = None  # a lot kitted to the unit's work order, not installed in it
    children: list[TreeNode] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.part}/{self.serial or self.lot}"

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


def build_tree(document: dict[str, Any]) -> TreeNode:
    root = TreeNode(document["part"], document.get("serial"), None, "", "", None, None)
    _add_children(root, document.get("children", []))
    return root


def _add_children(node: TreeNode, children: list[dict[str, Any]]) -> None:
    for child in children:
        item = TreeNode(
            child["part"],
            child.get("serial"),
            child.get("lot"),
            str(child.get("qty", "")),
            str(child.get("operation", "")),
            child.get("installed_at"),
            child.get("removed_at"),
            node,
            child.get("kitted_to"),
        )
        node.children.append(item)
        _add_children(item, child.get("children", []))


def _moment(text: str | None) -> str:
    if not text:
        return ""
    try:
        return datetime.fromisoformat(text).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


class AsBuiltModel(QAbstractItemModel):
    """A read-only tree: one invisible top holding the unit, the unit holding its children."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._top = TreeNode("", None, None, "", "", None, None)
        self._headers = (
            self.tr("Part / serial or lot"),
            self.tr("Qty"),
            self.tr("Op"),
            self.tr("Installed"),
            self.tr("Removed"),
        )

    def set_tree(self, document: dict[str, Any] | None) -> None:
        self.beginResetModel()
        self._top = TreeNode("", None, None, "", "", None, None)
        if document is not None:
            root = build_tree(document)
            root.parent = self._top
            self._top.children.append(root)
        self.endResetModel()

    def node(self, index: Index) -> TreeNode:
        pointer = index.internalPointer() if index.isValid() else None
        return pointer if isinstance(pointer, TreeNode) else self._top

    def index(self, row: int, column: int, parent: Index = TOP) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, child: Index = TOP) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        up = self.node(child).parent
        if up is None or up is self._top:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: Index = TOP) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = TOP) -> int:
        return len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == NODE_ROLE:
            return node
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(node, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and node.removed:
            return QBrush(REMOVED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and (node.removed or node.parent is self._top):
            font = QFont()
            font.setStrikeOut(node.removed)
            font.setBold(node.parent is self._top)
            return font
        return None

    def _text(self, node: TreeNode, column: int) -> str:
        if column == 0:
            kind = self.tr("lot") if node.lot else ""
            if node.kitted_to:
                kind = self.tr("kitted to {work_order}").format(work_order=node.kitted_to)
            return f"{node.part}  {node.serial or node.lot}" + (f"  ({kind})" if kind else "")
        if column == 1:
            return node.qty
        if column == 2:
            return node.operation
        if column == 3:
            return _moment(node.installed_at)
        return _moment(node.removed_at)
