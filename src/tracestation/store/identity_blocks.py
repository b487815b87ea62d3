"""Numbers a station gives out on its own, from blocks the centre reserves for it.

A station that works offline draws carton SSCC serial references and `CMD:NEW` serial numbers
from blocks the centre reserved for it at a sync (`reserve_blocks`), so two offline stations
never print the same number. A station that has never held a block (one station alone, or
stations sharing one database) counts on its database's own counter row instead, which the
database's transactions keep unique.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, bindparam, func, insert, select, update

from tracestation.station.ports import RecordNotSaved
from tracestation.store.database import writer
from tracestation.store.tables import ContainerRow, IdentityBlockRow, PlantMetaRow, table_of

BLOCKS = table_of(IdentityBlockRow)
META = table_of(PlantMetaRow)
CONTAINERS = table_of(ContainerRow)
SSCC = "sscc"
SERIAL = "serial"
BLOCK_SIZE = {SSCC: 1000, SERIAL: 1000}
# The centre's counters a block is carved from: SSCCs share the counter stations on the centre
# draw single numbers from; block serials start above any per-work-order count.
COUNTER = {SSCC: "sscc_serial", SERIAL: "serial_block"}
COUNTER_START = {SSCC: 0, SERIAL: 1_000_000}
_REFILL_BELOW = 0.25


class IdentitiesExhausted(RecordNotSaved):
    """The station's reserved numbers are used up: it must sync before it gives out more."""


_LIVE_BLOCK = (
    select(BLOCKS.c.first, BLOCKS.c.next)
    .where(
        BLOCKS.c.kind == bindparam("kind"),
        BLOCKS.c.station == bindparam("station"),
        BLOCKS.c.next <= BLOCKS.c.last,
    )
    .order_by(BLOCKS.c.first)
    .limit(1)
    .with_for_update()
)
_HELD_ANY = (
    select(func.count())
    .select_from(BLOCKS)
    .where(BLOCKS.c.kind == bindparam("kind"), BLOCKS.c.station == bindparam("station"))
)
_TAKE = (
    update(BLOCKS)
    .where(BLOCKS.c.kind == bindparam("k_kind"), BLOCKS.c.first == bindparam("k_first"))
    .values(next=BLOCKS.c.next + 1)
)


def draw_from_block(c: Connection, kind: str, station: str) -> int | None:
    """The next number of the station's blocks of `kind`, inside the caller's transaction;
    None when the station never held a block of that kind."""
    block = c.execute(_LIVE_BLOCK, {"kind": kind, "station": station}).first()
    if block is None:
        if c.scalar(_HELD_ANY, {"kind": kind, "station": station}):
            what = "carton numbers" if kind == SSCC else "serial numbers"
            raise IdentitiesExhausted(
                f"station {station} has used up the {what} the centre reserved for it: "
                "sync with the central database to get more"
            )
        return None
    c.execute(_TAKE, {"k_kind": kind, "k_first": block.first})
    return int(block.next)


def remaining(c: Connection, kind: str, station: str) -> int:
    left = c.scalar(
        select(func.coalesce(func.sum(BLOCKS.c.last - BLOCKS.c.next + 1), 0)).where(
            BLOCKS.c.kind == kind, BLOCKS.c.station == station, BLOCKS.c.next <= BLOCKS.c.last
        )
    )
    return int(left or 0)


def reserve_blocks(local: Engine, central: Engine, station: str) -> dict[str, int]:
    """At a sync: top up the station's blocks from the centre when they run low. Returns the
    numbers newly reserved per kind. The centre commits first; a block the station then fails
    to record is a gap, never a duplicate."""
    reserved: dict[str, int] = {}
    for kind, size in BLOCK_SIZE.items():
        with local.connect() as c:
            left = remaining(c, kind, station)
        if left >= size * _REFILL_BELOW:
            continue
        with writer(central).begin() as cc:
            first, last = _carve(cc, kind, size)
            cc.execute(
                insert(BLOCKS).values(
                    kind=kind, first=first, last=last, station=station, next=first
                )
            )
        with writer(local).begin() as lc:
            lc.execute(
                insert(BLOCKS).values(
                    kind=kind, first=first, last=last, station=station, next=first
                )
            )
        reserved[kind] = size
    return reserved


def _carve(c: Connection, kind: str, size: int) -> tuple[int, int]:
    """Advance the centre's counter by `size`: the numbers passed over are the block."""
    key = COUNTER[kind]
    moved = c.scalar(
        update(META)
        .where(META.c.key == key)
        .values(value=META.c.value + size)
        .returning(META.c.value)
    )
    if moved is None:
        start = COUNTER_START[kind]
        if kind == SSCC:  # cartons the centre recorded before any block
            start = max(start, int(c.scalar(select(func.count()).select_from(CONTAINERS)) or 0))
        moved = start + size
        c.execute(insert(META).values(key=key, value=moved))
    return int(moved) - size + 1, int(moved)
