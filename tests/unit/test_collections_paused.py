"""While a sync moves events in bulk, Python's collector runs less often, and afterwards as
before, however many syncs overlap."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from tracestation.sync.collections_paused import SYNC_THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def usual_thresholds() -> Iterator[tuple[int, ...]]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*saved)


def test_a_sync_collects_the_youngest_generation_less_often_and_puts_the_thresholds_back() -> None:
    with fewer_collections():
        assert gc.get_threshold() == (SYNC_THRESHOLD, 10, 10)

    assert gc.get_threshold() == (700, 10, 10)


def test_the_thresholds_come_back_when_a_sync_fails() -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("the centre went away")

    assert gc.get_threshold() == (700, 10, 10)


def test_a_threshold_set_higher_by_the_process_is_kept() -> None:
    gc.set_threshold(500_000, 10, 10)

    with fewer_collections():
        assert gc.get_threshold()[0] == 500_000

    assert gc.get_threshold() == (500_000, 10, 10)


def test_overlapping_syncs_put_the_thresholds_back_when_the_last_one_ends() -> None:
    background_in, background_may_end = threading.Event(), threading.Event()
    seen: list[tuple[int, ...]] = []

    def background_sync() -> None:
        with fewer_collections():
            background_in.set()
            background_may_end.wait(timeout=30)
            seen.append(gc.get_threshold())

    thread = threading.Thread(target=background_sync)
    thread.start()
    assert background_in.wait(timeout=30)
    with fewer_collections():
        pass
    assert gc.get_threshold()[0] == SYNC_THRESHOLD  # the background sync still runs
    background_may_end.set()
    thread.join(timeout=30)

    assert seen == [(SYNC_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)
