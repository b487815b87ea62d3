"""`audit verify`: recompute every station's hash chain from the stored events."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tracestation.domain.chain import ChainBreak, ChainedEvent, verify_chain
from tracestation.store.tables import EventRow, StationHeadRow


def verify_journal(engine: Engine) -> tuple[dict[str, int], list[ChainBreak]]:
    """Events checked per station, and every break found."""
    with Session(engine) as s:
        heads = {h.station: (h.seq, h.hash) for h in s.scalars(select(StationHeadRow))}
        stations = set(heads) | set(s.scalars(select(EventRow.station).distinct()))
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
