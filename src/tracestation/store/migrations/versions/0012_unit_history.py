"""unit history: each event a unit took part in, indexed by serial, filled from the journal

Revision ID: 0012_unit_history
Revises: 0010_print_jobs
Create Date: 2026-11-30 22:40:00
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012_unit_history"
down_revision = "0010_print_jobs"
branch_labels = None
depends_on = None

_CHUNK = 2000


def upgrade() -> None:
    op.create_table(
        "unit_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=64), nullable=False),
        sa.Column("serial", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("operation", sa.String(length=16), nullable=True),
        sa.Column("work_order", sa.String(length=64), nullable=True),
        sa.Column("operator", sa.String(length=64), nullable=True),
        sa.Column("signed_by", sa.String(length=64), nullable=True),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("other_kind", sa.String(length=16), nullable=True),
        sa.Column("other_part", sa.String(length=64), nullable=True),
        sa.Column("other", sa.String(length=64), nullable=True),
        sa.Column("qty", sa.Numeric(precision=18, scale=6), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unit_history")),
    )
    op.create_index(
        "ix_unit_history_serial", "unit_history", ["serial", "part", "time"], unique=False
    )
    _backfill(op.get_bind())


def _backfill(c: sa.Connection) -> None:
    """The history of the events already in the journal, written by the code that keeps it
    (`store.unit_history`), each station's chain in order, a page at a time. An event that
    cannot be read is left out, as the centre parks it."""
    from tracestation.domain.events import event_from
    from tracestation.store.projections import Written
    from tracestation.store.unit_history import Applied, history_rows

    events = sa.table(
        "events",
        *(sa.column(n) for n in ("id", "station", "seq", "time", "operator", "kind")),
        sa.column("payload", sa.JSON),
        sa.column("signed_by"),
    )
    history: Any = None
    stations = list(c.scalars(sa.select(events.c.station).distinct()))
    for station in stations:
        last, pending = 0, []
        while True:
            page = c.execute(
                sa.select(events)
                .where(events.c.station == station, events.c.seq > last)
                .order_by(events.c.seq)
                .limit(_CHUNK)
            ).all()
            for row in page:
                try:
                    event = event_from(row.kind, dict(row.payload))
                except (ValueError, TypeError, KeyError, ArithmeticError):
                    continue
                moment = datetime.fromisoformat(row.time)
                written = Written(row.id, moment, row.station, row.operator, row.signed_by)
                pending.append(Applied(event, written, row.seq))
            if not page:
                break
            last = page[-1].seq
            # Events of one record (one time) stay together: they share their deviation.
            keep = (
                [a for a in pending if a.written.time == pending[-1].written.time]
                if pending
                else []
            )
            history = _write(c, history, history_rows(pending[: len(pending) - len(keep)]))
            pending = keep
        history = _write(c, history, history_rows(pending))


def _write(c: sa.Connection, table: Any, rows: list[dict[str, Any]]) -> Any:
    if not rows:
        return table
    if table is None:
        types: dict[str, Any] = {"qty": sa.Numeric(18, 6), "time": sa.DateTime(timezone=True)}
        table = sa.table("unit_history", *(sa.column(n, types.get(n)) for n in rows[0]))
    c.execute(sa.insert(table), rows)
    return table


def downgrade() -> None:
    op.drop_index("ix_unit_history_serial", table_name="unit_history")
    op.drop_table("unit_history")
