"""pin lockout: each lead badge's wrong PIN tries in a row and its lock

Revision ID: 0008_pin_lockout
Revises: 0009_audit_anchors
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_pin_lockout"
down_revision = "0009_audit_anchors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pin_states",
        sa.Column("badge", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_event", sa.String(length=36), nullable=False),
        sa.CheckConstraint("failures >= 0", name=op.f("ck_pin_states_failures_not_negative")),
        sa.PrimaryKeyConstraint("badge", name=op.f("pk_pin_states")),
    )


def downgrade() -> None:
    op.drop_table("pin_states")
