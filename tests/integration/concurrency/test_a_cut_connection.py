"""A station on PostgreSQL whose connection the network cuts (a loopback proxy of the tests'
own, `support.tcp_proxy`): the next scan is recorded once, on a new connection, without the
operator noticing; a scan whose commit may have reached the server is never run again by the
station. The station keeps its connection between scans (no checkout and no pre-ping per
scan), so a dead connection is only found by the scan that uses it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, event, text

from support.line import PG_ADMIN_URL, StationClock, race_plant
from support.tcp_proxy import Fault, TcpProxy, to_the_tests_postgresql
from tracestation.labels.printers import NoPrinter
from tracestation.station.core import Station
from tracestation.station.verdicts import ScanResult

BOARD_AT_SMT = ("B-1", "WO:WO-BOARD", "OPN:10", "SN-1")
LOT = "LOT:CAP/C-BIG"


@pytest.fixture
def database() -> Iterator[str]:
    """A fresh PostgreSQL database with the race plant, reached directly."""
    from tracestation.store.database import open_database
    from tracestation.store.importer import import_master_data

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"ts_cut_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    engine = open_database(url)
    import_master_data(engine, race_plant(2))
    engine.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    with to_the_tests_postgresql() as running:
        yield running


@pytest.fixture
def engine(database: str, proxy: TcpProxy) -> Iterator[Engine]:
    """The station's engine, its connections through the proxy."""
    from tracestation.store.database import create_station_engine

    made = create_station_engine(proxy.url(database))
    yield made
    made.dispose()


@pytest.fixture
def station(engine: Engine) -> Station:
    from tracestation.wiring import station_on

    return station_on(engine, "ST-CUT", clock=StationClock(), printer=NoPrinter())


def scanned(station: Station, *raws: str) -> ScanResult:
    result = None
    for raw in raws:
        result = station.scan(raw)
        assert result.outcome == "accepted", f"{raw}: {result.message}"
    assert result is not None
    return result


def installs_of_the_lot(database: str) -> int:
    engine = create_engine(database)
    try:
        with engine.connect() as c:
            return int(
                c.execute(
                    text(
                        "SELECT count(*) FROM genealogy_links g JOIN units u "
                        "ON u.id = g.parent_unit_id WHERE u.serial = 'SN-1' "
                        "AND g.child_lot_id IS NOT NULL"
                    )
                ).scalar_one()
            )
    finally:
        engine.dispose()


def journaled(database: str, event_ids: tuple[str, ...]) -> bool:
    engine = create_engine(database)
    try:
        with engine.connect() as c:
            found = c.execute(
                text("SELECT count(*) FROM events WHERE id = ANY(:ids)"), {"ids": list(event_ids)}
            ).scalar_one()
        return int(found) == len(event_ids)
    finally:
        engine.dispose()


def test_a_scan_after_the_station_connection_was_cut_while_idle_is_recorded_once(
    station: Station, proxy: TcpProxy, database: str
) -> None:
    scanned(station, *BOARD_AT_SMT)
    proxy.cut_all()
    assert proxy.wait_until(lambda: proxy.open_connections == 0)

    installed = station.scan(LOT)

    assert installed.outcome == "accepted", installed.message
    assert installed.code == "lot_installed"
    assert installs_of_the_lot(database) == 1
    assert journaled(database, installed.event_ids)
    assert "CMD:DONE" in installed.prompt, "the board is complete: the prompt says so"


def test_a_scan_cut_before_its_commit_is_judged_again_on_a_new_connection_and_recorded_once(
    station: Station, proxy: TcpProxy, database: str
) -> None:
    scanned(station, *BOARD_AT_SMT)
    cut = proxy.arm(Fault(pattern=b"INSERT INTO genealogy_links", direction="up", forward=True))

    installed = station.scan(LOT)

    assert cut.fired.is_set(), "the link's insert reached the server and the line was cut"
    assert installed.outcome == "accepted", installed.message
    assert installs_of_the_lot(database) == 1
    assert journaled(database, installed.event_ids)


def test_a_scan_whose_commit_reached_the_server_is_not_run_again_and_says_it_may_be_recorded(
    station: Station, proxy: TcpProxy, database: str
) -> None:
    scanned(station, *BOARD_AT_SMT)
    cut = proxy.arm(Fault(pattern=b"COMMIT\x00", direction="up", forward=True))

    unsure = station.scan(LOT)

    assert cut.fired.is_set()
    assert unsure.outcome == "rejected" and unsure.code == "record_uncertain"
    assert "may have been recorded" in unsure.message, "never 'nothing was recorded'"
    # The server executes the COMMIT it read before the end of the stream, in its own time.
    assert proxy.wait_until(lambda: installs_of_the_lot(database) > 0)
    assert installs_of_the_lot(database) == 1, "committed by the server, once, never twice"
    after = station.scan("SN-1")  # the station goes on, on a new connection
    assert after.outcome in ("accepted", "rejected") and after.code != "record_not_saved"


def test_a_station_whose_connection_stays_cut_says_nothing_was_recorded(
    station: Station, proxy: TcpProxy, database: str
) -> None:
    scanned(station, *BOARD_AT_SMT)
    proxy.refuse()
    proxy.cut_all()

    refused = station.scan(LOT)

    assert refused.outcome == "rejected" and refused.code == "record_not_saved"
    assert "Nothing was recorded" in refused.message
    assert installs_of_the_lot(database) == 0
    proxy.admit()
    assert scanned(station, LOT).code == "lot_installed"
    assert installs_of_the_lot(database) == 1


def test_scans_take_no_connection_from_the_pool_and_send_no_pre_ping(
    station: Station, engine: Engine
) -> None:
    scanned(station, *BOARD_AT_SMT)
    checkouts: list[object] = []
    event.listen(engine, "checkout", lambda *args: checkouts.append(args))

    scanned(station, LOT, "CMD:DONE", "SN-2", LOT)

    assert checkouts == [], "each scan runs on the connection the station keeps"
