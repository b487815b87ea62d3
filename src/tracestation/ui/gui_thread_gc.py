"""Python's cyclic garbage collected on the GUI thread only, so no Qt object dies elsewhere.

Python runs its cyclic collector in whichever thread happens to allocate when a threshold is
crossed: in the window that can be the station's or a query's thread, which then frees the
window's widgets caught in a reference cycle — a Qt widget deleted off the GUI thread, a crash
(seen: a segmentation fault in a query thread, "Garbage-collecting", with the window's paint
events failing just before). While the window runs, automatic collection is off and a timer on
the GUI thread collects, each generation when its threshold is reached, as Python would.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_EVERY_MS = 500


class GuiThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, every_ms: int = _EVERY_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._every_ms = every_ms

    def start(self) -> GuiThreadGarbageCollector:
        gc.disable()
        self._timer.start(self._every_ms)
        return self

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()

    def collect(self) -> None:
        """Collect the oldest generation whose threshold the counts reached."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return
