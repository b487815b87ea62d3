"""The window's tabs, each page in a scroll area, so no page's content sizes the window.

A page's minimum size used to be the window's: the lead panel alone made it 978 pixels tall, more
than a 1366x768 screen. Here a page taller or wider than the screen scrolls instead; the scan page
is laid out to fit 1280x1024 and 1366x768 without scrolling. Callers keep addressing the pages
themselves (`setCurrentWidget(page)`, `indexOf(page)`). GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


class PageTabs(QTabWidget):
    def add_page(self, page: QWidget, title: str) -> int:
        area = QScrollArea(self)
        area.setObjectName(f"{page.objectName() or 'page'}Scroll")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setWidget(page)
        return self.addTab(area, title)

    def area_of(self, page: QWidget) -> QWidget:
        parent = page.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        return parent if parent is not None else page

    def page_at(self, index: int) -> QWidget | None:
        area = self.widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def setCurrentWidget(self, page: QWidget) -> None:
        super().setCurrentWidget(self.area_of(page))

    def currentWidget(self) -> QWidget:
        return self.page_at(self.currentIndex()) or super().currentWidget()

    def indexOf(self, page: QWidget) -> int:
        return super().indexOf(self.area_of(page))
