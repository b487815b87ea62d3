"""A scan is one transaction on the real database: what it decided on, its events, their
projections and the station's work memory commit together; a failure before the commit leaves
nothing, a failure after it never turns an accepted scan into "nothing was recorded"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from tracestation.store.tables import EventRow, LotRow, StationWorkRow

KIT_PASTE = ("B-1001", "WO:WO-1001", "OPN:10")


def paste_on_hand(engine: Any) -> float:
    with Session(engine) as s:
        return float(
            s.scalars(select(LotRow.quantity).where(LotRow.code == "P-88")).one()  # 500 g
        )


def event_count(engine: Any) -> int:
    with Session(engine) as s:
        return int(s.scalar(select(func.count()).select_from(EventRow)) or 0)


def remembered(engine: Any) -> tuple[str, str | None] | None:
    with Session(engine) as s:
        row = s.get(StationWorkRow, "ST-1")
        return (row.work_order, row.operation) if row else None


def test_a_kitting_scan_whose_prompt_fails_after_the_commit_is_accepted_and_kits_once(
    engine: Any,
    station: Any,
    scan: Callable[..., Any],
    clock: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tracestation.station.core as core

    scan(*KIT_PASTE, "QTY:10")
    before = paste_on_hand(engine)
    clock.tick = timedelta(milliseconds=200)  # the operator scans again at once

    def broken_prompt(*args: Any) -> tuple[str, dict[str, str]]:
        raise OperationalError("SELECT", {}, Exception("server closed the connection"))

    with monkeypatch.context() as patched:
        patched.setattr(core, "prompt_for", broken_prompt)
        kitted = station.scan("LOT:PASTE-7/P-88")
        again = station.scan("LOT:PASTE-7/P-88")  # the operator, unsure, scans it again

    assert kitted.outcome == "accepted" and kitted.code == "lot_consumed"
    assert "10 g of lot PASTE-7/P-88 kitted to WO-1001" in kitted.message
    assert again.code == "duplicate_scan"
    assert paste_on_hand(engine) == before - 10, "kitted once, not twice"


def test_a_scan_whose_label_printer_fails_after_the_commit_stays_accepted_and_says_so(
    engine: Any, station: Any, scan: Callable[..., Any]
) -> None:
    class JammedPrinter:
        def print_unit_label(self, unit: Any) -> None:
            raise OSError("printer out of labels")

        def print_container_label(self, container: Any) -> None:
            raise OSError("printer out of labels")

    station.printer.printer = JammedPrinter()  # the adapter behind the station's print jobs
    scan("B-1001", "WO:WO-2001", "OPN:10")
    result = station.scan("CMD:NEW")
    assert result.outcome == "accepted" and result.event_ids
    assert "printer out of labels" in result.message
    assert station.context.unit == ("PCBA-100", "WO-2001-00001")
    from tracestation.store.print_jobs import DatabasePrintJobs

    [job] = DatabasePrintJobs(engine).jobs()
    assert (job.subject, job.status, job.error) == (
        "PCBA-100/WO-2001-00001",
        "failed",
        "printer out of labels",
    ), "the label's job is kept, with the printer's words, to be tried again"


def test_a_scan_that_fails_before_its_commit_leaves_no_event_no_consumption_and_no_memory(
    engine: Any, station: Any, scan: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracestation.store.work_memory import WorkMemoryOnConnection

    scan("B-1001")
    events, paste = event_count(engine), paste_on_hand(engine)

    def memory_lost(*args: Any) -> None:
        raise OperationalError("INSERT INTO station_work", {}, Exception("disk I/O error"))

    with monkeypatch.context() as patched:
        patched.setattr(WorkMemoryOnConnection, "remember", memory_lost)
        chosen = station.scan("WO:WO-1001")

    assert chosen.outcome == "rejected" and chosen.code == "record_not_saved"
    assert "Nothing was recorded" in chosen.message
    assert station.context.work_order is None, "the station did not take on the work order"
    assert (event_count(engine), paste_on_hand(engine), remembered(engine)) == (
        events,
        paste,
        None,
    )
    assert station.scan("WO:WO-1001").outcome == "accepted"
    assert remembered(engine) == ("WO-1001", None), "remembered with the scan that chose it"


def test_a_scan_that_loses_a_race_is_judged_again_and_recorded_once(
    engine: Any, station: Any, scan: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import IntegrityError

    from tracestation.store.journal import JournalOnConnection

    scan(*KIT_PASTE)
    real_record = JournalOnConnection.record
    lost: list[str] = []

    def another_station_first(self: Any, *args: Any, **kwargs: Any) -> list[str]:
        if not lost:
            lost.append("once")
            raise IntegrityError("INSERT INTO events", {}, Exception("duplicate key value"))
        return real_record(self, *args, **kwargs)

    events, paste = event_count(engine), paste_on_hand(engine)
    with monkeypatch.context() as patched:
        patched.setattr(JournalOnConnection, "record", another_station_first)
        kitted = station.scan("LOT:PASTE-7/P-88")

    assert lost == ["once"]
    assert kitted.outcome == "accepted" and len(kitted.event_ids) == 1
    assert event_count(engine) == events + 1
    assert paste_on_hand(engine) == paste - 40
