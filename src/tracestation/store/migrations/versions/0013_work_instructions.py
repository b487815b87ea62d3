"""work instructions: an operation's text and image file for the operator

Revision ID: 0013_work_instructions
Revises: 0012_unit_history
Create Date: 2026-11-30 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_work_instructions"
down_revision = "0012_unit_history"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("routing_operations") as batch:
        batch.add_column(sa.Column("instructions", sa.Text(), nullable=True))
        batch.add_column(sa.Column("instructions_image", sa.String(length=500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("routing_operations") as batch:
        batch.drop_column("instructions_image")
        batch.drop_column("instructions")
