"""the schema refuses the impossible: a negative lot, a child with two active parents, an
over-full carton

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 20:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_ACTIVE_CHILD_UNIT = sa.text("child_unit_id IS NOT NULL AND removed_event IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.create_check_constraint("quantity_not_negative", "quantity >= 0")
    with op.batch_alter_table("containers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("packed", sa.Integer(), server_default="0", nullable=False))
    op.execute(
        "UPDATE containers SET packed = (SELECT COUNT(*) FROM units u "
        "WHERE u.container = containers.sscc)"
    )
    with op.batch_alter_table("containers", schema=None) as batch_op:
        batch_op.create_check_constraint(
            "not_over_capacity", "capacity IS NULL OR packed <= capacity"
        )
    op.create_index(
        "uq_genealogy_links_one_active_parent",
        "genealogy_links",
        ["child_unit_id"],
        unique=True,
        sqlite_where=_ACTIVE_CHILD_UNIT,
        postgresql_where=_ACTIVE_CHILD_UNIT,
    )


def downgrade() -> None:
    op.drop_index("uq_genealogy_links_one_active_parent", table_name="genealogy_links")
    with op.batch_alter_table("containers", schema=None) as batch_op:
        batch_op.drop_constraint("ck_containers_not_over_capacity", type_="check")
        batch_op.drop_column("packed")
    with op.batch_alter_table("lots", schema=None) as batch_op:
        batch_op.drop_constraint("ck_lots_quantity_not_negative", type_="check")
