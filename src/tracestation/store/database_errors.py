"""Why a database cannot be opened, said so that a person can act on it.

Each message names the file, or the host and database (never a password), says what is wrong
in plain words, and what to do: "the folder /no/such/dir does not exist. Create it (mkdir -p
/no/such/dir) or give another path with --db", not "unable to open database file".
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

POSTGRESQL_EXAMPLE = "postgresql://user@host/plant"


class DatabaseUnavailable(SQLAlchemyError):
    """The database cannot be opened; the message says which, why and what to do. A
    `SQLAlchemyError`, so whoever handled a failed connection handles this the same way."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "the database cannot be opened"


def shown(url: URL) -> str:
    """Where `url` points, as a person reads it: a SQLite file's path, else the URL without
    its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def check_sqlite_file(path: Path) -> None:
    """Refuse, before SQLite tries, a file that cannot be a station's database: in a folder
    that does not exist (never created on the way: a typo would hide the data elsewhere), a
    folder itself, or where the user may not write."""
    folder = path.parent
    if not folder.exists():
        missing = folder
        while not missing.parent.exists():
            missing = missing.parent
        raise DatabaseUnavailable(
            f"cannot open the database {path}: the folder {folder} does not exist "
            f"({missing} is missing). Create it first (mkdir -p {folder}) or give another "
            "file with --db."
        )
    if not folder.is_dir():
        raise DatabaseUnavailable(
            f"cannot open the database {path}: {folder} is a file, not a folder. Give a path "
            "in a folder with --db."
        )
    if path.is_dir():
        raise DatabaseUnavailable(
            f"cannot open the database {path}: it is a folder. Give a file in it, such as "
            f"{path / 'station.sqlite'}, with --db."
        )
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            raise DatabaseUnavailable(
                f"cannot open the database {path}: you may not read and write that file. Ask "
                "whoever owns it to let you (chmod/chown), or give another file with --db."
            )
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseUnavailable(
            f"cannot create the database {path}: you may not write in the folder {folder}. "
            "Give a file in a folder you can write to with --db, or ask for the right to "
            "write there."
        )


def explained(url: URL, error: BaseException) -> str:
    """What went wrong opening `url`, in a sentence with what to do."""
    if isinstance(error, DatabaseUnavailable):
        return str(error)
    cause = str(getattr(error, "orig", None) or error).strip().splitlines()
    first = cause[0].strip() if cause else type(error).__name__
    text = " ".join(cause).lower()
    if url.get_backend_name() == "sqlite":
        return _sqlite(url.database or ":memory:", first, text)
    return _postgresql(url, first, text)


def _sqlite(path: str, first: str, text: str) -> str:
    if "not a database" in text or "malformed" in text:
        return (
            f"{path} is not a TraceStation database ({first}). Check the path: --db takes a "
            f"station's SQLite file or a PostgreSQL URL ({POSTGRESQL_EXAMPLE})."
        )
    if "readonly" in text or "read-only" in text:
        return (
            f"the database {path} is read-only for you ({first}). Give a file you may write "
            "to with --db, or ask for the right to write it and its folder."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return f"the disk holding {path} is full ({first}). Free some space and start again."
    if "locked" in text:
        return (
            f"the database {path} is locked by another program ({first}). Close the other "
            "TraceStation using it, or wait, and try again."
        )
    return (
        f"cannot open the database {path} ({first}). Check that its folder exists and that you "
        "may write to the file and the folder."
    )


def _postgresql(url: URL, first: str, text: str) -> str:
    host = url.host or "localhost"
    where = f"{host}:{url.port or 5432}"
    database = url.database or "(none)"
    if "does not exist" in text and "database" in text:
        return (
            f'the database "{database}" does not exist on the PostgreSQL server at {where}. '
            f"Create it (createdb -h {host} {database}) or fix the name in the URL "
            f"{shown(url)}."
        )
    if "resolve host" in text or "name or service not known" in text or "nodename" in text:
        return (
            f"the host {host} is not known (its name does not resolve). Check the host in the "
            f"URL {shown(url)}, or use its IP address."
        )
    if "connection refused" in text:
        return (
            f"nothing answers at {where} (connection refused). Check that the PostgreSQL "
            f"server runs there and that the host and port in the URL {shown(url)} are right."
        )
    if "timeout" in text or "timed out" in text:
        return (
            f"the PostgreSQL server at {where} did not answer in time. Check the network "
            f"and the host in the URL {shown(url)}."
        )
    if "password" in text or "authentication" in text or ("role" in text and "exist" in text):
        return (
            f"the PostgreSQL server at {where} refused the user {url.username or '(none)'} "
            f"({first}). Check the user and password in the URL (or $PGPASSWORD)."
        )
    if "permission denied" in text:
        return (
            f"the user {url.username or '(none)'} may not use the database {database} at "
            f"{where} ({first}). Connect as its owner, or ask its owner to grant access."
        )
    return (
        f"cannot open the PostgreSQL database {shown(url)} ({first}). Check the URL and that "
        "the server runs."
    )
