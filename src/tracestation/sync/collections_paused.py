"""Fewer cyclic garbage collections while events move in bulk.

A push or a pull holds a batch or two of events at a time: thousands of small objects (rows,
payloads, events, history lines), freed by reference counting once the batch is written and
almost none in a cycle. Python's collector, left at its defaults, runs after every 700 new
objects and so sweeps them again and again, and every so often walks the whole process's heap:
measured on a push of 50,000 events, 1.6 s of its 10 s went to collections that freed nothing.

`fewer_collections` raises the first generation's threshold for as long as any sync runs in
the process (the window's background sync and a lead's `tracestation sync` can overlap), and
puts the thresholds back when the last one ends. Cycles are still collected, later.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SYNC_THRESHOLD = 100_000  # new objects between two collections of the youngest generation


class _Pause:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        self._saved: tuple[int, ...] = gc.get_threshold()

    def enter(self, threshold: int) -> None:
        with self._lock:
            if self._holders == 0:
                self._saved = gc.get_threshold()
                first, *rest = self._saved
                gc.set_threshold(max(first, threshold), *rest)
            self._holders += 1

    def leave(self) -> None:
        with self._lock:
            self._holders -= 1
            if self._holders == 0:
                gc.set_threshold(*self._saved)


_PAUSE = _Pause()


@contextmanager
def fewer_collections(threshold: int = SYNC_THRESHOLD) -> Iterator[None]:
    """Collect the youngest generation only after `threshold` new objects, for the duration."""
    _PAUSE.enter(threshold)
    try:
        yield
    finally:
        _PAUSE.leave()
