"""The quality engineer's answers over the genealogy's awkward cases, on SQLite and on a real
PostgreSQL: each walk is one recursive statement, and these are the cases a walk can get wrong —
a child installed twice (contested), lots split and merged, parts taken out, lots kitted to a
work order, a signed installation, a unit's history with who did what."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.orm import Session

from support.line import PG_ADMIN_URL
from tracestation.store.database import open_database
from tracestation.store.importer import import_master_data
from tracestation.store.tables import (
    ConsumptionRow,
    EventRow,
    GenealogyLinkRow,
    LotLineageRow,
    LotRow,
    UnitHistoryRow,
    UnitRow,
    table_of,
)
from tracestation.trace.genealogy import TraceError, backward, forward_from_lot, forward_from_unit
from tracestation.trace.history import unit_history
from tracestation.trace.recall import kitted_work_orders, recall_scope

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
LEAD = "B-9001"

PLANT = {
    "parts": [
        {"number": "FG", "description": "Finished good", "tracking": "serial", "uom": "ea"},
        {"number": "SUB", "description": "Sub-assembly", "tracking": "serial", "uom": "ea"},
        {"number": "CAP", "description": "Capacitor", "tracking": "lot", "uom": "ea"},
        {"number": "PASTE", "description": "Solder paste", "tracking": "lot", "uom": "g"},
    ],
    "routings": [
        {"part": p, "operations": [{"code": "10", "name": "Assembly", "kind": "assemble"}]}
        for p in ("SUB", "FG")
    ],
    "boms": [
        {"parent": "SUB", "lines": [{"part": "CAP", "qty": 1, "operation": "10"}]},
        {"parent": "FG", "lines": [{"part": "SUB", "qty": 1, "operation": "10"}]},
    ],
    "work_orders": [
        {"number": "WO-FG", "part": "FG", "quantity": 20},
        {"number": "WO-SUB", "part": "SUB", "quantity": 20},
        {"number": "WO-PASTED", "part": "SUB", "quantity": 5},
        {"number": "WO-OTHER", "part": "SUB", "quantity": 5},
    ],
    "operators": [
        {"badge": "B-2001", "name": "Dana Ilie", "role": "operator"},
        {"badge": LEAD, "name": "Lee Marsh", "role": "lead", "pin": "4826"},
    ],
    "lots": [
        {"part": "CAP", "lot": code, "quantity": 100, "expiry": "2099-12-31"}
        for code in ("C1", "C1-A", "C-MIX", "C-OTHER", "C9")
    ]
    + [{"part": "PASTE", "lot": "P1", "quantity": 500, "expiry": "2099-12-31"}],
}


class Genealogy:
    """Writes the rows the projection would have written, one at a time, so a test can build
    the awkward cases directly."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.seq = 0
        with engine.connect() as c:
            self.lots = {code: id_ for id_, code in c.execute(select(LotRow.id, LotRow.code))}
        self.units: dict[str, int] = {}

    def event(self, kind: str, *, signed_by: str | None = None, **payload: Any) -> str:
        self.seq += 1
        event_id = str(uuid.UUID(int=self.seq))
        row = {
            "id": event_id,
            "station": "LINE-T",
            "seq": self.seq,
            "time": self.at(self.seq).isoformat(),
            "operator": "B-2001",
            "kind": kind,
            "payload": payload,
            "reason": "reason on file" if signed_by else None,
            "signed_by": signed_by,
            "prev_hash": "0" * 64,
            "hash": f"{self.seq:064d}",
        }
        self._insert(EventRow, row)
        return event_id

    @staticmethod
    def at(minutes: int) -> datetime:
        return T0 + timedelta(minutes=minutes)

    def unit(self, part: str, serial: str, work_order: str) -> None:
        self.event("unit_registered", part=part, serial=serial)
        row = {
            "part": part,
            "serial": serial,
            "work_order": work_order,
            "status": "in_progress",
            "registered_at": self.at(self.seq),
        }
        self.units[serial] = self._insert(UnitRow, row)

    def install(
        self,
        parent: str,
        *,
        unit: str | None = None,
        lot: str | None = None,
        signed_by: str | None = None,
        contested_by: str | None = None,
        removed: bool = False,
    ) -> None:
        event = self.event("installed", signed_by=signed_by, signature_name="Lee Marsh (then)")
        row = {
            "parent_unit_id": self.units[parent],
            "child_unit_id": self.units[unit] if unit else None,
            "child_lot_id": self.lots[lot] if lot else None,
            "qty": Decimal(1),
            "operation": "10",
            "installed_event": event,
            "installed_at": self.at(self.seq),
            "contested_by": contested_by,
        }
        if removed:
            row["removed_event"] = self.event("child_removed")
            row["removed_at"] = self.at(self.seq)
        self._insert(GenealogyLinkRow, row)
        if lot:
            self.consume(parent, lot, "install", event)

    def consume(self, work_order_or_unit: str, lot: str, source: str, event: str) -> None:
        work_order = work_order_or_unit
        if work_order_or_unit in self.units:
            with self.engine.connect() as c:
                work_order = c.scalar(
                    select(UnitRow.work_order).where(UnitRow.id == self.units[work_order_or_unit])
                )
        row = {
            "work_order": work_order,
            "lot_id": self.lots[lot],
            "qty": Decimal(2),
            "operation": "10",
            "source": source,
            "event_id": event,
        }
        self._insert(ConsumptionRow, row)

    def kit(self, work_order: str, lot: str) -> None:
        self.consume(work_order, lot, "kit", self.event("material_kitted"))

    def lineage(self, source: str, result: str, kind: str) -> None:
        row = {
            "source_lot_id": self.lots[source],
            "result_lot_id": self.lots[result],
            "kind": kind,
            "qty": Decimal(10),
            "event_id": self.event(f"lot_{kind}"),
        }
        self._insert(LotLineageRow, row)

    def history(self, serial: str, kind: str, operator: str | None, **more: Any) -> None:
        signed_by = more.pop("signed_by", None)
        event = self.event(kind, signed_by=signed_by, signature_meaning="approved")
        row = {
            "part": more.pop("part", "FG"),
            "serial": serial,
            "role": "unit",
            "event_id": event,
            "station": "LINE-T",
            "seq": self.seq,
            "kind": kind,
            "operator": operator,
            "signed_by": signed_by,
            "time": self.at(self.seq),
            **more,
        }
        self._insert(UnitHistoryRow, row)

    def _insert(self, model: Any, row: dict[str, Any]) -> int:
        with self.engine.begin() as c:
            key = c.execute(insert(table_of(model)).values(row)).inserted_primary_key
        return int(key[0]) if key and isinstance(key[0], int) else 0


def build(engine: Engine) -> Engine:
    import_master_data(engine, PLANT)
    g = Genealogy(engine)
    for serial in ("S1", "S2", "S3", "S4", "S5", "S6"):
        g.unit("SUB", serial, "WO-SUB")
    for serial in ("K1", "K2"):
        g.unit("SUB", serial, "WO-PASTED")
    g.unit("SUB", "X1", "WO-OTHER")
    for serial in ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"):
        g.unit("FG", serial, "WO-FG")
    # S1 holds C1 and was installed in F1, then (offline, contested) in F2 too.
    g.install("S1", lot="C1")
    g.install("F1", unit="S1")
    g.install("F2", unit="S1", contested_by="conflict-1")
    # S2 holds C1; it was in F3, taken out and put into F4.
    g.install("S2", lot="C1")
    g.install("F3", unit="S2", removed=True)
    g.install("F4", unit="S2", signed_by=LEAD)
    # S3 had C1 taken out and C9 put in; S3 is in F5.
    g.install("S3", lot="C1", removed=True)
    g.install("S3", lot="C9")
    g.install("F5", unit="S3")
    # C1 was split into C1-A, which was merged with C-OTHER into C-MIX; S4 holds C-MIX.
    g.lineage("C1", "C1-A", "split")
    g.lineage("C1-A", "C-MIX", "merge")
    g.lineage("C-OTHER", "C-MIX", "merge")
    g.install("S4", lot="C-MIX")
    g.install("F6", unit="S4")
    # S5 holds C-OTHER only; S6 holds nothing.
    g.install("S5", lot="C-OTHER")
    # PASTE P1 was kitted to WO-PASTED (K1, K2), twice; K1 is in F7.
    g.kit("WO-PASTED", "P1")
    g.kit("WO-PASTED", "P1")
    g.install("F7", unit="K1")
    # X1 holds C9 and sits in F8.
    g.install("X1", lot="C9")
    g.install("F8", unit="X1")
    # F1's history.
    g.history("F1", "unit_registered", "B-2001", work_order="WO-FG")
    g.history(
        "F1", "child_unit_installed", "B-2001", other_kind="unit", other_part="SUB", other="S1"
    )
    g.history("F1", "label_reprinted", None)
    g.history("F1", "deviation_recorded", LEAD, signed_by=LEAD, note="NCR 7")
    return engine


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def plant(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = open_database(str(tmp_path_factory.mktemp("walks") / "walks.sqlite"))
        yield build(engine)
        engine.dispose()
        return
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"ts_walks_{uuid.uuid4().hex[:10]}"
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    engine = open_database(PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
    try:
        yield build(engine)
    finally:
        engine.dispose()
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def ask(engine: Engine, question: Any, *args: Any) -> Any:
    with Session(engine) as s:
        return question(s, *args)


def serials(units: list[dict[str, Any]]) -> list[str]:
    return [f"{u['part']}/{u['serial']}" for u in units]


def test_a_recall_counts_both_parents_of_a_contested_child_and_follows_splits_and_merges(
    plant: Engine,
) -> None:
    scope = ask(plant, recall_scope, "C1", "CAP")["unit_scope"]

    assert serials(scope["units"]) == [
        "FG/F1", "FG/F2", "FG/F4", "FG/F6", "SUB/S1", "SUB/S2", "SUB/S4",
    ]  # fmt: skip
    assert scope["count"] == 7
    # F3 had S2 taken out; S3 had C1 taken out, and F5 still holds S3.
    assert serials(scope["removed"]) == ["FG/F3", "FG/F5", "SUB/S3"]


def test_a_lot_merged_from_another_reaches_only_its_own_descendants(plant: Engine) -> None:
    merged = ask(plant, recall_scope, "C-MIX", "CAP")["unit_scope"]
    other = ask(plant, forward_from_lot, "C-OTHER", None)["units"]

    assert serials(merged["units"]) == ["FG/F6", "SUB/S4"]
    assert merged["removed"] == []
    assert serials(other) == ["FG/F6", "SUB/S4", "SUB/S5"]


def test_the_forward_trace_of_a_lot_lists_what_holds_it_now_as_the_recall_does(
    plant: Engine,
) -> None:
    forward = ask(plant, forward_from_lot, "C1", "CAP")["units"]

    assert forward == ask(plant, recall_scope, "C1", "CAP")["unit_scope"]["units"]
    assert forward[0] == {
        "part": "FG", "serial": "F1", "work_order": "WO-FG", "status": "in_progress",
        "container": None,
    }  # fmt: skip


def test_a_lot_kitted_to_a_work_order_reaches_all_its_units_and_what_holds_them(
    plant: Engine,
) -> None:
    scope = ask(plant, recall_scope, "P1", "PASTE")

    assert serials(scope["unit_scope"]["units"]) == ["FG/F7", "SUB/K1", "SUB/K2"]
    assert ask(plant, kitted_work_orders, "P1", "PASTE") == ["WO-PASTED"]
    assert scope["lot_scope"]["work_orders"] == ["WO-FG", "WO-PASTED"]
    assert scope["lot_scope"]["count"] == 10  # K1, K2 and every FG of WO-FG


def test_the_lot_only_scope_climbs_through_work_orders_removed_links_included(
    plant: Engine,
) -> None:
    scope = ask(plant, recall_scope, "C9", "CAP")

    assert serials(scope["unit_scope"]["units"]) == ["FG/F5", "FG/F8", "SUB/S3", "SUB/X1"]
    assert scope["lot_scope"]["work_orders"] == ["WO-FG", "WO-OTHER", "WO-SUB"]
    assert scope["lot_scope"]["count"] == 15  # all of WO-SUB, WO-OTHER and WO-FG


def test_the_as_built_tree_keeps_a_removed_child_marked_and_the_leads_signature(
    plant: Engine,
) -> None:
    taken_out = ask(plant, backward, "F3", "FG")
    signed = ask(plant, backward, "F4", None)

    (child,) = taken_out["children"]
    assert (child["serial"], child["removed_at"] is not None) == ("S2", True)
    assert [(n["lot"], n["removed_at"]) for n in child["children"]] == [("C1", None)]
    assert child["signature"] is None
    (again,) = signed["children"]
    assert again["removed_at"] is None
    assert again["signature"]["name"] == "Lee Marsh (then)"
    assert list(again) == [
        "part", "serial", "qty", "operation", "installed_at", "removed_at", "children",
        "signature",
    ]  # fmt: skip


def test_the_as_built_tree_shows_what_was_kitted_to_each_units_work_order_once_summed(
    plant: Engine,
) -> None:
    tree = ask(plant, backward, "F7", "FG")

    (sub,) = tree["children"]
    (paste,) = sub["children"]
    assert (paste["part"], paste["lot"], paste["kitted_to"], paste["qty"]) == (
        "PASTE", "P1", "WO-PASTED", "4",
    )  # fmt: skip
    assert list(paste) == [
        "part", "lot", "qty", "operation", "installed_at", "removed_at", "kitted_to",
        "children", "signature",
    ]  # fmt: skip


def test_a_contested_child_is_in_the_tree_of_both_parents_and_holds_both_as_where_used(
    plant: Engine,
) -> None:
    for parent in ("F1", "F2"):
        (child,) = ask(plant, backward, parent, "FG")["children"]
        assert (child["serial"], [n["lot"] for n in child["children"]]) == ("S1", ["C1"])
    assert serials(ask(plant, forward_from_unit, "S1", "SUB")["units"]) == ["FG/F1", "FG/F2"]
    assert serials(ask(plant, forward_from_unit, "S2", "SUB")["units"]) == ["FG/F4"]


def test_a_units_history_names_its_operators_and_the_lead_who_signed(plant: Engine) -> None:
    history = ask(plant, unit_history, "F1", "FG")

    assert [e["kind"] for e in history["events"]] == [
        "unit_registered", "child_unit_installed", "label_reprinted", "deviation_recorded",
    ]  # fmt: skip
    assert [e["operator_name"] for e in history["events"]] == [
        "Dana Ilie", "Dana Ilie", None, "Lee Marsh",
    ]  # fmt: skip
    assert history["events"][1]["other"] == {"kind": "unit", "part": "SUB", "id": "S1"}
    assert [bool(e["signature"]) for e in history["events"]] == [False, False, False, True]
    assert history["events"][3]["signature"]["meaning"] == "approved"


def test_an_unknown_or_ambiguous_name_is_refused_with_what_to_give(plant: Engine) -> None:
    with pytest.raises(TraceError, match="No unit with serial F99 of FG is recorded"):
        ask(plant, backward, "F99", "FG")
    with pytest.raises(TraceError, match="No lot C77 is recorded"):
        ask(plant, recall_scope, "C77", None)
    with pytest.raises(TraceError, match="No unit with serial F99 is recorded"):
        ask(plant, unit_history, "F99", None)
