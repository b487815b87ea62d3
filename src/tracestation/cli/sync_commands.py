"""`central init URL` and `sync --central URL`."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from tracestation.cli.common import CliError, add_json_flag, emit_json, engine_for, station_id
from tracestation.store.central_roles import PASSWORD_VARIABLE, STATION_GROUP

if TYPE_CHECKING:
    from tracestation.store.central_roles import StationLogin


def register(sub: Any) -> None:
    central = sub.add_parser("central", help="the central database")
    central_sub = central.add_subparsers(dest="central_command", required=True, metavar="ACTION")
    init = central_sub.add_parser(
        "init",
        help="create or migrate the central schema and the roles stations connect as",
        description="Run as the schema's owner with CREATEROLE (or a superuser). Stations get a "
        "NOLOGIN group role that reads everything, appends events and keeps the projections; "
        "no role, the owner included, can change or remove an event.",
    )
    init.add_argument(
        "url", help="PostgreSQL URL of the owner, e.g. postgresql+psycopg://owner@host/plant"
    )
    init.add_argument(
        "--station-group",
        default=STATION_GROUP,
        metavar="ROLE",
        help=f"the NOLOGIN role holding what stations may do (default {STATION_GROUP})",
    )
    init.add_argument(
        "--station-login",
        metavar="NAME",
        help="also create (or update the password of) a login role NAME in the station group, "
        "for a station's sync URL",
    )
    init.add_argument(
        "--station-password",
        metavar="PASSWORD",
        help=f"the station login's password; better ${PASSWORD_VARIABLE}, which stays out of "
        "the process list and shell history",
    )
    add_json_flag(init)
    init.set_defaults(handler=run_central_init)
    sync = sub.add_parser(
        "sync", help="push this station's journal to the central database, pull what it lacks"
    )
    sync.add_argument(
        "--central",
        metavar="URL",
        help="the central database (default: $TRACESTATION_CENTRAL, else the settings)",
    )
    add_json_flag(sync)
    sync.set_defaults(handler=run_sync)


def _central(url: str) -> Any:
    from tracestation.store.database import open_database

    try:
        return open_database(url)
    except SQLAlchemyError as error:
        raise _unreachable(error) from None


def run_central_init(args: argparse.Namespace) -> int:
    from alembic.runtime.migration import MigrationContext

    from tracestation.store.central_roles import RolesRefused, secure_central

    _require_postgresql(args.url)
    login = _station_login(args)
    engine = _central(args.url)
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
    from tracestation.sync.central import prepare_central

    centre = prepare_central(engine)  # its identity and its order of arrival
    try:
        roles = secure_central(engine, args.station_group, login)
    except RolesRefused as error:
        raise CliError(
            f"{error} The schema is at revision {revision}; no role was changed."
        ) from None
    except SQLAlchemyError as error:
        first = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise CliError(
            f"the station roles could not be set up ({first}). Run central init as the owner "
            "of the central schema with CREATEROLE, or as a superuser; no role was changed."
        ) from None
    if args.json:
        emit_json(
            {
                "central": engine.url.render_as_string(hide_password=True),
                "revision": revision,
                "central_id": centre,
                "station_group": roles.group,
                "station_login": roles.login,
            }
        )
    else:
        print(f"Central schema ready at revision {revision}.")
        print(
            f"Stations connect as members of {roles.group}: they read everything, append "
            "events and keep the projections; no one can change or remove an event."
        )
        if roles.login:
            done = "created" if roles.login_created else "updated"
            print(f"Station login {roles.login} {done}, in {roles.group}.")
    engine.dispose()
    return 0


def _require_postgresql(target: str) -> None:
    from sqlalchemy.engine import make_url

    from tracestation.store.database import database_url

    try:
        backend = make_url(database_url(target)).get_backend_name()
    except (ArgumentError, ValueError):
        raise CliError(f"{target} is not a database URL.") from None
    if backend != "postgresql":
        raise CliError(
            f"the centre must be PostgreSQL, and {target} is a {backend} database. Give a URL "
            "such as postgresql+psycopg://owner@central-host/plant."
        )


def _station_login(args: argparse.Namespace) -> StationLogin | None:
    from tracestation.store.central_roles import StationLogin

    if args.station_login is None:
        if args.station_password is not None:
            raise CliError("--station-password needs --station-login NAME: whose password?")
        return None
    password = args.station_password or os.environ.get(PASSWORD_VARIABLE)
    if not password:
        raise CliError(
            f"the station login {args.station_login} needs a password: set "
            f"${PASSWORD_VARIABLE} (or give --station-password)."
        )
    return StationLogin(args.station_login, password)


def _centre_for_sync(url: str) -> Any:
    """The centre as a station sees it: never migrated from here (a station's role may not)."""
    from tracestation.store.database import SchemaMismatch, open_existing

    try:
        return open_existing(url)
    except SchemaMismatch as error:
        raise CliError(f"the central database cannot take this station yet: {error}.") from None
    except SQLAlchemyError as error:
        raise _unreachable(error) from None


def _unreachable(error: Exception) -> CliError:
    from tracestation.store.database_errors import DatabaseUnavailable

    if isinstance(error, DatabaseUnavailable):
        reason = str(error)  # names the host or file and what to do
    else:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0] + "."
    return CliError(
        f"the central database is unreachable: {reason} The station keeps working; "
        "its events wait in the local journal until the next sync."
    )


def _central_url(explicit: str | None) -> str:
    from tracestation.config import ConfigError, load_config, resolve_central_url

    try:
        config = load_config()
    except ConfigError:
        config = None
    url = resolve_central_url(explicit, config)
    if not url:
        raise CliError(
            "No central database: give --central URL, set $TRACESTATION_CENTRAL, or set it in "
            "the station's settings."
        )
    return url


def run_sync(args: argparse.Namespace) -> int:
    from tracestation.sync.central import NotACentre
    from tracestation.sync.push import SyncRefused
    from tracestation.sync.session import sync_with

    url = _central_url(args.central)
    local = engine_for(args)
    central = _centre_for_sync(url)
    try:
        report = sync_with(local, central, {station_id(args)})
    except (SyncRefused, NotACentre) as error:
        raise CliError(
            f"{error} Nothing more was pushed; the local journal is unchanged."
        ) from None
    except SQLAlchemyError as error:
        first = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise CliError(
            f"the sync stopped ({first}); run it again, it resumes where it stopped."
        ) from None
    if args.json:
        emit_json(report.to_json())
        return 0
    push = report.push
    print(
        f"Pushed {push.pushed} event(s) ({push.already_central} were already central); "
        f"pulled {report.pulled.events} event(s) of other stations; {report.pending} waiting."
    )
    if report.pulled.master_data_changed:
        print("Master data changed at the centre: the station now works with the new data.")
    for conflict in push.conflicts:
        print(
            f"Conflict raised: {conflict['kind']} on {conflict['subject']} "
            f"({conflict['stations']}), nonconformance {conflict['nonconformance'] or '-'}."
        )
    if report.conflicts:
        print(
            f"{len(report.conflicts)} open conflict(s) concern this station: "
            "`tracestation conflicts` lists them; a line lead resolves them."
        )
    return 0
