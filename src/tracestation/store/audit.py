"""`audit verify`: the journal's chains, their anchors outside this database, and the state
tables against the state the journal makes.

Three checks, each catching what the one before cannot:
1. every station's hash chain, recomputed from the stored events, against `station_heads`
   (`verify_journal`): an event altered, removed or inserted inside the chain;
2. the chains against anchors kept elsewhere (`store.audit_anchors`): a tail removed or a chain
   rehashed, with `station_heads` moved to match, or a whole chain gone with its head;
3. the state tables against a rebuild from the journal (`store.audit_rebuild`): any edit of a
   unit, link, lot, consumption, test, container, nonconformance, deviation or conflict that no
   event made; and the master data against a checkpoint's.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracestation.domain.chain import ChainBreak, ChainedEvent, verify_chain
from tracestation.store.audit_anchors import (
    Anchor,
    acknowledged_anchors,
    acknowledgements,
    central_anchors,
    centre_breaks,
    chain_hashes,
    check_anchors,
    identity_of,
)
from tracestation.store.audit_checkpoint import Checkpoint
from tracestation.store.audit_rebuild import Rebuild, rebuilt
from tracestation.store.audit_state import (
    LOT_FIELDS,
    MASTER,
    PROJECTED,
    Difference,
    State,
    compare,
    read_state,
    snapshot,
)
from tracestation.store.tables import EventRow, StationHeadRow


def verify_journal(
    engine: Engine, only: Collection[str] | None = None
) -> tuple[dict[str, int], list[ChainBreak]]:
    """Events checked per station, and every break found; `only`: these stations' chains
    (a report checks the chains its record came from)."""
    with Session(engine) as s:
        heads = {h.station: (h.seq, h.hash) for h in s.scalars(select(StationHeadRow))}
        stations = set(heads) | set(s.scalars(select(EventRow.station).distinct()))
        if only is not None:
            stations &= set(only)
        counts: dict[str, int] = {}
        breaks: list[ChainBreak] = []
        for station in sorted(stations):
            rows = s.scalars(
                select(EventRow).where(EventRow.station == station).order_by(EventRow.seq)
            ).all()
            events = [
                ChainedEvent(
                    r.id,
                    r.station,
                    r.seq,
                    r.time,
                    r.operator,
                    r.kind,
                    dict(r.payload),
                    r.reason,
                    r.signed_by,
                    r.prev_hash,
                    r.hash,
                )
                for r in rows
            ]
            counts[station] = len(events)
            head = heads.get(station)
            if head is None:
                breaks.append(
                    ChainBreak(station, 0, None, "the station has events but no recorded head")
                )
            breaks.extend(verify_chain(station, events, head))
        return counts, breaks


@dataclass
class StateCheck:
    """The state tables against the journal's rebuild (and the master data against a
    checkpoint's). `notes` say what was not compared, and why."""

    differences: list[Difference] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    events_applied: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "events_applied": self.events_applied,
            "differences": [d.to_json() for d in self.differences],
            "notes": self.notes,
        }


@dataclass
class AuditReport:
    stations: dict[str, int]
    breaks: list[ChainBreak]
    anchors: list[Anchor]
    state: StateCheck

    @property
    def ok(self) -> bool:
        return not self.breaks and not self.state.differences

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "stations": self.stations,
            "breaks": [
                {"station": b.station, "seq": b.seq, "event_id": b.event_id, "problem": b.problem}
                for b in self.breaks
            ],
            "anchors": [a.to_json() for a in self.anchors],
            "state": self.state.to_json(),
        }


def audit(
    engine: Engine, *, checkpoint: Checkpoint | None = None, central: Engine | None = None
) -> AuditReport:
    """Everything `audit verify` checks. `checkpoint`: a checkpoint file's content to hold the
    database to; `central`: a centre to hold it to (and to hold to what it acknowledged)."""
    counts, breaks = verify_journal(engine)
    anchors, anchor_breaks = _anchored(engine, checkpoint, central)
    report = AuditReport(counts, breaks + anchor_breaks, anchors, StateCheck())
    with snapshot(engine) as c:
        identity = identity_of(c)
    same = checkpoint is not None and checkpoint.same_database(identity)
    _check_state(engine, checkpoint if same else None, report.state)
    if checkpoint is not None and not same:
        made_from = f"database {checkpoint.database}" if checkpoint.database else "a station"
        report.state.notes.append(
            f"the checkpoint was made from {made_from}, not this one: only its chain heads "
            "and what this database acknowledged to it were compared"
        )
    return report


def _anchored(
    engine: Engine, checkpoint: Checkpoint | None, central: Engine | None
) -> tuple[list[Anchor], list[ChainBreak]]:
    breaks: list[ChainBreak] = []
    with snapshot(engine) as c:
        acks = acknowledgements(c)
        identity = identity_of(c)
        anchors = acknowledged_anchors(acks)
        if checkpoint is not None:
            anchors += checkpoint.anchors(identity)
        if central is not None:
            with snapshot(central) as cc:
                centre = identity_of(cc)
                if centre is None:
                    raise NotACentre("the database given as the centre is not a central database")
                anchors += central_anchors(c, cc, centre)
                breaks += centre_breaks(cc, centre, acks)
        chains = chain_hashes(c, {a.station for a in anchors})
    return anchors, check_anchors(anchors, chains) + breaks


class NotACentre(RuntimeError):
    """`--central` names a database that `central init` never prepared."""


def _check_state(engine: Engine, checkpoint: Checkpoint | None, check: StateCheck) -> None:
    baseline = checkpoint.lot_baseline() if checkpoint is not None else None
    with rebuilt(engine, baseline) as rebuild, snapshot(rebuild.engine) as c:
        subjects = PROJECTED + (MASTER if rebuild.master_from_journal else ())
        expected = read_state(c, subjects)
    with snapshot(engine) as c:
        live = read_state(c, PROJECTED + MASTER)
    check.events_applied = rebuild.applied
    ignore: dict[str, list[str]] = {}
    if not rebuild.exact_order:
        ignore["link"] = ["contested"]
        check.notes.append(
            "this database holds its own events beside events pulled from a centre: which of "
            "two links of one child is the contested one depends on when each arrived here and "
            "is not compared (the centre compares it)"
        )
    _lot_figures(rebuild, live, expected, check)
    check.differences += compare(live, expected, "journal", ignore=ignore)
    if rebuild.unreadable:
        check.notes.append(
            f"{len(rebuild.unreadable)} event(s) this program cannot apply were left out: "
            + "; ".join(rebuild.unreadable[:5])
        )
    if rebuild.master_from_journal:
        return
    if checkpoint is not None:
        master = {subject: live[subject] for subject in MASTER}
        check.differences += compare(master, checkpoint.master_data(), "checkpoint")
        check.notes.append(
            "master data compared with the checkpoint: the journal records no import, so any "
            "change since the checkpoint, an import's included, is listed"
        )
    else:
        check.notes.append(
            "master data (parts, BOMs, routings, work orders, operators) was not compared: "
            "the journal records no import; `audit verify --checkpoint FILE` compares it with "
            "a checkpoint's"
        )


def _lot_figures(rebuild: Rebuild, live: State, expected: State, check: StateCheck) -> None:
    """Leave out the figures of lots the rebuild cannot know (which lots exist is compared)."""
    known = rebuild.lots_compared
    for state in (live, expected):
        for key, fields in state["lot"].items():
            if key not in known:
                for name in LOT_FIELDS:
                    fields.pop(name, None)
        for key, fields in state["lot_lineage"].items():
            merge = key.split(" ", 1)[0]
            if fields.get("kind") == "merge" and merge not in rebuild.merges_compared:
                fields.pop("qty", None)  # what the source held then: not known
    unknown = len(set(expected["lot"]) - known)
    if rebuild.pulls_lots:
        check.notes.append(
            "lot quantities and statuses were not compared: this database takes them from "
            "its centre at every pull (the centre's own audit compares them)"
        )
    elif unknown:
        check.notes.append(
            f"the figures of {unknown} lot(s) were not compared: their receipt is neither in "
            "the journal nor in a checkpoint (`audit verify --checkpoint FILE`)"
        )
