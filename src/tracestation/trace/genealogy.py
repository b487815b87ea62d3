"""As-built trees and where-used, each walk one recursive statement (`trace.walks`).

The answers are built from plain rows, once: no ORM object is made for a unit of a tree or of a
recall, so a recall over thousands of units costs a few statements and one dict per unit listed,
on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.domain.rules import qty_text
from tracestation.store.plant import as_utc
from tracestation.store.signatures import signatures_for
from tracestation.store.tables import LotRow, UnitRow
from tracestation.trace import walks

BATCH = 500
_T = TypeVar("_T", bound=Any)


class TraceError(LookupError):
    """The thing asked about does not exist or is ambiguous; the message says what to give."""


def batches(ids: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(set(ids))
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def unit_json(row: Any) -> dict[str, Any]:
    """A unit as the answers list it, from a unit row (ORM or plain, with these attributes)."""
    return {
        "part": row.part,
        "serial": row.serial,
        "work_order": row.work_order,
        "status": row.status,
        "container": row.container,
    }


def units_json(rows: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
    """Plain unit rows (`walks.UNIT_COLUMNS` first) as the answers list them, by part and
    serial."""
    listed = map(_UNIT_FIELDS, sorted(rows, key=_BY_PART_AND_SERIAL))
    return [
        {"part": part, "serial": serial, "work_order": wo, "status": status, "container": box}
        for part, serial, wo, status, box in listed
    ]


_BY_PART_AND_SERIAL = itemgetter(1, 2)
_UNIT_FIELDS = itemgetter(1, 2, 3, 4, 5)


def find_unit(s: Session, serial: str, part: str | None) -> UnitRow:
    """The unit record (ORM), for callers that need all its columns."""
    query = select(UnitRow).where(UnitRow.serial == serial)
    if part:
        query = query.where(UnitRow.part == part)
    return _one_unit(s.scalars(query).all(), serial, part)


def unit_named(s: Session, serial: str, part: str | None) -> walks.PlainRow:
    """The unit as a plain row (`walks.UNIT_COLUMNS`); `TraceError` as `find_unit`."""
    if part:
        rows = s.execute(walks.UNIT_NAMED_OF_PART, {"serial": serial, "part": part}).all()
    else:
        rows = s.execute(walks.UNIT_NAMED, {"serial": serial}).all()
    return _one_unit(rows, serial, part)


def _one_unit(rows: Sequence[_T], serial: str, part: str | None) -> _T:
    if not rows:
        raise TraceError(
            f"No unit with serial {serial}" + (f" of {part}" if part else "") + " is recorded."
        )
    if len(rows) > 1:
        parts = ", ".join(sorted(r.part for r in rows))
        raise TraceError(f"Serial {serial} exists for several parts ({parts}); give --part.")
    return rows[0]


def find_lot(s: Session, code: str, part: str | None) -> LotRow:
    """The lot record (ORM), for callers that need all its columns."""
    query = select(LotRow).where(LotRow.code == code)
    if part:
        query = query.where(LotRow.part == part)
    return _one_lot(s.scalars(query).all(), code, part)


def lot_named(s: Session, code: str, part: str | None) -> walks.PlainRow:
    """The lot as a plain row (id, part, code, status); `TraceError` as `find_lot`."""
    if part:
        rows = s.execute(walks.LOT_NAMED_OF_PART, {"code": code, "part": part}).all()
    else:
        rows = s.execute(walks.LOT_NAMED, {"code": code}).all()
    return _one_lot(rows, code, part)


def _one_lot(rows: Sequence[_T], code: str, part: str | None) -> _T:
    if not rows:
        raise TraceError(f"No lot {code}" + (f" of {part}" if part else "") + " is recorded.")
    if len(rows) > 1:
        parts = ", ".join(sorted(r.part for r in rows))
        raise TraceError(f"Lot code {code} exists for several parts ({parts}); give --part.")
    return rows[0]


def _when(moment: datetime | None) -> str | None:
    moment = as_utc(moment)
    return moment.isoformat() if moment else None


def backward(s: Session, serial: str, part: str | None = None) -> dict[str, Any]:
    """The as-built tree of a unit: every child ever installed, removed ones marked, and the
    lead's signature on an installation a lead signed (an override), else `signature` null."""
    root = unit_named(s, serial, part)
    walks.walk_by_index(s)
    return {
        "part": root.part,
        "serial": root.serial,
        "work_order": root.work_order,
        "status": root.status,
        "children": _Tree(s, root.id, root.work_order).nodes,
    }


class _Tree:
    """One as-built tree: its links read in one statement, the kits of its work orders in
    another, the signatures of the signed installations in a third (only when there are any)."""

    def __init__(self, s: Session, root: int, work_order: str) -> None:
        self.s = s
        self.below: dict[int, list[walks.PlainRow]] = {}
        orders = {work_order}
        for link in s.execute(walks.TREE, {"root": root}).all():
            self.below.setdefault(link.parent_unit_id, []).append(link)
            if link.child_unit_id is not None:
                orders.add(link.work_order)
        self.kits = _kits(s, orders)
        self.signed: dict[str, list[dict[str, Any]]] = {}
        self.nodes = self._children_of(root, {root}, work_order)
        if self.signed:
            found = signatures_for(s.connection(), self.signed)
            for event, nodes in self.signed.items():
                signature = found.get(event)
                for node in nodes:
                    node["signature"] = signature.to_json() if signature else None

    def _children_of(self, unit_id: int, path: set[int], work_order: str) -> list[dict[str, Any]]:
        """What was installed in the unit, then what was kitted to its work order; a unit
        already on the path from the root is shown without its children (a loop)."""
        children: list[dict[str, Any]] = []
        for link in self.below.get(unit_id, ()):
            (_parent, child, qty, operation, event, installed, removed) = link[:7]
            (part, serial, order, lot_part, lot, signed) = link[7:]
            common = {
                "qty": qty_text(qty),
                "operation": operation,
                "installed_at": _when(installed),
                "removed_at": _when(removed),
            }
            if child is not None:
                grand = [] if child in path else self._children_of(child, path | {child}, order)
                node = {"part": part, "serial": serial, **common, "children": grand}
            else:
                node = {"part": lot_part, "lot": lot, **common, "children": []}
            children.append(self._signed(node, event, signed))
        for kit, event, signed in self.kits.get(work_order, ()):
            children.append(self._signed({**kit, "children": []}, event, signed))
        return children

    def _signed(self, node: dict[str, Any], event: str, signed: bool) -> dict[str, Any]:
        node["signature"] = None
        if signed:
            self.signed.setdefault(event, []).append(node)
        return node


_Kit = tuple[dict[str, Any], str, bool]


def _kits(s: Session, work_orders: set[str]) -> dict[str, list[_Kit]]:
    """The lots kitted to each work order (consume steps), marked `kitted_to`: kitting records
    the work order, not the unit, so each of its units shows them; `qty` is what the work order
    took of the lot in all; the event and whether it was signed are those of its first kitting."""
    taken: dict[str, dict[tuple[str, str], list[Any]]] = {}
    rows = s.execute(walks.KITS, {"work_orders": sorted(work_orders)})
    for work_order, part, code, qty, operation, event, time, signed in rows:
        lots = taken.setdefault(work_order, {})
        if (part, code) in lots:
            lots[(part, code)][1] += qty
        else:
            lots[(part, code)] = [part, qty, code, operation, time, event, signed]
    return {
        work_order: [
            (
                {
                    "part": part,
                    "lot": code,
                    "qty": qty_text(qty),
                    "operation": operation,
                    "installed_at": _when(datetime.fromisoformat(time)),
                    "removed_at": None,
                    "kitted_to": work_order,
                },
                event,
                signed,
            )
            for part, qty, code, operation, time, event, signed in lots.values()
        ]
        for work_order, lots in taken.items()
    }


def descendant_lots(s: Session, lot_id: int) -> set[int]:
    """The lot and every lot split from it or merged from it, at any depth."""
    walks.walk_by_index(s)
    return set(s.scalars(walks.LOT_LINEAGE, {"lot": lot_id}))


def reached_by(s: Session, lot_id: int) -> tuple[list[walks.PlainRow], list[walks.PlainRow]]:
    """The units the lot (with the lots split or merged from it) is in now — installed in them
    or in their sub-assemblies, or kitted to their work orders — and the units that held it
    once and had it taken out (not counting units that hold it now)."""
    walks.walk_by_index(s)
    now: dict[int, walks.PlainRow] = {}
    once: dict[int, walks.PlainRow] = {}
    for row in s.execute(walks.REACH, {"lot": lot_id}).all():
        (now if row[walks.HOW] in walks.NOW else once)[row[0]] = row
    return list(now.values()), [row for key, row in once.items() if key not in now]


def kitted_work_orders_of(s: Session, lot_id: int) -> set[str]:
    """Work orders the lot (or lots made from it) was kitted to: all their units are in scope."""
    walks.walk_by_index(s)
    return set(s.scalars(walks.KITTED_ORDERS, {"lot": lot_id}))


def forward_from_lot(s: Session, code: str, part: str | None) -> dict[str, Any]:
    lot = lot_named(s, code, part)
    walks.walk_by_index(s)
    return {"units": units_json(s.execute(walks.REACH_NOW, {"lot": lot.id}).all())}


def forward_from_unit(s: Session, serial: str, part: str | None) -> dict[str, Any]:
    unit = unit_named(s, serial, part)
    walks.walk_by_index(s)
    return {"units": units_json(s.execute(walks.ABOVE, {"unit": unit.id}).all())}
