"""kits indexed: partial indexes on the kitting consumptions, by work order and by lot

The trace reads the kits of every work order of an as-built tree and the kits of a recalled
lot; without these it read every consumption of the work order or lot (installs included,
thousands a work order) to find the few kits.

Revision ID: 0014_kits_indexed
Revises: 0011_quality_records
Create Date: 2026-12-01 02:05:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_kits_indexed"
down_revision = "0011_quality_records"
branch_labels = None
depends_on = None

KITTED = sa.text("source = 'kit'")


def upgrade() -> None:
    op.create_index(
        "ix_consumptions_kits_of_work_order",
        "consumptions",
        ["work_order"],
        sqlite_where=KITTED,
        postgresql_where=KITTED,
    )
    op.create_index(
        "ix_consumptions_kits_of_lot",
        "consumptions",
        ["lot_id"],
        sqlite_where=KITTED,
        postgresql_where=KITTED,
    )


def downgrade() -> None:
    op.drop_index("ix_consumptions_kits_of_lot", table_name="consumptions")
    op.drop_index("ix_consumptions_kits_of_work_order", table_name="consumptions")
