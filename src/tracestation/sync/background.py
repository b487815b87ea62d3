"""The station's side of the `SyncService` port: `sync_with` against the configured centre.

Built by the composition root (`tracestation.wiring`) when a central URL is configured; the window
and the headless station run it on a sync thread of their own (`SyncRunner` decides when). It
never migrates the centre (the owner does, with `tracestation central init`): a centre at another
schema revision than this station's is a failed sync saying so, checked at every attempt since
the owner may upgrade the centre while stations run. It holds no connection to the centre between
syncs, so a hundred stations do not keep a hundred idle sessions open.

Threading: one thread at a time calls `sync_now`; the station's own engine is shared with the
station, whose scans simply queue behind the sync's short local transactions (SQLite takes one
writer at a time).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from tracestation.station.sync_port import SyncOutcome
from tracestation.station.sync_schedule import utc_now
from tracestation.store.database import alembic_config, database_url
from tracestation.store.database_errors import explained
from tracestation.store.status import pending_event_count
from tracestation.store.tables import SyncTargetRow, table_of
from tracestation.sync.central import NotACentre
from tracestation.sync.push import SyncRefused
from tracestation.sync.session import sync_with

TARGETS = table_of(SyncTargetRow)
# libpq: give up on a centre that does not answer, rather than hang a sync for minutes
# (connect) or hours (a dropped route under an open connection, TCP's default keepalive).
CONNECT_ARGS = {
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}


def parse_central_url(text: str) -> URL:
    """The centre's URL; ValueError saying what is wrong when it is not a PostgreSQL URL."""
    try:
        url = make_url(database_url(text.strip()))
    except (ArgumentError, ValueError):
        raise ValueError(
            "the central database URL cannot be read; give one such as "
            "postgresql+psycopg://station_a@central-host/plant"
        ) from None
    if url.get_backend_name() != "postgresql":
        raise ValueError(
            f"the central database must be PostgreSQL, and this is a {url.get_backend_name()} "
            "URL; give one such as postgresql+psycopg://station_a@central-host/plant"
        )
    return url


class CentralSync:
    """`SyncService` on the station's engine `local` and the centre at `url`. `stations` are this
    station's ids: the open conflicts that concern them are counted. A URL that cannot be used
    is not refused here: each attempt fails with the reason (the window shows it)."""

    def __init__(
        self,
        local: Engine,
        url: str,
        stations: set[str],
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.local = local
        self.stations = set(stations)
        self._now = now
        self._central: Engine | None = None
        self._head: str | None = None  # this program's schema revision
        self._url: URL | None = None
        self._problem: str | None = None
        try:
            self._url = parse_central_url(url)
        except ValueError as error:
            self._problem = str(error)

    @property
    def target(self) -> str:
        if self._url is None:
            return "(not a database URL)"
        return self._url.render_as_string(hide_password=True)

    def last_synced(self) -> datetime | None:
        with self.local.connect() as c:
            moment = c.scalar(select(func.max(TARGETS.c.pulled_at)))
        if not isinstance(moment, datetime):
            return None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

    def sync_now(self) -> SyncOutcome:
        if self._problem is not None:
            return self._failed(self._problem)
        try:
            central = self._centre()
            mismatch = self._schema_mismatch(central)
            if mismatch is not None:
                return self._failed(mismatch)
            report = sync_with(self.local, central, self.stations)
        except (SyncRefused, NotACentre) as error:
            return self._failed(str(error))
        except OperationalError as error:  # the centre cannot be reached: where, and what to do
            assert self._url is not None
            return self._failed(explained(make_url(self._url), error))
        except SQLAlchemyError as error:
            first = str(getattr(error, "orig", None) or error).strip().splitlines()
            return self._failed(first[0] if first else type(error).__name__)
        return SyncOutcome(
            ok=True,
            at=self._now(),
            pushed=report.push.pushed,
            pulled=report.pulled.events,
            pending=report.pending,
            conflicts=len(report.conflicts),
        )

    def close(self) -> None:
        if self._central is not None:
            self._central.dispose()
            self._central = None

    def _centre(self) -> Engine:
        if self._central is None:
            assert self._url is not None
            self._central = create_engine(self._url, poolclass=NullPool, connect_args=CONNECT_ARGS)
        return self._central

    def _schema_mismatch(self, central: Engine) -> str | None:
        if self._head is None:
            self._head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        with central.connect() as c:
            current = MigrationContext.configure(c).get_current_revision()
        if current == self._head:
            return None
        return (
            f"the central database's schema is at revision {current or 'none'} and this station "
            f"needs {self._head}: the owner runs `tracestation central init URL` with this "
            "version first"
        )

    def _failed(self, error: str) -> SyncOutcome:
        try:
            pending: int | None = pending_event_count(self.local)
        except SQLAlchemyError:
            pending = None
        return SyncOutcome.failed(self._now(), error, pending)
