"""Many rows in few statements: rows inserted by COPY, rows looked up by their keys as arrays.

PostgreSQL with psycopg is where the centre's ingest runs, so that is where these save round
trips; on SQLite (a station, the tests) each falls back to an executemany or an IN list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ARRAY, JSON, Connection, Table, any_, bindparam, insert, text


def on_postgresql(c: Connection) -> bool:
    return c.dialect.name == "postgresql"


def member(column: Any, name: str, pg: bool) -> Any:
    """`column` is one of the list bound as `name`: one array parameter on PostgreSQL (quick to
    plan however long the list), an expanded IN list elsewhere. For small tables (master data);
    rows of the record are looked up `by_key`."""
    if pg:
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(bindparam(name, expanding=True))


def by_key(table: str, key: tuple[str, ...], columns: str, *, lock: bool = False) -> Any:
    """PostgreSQL: the rows of `table` whose `key` (the columns of a unique index) is one of
    a list, bound as one array per column (`keyed`). Each key is looked up on its own through
    the index (LATERAL ... LIMIT 1, which the planner cannot turn into a scan of the table,
    however stale its statistics: they are while a fresh centre takes its first pushes), in
    the keys' order; `lock` locks each row found. `columns` name those of `u`, the row found."""
    arrays = ", ".join(f"CAST(:{name} AS VARCHAR[])" for name in key)
    match = " AND ".join(f"t.{name} = k.{name}" for name in key)
    locking = " FOR NO KEY UPDATE" if lock else ""
    return text(
        f"SELECT {columns} FROM unnest({arrays}) AS k({', '.join(key)}) CROSS JOIN LATERAL "
        f"(SELECT * FROM {table} AS t WHERE {match} LIMIT 1{locking}) AS u"
    )


def keyed(pg: bool, key: tuple[str, ...], keys: Iterable[tuple[str, ...]]) -> dict[str, Any]:
    """The parameters of a lookup of `keys`: one array per column of the key for `by_key` on
    PostgreSQL (`text_array`), a list of tuples (`keys`) for the IN list elsewhere; sorted, so
    that two transactions lock what they share in one order."""
    ordered = sorted(set(keys))
    if pg:
        return {name: text_array([k[i] for k in ordered]) for i, name in enumerate(key)}
    return {"keys": ordered if len(key) > 1 else [k[0] for k in ordered]}


def text_array(values: Sequence[str | int | None]) -> str:
    """`values` in PostgreSQL's text form of an array (`{"a","b",NULL}`), for a parameter the
    statement casts to an array (`CAST(:name AS VARCHAR[])`, or `INTEGER[]`).

    Sent as one text, which the driver passes on as it is, where a list is dumped element by
    element (a pattern matched on each): the ingest sends arrays of thousands of serials a
    batch. Text with nothing to escape (no quote, backslash or NULL: serials, part numbers)
    is joined at once; anything else is quoted element by element."""
    if all(type(v) is int for v in values):
        return "{" + ",".join(map(str, values)) + "}"
    texts = [v for v in values if v is not None]
    if all(type(v) is str for v in texts):
        joined = "".join(texts)  # type: ignore[arg-type]
        if '"' not in joined and "\\" not in joined:
            return "{" + ",".join("NULL" if v is None else f'"{v}"' for v in values) + "}"
    return "{" + ",".join(_element(v) for v in values) + "}"


def _element(value: str | int | None) -> str:
    if value is None:
        return "NULL"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def copies(c: Connection) -> bool:
    """Whether rows go in by COPY on `c` (PostgreSQL through psycopg)."""
    return on_postgresql(c) and c.dialect.driver == "psycopg"


def insert_rows(c: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (each with the same keys) in their order. With psycopg on PostgreSQL by
    COPY, which costs a fraction of an INSERT a row (triggers fire and constraints hold as for
    an INSERT; several times quicker than an INSERT of arrays), elsewhere one executemany."""
    if not rows:
        return
    if not copies(c):
        c.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    serialize = getattr(c.dialect, "_json_serializer", None) or json.dumps
    as_json = [isinstance(table.c[name].type, JSON) for name in names]
    copy_rows(
        c,
        table,
        names,
        (
            [serialize(row[n]) if j else row[n] for n, j in zip(names, as_json, strict=True)]
            for row in rows
        ),
    )


def copy_rows(
    c: Connection, table: Table, names: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """COPY `rows` (values of the columns `names`, in that order; JSON as its text) into
    `table`, on a connection that `copies`."""
    with _copy_into(c, table, names) as copy:
        for row in rows:
            copy.write_row(row)


@contextmanager
def _copy_into(c: Connection, table: Table, names: Sequence[str]) -> Iterator[Any]:
    """A COPY FROM STDIN of the columns `names` of `table` on `c`'s driver connection."""
    quote = c.dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in names)
    driver = c.connection.driver_connection
    assert driver is not None
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy,
    ):
        yield copy


# COPY's text format: NULL as \N, and in text a backslash and the characters that end a field or
# a row escaped.
_NULL = "\\N"


def _escaped(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


def copy_line(values: Sequence[Any]) -> str:
    """One row of COPY's text format, without its newline: text, numbers, booleans and datetimes
    (ISO 8601, which PostgreSQL reads for a timestamp), what the record holds.

    Written for speed (a push formats a few rows per event): the row is joined as it is and
    checked once, and only a row with a character to escape (rare: a backslash, a tab or a line
    break in some text) is formatted field by field."""
    fields = [v if type(v) is str else _NULL if v is None else _plain(v) for v in values]
    line = "\t".join(fields)
    if (
        line.count("\\") == values.count(None)  # the backslashes are those of the NULLs
        and line.count("\t") == len(fields) - 1
        and "\n" not in line
        and "\r" not in line
    ):
        return line
    return "\t".join(
        _escaped(v) if type(v) is str else _NULL if v is None else _plain(v) for v in values
    )


def _plain(value: Any) -> str:
    """A value other than text or NULL, as COPY reads it."""
    kind = type(value)
    if kind is int or kind is Decimal:
        return str(value)  # digits, a sign, a point, an exponent: nothing to escape
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return _escaped(str(value))


def copy_text(c: Connection, table: Table, names: Sequence[str], lines: Iterable[str]) -> None:
    """COPY rows already in COPY's text format (`copy_line`, the columns `names` in that order)
    into `table`, on a connection that `copies`: the text goes to the server as it is, so the
    formatting can be done ahead, elsewhere (the push's station-side thread)."""
    with _copy_into(c, table, names) as copy:
        copy.write("".join(f"{line}\n" for line in lines))
