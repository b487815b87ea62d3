"""links walked from the index: the child's indexes of genealogy_links also hold the parent

The forward trace and the recall walk up from a child (unit or lot) to its parents, link by
link, asking only whether the link was removed and which unit it goes into. With those two
columns in the index beside the child, each step reads the index alone instead of the link's
row after it. The new indexes replace the single-column ones (a lookup by child alone uses
their first column), so an install still writes as many index entries as before.

Revision ID: 0015_links_walked_from_the_index
Revises: 0014_kits_indexed
Create Date: 2026-12-01 02:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0015_links_walked_from_the_index"
down_revision = "0014_kits_indexed"
branch_labels = None
depends_on = None

WALKS = {
    "child_unit_id": "ix_genealogy_links_child_unit_walk",
    "child_lot_id": "ix_genealogy_links_child_lot_walk",
}


def upgrade() -> None:
    for child, walk in WALKS.items():
        op.create_index(walk, "genealogy_links", [child, "removed_event", "parent_unit_id"])
        op.drop_index(f"ix_genealogy_links_{child}", table_name="genealogy_links")


def downgrade() -> None:
    for child, walk in WALKS.items():
        op.create_index(f"ix_genealogy_links_{child}", "genealogy_links", [child])
        op.drop_index(walk, table_name="genealogy_links")
