"""print jobs: labels kept in the station database until the printer took them

Revision ID: 0010_print_jobs
Revises: 0008_pin_lockout
Create Date: 2026-11-30 20:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_print_jobs"
down_revision = "0008_pin_lockout"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "print_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=160), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_try_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reprint_by", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_jobs")),
    )
    op.create_index(
        "ix_print_jobs_station_status", "print_jobs", ["station", "status"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_print_jobs_station_status", table_name="print_jobs")
    op.drop_table("print_jobs")
