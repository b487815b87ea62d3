"""Syncs cut and stalled mid-push and mid-pull lose and duplicate nothing.

Four offline stations (A builds boards, B builds controllers from A's boards, C tests them, D
packs them), each on its own SQLite file, reach the central PostgreSQL through a loopback proxy
of the tests' own (`support.tcp_proxy`) that cuts every connection, stalls, cuts after a given
number of bytes or where a COMMIT or a pull's query passes, and refuses new connections, at
seeded random points, round after round. Then every station syncs cleanly, and: every event is
central exactly once, in its station's chain; every station holds the centre's state (lots,
units, links, cartons, every station's events); both journals verify; and no conflict was ever
raised, since no work broke a rule (a repeated push must not raise one).

`TRACESTATION_FAULT_SEED` and `TRACESTATION_FAULT_ROUNDS` replay or lengthen a run.
"""

from __future__ import annotations

import os
import random
import threading
import time
import traceback
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import InterfaceError, OperationalError

from support.line import PG_ADMIN_URL
from support.tcp_proxy import Direction, Fault, TcpProxy, Then, to_the_tests_postgresql
from tracestation.station.core import Station
from tracestation.store.audit import verify_journal
from tracestation.store.database import create_station_engine, open_database
from tracestation.store.importer import import_master_data
from tracestation.store.tables import (
    ConflictRow,
    ContainerRow,
    EventRow,
    GenealogyLinkRow,
    LotRow,
    ParkedEventRow,
    UnitRow,
    table_of,
)
from tracestation.sync.central import prepare_central
from tracestation.sync.push import push_journal
from tracestation.sync.session import SyncReport, sync_with

pytestmark = pytest.mark.postgres

SEED = int(os.environ.get("TRACESTATION_FAULT_SEED", "8"))
ROUNDS = int(os.environ.get("TRACESTATION_FAULT_ROUNDS", "12"))
NETWORK = (OperationalError, InterfaceError)  # what a cut or a refused connection may raise
EVENTS, LOTS, UNITS = table_of(EventRow), table_of(LotRow), table_of(UnitRow)
LINKS, CONTAINERS = table_of(GenealogyLinkRow), table_of(ContainerRow)
CONFLICTS, PARKED = table_of(ConflictRow), table_of(ParkedEventRow)
# The wire, as psycopg speaks it: the push's commit, the pull's read of every lot (the other
# reads of lots name a lot) and of the stations' heads (where pulling events starts).
COMMIT = b"COMMIT\x00"
ALL_LOTS = b"\nFROM lots\x00"
ALL_HEADS = b"FROM station_heads\x00"


class Clock:
    """One plant clock, 2 s a read, safe to share between threads."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
        self.lock = threading.Lock()

    def now(self) -> datetime:
        with self.lock:
            self.moment += timedelta(seconds=2)
            return self.moment

    def today(self) -> date:
        return self.moment.date()


@pytest.fixture
def central_url(plant_document: dict[str, Any]) -> Iterator[str]:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"ts_faults_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    centre = open_database(url)
    prepare_central(centre)
    for order in plant_document["work_orders"]:
        order["quantity"] = 400  # enough for every round's boards and controllers
    import_master_data(centre, plant_document)
    centre.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def centre(central_url: str) -> Iterator[Engine]:
    """The centre as a lead's desk and the test's checks reach it: directly, never cut."""
    engine = create_engine(central_url)
    yield engine
    engine.dispose()


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    with to_the_tests_postgresql() as running:
        yield running


def through(proxy: TcpProxy, central_url: str) -> str:
    """The central URL a station uses: through the proxy, with a connect timeout (a stalled
    handshake fails) and server-side timeouts (a session whose client was cut while it waited
    for a lock does not hold its own locks for ever)."""
    return (
        make_url(proxy.url(central_url))
        .update_query_dict(
            {
                "connect_timeout": "3",
                "options": "-c statement_timeout=20000"
                " -c idle_in_transaction_session_timeout=20000",
            }
        )
        .render_as_string(False)
    )


# The line ---------------------------------------------------------------------------------------

JOIN = {
    "A": ["B-1001", "WO:WO-2001"],
    "B": ["B-1002", "WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88"],
    "C": ["B-1001", "WO:WO-1001", "OPN:30"],
    "D": ["B-1002", "WO:WO-1001", "OPN:40"],
}


@dataclass
class Outcome:
    report: SyncReport | None = None
    failed_in: str = ""  # the sync step a network fault broke, when it failed


@dataclass
class Line:
    """Four stations that each work on what they have learnt from the centre so far."""

    tmp_path: Path
    url: str
    centre: Engine
    clock: Clock = field(default_factory=Clock)
    engines: dict[str, Engine] = field(default_factory=dict)
    centrals: dict[str, Engine] = field(default_factory=dict)
    stations: dict[str, Station] = field(default_factory=dict)
    done: dict[str, set[str]] = field(default_factory=dict)  # units each station has worked on
    failures: Counter[str] = field(default_factory=Counter)
    already_central: int = 0
    syncs: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def join(self, name: str, sync: Callable[[str], Outcome]) -> None:
        """A station that has never worked: it learns the plant at its first good sync."""
        from tracestation.labels.printers import NoPrinter
        from tracestation.wiring import station_on

        self.engines[name] = open_database(str(self.tmp_path / f"{name}.sqlite"))
        self.centrals[name] = create_station_engine(self.url)
        self.done[name] = set()
        for _ in range(40):
            if sync(name).report is not None:
                break
        else:
            pytest.fail(f"{name} never completed its first sync")
        self.stations[name] = station_on(
            self.engines[name], name, clock=self.clock, printer=NoPrinter()
        )
        self.scans(name, *JOIN[name])

    def close(self) -> None:
        for engine in [*self.engines.values(), *self.centrals.values()]:
            engine.dispose()

    def sync(self, name: str) -> Outcome:
        try:
            report = sync_with(self.engines[name], self.centrals[name], {name}, clock=self.clock)
        except NETWORK as error:
            step = failed_step(error)
            with self.lock:
                self.syncs += 1
                self.failures[step] += 1
            return Outcome(failed_in=step)
        with self.lock:
            self.syncs += 1
            self.already_central += report.push.already_central
        assert report.push.conflicts == [], f"{name}: a sync raised {report.push.conflicts}"
        return Outcome(report)

    def scans(self, name: str, *raws: str) -> None:
        for raw in raws:
            result = self.stations[name].scan(raw)
            assert result.outcome == "accepted", f"{name} {raw}: {result.message}"

    def work(self, name: str, round_: int) -> None:
        """One round of a station's work, on what its own database holds."""
        if name == "A":
            boards = [f"PCB-{round_}-{n}" for n in range(2)]
            self.scans("A", "OPN:10")
            for board in boards:
                self.scans("A", board, "LOT:CAP-220/C-7781", "CMD:DONE")
            self.scans("A", "OPN:20")
            for board in boards:
                self.scans("A", board, "CMD:PASS")
        elif name == "B":
            boards = self.ready(name, "PCBA-100", status="passed", limit=3)
            controllers = [board.replace("PCB", "CTRL") for board in boards]
            if boards:
                self.scans("B", "OPN:10", *controllers, "OPN:20")
            for board, controller in zip(boards, controllers, strict=True):
                self.scans("B", controller, board, "LOT:SCREW-M3/L-2291", "CMD:DONE")
        elif name == "C":
            for controller in self.ready(name, "CTRL-500", operation="20"):
                self.scans("C", controller, "CMD:PASS")
        else:
            controllers = self.ready(name, "CTRL-500", operation="30", status="passed")
            self.scans("D", *controllers)
            with self.engines[name].connect() as c:  # a full carton closed itself
                open_carton = c.scalar(
                    select(CONTAINERS.c.sscc).where(CONTAINERS.c.closed.is_(False)).limit(1)
                )
            if open_carton is not None:
                self.scans("D", "CMD:CLOSE")

    def ready(
        self,
        name: str,
        part: str,
        status: str | None = None,
        operation: str | None = None,
        limit: int = 100,
    ) -> list[str]:
        """Units of `part` this station knows to be ready for it and has not worked on (up to
        `limit`): the station works on them now."""
        query = select(UNITS.c.serial).where(UNITS.c.part == part).order_by(UNITS.c.serial)
        if status is not None:
            query = query.where(UNITS.c.status == status)
        if operation is not None:
            query = query.where(UNITS.c.last_operation == operation)
        with self.engines[name].connect() as c:
            serials = [s for s in c.scalars(query) if s not in self.done[name]][:limit]
        self.done[name] |= set(serials)
        return serials

    def hold_a_lot_at_the_centre(self) -> None:
        """A lead at the centre holds a lot nobody uses: the hold must reach every station."""
        from tracestation.station.lead import LeadDesk
        from tracestation.store.pins import Argon2Pins
        from tracestation.store.plant import DatabasePlant
        from tracestation.store.unit_of_work import DatabaseTransactions

        plant = DatabasePlant(self.centre)
        desk = LeadDesk(
            plant, DatabaseTransactions(self.centre, plant, "LEAD-DESK", self.clock), Argon2Pins()
        )
        lead = desk.sign_in("B-9001", "4321")
        desk.change_status(lead, "CAP-220", "C-7790", "hold", "supplier NCR 12")


def failed_step(error: BaseException) -> str:
    """The sync step a network fault broke: the innermost sync function in the traceback."""
    steps = {
        "central_identity": "identify",
        "push_journal": "push",
        "ingest": "push",
        "_pull_master_data": "pull master data",
        "_pull_lots": "pull lots",
        "_pull_events": "pull events",
        "reserve_blocks": "reserve numbers",
    }
    found = "identify"
    for frame in traceback.extract_tb(error.__traceback__):
        found = steps.get(frame.name, found)
    return found


# Faults -----------------------------------------------------------------------------------------


@dataclass
class Faults:
    """Seeded faults, one drawn for each sync attempt."""

    proxy: TcpProxy
    rng: random.Random
    span: int = 20000  # bytes a sync moves, as far as seen: where a cut by count may land
    drawn: Counter[str] = field(default_factory=Counter)

    def arm(self) -> None:
        proxy, rng = self.proxy, self.rng
        roll = rng.random()
        after = rng.randint(0, self.span)
        direction: Direction = rng.choice(("both", "up", "down"))
        if roll < 0.2:
            kind = "none"
        elif roll < 0.45:
            kind = f"cut after bytes {direction}"
            proxy.arm(Fault(after=after, direction=direction))
        elif roll < 0.6:
            then: Then = rng.choice(("resume", "cut"))
            kind = f"stall then {then}"
            proxy.arm(
                Fault(after=after, action="stall", stall_for=rng.uniform(0.02, 0.3), then=then)
            )
        elif roll < 0.72:
            forward = rng.random() < 0.7
            kind = "cut after COMMIT sent" if forward else "cut before COMMIT"
            proxy.arm(Fault(pattern=COMMIT, direction="up", forward=forward))
        elif roll < 0.82:
            kind = "cut at pull of lots"
            proxy.arm(Fault(pattern=ALL_LOTS, direction="up", forward=rng.random() < 0.5))
        elif roll < 0.92:
            kind = "cut at pull of events"
            proxy.arm(Fault(pattern=ALL_HEADS, direction="up", forward=rng.random() < 0.5))
        else:
            kind = "refused"
            proxy.refuse()
            proxy.cut_all()
        self.drawn[kind] += 1

    def clear(self) -> None:
        self.proxy.disarm()
        self.proxy.resume()
        self.proxy.admit()


def faulty_sync(line: Line, faults: Faults) -> Callable[[str], Outcome]:
    def sync(name: str) -> Outcome:
        before = faults.proxy.stats.total
        faults.arm()
        try:
            outcome = line.sync(name)
        finally:
            faults.clear()
        if outcome.report is not None:
            faults.span = max(faults.span, faults.proxy.stats.total - before)
        check_on_the_way(line, name)
        return outcome

    return sync


@pytest.fixture
def line(tmp_path: Path, proxy: TcpProxy, central_url: str, centre: Engine) -> Iterator[Line]:
    made = Line(tmp_path, through(proxy, central_url), centre)
    yield made
    made.close()


# Checks -----------------------------------------------------------------------------------------


def chain(engine: Engine, station: str) -> list[tuple[int, str, str]]:
    query = (
        select(EVENTS.c.seq, EVENTS.c.id, EVENTS.c.hash)
        .where(EVENTS.c.station == station)
        .order_by(EVENTS.c.seq)
    )
    with engine.connect() as c:
        return [tuple(row) for row in c.execute(query)]


def count(engine: Engine, table: Any) -> int:
    with engine.connect() as c:
        return int(c.scalar(select(func.count()).select_from(table)) or 0)


def check_on_the_way(line: Line, name: str) -> None:
    """After every attempt, good or cut: what the centre has of the station is the start of its
    journal, once each, and no conflict was raised."""
    here, there = chain(line.engines[name], name), chain(line.centre, name)
    assert there == here[: len(there)], f"{name}: the centre's chain is not the station's"
    assert count(line.centre, CONFLICTS) == 0
    assert verify_journal(line.engines[name])[1] == []


def settle(line: Line) -> None:
    """Every station syncs cleanly until none has anything to push or pull."""
    for _ in range(4):
        moved = 0
        for name in line.engines:
            outcome = line.sync(name)
            assert outcome.report is not None, f"{name}: a clean sync failed ({outcome})"
            report = outcome.report
            assert report.pending == 0
            moved += report.push.pushed + report.pulled.events + report.pulled.lots
        if moved == 0:
            return
    pytest.fail("the stations kept pushing or pulling after four clean rounds")


def plain(value: Any) -> Any:
    """One value as both databases give it back (SQLite: naive UTC times, its own decimals)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return Decimal(value).normalize()
    return value


def state(engine: Engine) -> dict[str, Any]:
    """What a station must hold as the centre does, by natural keys (row ids differ)."""
    parent, child = UNITS.alias("parent"), UNITS.alias("child")
    links = (
        select(
            parent.c.serial,
            child.c.serial,
            LOTS.c.code,
            LINKS.c.qty,
            LINKS.c.operation,
            LINKS.c.installed_event,
            LINKS.c.removed_event,
            LINKS.c.contested_by,
        )
        .join(parent, parent.c.id == LINKS.c.parent_unit_id)
        .outerjoin(child, child.c.id == LINKS.c.child_unit_id)
        .outerjoin(LOTS, LOTS.c.id == LINKS.c.child_lot_id)
    )

    def rows(query: Any) -> list[tuple[Any, ...]]:
        with engine.connect() as c:
            return sorted(
                (tuple(plain(v) for v in row) for row in c.execute(query)),
                key=repr,
            )

    lot_columns = [c for c in LOTS.c if c.key != "id"]
    return {
        "lots": rows(select(*lot_columns)),
        "units": rows(select(*(c for c in UNITS.c if c.key != "id"))),
        "links": rows(links),
        "cartons": rows(select(CONTAINERS)),
        "events": rows(select(EVENTS.c.id, EVENTS.c.station, EVENTS.c.seq, EVENTS.c.hash)),
    }


def check_the_line(line: Line) -> None:
    """After the clean syncs: nothing lost, nothing twice, every station as the centre."""
    central_counts, breaks = verify_journal(line.centre)
    assert breaks == []
    for name, engine in line.engines.items():
        own = chain(engine, name)
        assert chain(line.centre, name) == own, f"{name}: not central exactly once"
        assert central_counts[name] == len(own) == own[-1][0]
    with line.centre.connect() as c:
        twice = c.execute(
            select(EVENTS.c.station, EVENTS.c.seq)
            .group_by(EVENTS.c.station, EVENTS.c.seq)
            .having(func.count() > 1)
        ).all()
    assert twice == []
    assert count(line.centre, CONFLICTS) == 0 and count(line.centre, PARKED) == 0
    central = state(line.centre)
    assert central["units"] and central["links"]
    for name, engine in line.engines.items():
        counts, local_breaks = verify_journal(engine)
        assert local_breaks == [], f"{name}: {local_breaks}"
        assert counts == central_counts, f"{name} holds every station's events"
        assert count(engine, CONFLICTS) == 0
        mine = state(engine)
        for key, rows in central.items():
            assert mine[key] == rows, f"{name}: its {key} are not the centre's"


# The proxy itself -------------------------------------------------------------------------------


def test_the_proxy_cuts_stalls_counts_and_refuses(proxy: TcpProxy, central_url: str) -> None:
    import psycopg

    url = make_url(central_url)
    dsn = f"host={proxy.host} port={proxy.port} dbname={url.database} user={url.username}"
    dsn += " connect_timeout=3"

    def answer(connection: psycopg.Connection[Any]) -> Any:
        return connection.execute("SELECT 1").fetchone()

    with psycopg.connect(dsn) as first:
        assert answer(first) == (1,)
        proxy.cut_all()
        with pytest.raises(psycopg.OperationalError):
            answer(first)

    with psycopg.connect(dsn) as second:
        proxy.stall()  # until resumed
        waiting = threading.Thread(target=answer, args=(second,), daemon=True)
        waiting.start()
        waiting.join(0.3)
        assert waiting.is_alive(), "nothing passes a stall"
        proxy.resume()
        waiting.join(10)
        assert not waiting.is_alive()
        proxy.stall(0.05, then="cut")
        with pytest.raises(psycopg.OperationalError):
            answer(second)

    with psycopg.connect(dsn) as third:
        fault = proxy.arm(Fault(after=5, direction="down"))
        with pytest.raises(psycopg.OperationalError):
            answer(third)
        assert fault.fired.is_set()

    proxy.stall()  # a handshake that gets no answer gives up at the connect timeout
    with pytest.raises(psycopg.OperationalError, match="timeout"):
        psycopg.connect(dsn.replace("connect_timeout=3", "connect_timeout=2"))
    proxy.resume()

    with psycopg.connect(dsn) as fourth:
        proxy.refuse()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(dsn)
        assert answer(fourth) == (1,), "a refusal leaves open connections alone"
        proxy.admit()
        with psycopg.connect(dsn) as fifth:
            assert answer(fifth) == (1,)


# Deterministic faults ---------------------------------------------------------------------------


def test_a_push_whose_commit_answer_is_lost_is_repeated_without_a_second_conflict(
    line: Line, proxy: TcpProxy, centre: Engine
) -> None:
    """The centre committed, the station never heard: the next sync skips what the centre has,
    and the conflict the first push raised (a lot used offline after a central hold) is not
    raised again."""
    line.join("A", line.sync)
    line.hold_a_lot_at_the_centre()
    line.scans("A", "OPN:10", "PCB-1", "LOT:CAP-220/C-7790", "CMD:DONE")  # A did not know
    events = len(chain(line.engines["A"], "A"))

    fault = proxy.arm(Fault(pattern=COMMIT, direction="up"))
    with pytest.raises(OperationalError):
        sync_with(line.engines["A"], line.centrals["A"], {"A"}, clock=line.clock)
    assert fault.fired.is_set()
    # The centre executes the COMMIT it received before the end of the stream, in its own time.
    assert proxy.wait_until(lambda: chain(centre, "A") == chain(line.engines["A"], "A"))
    assert count(centre, CONFLICTS) == 1

    again = sync_with(line.engines["A"], line.centrals["A"], {"A"}, clock=line.clock)
    assert (again.push.pushed, again.push.already_central) == (0, events)
    assert again.push.conflicts == [] and again.pending == 0
    assert count(centre, CONFLICTS) == 1 and len(again.conflicts) == 1, "A hears of it once"
    with line.engines["A"].connect() as c:
        assert c.scalar(select(LOTS.c.status).where(LOTS.c.code == "C-7790")) == "hold"
    assert verify_journal(centre)[1] == [] and verify_journal(line.engines["A"])[1] == []


@pytest.mark.parametrize("first_push", [True, False], ids=["first push", "later push"])
def test_a_push_repeated_while_the_first_attempt_still_commits_skips_what_it_sent(
    line: Line, proxy: TcpProxy, centre: Engine, first_push: bool
) -> None:
    """The first attempt's transaction is still open at the centre (its COMMIT held up on the
    way) when the station pushes again, as a retry or the window's background sync would: the
    second push waits for the first and then finds the events central, instead of reading them
    as missing before the first commits and calling the chain broken."""
    line.join("A", line.sync)
    line.scans("A", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE")
    if not first_push:
        assert line.sync("A").report is not None
        line.scans("A", "PCB-2", "LOT:CAP-220/C-7781", "CMD:DONE")
    local = line.engines["A"]
    unsent = len(chain(local, "A")) - len(chain(centre, "A"))
    retry = create_station_engine(line.url)
    results: dict[str, Any] = {}

    def push(key: str, central: Engine) -> None:
        try:
            results[key] = push_journal(local, central, clock=line.clock)
        except Exception as error:  # reported below
            results[key] = error

    held = proxy.arm(
        Fault(
            pattern=COMMIT,
            direction="up",
            forward=False,
            action="stall",
            stall_for=None,
            scope="link",
        )
    )
    first = threading.Thread(target=push, args=("first", line.centrals["A"]), daemon=True)
    first.start()
    assert held.fired.wait(10), "the first push reached its commit"
    second = threading.Thread(target=push, args=("second", retry), daemon=True)
    second.start()
    waits = text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND datname = current_database()"
    )

    def second_waits() -> bool:
        with centre.connect() as c:  # a new transaction each time: a fresh view of the activity
            return c.execute(waits).scalar() == 1

    assert proxy.wait_until(lambda: second_waits() or not second.is_alive())
    proxy.resume()
    first.join(20)
    second.join(20)
    retry.dispose()

    assert not isinstance(results["first"], Exception), results["first"]
    assert not isinstance(results["second"], Exception), results["second"]
    assert (results["first"].pushed, results["second"].pushed) == (unsent, 0)
    assert results["second"].already_central == unsent
    assert chain(centre, "A") == chain(local, "A")
    assert verify_journal(centre)[1] == [] and count(centre, CONFLICTS) == 0


@pytest.mark.parametrize("step", ["lots", "events"])
def test_a_pull_cut_between_its_steps_leaves_what_the_next_sync_repairs(
    line: Line, proxy: TcpProxy, centre: Engine, step: str
) -> None:
    """B's sync is cut as it starts to pull the lots, or the events once the lots are in: B
    works on with what it has, and its next sync makes it a copy of the centre."""
    for name in "AB":
        line.join(name, line.sync)
    line.work("A", 0)
    assert line.sync("A").report is not None
    line.hold_a_lot_at_the_centre()

    proxy.arm(Fault(pattern=ALL_LOTS if step == "lots" else ALL_HEADS, direction="up"))
    assert line.sync("B").failed_in == f"pull {step}"
    with line.engines["B"].connect() as c:
        hold = c.scalar(select(LOTS.c.status).where(LOTS.c.code == "C-7790"))
        boards = c.scalar(select(func.count()).where(UNITS.c.part == "PCBA-100"))
    assert (hold, boards) == ("released" if step == "lots" else "hold", 0)
    line.work("B", 0)  # nothing to build on yet
    assert line.done["B"] == set()

    repaired = line.sync("B").report
    assert repaired is not None and repaired.pulled.events > 0
    line.work("B", 1)
    assert line.done["B"] == {"PCB-0-0", "PCB-0-1"}, "B builds on A's boards"
    settle(line)
    check_the_line(line)


# Seeded faults, many rounds ---------------------------------------------------------------------


def test_four_stations_sync_through_seeded_cuts_and_stalls_and_lose_nothing(
    line: Line, proxy: TcpProxy, centre: Engine
) -> None:
    rng = random.Random(SEED)
    faults = Faults(proxy, rng)
    sync = faulty_sync(line, faults)
    for name in "ABCD":
        line.join(name, sync)
    for round_ in range(ROUNDS):
        if round_ == ROUNDS // 2:
            line.hold_a_lot_at_the_centre()
        for name in rng.sample(sorted(line.stations), k=len(line.stations)):
            line.work(name, round_)
            for _ in range(rng.choice((1, 1, 2, 3))):  # a retry or two, or offline till later
                if sync(name).report is not None:
                    break

    settle(line)
    check_the_line(line)
    hit = set(line.failures)
    assert "push" in hit and hit & {"pull lots", "pull events"}, (line.failures, faults.drawn)
    assert line.already_central > 0, "some commit's answer was lost and the push repeated"
    assert len(line.done["D"]) >= 2, "work went down the line"


def test_stations_syncing_at_once_through_random_cuts_and_stalls_lose_nothing(
    line: Line, proxy: TcpProxy, centre: Engine
) -> None:
    """The same line, each station in a thread of its own working and syncing as fast as it
    can while the network under all of them is cut and stalled at random moments, until every
    board A built is packed at D."""
    rng = random.Random(SEED + 1)
    for name in "ABCD":
        line.join(name, line.sync)
    rounds = max(3, ROUNDS // 3)
    boards = 2 * rounds
    errors: list[BaseException] = []

    def station(name: str) -> None:
        deadline = time.monotonic() + 45
        round_ = 0
        try:
            while len(line.done["D"]) < boards:
                assert time.monotonic() < deadline, f"{name}: the line stopped moving"
                if name != "A" or round_ < rounds:
                    line.work(name, round_)
                line.sync(name)
                check_on_the_way(line, name)
                round_ += 1
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=station, args=(n,), daemon=True) for n in "ABCD"]
    for thread in threads:
        thread.start()
    pause = threading.Event()  # never set: a wait between faults, not a condition
    give_up = time.monotonic() + 60  # the stations give up at 45 s; this only guards a hang
    while any(t.is_alive() for t in threads) and time.monotonic() < give_up:
        roll = rng.random()
        if roll < 0.4:
            proxy.cut_all()
        elif roll < 0.7:
            proxy.stall(rng.uniform(0.02, 0.2), then=rng.choice(("resume", "cut")))
        else:
            proxy.arm(Fault(after=rng.randint(0, 30000)))
        pause.wait(rng.uniform(0.05, 0.3))
    proxy.disarm()
    proxy.resume()
    for thread in threads:
        thread.join(20)
    assert not any(t.is_alive() for t in threads), "a station hung in a sync"
    assert errors == [], (errors, line.failures)

    settle(line)
    check_the_line(line)
    assert len(line.done["D"]) == boards
    assert sum(line.failures.values()) > 0
