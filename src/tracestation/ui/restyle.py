"""Re-applying the style sheet after a dynamic property that the sheet selects on has changed."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_style_state(widget: QWidget, name: str, value: str, *children: QWidget) -> None:
    """Set `name` (used as `[name="value"]` in resources/ui/station.qss) and re-polish."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    for target in (widget, *children):
        style = target.style()
        style.unpolish(target)
        style.polish(target)
