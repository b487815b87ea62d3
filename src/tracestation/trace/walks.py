"""The walks over the genealogy, each one recursive statement built once.

A walk used to be a loop of queries, one per level and batch of ids, sending lists of thousands
of ids back to the database at each level and turning every row into an ORM object. Each walk is
now one `WITH RECURSIVE` statement that the database runs over its own indexes
(`genealogy_links.parent_unit_id` going down, `child_unit_id` going up, `child_lot_id` from a
lot, `lot_lineage.source_lot_id`, `units.work_order`) and answers with plain rows. The
statements are module constants so SQLAlchemy compiles each once per dialect and reuses it.
The same SQL runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Integer,
    Row,
    Select,
    String,
    Subquery,
    and_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from tracestation.store.tables import (
    ConsumptionRow,
    EventRow,
    GenealogyLinkRow,
    LotLineageRow,
    LotRow,
    UnitRow,
    table_of,
)

PlainRow = Row[*tuple[Any, ...]]
"""A row of one of these statements, read by position or by column name."""

LINKS = table_of(GenealogyLinkRow)
UNITS = table_of(UnitRow)
LOTS = table_of(LotRow)
LINEAGE = table_of(LotLineageRow)
CONSUMPTIONS = table_of(ConsumptionRow)
EVENTS = table_of(EventRow)

# How a unit is reached from a lot (the `how` column of `REACH`).
HELD = "held"  # the lot is in it now, directly or through sub-assemblies
KITTED = "kitted"  # a unit of a work order the lot was kitted to, or what contains it now
REMOVED = "removed"  # the lot was taken out of it, or of a sub-assembly it holds
REMOVED_ABOVE = "above"  # a sub-assembly holding the lot was taken out of it
NOW = (HELD, KITTED)
HOW = 6  # where `how` is in a row of REACH


def _word(how: str) -> ColumnElement[str]:
    """`how` written into the statement, not bound: the statements stay constant."""
    return literal_column(f"'{how}'", String)


UNIT_COLUMNS = (
    UNITS.c.id,
    UNITS.c.part,
    UNITS.c.serial,
    UNITS.c.work_order,
    UNITS.c.status,
    UNITS.c.container,
)

# Kitting, written into the statements so that the partial indexes on the kits serve them.
_KIT = literal_column("'kit'", String)

# Units and lots by name (`find_unit`, `find_lot`; several rows when the name is ambiguous).
UNIT_NAMED = select(*UNIT_COLUMNS).where(UNITS.c.serial == bindparam("serial"))
UNIT_NAMED_OF_PART = UNIT_NAMED.where(UNITS.c.part == bindparam("part"))
LOT_COLUMNS = (LOTS.c.id, LOTS.c.part, LOTS.c.code, LOTS.c.status)
LOT_NAMED = select(*LOT_COLUMNS).where(LOTS.c.code == bindparam("code"))
LOT_NAMED_OF_PART = LOT_NAMED.where(LOTS.c.part == bindparam("part"))


def _lineage() -> CTE:
    """The lot `:lot` and every lot split or merged from it, at any depth."""
    lineage = select(cast(bindparam("lot"), Integer).label("lot_id")).cte("lineage", recursive=True)
    return lineage.union(
        select(LINEAGE.c.result_lot_id).join(lineage, LINEAGE.c.source_lot_id == lineage.c.lot_id)
    )


LOT_LINEAGE = select(_lineage().c.lot_id)


def _seed(held: ColumnElement[str], *, now_only: bool) -> Subquery:
    """The units the lineage of `:lot` is installed in (`held` says how; with `now_only`,
    not the links removed since), and the units of the work orders it was kitted to
    (KITTED)."""
    lineage = _lineage()
    lots = select(lineage.c.lot_id)
    installed = select(LINKS.c.parent_unit_id.label("unit_id"), held.label("how")).where(
        LINKS.c.child_lot_id.in_(lots)
    )
    if now_only:
        installed = installed.where(LINKS.c.removed_event.is_(None))
    kitted_orders = select(CONSUMPTIONS.c.work_order).where(
        CONSUMPTIONS.c.lot_id.in_(lots), CONSUMPTIONS.c.source == _KIT
    )
    kitted = select(UNITS.c.id, _word(KITTED)).where(UNITS.c.work_order.in_(kitted_orders))
    return union_all(installed, kitted).subquery("seed")


def _reach() -> Select[*tuple[Any, ...]]:
    """Every unit the lineage of `:lot` reached, with `how`: HELD, KITTED, REMOVED and
    REMOVED_ABOVE, upward through the links not removed.

    A contested link (a child installed in two parents, both not removed) is followed to both
    parents. Kitting names a work order, not a unit: all its units are reached. A unit the lot
    left is REMOVED with what holds it now; REMOVED_ABOVE is the parent a sub-assembly holding
    the lot was taken out of (not followed further up). Each step looks a unit's parents up in
    the index on `child_unit_id`, once."""
    held = case((LINKS.c.removed_event.is_(None), _word(HELD)), else_=_word(REMOVED))
    seed = _seed(held, now_only=False)
    reached = select(seed.c.unit_id, seed.c.how).cte("reached", recursive=True)
    how = case((LINKS.c.removed_event.is_(None), reached.c.how), else_=_word(REMOVED_ABOVE))
    reached = reached.union(
        select(LINKS.c.parent_unit_id, how)
        .join(reached, LINKS.c.child_unit_id == reached.c.unit_id)
        .where(
            reached.c.how != _word(REMOVED_ABOVE),
            or_(LINKS.c.removed_event.is_(None), reached.c.how == _word(HELD)),
        )
    )
    return select(*UNIT_COLUMNS, reached.c.how).join(reached, reached.c.unit_id == UNITS.c.id)


def _reach_now() -> Select[*tuple[Any, ...]]:
    """Every unit the lineage of `:lot` is in now (HELD or KITTED in `REACH`), each once."""
    seed = _seed(_word(HELD), now_only=True)
    reached = select(seed.c.unit_id).cte("reached", recursive=True)
    reached = reached.union(
        select(LINKS.c.parent_unit_id)
        .join(reached, LINKS.c.child_unit_id == reached.c.unit_id)
        .where(LINKS.c.removed_event.is_(None))
    )
    return select(*UNIT_COLUMNS).join(reached, reached.c.unit_id == UNITS.c.id)


REACH = _reach()
REACH_NOW = _reach_now()


def _above() -> Select[*tuple[Any, ...]]:
    """Every unit that holds the unit `:unit` now, at any depth (the unit itself left out)."""
    start = cast(bindparam("unit"), Integer)
    above = select(start.label("unit_id")).cte("above", recursive=True)
    above = above.union(
        select(LINKS.c.parent_unit_id)
        .join(above, LINKS.c.child_unit_id == above.c.unit_id)
        .where(LINKS.c.removed_event.is_(None))
    )
    return (
        select(*UNIT_COLUMNS)
        .join(above, above.c.unit_id == UNITS.c.id)
        .where(UNITS.c.id != bindparam("unit"))
    )


ABOVE = _above()


def _lot_scope() -> Select[*tuple[Any, ...]]:
    """What a system tracking lots only would recall for the lineage of `:lot`: every work order
    that consumed it (kitted or installed), then the work orders that consumed units of those,
    at any depth (through every link, removed or not): its units, each row ending with the
    work order (a work order without units in one row of null unit columns)."""
    lineage = _lineage()
    orders = (
        select(CONSUMPTIONS.c.work_order)
        .where(CONSUMPTIONS.c.lot_id.in_(select(lineage.c.lot_id)))
        .cte("orders", recursive=True)
    )
    child, parent = UNITS.alias("child"), UNITS.alias("parent")
    orders = orders.union(
        select(parent.c.work_order)
        .select_from(orders)
        .join(child, child.c.work_order == orders.c.work_order)
        .join(LINKS, LINKS.c.child_unit_id == child.c.id)
        .join(parent, parent.c.id == LINKS.c.parent_unit_id)
    )
    return select(*UNIT_COLUMNS, orders.c.work_order.label("consumed_by")).select_from(
        orders.outerjoin(UNITS, UNITS.c.work_order == orders.c.work_order)
    )


LOT_SCOPE = _lot_scope()

KITTED_ORDERS = (
    select(CONSUMPTIONS.c.work_order)
    .distinct()
    .where(CONSUMPTIONS.c.lot_id.in_(select(_lineage().c.lot_id)), CONSUMPTIONS.c.source == _KIT)
)


def _tree() -> Select[*tuple[Any, ...]]:
    """Every link below the unit `:root`, at any depth, removed ones too, in the order they were
    made, with the child unit or lot it names and whether its installation was signed. Each
    step looks a unit's links up in the index on `parent_unit_id`; the columns are then read
    by primary key."""
    tree = (
        select(LINKS.c.id, LINKS.c.child_unit_id)
        .where(LINKS.c.parent_unit_id == bindparam("root"))
        .cte("tree", recursive=True)
    )
    tree = tree.union(
        select(LINKS.c.id, LINKS.c.child_unit_id).join(
            tree, LINKS.c.parent_unit_id == tree.c.child_unit_id
        )
    )
    child = UNITS.alias("child")
    signed = and_(EVENTS.c.id == LINKS.c.installed_event, EVENTS.c.signed_by.is_not(None))
    return (
        select(
            LINKS.c.parent_unit_id,
            LINKS.c.child_unit_id,
            LINKS.c.qty,
            LINKS.c.operation,
            LINKS.c.installed_event,
            LINKS.c.installed_at,
            LINKS.c.removed_at,
            child.c.part,
            child.c.serial,
            child.c.work_order,
            LOTS.c.part,
            LOTS.c.code,
            EVENTS.c.id.is_not(None).label("signed"),
        )
        .select_from(tree)
        .join(LINKS, LINKS.c.id == tree.c.id)
        .outerjoin(child, child.c.id == LINKS.c.child_unit_id)
        .outerjoin(LOTS, LOTS.c.id == LINKS.c.child_lot_id)
        .outerjoin(EVENTS, signed)
        .order_by(LINKS.c.id)
    )


TREE = _tree()

# The lots kitted to some work orders (consume steps), in the order they were kitted.
KITS = (
    select(
        CONSUMPTIONS.c.work_order,
        LOTS.c.part,
        LOTS.c.code,
        CONSUMPTIONS.c.qty,
        CONSUMPTIONS.c.operation,
        CONSUMPTIONS.c.event_id,
        EVENTS.c.time,
        EVENTS.c.signed_by.is_not(None).label("signed"),
    )
    .join(LOTS, LOTS.c.id == CONSUMPTIONS.c.lot_id)
    .join(EVENTS, EVENTS.c.id == CONSUMPTIONS.c.event_id)
    .where(
        CONSUMPTIONS.c.work_order.in_(bindparam("work_orders", expanding=True)),
        CONSUMPTIONS.c.source == _KIT,
    )
    .order_by(CONSUMPTIONS.c.id)
)

# PostgreSQL plans a recursive statement from a guess of its size (ten times its first step,
# itself guessed from the table's statistics), and for the plant's tens of thousands of rows
# that guess makes a hash of the whole `genealogy_links` table (or a scan of it) look cheaper
# than a few thousand index lookups, and the guessed cost calls for JIT compilation (70 ms on
# this machine). A walk reaches a few thousand units of a plant of millions: it is told to walk
# the indexes, for the rest of its transaction only (`set_config(..., true)`).
_WALK_BY_INDEX = select(
    *(
        func.set_config(setting, "off", True)
        for setting in ("jit", "enable_hashjoin", "enable_mergejoin", "enable_seqscan")
    )
)


def walk_by_index(s: Session) -> None:
    """Have the database walk the indexes for this transaction's walks (PostgreSQL; SQLite's
    planner does on its own)."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(_WALK_BY_INDEX)
