"""What stations may do in the central PostgreSQL, enforced by PostgreSQL itself.

Stations connect as members of one NOLOGIN group role. The group reads every table, appends to the
journal (`events`) and inserts and updates the projections a push keeps; it may not change master
data or the schema version, and never updates, deletes or truncates an event. Beside the
privileges, a trigger on `events` refuses UPDATE, DELETE and TRUNCATE for every role, the owner
and superusers included, so central history stays append-only even when the privileges are not
what they should be.

Installed by `tracestation central init` only, after the migration and in one transaction:
a station's own database marks its events synced (`UPDATE events SET synced_at`), so the ordinary
migration must never add the trigger. Applying it again is harmless: privileges are reset to
exactly these, and tables added by later migrations are covered, by default privileges when the
same owner creates them and by the next `central init` in any case. A later migration that must
rewrite events has to disable the trigger `events_append_only` itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from tracestation.store.tables import (
    BomLineRow,
    EventRow,
    OperationRow,
    OperatorRow,
    PartRow,
    SupplierPartRow,
    WorkOrderRow,
    table_of,
)

STATION_GROUP = "tracestation_station"
PASSWORD_VARIABLE = "TRACESTATION_STATION_PASSWORD"
APPEND_ONLY_TRIGGER = "events_append_only"
_APPEND_ONLY_FUNCTION = "tracestation_events_append_only"
_EVENTS = table_of(EventRow).name
# Master data belongs to the centre (imported with the owner's URL); stations only read it.
# So does the schema version: only `central init` moves it.
_READ_ONLY = (
    *(table_of(row).name for row in (PartRow, SupplierPartRow, OperationRow, BomLineRow)),
    *(table_of(row).name for row in (WorkOrderRow, OperatorRow)),
    "alembic_version",
)
_MAX_NAME_BYTES = 63  # PostgreSQL cuts longer identifiers short, silently but for a notice
_SCRAM_ITERATIONS = 4096


class RolesRefused(ValueError):
    """The roles asked for would weaken the centre; nothing was changed."""


@dataclass(frozen=True)
class StationLogin:
    name: str
    password: str


@dataclass(frozen=True)
class CentralRoles:
    group: str
    login: str | None
    login_created: bool


def secure_central(
    engine: Engine, group: str = STATION_GROUP, login: StationLogin | None = None
) -> CentralRoles:
    """Create or update the station group (and a station's login), grant exactly what stations
    may do, and make the central journal append-only. One transaction: all of it or nothing.

    The engine must be PostgreSQL, migrated, and connected as the schema's owner with CREATEROLE
    (or as a superuser)."""
    _check_name("station group", group)
    if login is not None:
        _check_name("station login", login.name)
        if login.name == group:
            raise RolesRefused(f"the station login {login.name} cannot be the group role itself.")
        if not login.password:
            raise RolesRefused(f"the station login {login.name} needs a password.")
    with engine.begin() as c:
        quote = c.dialect.identifier_preparer.quote_identifier
        schema = quote(_schema_of_events(c))
        _ensure_group(c, group)
        created = _ensure_login(c, login, group) if login is not None else False
        _grant(c, quote(group), schema)
        _protect_journal(c, schema)
    return CentralRoles(group, login.name if login else None, created)


def _check_name(what: str, name: str) -> None:
    if not name or len(name.encode()) > _MAX_NAME_BYTES:
        raise RolesRefused(f"the {what} name must be 1 to {_MAX_NAME_BYTES} bytes long: {name!r}.")


def _ddl(c: Connection, statement: str) -> None:
    # Verbatim: role DDL takes no bind parameters, and the function body holds `%` and `:`.
    c.exec_driver_sql(statement, execution_options={"no_parameters": True})


def _schema_of_events(c: Connection) -> str:
    schema = c.scalar(
        text(
            "SELECT n.nspname FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
            " WHERE t.oid = to_regclass(:events)"
        ),
        {"events": _EVENTS},
    )
    if schema is None:
        raise RolesRefused("the central schema has no events table; migrate it first.")
    return str(schema)


def _role(c: Connection, name: str) -> tuple[bool, bool] | None:
    """(can log in, is superuser) of an existing role, None when there is none."""
    row = c.execute(
        text("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = :name"), {"name": name}
    ).first()
    return None if row is None else (bool(row[0]), bool(row[1]))


def _ensure_group(c: Connection, group: str) -> None:
    existing = _role(c, group)
    if existing is None:
        _ddl(c, f"CREATE ROLE {c.dialect.identifier_preparer.quote_identifier(group)} NOLOGIN")
    elif existing[0] or existing[1]:
        raise RolesRefused(
            f"the role {group} exists and can log in or is a superuser; the station group must "
            "be a NOLOGIN role of its own. Choose another name with --station-group."
        )


def _ensure_login(c: Connection, login: StationLogin, group: str) -> bool:
    if login.name == c.scalar(text("SELECT current_user")):
        raise RolesRefused(
            f"{login.name} is the role running central init (the owner); a station login must "
            "be a role of its own."
        )
    existing = _role(c, login.name)
    if existing is not None and existing[1]:
        raise RolesRefused(f"the role {login.name} is a superuser; a station login must not be.")
    quote = c.dialect.identifier_preparer.quote_identifier
    verb = "CREATE" if existing is None else "ALTER"
    _ddl(c, f"{verb} ROLE {quote(login.name)} LOGIN PASSWORD '{scram_verifier(login.password)}'")
    _ddl(c, f"GRANT {quote(group)} TO {quote(login.name)}")
    return existing is None


def _grant(c: Connection, group: str, schema: str) -> None:
    quote = c.dialect.identifier_preparer.quote_identifier
    database = quote(str(c.scalar(text("SELECT current_database()"))))
    read_only = ", ".join(f"{schema}.{quote(name)}" for name in _READ_ONLY)
    for statement in (
        f"GRANT CONNECT ON DATABASE {database} TO {group}",
        f"GRANT USAGE ON SCHEMA {schema} TO {group}",
        # Reset to exactly what follows, whatever an earlier hand or version granted.
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {group}",
        f"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA {schema} TO {group}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {group}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {group}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} REVOKE ALL ON TABLES FROM {group}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} REVOKE ALL ON SEQUENCES FROM {group}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE ON TABLES"
        f" TO {group}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {group}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {schema}.{quote(_EVENTS)} FROM {group}, PUBLIC",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {read_only} FROM {group}",
    ):
        _ddl(c, statement)


def _protect_journal(c: Connection, schema: str) -> None:
    events = f"{schema}.{c.dialect.identifier_preparer.quote_identifier(_EVENTS)}"
    function = f"{schema}.{_APPEND_ONLY_FUNCTION}"
    _ddl(
        c,
        f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION 'the central journal is append-only: % on events is refused', TG_OP
        USING HINT = 'A recorded event is never changed or removed; record a new event that '
                     'corrects it.';
END
$body$""",
    )
    _ddl(c, f"DROP TRIGGER IF EXISTS {APPEND_ONLY_TRIGGER} ON {events}")
    _ddl(
        c,
        f"CREATE TRIGGER {APPEND_ONLY_TRIGGER} BEFORE UPDATE OR DELETE OR TRUNCATE ON {events}"
        f" FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    )
    # ALWAYS: it fires even with session_replication_role = replica, which skips plain triggers.
    _ddl(c, f"ALTER TABLE {events} ENABLE ALWAYS TRIGGER {APPEND_ONLY_TRIGGER}")


def scram_verifier(password: str, salt: bytes | None = None) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677), computed here
    as libpq's PQencryptPasswordConn does, so the clear password never reaches the server or its
    statement log. Non-ASCII passwords are NFKC-normalized, the core of SASLprep."""
    salt = secrets.token_bytes(16) if salt is None else salt
    normalized = password if password.isascii() else unicodedata.normalize("NFKC", password)
    salted = hashlib.pbkdf2_hmac("sha256", normalized.encode(), salt, _SCRAM_ITERATIONS)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${_SCRAM_ITERATIONS}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"
