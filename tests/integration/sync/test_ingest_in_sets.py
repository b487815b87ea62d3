"""The centre takes a batch of events as sets: the same journal, projections and conflicts as
taking them one at a time, on a real PostgreSQL.

The reference is the ingest as it was before it worked in sets: each event appended, then
`apply_received` (a savepoint per event). Batches here are hash-chained journals of two stations
mixing every rule the centre raises a conflict for with events that fit.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, insert, select, text
from sqlalchemy.orm import aliased

from support.line import PG_ADMIN_URL
from tracestation.domain import events as ev
from tracestation.domain.chain import GENESIS, event_hash
from tracestation.store import received_batch, received_rows
from tracestation.store.audit import verify_journal
from tracestation.store.database import open_database
from tracestation.store.importer import import_master_data
from tracestation.store.projections import Written
from tracestation.store.received import apply_received
from tracestation.store.tables import (
    ConflictRow,
    ConsumptionRow,
    ContainerRow,
    EventRow,
    GenealogyLinkRow,
    LotRow,
    ParkedEventRow,
    TestRecordRow,
    UnitRow,
    table_of,
)
from tracestation.sync.central import prepare_central
from tracestation.sync.ingest import IngestReport, ingest

pytestmark = pytest.mark.postgres

EVENTS = table_of(EventRow)
START = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.moment = START + timedelta(days=1)

    def now(self) -> datetime:
        self.moment += timedelta(seconds=1)
        return self.moment

    def today(self) -> Any:
        return self.moment.date()


@pytest.fixture
def centres(plant_document: dict[str, Any]) -> Iterator[tuple[Engine, Engine]]:
    """Two fresh centres with the demo plant: one for the ingest, one for the reference."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    names = [f"ts_sets_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    engines = []
    for name in names:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        engine = open_database(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
        prepare_central(engine)
        import_master_data(engine, plant_document)
        engines.append(engine)
    yield engines[0], engines[1]
    for engine in engines:
        engine.dispose()
    with admin.connect() as c:
        for name in names:
            c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


class Journal:
    """A station's hash-chained journal, written as a station writes it (no local database:
    what it holds may break any rule the centre knows)."""

    def __init__(self, station: str) -> None:
        self.station = station
        self.seq = 0
        self.last = GENESIS
        self.time = START

    def rows(self, *events: ev.DomainEvent | tuple[str, dict[str, Any]]) -> list[Any]:
        made = []
        for item in events:
            kind, payload = item if isinstance(item, tuple) else (item.kind, item.payload())
            self.seq += 1
            self.time += timedelta(seconds=3)
            row: dict[str, Any] = {
                "id": str(uuid.uuid4()),
                "station": self.station,
                "seq": self.seq,
                "time": self.time.isoformat(timespec="microseconds"),
                "operator": "B-1001",
                "kind": kind,
                "payload": payload,
                "reason": None,
                "signed_by": None,
                "prev_hash": self.last,
            }
            row["hash"] = event_hash(**row)
            self.last = row["hash"]
            made.append(SimpleNamespace(**row))
        return made


def one_by_one(central: Engine, rows: Sequence[Any]) -> list[tuple[str, str]]:
    """The reference: each event appended, then applied by `apply_received`; the breaches."""
    breaches = []
    with central.begin() as c:
        now = datetime.now(UTC)
        for row in rows:
            values = {k: getattr(row, k) for k in vars(row)}
            c.execute(insert(EVENTS), {**values, "synced_at": now})
            try:
                event = ev.event_from(row.kind, dict(row.payload))
            except (ValueError, TypeError, KeyError, ArithmeticError):
                continue
            written = Written(
                row.id, datetime.fromisoformat(row.time), row.station, row.operator, None
            )
            for breach in apply_received(event, c, written):
                breaches.append((breach.kind, f"{breach.part}/{breach.subject}"))
    return breaches


def in_sets(central: Engine, rows: Sequence[Any]) -> IngestReport:
    report = IngestReport()
    with central.begin() as c:
        ingest(c, rows, Clock(), report)
    return report


def raised(report: IngestReport) -> list[tuple[str, str]]:
    return [(conflict["kind"], conflict["subject"]) for conflict in report.conflicts]


def state(engine: Engine) -> dict[str, Counter[tuple[Any, ...]]]:
    """The projections, by what they say (not by ids or the time they were written)."""
    units, lots, links = table_of(UnitRow), table_of(LotRow), table_of(GenealogyLinkRow)
    tests, used = table_of(TestRecordRow), table_of(ConsumptionRow)
    boxes = table_of(ContainerRow)
    parent, child = aliased(units), aliased(units)

    def rows(query: Any) -> Counter[tuple[Any, ...]]:
        with engine.connect() as c:
            return Counter(
                tuple(v.normalize() if isinstance(v, Decimal) else v for v in row)
                for row in c.execute(query)
            )

    return {
        "units": rows(
            select(
                units.c.part,
                units.c.serial,
                units.c.work_order,
                units.c.status,
                units.c.last_operation,
                units.c.container,
                units.c.registered_at,
            )
        ),
        "lots": rows(select(lots.c.part, lots.c.code, lots.c.quantity, lots.c.status)),
        "links": rows(
            select(
                parent.c.serial,
                child.c.serial,
                lots.c.code,
                links.c.qty,
                links.c.operation,
                links.c.installed_event,
                links.c.installed_at,
                links.c.contested_by,
            )
            .join(parent, parent.c.id == links.c.parent_unit_id)
            .outerjoin(child, child.c.id == links.c.child_unit_id)
            .outerjoin(lots, lots.c.id == links.c.child_lot_id)
            .order_by(links.c.id)
        ),
        # Ids differ between databases; their order is the order of the events.
        "link order": Counter([tuple(rows(select(links.c.installed_event).order_by(links.c.id)))]),
        "tests": rows(
            select(
                units.c.serial,
                tests.c.test,
                tests.c.operation,
                tests.c.passed,
                tests.c.station,
                tests.c.operator,
                tests.c.time,
                tests.c.event_id,
            ).join(units, units.c.id == tests.c.unit_id)
        ),
        "consumptions": rows(
            select(
                used.c.work_order,
                lots.c.code,
                used.c.qty,
                used.c.operation,
                used.c.source,
                used.c.event_id,
            ).join(lots, lots.c.id == used.c.lot_id)
        ),
        "containers": rows(
            select(
                boxes.c.sscc,
                boxes.c.work_order,
                boxes.c.part,
                boxes.c.capacity,
                boxes.c.packed,
                boxes.c.closed,
                boxes.c.closed_at,
                boxes.c.station,
                boxes.c.opened_at,
            )
        ),
    }


def arrival(engine: Engine) -> list[str]:
    """The events of the stations (not the centre's own, nor the import that made each
    database's master data) in their order of arrival."""
    with engine.connect() as c:
        return list(
            c.scalars(
                select(EVENTS.c.id)
                .where(EVENTS.c.station != "CENTRAL", EVENTS.c.kind != "master_data_changed")
                .order_by(EVENTS.c.central_seq)
            )
        )


W2, W1 = "WO-2001", "WO-1001"
BOARD, CTRL, CAP, SCREW = "PCBA-100", "CTRL-500", "CAP-220", "SCREW-M3"


def board(serial: str, lot: str = "C-7781", qty: int = 2) -> list[ev.DomainEvent]:
    return [
        ev.UnitRegistered(BOARD, serial, W2, "10"),
        ev.LotInstalled(BOARD, serial, CAP, lot, Decimal(qty), W2, "10"),
        ev.OperationCompleted(BOARD, serial, W2, "10"),
        ev.TestRecorded(BOARD, serial, W2, "20", "ICT", True),
        ev.OperationCompleted(BOARD, serial, W2, "20", finishes=True),
    ]


def line_batches() -> list[list[Any]]:
    """Two stations, a batch each way of the push: every conflict the centre raises, among
    events that fit, and the rows read again after an event of a kind not played in memory."""
    a, b = Journal("ST-A"), Journal("ST-B")
    first = a.rows(
        ev.OperatorLoggedIn("B-1001"),
        *board("P1"),
        *board("P2", lot="C-6001", qty=150),
        ev.LotConsumed(W2, CAP, "C-6001", Decimal(100), "10"),  # 50 left: over-consumption
        ev.UnitRegistered(BOARD, "P1", W2, "10"),  # duplicate serial
        ev.OperationCompleted(BOARD, "P9", W2, "10"),  # unknown unit
        ev.UnitRegistered(CTRL, "C1", W1, "10"),
        ev.LotConsumed(W1, "PASTE-7", "P-88", Decimal(2), "10"),
        ev.OperationCompleted(CTRL, "C1", W1, "10"),
        ev.ChildUnitInstalled(CTRL, "C1", BOARD, "P1", W1, "20"),
        ev.LotInstalled(CTRL, "C1", SCREW, "L-2288", Decimal(4), W1, "20"),  # on hold
        ev.OperationCompleted(CTRL, "C1", W1, "20"),
        ev.UnitRegistered(CTRL, "C2", W1, "10"),
        ev.OperationCompleted(CTRL, "C2", W1, "30"),  # wrong operation (expected 10)
        ev.TestRecorded(CTRL, "C1", W1, "30", "FINAL", False),
        ev.OperationCompleted(CTRL, "C1", W1, "20", rework=True),
        ev.TestRecorded(CTRL, "C1", W1, "30", "FINAL", True),
        ev.ContainerOpened("SSCC-1", W1, CTRL, 1),
        ev.UnitPacked("SSCC-1", CTRL, "C1", W1, "40"),
        ev.UnitPacked("SSCC-1", CTRL, "C2", W1, "40"),  # over capacity
        ev.ContainerClosed("SSCC-1", 1),
        ev.ContainerOpened("SSCC-1", W1, CTRL, 10),  # duplicate SSCC
        ev.UnitRegistered(BOARD, "P3", "WO-NONE", "10"),  # does not fit: no such work order
        ("mystery_happened", {"what": "nobody knows"}),  # parked
        ev.LotStatusChanged(CAP, "C-7790", "hold", "released", "supplier NCR"),
        *board("P4", lot="C-7790"),  # the hold, just read again: not released
        ev.ContainerClosed("SSCC-404", 0),  # unknown carton
        ev.OperatorLoggedOut("B-1001"),
    )
    mixed = a.rows(*board("P5"), ev.UnitRegistered(CTRL, "C5", W1, "10")) + b.rows(
        ev.UnitRegistered(CTRL, "C3", W1, "10"),
        ev.OperationCompleted(CTRL, "C3", W1, "10"),
        ev.ChildUnitInstalled(CTRL, "C3", BOARD, "P1", W1, "20"),  # P1 is in C1: twice
        ev.ChildUnitInstalled(CTRL, "C3", BOARD, "P5", W1, "20"),  # A's board, this batch
        ev.LotInstalled(CTRL, "C3", SCREW, "L-2291", Decimal(4), W1, "20"),
        ev.OperationCompleted(CTRL, "C3", W1, "20"),
    )
    return [first, mixed]


def test_a_batch_in_sets_leaves_what_one_event_at_a_time_leaves(
    centres: tuple[Engine, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    central, reference = centres
    one_at_a_time: list[str] = []

    def spied(event: ev.DomainEvent, c: Any, w: Written, **options: Any) -> Any:
        one_at_a_time.append(event.kind)
        return apply_received(event, c, w, **options)

    monkeypatch.setattr(received_batch, "apply_received", spied)
    expected: list[tuple[str, str]] = []
    got: list[tuple[str, str]] = []
    for rows in line_batches():
        expected += one_by_one(reference, rows)
        got += raised(in_sets(central, rows))

    assert got == expected
    assert len(one_at_a_time) == len(got) + 1, "the breaking events and the status change only"
    assert "lot_status_changed" in one_at_a_time
    assert Counter(kind for kind, _ in got) == {
        "over_consumption": 1,
        "duplicate_serial": 1,
        "unknown_subject": 2,
        "lot_not_released": 2,
        "wrong_operation": 1,
        "carton_over_capacity": 1,
        "duplicate_sscc": 1,
        "does_not_fit": 1,
        "child_installed_twice": 1,
    }
    assert state(central) == state(reference)
    assert arrival(central) == arrival(reference)
    with central.connect() as c:
        assert c.scalar(select(func.count()).select_from(table_of(ParkedEventRow))) == 1
        numbers = list(c.scalars(select(EVENTS.c.central_seq).order_by(EVENTS.c.central_seq)))
        assert numbers == list(range(1, len(numbers) + 1)), "numbered in order, no gaps"
        assert c.scalar(select(func.count()).select_from(table_of(ConflictRow))) == len(got)
    counted, breaks = verify_journal(central)
    assert breaks == [] and counted["ST-A"] == 46 and counted["ST-B"] == 6


def test_one_event_breaking_a_rule_mid_batch_is_one_conflict_and_the_rest_is_applied(
    centres: tuple[Engine, Engine],
) -> None:
    central, _ = centres
    station = Journal("ST-A")
    rows = station.rows(
        *board("P1"),
        *board("P2", lot="C-6001", qty=150),
        ev.LotInstalled(BOARD, "P2", CAP, "C-6001", Decimal(80), W2, "10"),  # 50 left
        *board("P3", lot="C-7790"),
    )
    report = in_sets(central, rows)

    assert raised(report) == [("over_consumption", "CAP-220/C-6001")]
    assert report.pushed == len(rows) == 16
    with central.connect() as c:
        units = dict(
            c.execute(
                select(UnitRow.serial, UnitRow.status).where(UnitRow.serial.in_(["P1", "P2", "P3"]))
            ).all()
        )
        lots = dict(c.execute(select(LotRow.code, LotRow.quantity)).all())
        links = c.scalar(select(func.count()).select_from(GenealogyLinkRow))
    assert units == {"P1": "finished", "P2": "finished", "P3": "finished"}
    assert (lots["C-6001"], lots["C-7781"], lots["C-7790"]) == (0, 4998, 4998)
    assert links == 4, "the over-drawn lot is linked to its board all the same"


def test_a_batch_whose_set_write_fails_is_applied_one_event_at_a_time(
    centres: tuple[Engine, Engine], monkeypatch: pytest.MonkeyPatch
) -> None:
    central, reference = centres
    failing = received_rows.Run.write

    def write_then_fail(run: Any, c: Any) -> None:
        failing(run, c)
        c.execute(text("SELECT 1 / 0"))  # as a constraint another writer tripped would

    monkeypatch.setattr(received_rows.Run, "write", write_then_fail)
    rows = line_batches()[0]
    got = raised(in_sets(central, rows))

    assert got == one_by_one(reference, rows)
    assert state(central) == state(reference)


def test_a_held_lot_used_all_shift_is_a_conflict_per_use_as_one_at_a_time(
    centres: tuple[Engine, Engine],
) -> None:
    """Every other event breaks a rule: each is applied on its own and the rows it touched are
    read again for the events after it."""
    central, reference = centres
    station = Journal("ST-A")
    rows = station.rows(
        *(
            event
            for n in range(40)
            for event in (
                ev.UnitRegistered(CTRL, f"C{n}", W1, "10"),
                ev.OperationCompleted(CTRL, f"C{n}", W1, "10"),
                ev.LotInstalled(CTRL, f"C{n}", SCREW, "L-2288", Decimal(4), W1, "20"),  # held
                ev.LotInstalled(CTRL, f"C{n}", SCREW, "L-2291", Decimal(4), W1, "20"),
                ev.OperationCompleted(CTRL, f"C{n}", W1, "20"),
            )
        )
    )
    got = raised(in_sets(central, rows))

    assert got == one_by_one(reference, rows)
    assert got == [("lot_not_released", "SCREW-M3/L-2288")] * 40
    assert state(central) == state(reference)


def test_text_with_tabs_backslashes_and_line_breaks_reaches_the_centre_as_the_station_wrote_it(
    centres: tuple[Engine, Engine],
) -> None:
    """The push formats its COPY rows itself: every character COPY's text format treats
    specially arrives as written, in the journal (its hash still checks) and in the history."""
    central, _ = centres
    awkward = "ICT\tfixture \\2\nline 3\r\n été ✓ \\N"
    rows = Journal("ST-A").rows(
        ev.UnitRegistered(BOARD, "P\\7", W2, "10"),
        ev.TestRecorded(BOARD, "P\\7", W2, "20", awkward, True),
    )
    report = in_sets(central, rows)

    assert report.pushed == 2 and report.parked == 0
    counted, breaks = verify_journal(central)
    assert breaks == [] and counted["ST-A"] == 2
    with central.connect() as c:
        stored = c.scalar(select(EVENTS.c.payload).where(EVENTS.c.id == rows[1].id))
        notes = c.execute(
            text("SELECT serial, kind, note FROM unit_history WHERE station = 'ST-A' ORDER BY seq")
        ).all()
    assert stored["test"] == awkward
    assert [tuple(n) for n in notes] == [
        ("P\\7", "unit_registered", None),
        ("P\\7", "test_recorded", awkward),
    ]


def test_a_centre_prepared_before_the_numbering_trigger_had_its_condition_gets_it(
    centres: tuple[Engine, Engine],
) -> None:
    """The trigger that numbers arrivals fires only for a row without its number; a centre
    made with the older, unconditional trigger is given the new one by `central init` and still
    numbers a row inserted without a number."""
    central, _ = centres
    definition = text(
        "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'events_central_order'"
    )
    with central.begin() as c:
        c.execute(text("DROP TRIGGER events_central_order ON events"))
        c.execute(
            text(
                "CREATE TRIGGER events_central_order BEFORE INSERT ON events FOR EACH ROW "
                "EXECUTE FUNCTION tracestation_central_order()"
            )
        )
    prepare_central(central)
    prepare_central(central)  # idempotent

    with central.begin() as c:
        assert "WHEN ((new.central_seq IS NULL))" in c.scalar(definition)
        before = c.scalar(select(func.max(EVENTS.c.central_seq)))
        row = vars(Journal("ST-Z").rows(ev.OperatorLoggedIn("B-1001"))[0])
        c.execute(insert(EVENTS), {**row, "synced_at": datetime.now(UTC)})
        numbered = c.scalar(select(EVENTS.c.central_seq).where(EVENTS.c.id == row["id"]))
    assert numbered == before + 1
