"""`central init URL` and `sync --central URL`."""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from tracestation.cli.common import CliError, add_json_flag, emit_json, engine_for


def register(sub: Any) -> None:
    central = sub.add_parser("central", help="the central database")
    central_sub = central.add_subparsers(dest="central_command", required=True, metavar="ACTION")
    init = central_sub.add_parser("init", help="create or migrate the central schema")
    init.add_argument("url", help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/plant")
    add_json_flag(init)
    init.set_defaults(handler=run_central_init)
    sync = sub.add_parser("sync", help="push this station's journal to the central database")
    sync.add_argument("--central", required=True, metavar="URL")
    add_json_flag(sync)
    sync.set_defaults(handler=run_sync)


def _central(url: str) -> Any:
    from tracestation.store.database import open_database

    try:
        return open_database(url)
    except SQLAlchemyError as error:
        first = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise CliError(
            f"the central database is unreachable ({first}). The station keeps working; "
            "its events wait in the local journal until the next sync."
        ) from None


def run_central_init(args: argparse.Namespace) -> int:
    from alembic.runtime.migration import MigrationContext

    engine = _central(args.url)
    with engine.connect() as connection:
        revision = MigrationContext.configure(connection).get_current_revision()
    if args.json:
        emit_json(
            {"central": engine.url.render_as_string(hide_password=True), "revision": revision}
        )
    else:
        print(f"Central schema ready at revision {revision}.")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from tracestation.sync.push import SyncRefused, push_journal

    local = engine_for(args)
    central = _central(args.central)
    try:
        report = push_journal(local, central)
    except SyncRefused as error:
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
    else:
        print(f"Pushed {report.pushed} event(s); {report.already_central} were already central.")
    return 0
