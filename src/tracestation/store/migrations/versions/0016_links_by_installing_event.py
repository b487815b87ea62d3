"""links by installing event: a removal finds its link through an index

A rework's removal (`ChildRemoved`) and a lead's resolution of a conflict (`ConflictResolved`,
its links to strike) find the link by the event that installed it. Without an index on
`installed_event` each of them read the whole table of links: on a plant of ten million links,
about half a second (SQLite) to 0.8 s (PostgreSQL) a removal, on the operator's scan or the
centre's ingest. An install now writes one more index entry.

Revision ID: 0016_links_by_installing_event
Revises: 0015_links_walked_from_the_index
Create Date: 2026-12-01 06:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0016_links_by_installing_event"
down_revision = "0015_links_walked_from_the_index"
branch_labels = None
depends_on = None

INDEX = "ix_genealogy_links_installed_event"


def upgrade() -> None:
    op.create_index(INDEX, "genealogy_links", ["installed_event"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="genealogy_links")
