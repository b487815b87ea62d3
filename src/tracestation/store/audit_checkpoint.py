"""Checkpoint files: a database's chain heads, and what they cannot show, kept elsewhere.

`audit checkpoint` writes one; `audit verify --checkpoint FILE` holds the database to it. A
checkpoint holds, read in one snapshot: the last event of each station's chain (station, seq,
hash, time); the heads centres acknowledged to this database; the lots' figures (the receipts
are not in the journal, so the lots can be rebuilt only from figures known at some point of it);
and the master data (PIN hashes only as digests of them), which no event records yet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from tracestation.store.audit_anchors import EVENTS, Anchor, acknowledgements, identity_of
from tracestation.store.audit_rebuild import LotBaseline
from tracestation.store.audit_state import (
    LOT_FIELDS,
    LOTS,
    MASTER,
    Rows,
    plain,
    read_state,
    snapshot,
)

FORMAT = "tracestation-checkpoint"
VERSION = 1


class CheckpointError(ValueError):
    """The file is not a checkpoint this version can read."""


@dataclass(frozen=True)
class Checkpoint:
    document: dict[str, Any]

    @property
    def database(self) -> str | None:
        value = self.document.get("database")
        return str(value) if value else None

    @property
    def made_at(self) -> str:
        return str(self.document.get("made_at", "?"))

    def same_database(self, identity: str | None) -> bool:
        """Made from this database, as far as identities tell: a centre has one, a station's
        database none (so a station's checkpoint is never taken for the centre's)."""
        return self.database == identity

    def anchors(self, identity: str | None) -> list[Anchor]:
        """The checkpoint's heads, and the heads a centre acknowledged to the database it was
        made from when this database is that centre. Heads from another database may lie
        beyond this one's chains (events not synced yet)."""
        source = f"the checkpoint of {self.made_at} holds"
        foreign = not self.same_database(identity)
        found = [
            Anchor(h["station"], int(h["seq"]), str(h["hash"]), source, may_be_ahead=foreign)
            for h in self.document.get("stations", [])
        ]
        if identity is not None:
            found += [
                Anchor(
                    a["station"],
                    int(a["seq"]),
                    str(a["hash"]),
                    f"the station's checkpoint of {self.made_at} says this centre acknowledged",
                )
                for a in self.document.get("acknowledged", [])
                if a.get("central") == identity
            ]
        return found

    def lot_baseline(self) -> LotBaseline:
        heads = {h["station"]: int(h["seq"]) for h in self.document.get("stations", [])}
        lots = {
            (str(lot["part"]), str(lot["lot"])): {k: lot.get(k) for k in LOT_FIELDS}
            for lot in self.document.get("lots", [])
        }
        return LotBaseline(lots, heads)

    def master_data(self) -> dict[str, Rows]:
        master: dict[str, Rows] = self.document.get("master_data", {})
        return {subject: master.get(subject, {}) for subject in MASTER}


def make_checkpoint(engine: Engine) -> dict[str, Any]:
    """The checkpoint document of `engine`'s database, now."""
    last = (
        select(EVENTS.c.station, func.max(EVENTS.c.seq).label("seq"))
        .group_by(EVENTS.c.station)
        .subquery()
    )
    heads = select(EVENTS.c.station, EVENTS.c.seq, EVENTS.c.hash, EVENTS.c.time).join(
        last, (last.c.station == EVENTS.c.station) & (last.c.seq == EVENTS.c.seq)
    )
    with snapshot(engine) as c:
        stations = [
            {"station": r.station, "seq": r.seq, "hash": r.hash, "time": r.time}
            for r in c.execute(heads.order_by(EVENTS.c.station))
        ]
        acknowledged = [
            {"central": a.central, "station": a.station, "seq": a.seq, "hash": a.hash}
            for a in acknowledgements(c)
        ]
        lots = [
            {"part": r.part, "lot": r.code, **{k: plain(getattr(r, k)) for k in LOT_FIELDS}}
            for r in c.execute(select(LOTS).order_by(LOTS.c.part, LOTS.c.code))
        ]
        master = read_state(c, MASTER)
        identity = identity_of(c)
    return {
        "format": FORMAT,
        "version": VERSION,
        "database": identity,
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "stations": stations,
        "acknowledged": acknowledged,
        "lots": lots,
        "master_data": master,
    }


def read_checkpoint(path: Path) -> Checkpoint:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CheckpointError(f"{path} cannot be read ({error.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CheckpointError(f"{path} is not a checkpoint file (not JSON)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise CheckpointError(f"{path} is not a checkpoint made by `tracestation audit checkpoint`")
    if document.get("version") != VERSION:
        raise CheckpointError(
            f"{path} is a checkpoint of version {document.get('version')}; this program reads "
            f"version {VERSION}"
        )
    try:
        for head in document.get("stations", []):
            int(head["seq"]), str(head["station"]), str(head["hash"])
        for ack in document.get("acknowledged", []):
            int(ack["seq"]), str(ack["station"]), str(ack["hash"]), str(ack["central"])
        for lot in document.get("lots", []):
            str(lot["part"]), str(lot["lot"])
        if not isinstance(document.get("master_data", {}), dict):
            raise TypeError("master_data")
    except (KeyError, TypeError, ValueError) as error:
        raise CheckpointError(f"{path} is a damaged checkpoint ({error})") from None
    return Checkpoint(document)
