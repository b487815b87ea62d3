"""offline stations as a line: central order, contested links, conflicts, parked events,
per-centre sync state, database identity, identity blocks

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 19:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_OLD_ACTIVE = sa.text("child_unit_id IS NOT NULL AND removed_event IS NULL")
_ACTIVE = sa.text("child_unit_id IS NOT NULL AND removed_event IS NULL AND contested_by IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("central_seq", sa.BigInteger(), nullable=True))
        batch_op.create_unique_constraint("uq_events_central_seq", ["central_seq"])
    op.drop_index("uq_genealogy_links_one_active_parent", table_name="genealogy_links")
    with op.batch_alter_table("genealogy_links", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contested_by", sa.String(length=36), nullable=True))
    op.create_index(
        "uq_genealogy_links_one_active_parent",
        "genealogy_links",
        ["child_unit_id"],
        unique=True,
        sqlite_where=_ACTIVE,
        postgresql_where=_ACTIVE,
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("part", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("other_event_id", sa.String(length=36), nullable=True),
        sa.Column("stations", sa.String(length=200), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("nonconformance", sa.String(length=32), nullable=True),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("resolution", sa.String(length=32), nullable=True),
        sa.Column("resolved_by", sa.String(length=64), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("raised_event", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflicts")),
    )
    op.create_index(op.f("ix_conflicts_event_id"), "conflicts", ["event_id"], unique=False)
    op.create_table(
        "parked_events",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("parked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_parked_events")),
    )
    op.create_table(
        "sync_targets",
        sa.Column("central", sa.String(length=36), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("pushed_seq", sa.Integer(), nullable=False),
        sa.Column("pulled_central_seq", sa.BigInteger(), nullable=False),
        sa.Column("pushed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pulled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("central", "station", name=op.f("pk_sync_targets")),
    )
    op.create_table(
        "database_identity",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_database_identity")),
    )
    op.create_table(
        "identity_blocks",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("first", sa.BigInteger(), nullable=False),
        sa.Column("last", sa.BigInteger(), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("next", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "first", name=op.f("pk_identity_blocks")),
    )
    op.create_index(
        op.f("ix_identity_blocks_station"), "identity_blocks", ["station"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_identity_blocks_station"), table_name="identity_blocks")
    op.drop_table("identity_blocks")
    op.drop_table("database_identity")
    op.drop_table("sync_targets")
    op.drop_table("parked_events")
    op.drop_index(op.f("ix_conflicts_event_id"), table_name="conflicts")
    op.drop_table("conflicts")
    op.drop_index("uq_genealogy_links_one_active_parent", table_name="genealogy_links")
    with op.batch_alter_table("genealogy_links", schema=None) as batch_op:
        batch_op.drop_column("contested_by")
    op.create_index(
        "uq_genealogy_links_one_active_parent",
        "genealogy_links",
        ["child_unit_id"],
        unique=True,
        sqlite_where=_OLD_ACTIVE,
        postgresql_where=_OLD_ACTIVE,
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint("uq_events_central_seq", type_="unique")
        batch_op.drop_column("central_seq")
