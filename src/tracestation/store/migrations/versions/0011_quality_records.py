"""quality records: the defect catalogue, defects given at stations, tester result files with
their measurements' verdicts, and nonconformances that close

Revision ID: 0011_quality_records
Revises: 0013_work_instructions
Create Date: 2026-11-30 22:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_quality_records"
down_revision = "0013_work_instructions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "defects",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_defects")),
    )
    op.create_table(
        "defect_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("work_order", sa.String(length=64), nullable=False),
        sa.Column("operation", sa.String(length=16), nullable=False),
        sa.Column("defect_code", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("test_record_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=36), nullable=True),
        sa.Column("station", sa.String(length=64), nullable=False),
        sa.Column("operator", sa.String(length=64), nullable=True),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_defect_records_event_id_events")
        ),
        sa.ForeignKeyConstraint(
            ["test_record_id"],
            ["test_records.id"],
            name=op.f("fk_defect_records_test_record_id_test_records"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_defect_records_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_defect_records")),
    )
    op.create_index(op.f("ix_defect_records_unit_id"), "defect_records", ["unit_id"], unique=False)
    op.create_index(
        op.f("ix_defect_records_work_order"), "defect_records", ["work_order"], unique=False
    )
    with op.batch_alter_table("test_records", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("tested_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_test_records_attachment_hash"), ["attachment_hash"], unique=False
        )
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("passed", sa.Boolean(), nullable=True))
    with op.batch_alter_table("nonconformances", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=8), server_default="open", nullable=False)
        )
        batch_op.add_column(sa.Column("closed_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("closing_note", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("closed_event", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("nonconformances", schema=None) as batch_op:
        batch_op.drop_column("closed_event")
        batch_op.drop_column("closing_note")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("closed_by")
        batch_op.drop_column("status")
    with op.batch_alter_table("measurements", schema=None) as batch_op:
        batch_op.drop_column("passed")
    with op.batch_alter_table("test_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_test_records_attachment_hash"))
        batch_op.drop_column("tested_at")
        batch_op.drop_column("source")
    op.drop_index(op.f("ix_defect_records_work_order"), table_name="defect_records")
    op.drop_index(op.f("ix_defect_records_unit_id"), table_name="defect_records")
    op.drop_table("defect_records")
    op.drop_table("defects")
