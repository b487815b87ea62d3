"""Opening the station's database: URL resolution, SQLite pragmas, migration at start-up."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from tracestation.store.database_errors import (
    POSTGRESQL_EXAMPLE,
    DatabaseUnavailable,
    check_sqlite_file,
    explained,
    shown,
)

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
WRITER = "tracestation_writer"


def database_url(target: str) -> str:
    """A SQLAlchemy URL from a URL or a plain SQLite file path. `postgres://` and
    `postgresql://` (as psql and most tools write them) are PostgreSQL through psycopg."""
    if "://" not in target:
        return f"sqlite:///{Path(target).expanduser().resolve()}"
    scheme, rest = target.split("://", 1)
    if scheme.lower() in ("postgres", "postgresql"):
        return f"postgresql+psycopg://{rest}"
    return target


_BACKENDS = ("sqlite", "postgresql")


def url_of(url: str) -> URL:
    """`url` read, if it is one this program opens; `DatabaseUnavailable` says why not."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise DatabaseUnavailable(
            f"cannot read the database URL {url!r}: give a SQLite file's path or a URL such "
            f"as {POSTGRESQL_EXAMPLE}."
        ) from None
    if parsed.get_backend_name() not in _BACKENDS:
        raise DatabaseUnavailable(
            f"{parsed.get_backend_name()} databases are not supported ({shown(parsed)}): "
            f"give a SQLite file's path or a PostgreSQL URL such as {POSTGRESQL_EXAMPLE}."
        )
    return parsed


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("tracestation", appauthor=False)) / "station.sqlite"


def resolve_target(explicit: str | None) -> str:
    """`--db` first, then `TRACESTATION_DB`, then the embedded database in the user's data dir."""
    target = explicit or os.environ.get("TRACESTATION_DB")
    if target:
        return database_url(target)
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return database_url(str(path))


def create_station_engine(url: str) -> Engine:
    """An engine on `url` (nothing connects yet). A SQLite file must be in a folder that
    exists: `DatabaseUnavailable` names what is missing instead of creating it."""
    parsed = url_of(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                check_sqlite_file(Path(parsed.database))
            engine = create_engine(parsed, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin_immediate)
            return engine
        # A connection checked out of the pool is tried first (one round trip), so a read
        # after a server restart or a network cut finds a live one. Scans do not pay it: their
        # unit of work keeps its connection and recovers by itself (`unit_of_work.py`).
        return create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise DatabaseUnavailable(
            f"cannot open {shown(parsed)}: its driver {parsed.drivername} is not installed "
            f"({error}). Use a PostgreSQL URL such as {POSTGRESQL_EXAMPLE} (psycopg) or a "
            "SQLite file's path."
        ) from None


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the driver, open transactions, so BEGIN IMMEDIATE below takes effect.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin_immediate(connection: Any) -> None:
    # A writer takes the write lock at the start, so two writers queue instead of failing
    # mid-transaction; a reader begins a plain (deferred) transaction and blocks nobody.
    write = connection.get_execution_options().get(WRITER, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same database, for transactions that write (SQLite: BEGIN IMMEDIATE)."""
    return engine.execution_options(**{WRITER: True})


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*(?:\"([^\"]*)\"|None)\s*$", re.M)


def head_revision() -> str | None:
    """The newest migration's revision, read from the migration files' `revision` and
    `down_revision` lines; None when they do not make one straight line (then ask Alembic).

    Alembic and its script directory take a few hundred milliseconds to load; a station that is
    already at the head (nearly every start) needs neither."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(script.read_text("utf-8")))
        if "revision" not in found or "down_revision" not in found:
            return None
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 and len(parents) == len(revisions) - 1 else None


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None: not migrated yet, or not on one line)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        found = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return str(found[0][0]) if len(found) == 1 else None


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (the station does this at every start)."""
    head = head_revision()
    if head is not None and current_revision(engine) == head:
        return
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config(engine)
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current != ScriptDirectory.from_config(config).get_current_head():
        command.upgrade(config, "head")


def open_database(target: str | None) -> Engine:
    """Open and migrate the database; `DatabaseUnavailable` says why it cannot be opened."""
    url = resolve_target(target)
    engine = create_station_engine(url)
    try:
        migrate(engine)
    except SQLAlchemyError as error:
        engine.dispose()
        raise DatabaseUnavailable(explained(engine.url, error)) from error
    return engine


class SchemaMismatch(RuntimeError):
    """A database this program may not migrate is at another schema revision."""


def open_existing(target: str) -> Engine:
    """A database someone else migrates (a centre, as a station): opened, checked, never
    migrated. Raises `SchemaMismatch` when its revision is not this program's."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    engine = create_station_engine(database_url(target))
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as error:
        engine.dispose()
        raise DatabaseUnavailable(explained(engine.url, error)) from error
    if current != head:
        engine.dispose()
        raise SchemaMismatch(
            f"its schema is at revision {current or 'none'} and this station needs {head}: "
            "the owner runs `tracestation central init URL` with this version first"
        )
    return engine
