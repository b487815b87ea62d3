"""Anchors of the journal outside the database it is in.

A hash chain shows that nothing inside it changed, but not that it is still whole: whoever can
edit the database can delete the newest events, move `station_heads` back and rehash what is
left. An anchor is a (station, seq, hash) kept somewhere else, which the chain must still hold:

- what a centre acknowledged having, kept at the station when a push commits there
  (`acknowledged_heads`, written by `record_acknowledgement`), and held up against the centre;
- the centre's own `station_heads`, which each push moves (`audit verify --central URL`);
- a checkpoint file exported earlier (`audit checkpoint`, `audit verify --checkpoint FILE`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, and_, insert, or_, select, update

from tracestation.domain.chain import ChainBreak
from tracestation.store.tables import (
    AcknowledgedHeadRow,
    DatabaseIdentityRow,
    EventRow,
    StationHeadRow,
    SyncTargetRow,
    table_of,
)

ACKNOWLEDGED = table_of(AcknowledgedHeadRow)
EVENTS = table_of(EventRow)
HEADS = table_of(StationHeadRow)
TARGETS = table_of(SyncTargetRow)
IDENTITY = table_of(DatabaseIdentityRow)


@dataclass(frozen=True)
class Anchor:
    """Event `seq` of `station` has hash `hash`, says `source`: who, and a verb ("the checkpoint
    of … holds", "centre … acknowledged"), for the report.
    `may_be_ahead`: the anchor may lie beyond this database's chain without anything being
    wrong (a centre ahead of a station that has not pulled that station's newest events)."""

    station: str
    seq: int
    hash: str
    source: str
    may_be_ahead: bool = False

    def to_json(self) -> dict[str, object]:
        return {"station": self.station, "seq": self.seq, "hash": self.hash, "source": self.source}


@dataclass(frozen=True)
class Acknowledgement:
    central: str
    station: str
    seq: int
    hash: str
    at: datetime | None


def record_acknowledgement(c: Connection, centre: str, station: str, seq: int) -> None:
    """The centre `centre` committed `station`'s events up to `seq`: keep that event's hash as
    the centre's acknowledgement. Runs in the caller's (local) transaction, right after the
    central commit; an acknowledgement never moves back."""
    digest = c.scalar(select(EVENTS.c.hash).where(EVENTS.c.station == station, EVENTS.c.seq == seq))
    if digest is None:
        return
    now = datetime.now(UTC)
    key = and_(ACKNOWLEDGED.c.central == centre, ACKNOWLEDGED.c.station == station)
    values = {"seq": seq, "hash": digest, "acknowledged_at": now}
    moved = c.execute(update(ACKNOWLEDGED).where(key, ACKNOWLEDGED.c.seq <= seq).values(values))
    if moved.rowcount == 0 and c.scalar(select(ACKNOWLEDGED.c.seq).where(key)) is None:
        c.execute(insert(ACKNOWLEDGED).values(central=centre, station=station, **values))


def acknowledgements(c: Connection) -> list[Acknowledgement]:
    rows = c.execute(select(ACKNOWLEDGED).order_by(ACKNOWLEDGED.c.central, ACKNOWLEDGED.c.station))
    return [Acknowledgement(r.central, r.station, r.seq, r.hash, r.acknowledged_at) for r in rows]


def identity_of(c: Connection) -> str | None:
    found = c.scalar(select(IDENTITY.c.id).order_by(IDENTITY.c.created_at).limit(1))
    return str(found) if found is not None else None


def acknowledged_anchors(acks: Iterable[Acknowledgement]) -> list[Anchor]:
    """What centres acknowledged, as anchors of this database's own chains."""
    return [
        Anchor(a.station, a.seq, a.hash, f"centre {a.central} acknowledged")
        for a in acks
        if a.seq > 0
    ]


def chain_hashes(c: Connection, stations: Iterable[str]) -> dict[str, dict[int, tuple[str, str]]]:
    """seq -> (event id, hash) of each named station's events here."""
    wanted = sorted(set(stations))
    found: dict[str, dict[int, tuple[str, str]]] = {s: {} for s in wanted}
    for start in range(0, len(wanted), 200):
        chunk = wanted[start : start + 200]
        rows = c.execute(
            select(EVENTS.c.station, EVENTS.c.seq, EVENTS.c.id, EVENTS.c.hash).where(
                EVENTS.c.station.in_(chunk)
            )
        )
        for row in rows:
            found[row.station][row.seq] = (row.id, row.hash)
    return found


def check_anchors(
    anchors: Iterable[Anchor], chains: dict[str, dict[int, tuple[str, str]]]
) -> list[ChainBreak]:
    """Every anchor this database's chains no longer hold, as a break naming what is gone or
    rewritten and who still holds it."""
    breaks: list[ChainBreak] = []
    for anchor in anchors:
        chain = chains.get(anchor.station, {})
        last = max(chain, default=0)
        held = chain.get(anchor.seq)
        if held is not None:
            if held[1] != anchor.hash:
                breaks.append(
                    ChainBreak(
                        anchor.station,
                        anchor.seq,
                        held[0],
                        f"is not the event {anchor.source} (hash {anchor.hash[:12]}…, here "
                        f"{held[1][:12]}…): the chain was rewritten up to here",
                    )
                )
            continue
        if anchor.may_be_ahead and anchor.seq > last:
            continue
        if not chain:
            problem = (
                f"every event of the station is gone; {anchor.source} its chain up to event "
                f"{anchor.seq}"
            )
        elif anchor.seq > last:
            problem = (
                f"events {last + 1}..{anchor.seq} are gone (the chain here ends at {last}); "
                f"{anchor.source} them"
            )
        else:
            problem = f"event {anchor.seq} is gone; {anchor.source} it"
        breaks.append(ChainBreak(anchor.station, anchor.seq, None, problem))
    return breaks


def pushed_stations(c: Connection) -> set[str]:
    """Stations whose events this database sent to a centre itself (not pulled from one)."""
    mine = set(c.scalars(select(EVENTS.c.station).where(EVENTS.c.central_seq.is_(None)).distinct()))
    mine |= set(c.scalars(select(TARGETS.c.station).where(TARGETS.c.pushed_at.is_not(None))))
    return mine


def central_anchors(local: Connection, central: Connection, centre: str) -> list[Anchor]:
    """The centre's heads of the stations this database holds or pushed, as anchors: a station
    of this database must still reach the centre's head; one only pulled here may lag it."""
    here = set(local.scalars(select(HEADS.c.station))) | set(
        local.scalars(select(EVENTS.c.station).distinct())
    )
    pushed = pushed_stations(local)
    here |= pushed | {a.station for a in acknowledgements(local) if a.central == centre}
    if not here:
        return []
    anchors = []
    for row in central.execute(select(HEADS).where(HEADS.c.station.in_(sorted(here)))):
        anchors.append(
            Anchor(
                row.station,
                row.seq,
                row.hash,
                f"the centre {centre} holds",
                may_be_ahead=row.station not in pushed,
            )
        )
    return anchors


def centre_breaks(
    central: Connection, centre: str, acks: Iterable[Acknowledgement]
) -> list[ChainBreak]:
    """What the centre acknowledged to this database and no longer holds (the centre's journal
    was cut or rewritten)."""
    mine = [a for a in acks if a.central == centre and a.seq > 0]
    if not mine:
        return []
    wanted = or_(*(and_(EVENTS.c.station == a.station, EVENTS.c.seq == a.seq) for a in mine))
    held = {
        (r.station, r.seq): (r.id, r.hash)
        for r in central.execute(
            select(EVENTS.c.station, EVENTS.c.seq, EVENTS.c.id, EVENTS.c.hash).where(wanted)
        )
    }
    breaks = []
    for a in mine:
        found = held.get((a.station, a.seq))
        if found is None:
            breaks.append(
                ChainBreak(
                    a.station,
                    a.seq,
                    None,
                    f"the centre {centre} acknowledged this event to this database and no "
                    "longer has it (its journal was cut)",
                )
            )
        elif found[1] != a.hash:
            breaks.append(
                ChainBreak(
                    a.station,
                    a.seq,
                    found[0],
                    f"the centre {centre} holds another event here than the one it "
                    "acknowledged (its journal was rewritten)",
                )
            )
    return breaks
