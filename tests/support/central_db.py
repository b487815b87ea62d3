"""A central PostgreSQL of a test's own: created, migrated, prepared by `central init`'s code and
holding the plant's master data; dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, text

from support.line import PG_ADMIN_URL


@contextmanager
def central_database(
    plant: dict[str, Any], *, prepared: bool = True
) -> Iterator[tuple[str, Engine]]:
    """(URL, engine) of a fresh centre; `prepared=False` leaves it a plain migrated database."""
    from tracestation.store.database import open_database
    from tracestation.store.importer import import_master_data
    from tracestation.sync.central import prepare_central

    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"ts_centre_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    engine = open_database(url)
    try:
        if prepared:
            prepare_central(engine)
        import_master_data(engine, plant)
        yield url, engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
