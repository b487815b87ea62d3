"""Small building blocks of the lead panel's forms: labelled fields and big buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPushButton, QWidget


def line_edit(
    parent: QWidget, placeholder: str = "", *, name: str = "", password: bool = False
) -> QLineEdit:
    field = QLineEdit(parent)
    field.setPlaceholderText(placeholder)
    if name:
        field.setObjectName(name)
    if password:
        field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def action_button(
    parent: QWidget, text: str, *, kind: str = "normal", name: str = ""
) -> QPushButton:
    button = QPushButton(text, parent)
    button.setProperty("kind", kind)
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    if name:
        button.setObjectName(name)
    return button


def form_layout(parent: QWidget) -> QFormLayout:
    layout = QFormLayout(parent)
    layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    layout.setHorizontalSpacing(16)
    layout.setVerticalSpacing(10)
    return layout
