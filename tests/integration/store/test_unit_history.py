"""A unit's history is a projection kept with every event and filled by the migration for the
journals recorded before it: `trace history` reads an index range, not the whole journal."""

from __future__ import annotations

from typing import Any

import pytest
from alembic import command
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from support.reworked_unit import build
from tracestation.domain import events as ev
from tracestation.store.database import alembic_config
from tracestation.store.tables import UnitHistoryRow
from tracestation.trace.genealogy import TraceError
from tracestation.trace.history import describe, unit_history


def history_of(engine: Any, serial: str) -> dict[str, Any]:
    with Session(engine) as s:
        return unit_history(s, serial)


def history_rows(engine: Any) -> list[tuple[Any, ...]]:
    columns = [c for c in UnitHistoryRow.__table__.c if c.key != "id"]
    with engine.connect() as c:
        return sorted(tuple(row) for row in c.execute(select(*columns)))


def test_a_reworked_units_history_says_what_where_who_and_when_in_order(
    engine: Any, station: Any
) -> None:
    build(station)

    history = history_of(engine, "CTRL-0001")

    lines = [describe(entry) for entry in history["events"]]
    assert lines == [
        "registered on WO-1001",
        "operation completed",
        "installed PCBA-100 PCB-0001",
        "installed lot SCREW-M3/L-2291 x4",
        "operation completed",
        "test Final test: FAILED",
        "defect NO-POWER on the failed test",
        "removed PCBA-100 PCB-0001",
        "defect COLD-JOINT on the part taken out",
        "installed PCBA-100 PCB-0002",
        "operation completed (rework)",
        "test Final test: PASSED",
        "packed into carton " + history["events"][-1]["other"]["id"],
    ]
    first = history["events"][0]
    assert (first["station"], first["operator"], first["operator_name"]) == (
        "ST-1",
        "B-1001",
        "Ana Pop",
    )
    assert [e["operation"] for e in history["events"]][-3:] == ["20", "30", "40"]
    times = [e["time"] for e in history["events"]]
    assert times == sorted(times)


def test_a_deviation_is_in_the_history_of_the_unit_its_scan_built_with_the_signature(
    engine: Any, station: Any
) -> None:
    build(station)

    events = history_of(engine, "PCB-0002")["events"]

    deviation = next(e for e in events if e["kind"] == "deviation_recorded")
    assert describe(deviation) == (
        "deviation: lot_expired waived for CAP-220/C-6001 (reason ENG-OK)"
    )
    assert deviation["signature"]["name"] == "Ion Rus"
    assert deviation["signature"]["meaning"] == "waived lot_expired"
    assert [describe(e) for e in events if e["role"] == "child"] == [
        "installed into CTRL-500 CTRL-0001"
    ]
    assert "removed from CTRL-500 CTRL-0001" in [
        describe(e) for e in history_of(engine, "PCB-0001")["events"]
    ]


def test_an_unknown_serial_has_no_history_and_says_so(engine: Any) -> None:
    with Session(engine) as s, pytest.raises(TraceError, match="No unit with serial NOPE"):
        unit_history(s, "NOPE")


def test_the_migration_fills_the_history_of_a_journal_recorded_before_it(
    engine: Any, station: Any
) -> None:
    build(station)
    kept = history_rows(engine)
    assert len(kept) > 20

    config = alembic_config(engine)
    command.downgrade(config, "0010_print_jobs")
    command.upgrade(config, "head")

    assert history_rows(engine) == kept


def test_the_history_is_read_through_its_index(engine: Any, station: Any) -> None:
    build(station)
    with engine.connect() as c:
        plan = c.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM unit_history WHERE serial = 'CTRL-0001' "
            "AND part = 'CTRL-500' ORDER BY time"
        ).all()
    assert "ix_unit_history_serial" in " ".join(str(row) for row in plan)
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM unit_history")).scalar()


class ResultFromATester:
    """An event of a kind `store.unit_history` does not name (as a tester's result)."""

    kind = "tester_result_recorded"

    def payload(self) -> dict[str, Any]:
        return {"part": "CTRL-500", "serial": "CTRL-0009", "operation": "30", "test": "Hipot"} | {
            "passed": False
        }


def test_an_event_about_one_unit_of_a_kind_the_history_does_not_name_is_kept_with_its_facts() -> (
    None
):
    from datetime import UTC, datetime

    from tracestation.store.projections import Written
    from tracestation.store.unit_history import Applied, history_rows

    written = Written("e-1", datetime(2026, 11, 30, tzinfo=UTC), "ST-1", "B-1001", None)

    (row,) = history_rows([Applied(ResultFromATester(), written, 7)])  # type: ignore[arg-type]

    assert (row["part"], row["serial"], row["kind"], row["seq"]) == (
        "CTRL-500",
        "CTRL-0009",
        "tester_result_recorded",
        7,
    )
    assert (row["operation"], row["outcome"], row["note"]) == ("30", "failed", "Hipot")


class AwkwardResult:
    """A tester's result whose facts hold `odd` (text that needs COPY's escapes, or a number
    where text belongs)."""

    kind = "tester_result_recorded"

    def __init__(self, **odd: Any) -> None:
        self.odd = odd

    def payload(self) -> dict[str, Any]:
        usual = {"part": "CTRL-500", "serial": "CTRL-0010", "operation": "30", "test": "Hipot"}
        return usual | {"passed": True} | self.odd


AWKWARD: list[Any] = [
    ev.TestRecorded("CTRL-500", "CTRL-0010", "WO-1", "30", "Hipot " + "x" * 300, True),  # long
    AwkwardResult(serial="\\N"),  # text that reads as COPY's NULL unless escaped
    AwkwardResult(test="\\N"),
    AwkwardResult(serial="CTRL\\0010"),
    AwkwardResult(test="Hipot\tline 2"),
    AwkwardResult(test="Hipot\nline 2"),
    AwkwardResult(test="Hipot\r"),
    AwkwardResult(operation=30),
]
# A packing whose carton came as a number (a damaged payload): not text where text belongs.
PACKED_IN_A_NUMBER = ev.UnitPacked(123456, "CTRL-500", "CTRL-0010", "WO-1", "40")  # type: ignore[arg-type]


def test_the_centres_history_lines_are_its_history_rows_in_copys_text_format(
    engine: Any, station: Any
) -> None:
    from datetime import UTC, datetime

    from tracestation.domain.events import event_from
    from tracestation.store.bulk import copy_line
    from tracestation.store.projections import Written
    from tracestation.store.tables import EventRow
    from tracestation.store.unit_history import LINE_COLUMNS, Applied, history_lines
    from tracestation.store.unit_history import history_rows as rows_of

    build(station)
    with engine.connect() as c:
        journal = c.execute(select(EventRow.__table__).order_by(EventRow.seq)).all()
    applied = [
        Applied(
            event_from(row.kind, row.payload),
            Written(
                row.id, datetime.fromisoformat(row.time), row.station, row.operator, row.signed_by
            ),
            row.seq,
        )
        for row in journal
    ]
    times = {row.id: row.time for row in journal}
    for n, odd in enumerate([*AWKWARD, PACKED_IN_A_NUMBER]):
        at = datetime(2026, 12, 1, 8, n, tzinfo=UTC)
        how = Written(f"e-odd-{n}", at, "ST-1", None, "B\\9" if n == 0 else None)
        applied.append(Applied(odd, how, 99 + n))
        times[how.event_id] = at.isoformat()

    written = {
        a.written.event_id: (
            copy_line((a.written.event_id, a.written.station, a.seq, a.event.kind)),
            copy_line((a.written.operator, a.written.signed_by, times[a.written.event_id])),
        )
        for a in applied
    }

    lines = history_lines(applied, written)

    expected = []
    for row in rows_of(applied):
        row["time"] = times[row["event_id"]]
        expected.append((row["event_id"], copy_line([row[name] for name in LINE_COLUMNS])))
    assert lines == expected
    assert {row["kind"] for row in rows_of(applied)} >= {
        "unit_registered",
        "child_unit_installed",
        "lot_installed",
        "child_removed",
        "test_recorded",
        "deviation_recorded",
        "unit_packed",
        "tester_result_recorded",
    }
    serial, other, note = map(LINE_COLUMNS.index, ("serial", "other", "note"))
    assert lines[-9][1].split("\t")[note] == "Hipot " + "x" * 194, "cut to its column"
    assert lines[-6][1].split("\t")[serial] == "CTRL\\\\0010"
    assert lines[-1][1].split("\t")[other] == "123456"
    assert [line.split("\t")[note] for _, line in lines[-5:-2]] == [
        "Hipot\\tline 2",
        "Hipot\\nline 2",
        "Hipot\\r",
    ]
