"""The window's tabs, each page in a scroll area, so no page's content sizes the window.

A page's minimum size used to be the window's: the lead panel alone made it 978 pixels tall, more
than a 1366x768 screen. Here a page taller or wider than the screen scrolls instead; the scan page
is laid out to fit 1280x1024 and 1366x768 without scrolling. Callers keep addressing the pages
themselves (`setCurrentWidget(page)`, `indexOf(page)`).

A page the operator does not need to scan (line lead, trace, settings) is built when its tab is
first shown, or when the window first asks for it (`page_in`): building them all made the window
take a third longer to become ready to scan. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget


class PageTabs(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._later: dict[QScrollArea, Callable[[], QWidget]] = {}
        self.currentChanged.connect(self._build_shown)

    def add_page(self, page: QWidget, title: str) -> int:
        area = self._area(page.objectName() or "page")
        area.setWidget(page)
        return self.addTab(area, title)

    def add_page_later(self, build: Callable[[], QWidget], title: str, name: str) -> QScrollArea:
        """A tab whose page `build` makes when the tab is first shown (or `page_in` asks)."""
        area = self._area(name)
        self._later[area] = build
        self.addTab(area, title)
        return area

    def page_in(self, area: QScrollArea) -> QWidget:
        """The page of `area`'s tab, built now if it was not yet."""
        build = self._later.pop(area, None)
        if build is not None:
            area.setWidget(build())
        page = area.widget()
        assert page is not None, "a tab without a page"
        return page

    def _area(self, name: str) -> QScrollArea:
        area = QScrollArea(self)
        area.setObjectName(f"{name}Scroll")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return area

    def _build_shown(self, index: int) -> None:
        area = self.widget(index)
        if isinstance(area, QScrollArea) and area in self._later:
            self.page_in(area)

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
