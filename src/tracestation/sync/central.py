"""What makes a PostgreSQL database a centre: its identity and its order of arrival.

`prepare_central` runs at `tracestation central init`, as the owner: it gives the database an id
(stations track what they sent per centre id, not per URL) and numbers every event inserted
into the central journal in order of arrival (`central_seq`), by a trigger drawing from a counter
row, so the numbers follow the commit order of the transactions that wrote them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert, select, text

from tracestation.store.tables import DatabaseIdentityRow, table_of

IDENTITY = table_of(DatabaseIdentityRow)
CENTRAL_ORDER = "central_order"
_ORDER_FUNCTION = """
CREATE OR REPLACE FUNCTION tracestation_central_order() RETURNS trigger AS $$
BEGIN
    IF NEW.central_seq IS NULL THEN
        UPDATE plant_meta SET value = value + 1 WHERE key = 'central_order'
            RETURNING value INTO NEW.central_seq;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql
"""
# Fired only for a row without its number: the ingest numbers a batch at once (`sync.ingest`),
# and PostgreSQL tests the WHEN condition without calling the function, so those rows cost no
# trigger call (about half of what a COPY of them costs otherwise).
_ORDER_TRIGGER = """
CREATE TRIGGER events_central_order BEFORE INSERT ON events
    FOR EACH ROW WHEN (NEW.central_seq IS NULL) EXECUTE FUNCTION tracestation_central_order()
"""
_ORDER_TRIGGER_DEFINED = text(
    "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'events_central_order' "
    "AND tgrelid = 'events'::regclass"
)


class NotACentre(RuntimeError):
    """The database is not (yet) a central database."""


def prepare_central(engine: Engine) -> str:
    """Make the migrated database a centre (idempotent); returns its id."""
    if engine.dialect.name != "postgresql":
        raise NotACentre(
            "the central database must be PostgreSQL (a URL such as "
            "postgresql+psycopg://user@host/plant)."
        )
    with engine.begin() as c:
        c.execute(text(_ORDER_FUNCTION))
        installed = c.scalar(_ORDER_TRIGGER_DEFINED)
        if installed is not None and " WHEN " not in installed:
            # A centre prepared before the trigger had its condition: replaced, same effect.
            c.execute(text("DROP TRIGGER events_central_order ON events"))
            installed = None
        if installed is None:
            c.execute(text(_ORDER_TRIGGER))
        c.execute(
            text(
                "INSERT INTO plant_meta (key, value) SELECT 'central_order', "
                "COALESCE(MAX(central_seq), 0) FROM events ON CONFLICT (key) DO NOTHING"
            )
        )
        identity = _identity(c)
        if identity is None:
            identity = str(uuid.uuid4())
            c.execute(insert(IDENTITY).values(id=identity, created_at=datetime.now(UTC)))
        return identity


def central_identity(engine: Engine) -> str:
    """The centre's id; a database `central init` never prepared is refused."""
    with engine.connect() as c:
        identity = _identity(c)
    if identity is None:
        raise NotACentre(
            "this database is not a central database yet: run `tracestation central init URL` "
            "with the owner's URL first."
        )
    return identity


def local_identity(c: Connection) -> str:
    """This (station) database's own id, made on first use."""
    identity = _identity(c)
    if identity is None:
        identity = str(uuid.uuid4())
        c.execute(insert(IDENTITY).values(id=identity, created_at=datetime.now(UTC)))
    return identity


def _identity(c: Connection) -> str | None:
    found = c.scalar(select(IDENTITY.c.id).order_by(IDENTITY.c.created_at).limit(1))
    return str(found) if found is not None else None
