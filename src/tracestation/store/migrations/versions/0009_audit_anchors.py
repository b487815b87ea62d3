"""audit anchors: the head of each station's chain a central database acknowledged

Revision ID: 0009_audit_anchors
Revises: 0007
Create Date: 2026-11-30 20:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_audit_anchors"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "acknowledged_heads",
        sa.Column("central", sa.String(length=36), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("central", "station", name=op.f("pk_acknowledged_heads")),
    )
    # What a centre already has: every event up to the cursor the station keeps for it.
    op.execute(
        "INSERT INTO acknowledged_heads (central, station, seq, hash, acknowledged_at) "
        "SELECT t.central, t.station, t.pushed_seq, e.hash, "
        "COALESCE(t.pushed_at, t.pulled_at, CURRENT_TIMESTAMP) "
        "FROM sync_targets t JOIN events e ON e.station = t.station AND e.seq = t.pushed_seq "
        "WHERE t.pushed_seq > 0"
    )


def downgrade() -> None:
    op.drop_table("acknowledged_heads")
