"""While the window runs, Python's cyclic garbage is collected on the GUI thread only."""

from __future__ import annotations

import gc
import threading
from typing import Any

from tracestation.ui.gui_thread_gc import GuiThreadGarbageCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_automatic_collection_is_off_and_the_gui_thread_collects_what_piles_up(qtbot: Any) -> None:
    collector = GuiThreadGarbageCollector(every_ms=10).start()
    collected_on: list[str] = []

    def seen(phase: str, _info: dict[str, int]) -> None:
        if phase == "stop":
            collected_on.append(threading.current_thread().name)

    gc.callbacks.append(seen)
    try:
        assert not gc.isenabled()
        worker = threading.Thread(target=lambda: [Cycle() for _ in range(20_000)], name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(collected_on) > 0, timeout=10_000)
    finally:
        gc.callbacks.remove(seen)
        collector.stop()

    assert gc.isenabled()
    assert set(collected_on) == {threading.main_thread().name}
