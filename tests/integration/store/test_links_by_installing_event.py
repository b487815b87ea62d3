"""A removal (rework, a lead striking a contested link) finds the link its event installed through
an index: on a plant of ten million links, reading the whole table cost half a second a removal
(`bench/plants.py` found it building the 1,000,000-unit plant)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from support.reworked_unit import build
from tracestation.store.projections import LINK_INSTALLED_BY
from tracestation.store.tables import GenealogyLinkRow


def test_a_reworks_removal_finds_the_link_through_the_installing_events_index(
    engine: Any, station: Any
) -> None:
    build(station)  # a board installed, tested, removed in rework, another installed
    with engine.connect() as c:
        removed = c.execute(
            select(GenealogyLinkRow.installed_event).where(
                GenealogyLinkRow.removed_event.is_not(None)
            )
        ).all()
        statement = str(LINK_INSTALLED_BY.compile(engine))
        plan = c.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", (removed[0][0],)).all()
        links = c.scalar(select(func.count()).select_from(GenealogyLinkRow))
    assert removed, "the reworked unit has a removed link"
    assert links > 1
    assert "ix_genealogy_links_installed_event" in " ".join(str(step) for step in plan), (
        statement,
        plan,
    )
