"""What the item models here share: the index type Qt passes, and the invisible top index."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

Index = QModelIndex | QPersistentModelIndex
# The default `parent` of rowCount, columnCount and index: the model's invisible root.
TOP = QModelIndex()
