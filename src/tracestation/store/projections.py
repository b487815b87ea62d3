"""How each event changes the state tables. Runs inside the journal's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import singledispatch

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracestation.domain import events as ev
from tracestation.domain.model import LotStatus, UnitStatus
from tracestation.store.tables import (
    ConsumptionRow,
    ContainerRow,
    DeviationRow,
    GenealogyLinkRow,
    LotDispositionRow,
    LotLineageRow,
    LotRow,
    NonconformanceRow,
    TestRecordRow,
    UnitRow,
)


class ProjectionError(RuntimeError):
    """The event does not fit the state it should change; the transaction is rolled back."""


@dataclass(frozen=True)
class Written:
    event_id: str
    time: datetime
    station: str
    operator: str | None
    signed_by: str | None


def unit_row(s: Session, part: str, serial: str) -> UnitRow:
    row = s.scalars(select(UnitRow).where(UnitRow.part == part, UnitRow.serial == serial)).first()
    if row is None:
        raise ProjectionError(f"unit {part}/{serial} does not exist")
    return row


def lot_row(s: Session, part: str, code: str) -> LotRow:
    row = s.scalars(select(LotRow).where(LotRow.part == part, LotRow.code == code)).first()
    if row is None:
        raise ProjectionError(f"lot {part}/{code} does not exist")
    return row


def take_from_lot(lot: LotRow, qty: Decimal) -> None:
    if Decimal(lot.quantity) < qty:
        raise ProjectionError(f"lot {lot.part}/{lot.code} has {lot.quantity}, not {qty}")
    lot.quantity = Decimal(lot.quantity) - qty
    if lot.quantity == 0:
        lot.status = LotStatus.CONSUMED.value


@singledispatch
def project(event: ev.DomainEvent, s: Session, w: Written) -> None:
    """Events without a projection (log-ins, log-outs) live in the journal only."""


@project.register
def _(event: ev.UnitRegistered, s: Session, w: Written) -> None:
    s.add(
        UnitRow(
            part=event.part,
            serial=event.serial,
            work_order=event.work_order,
            status=UnitStatus.IN_PROCESS.value,
            last_operation=None,
            registered_at=w.time,
        )
    )


@project.register
def _(event: ev.OperationCompleted, s: Session, w: Written) -> None:
    unit = unit_row(s, event.part, event.serial)
    if event.rework:
        unit.status = UnitStatus.IN_REWORK.value
    else:
        unit.last_operation = event.operation


@project.register
def _(event: ev.ChildUnitInstalled, s: Session, w: Written) -> None:
    parent = unit_row(s, event.parent_part, event.parent_serial)
    child = unit_row(s, event.child_part, event.child_serial)
    s.add(
        GenealogyLinkRow(
            parent_unit_id=parent.id,
            child_unit_id=child.id,
            qty=Decimal(1),
            operation=event.operation,
            installed_event=w.event_id,
            installed_at=w.time,
        )
    )


@project.register
def _(event: ev.LotInstalled, s: Session, w: Written) -> None:
    parent = unit_row(s, event.parent_part, event.parent_serial)
    lot = lot_row(s, event.part, event.lot)
    take_from_lot(lot, event.qty)
    s.add(
        GenealogyLinkRow(
            parent_unit_id=parent.id,
            child_lot_id=lot.id,
            qty=event.qty,
            operation=event.operation,
            installed_event=w.event_id,
            installed_at=w.time,
        )
    )
    s.add(
        ConsumptionRow(
            work_order=event.work_order,
            lot_id=lot.id,
            qty=event.qty,
            operation=event.operation,
            source="install",
            event_id=w.event_id,
        )
    )


@project.register
def _(event: ev.ChildRemoved, s: Session, w: Written) -> None:
    link = s.scalars(
        select(GenealogyLinkRow).where(GenealogyLinkRow.installed_event == event.installed_event)
    ).first()
    if link is None or link.removed_event is not None:
        raise ProjectionError(f"{event.installed_event} installed nothing still installed")
    link.removed_event = w.event_id
    link.removed_at = w.time
    if link.child_unit_id is not None:
        child = s.get(UnitRow, link.child_unit_id)
        assert child is not None
        child.status = UnitStatus.IN_REWORK.value


@project.register
def _(event: ev.LotConsumed, s: Session, w: Written) -> None:
    lot = lot_row(s, event.part, event.lot)
    take_from_lot(lot, event.qty)
    s.add(
        ConsumptionRow(
            work_order=event.work_order,
            lot_id=lot.id,
            qty=event.qty,
            operation=event.operation,
            source="kit",
            event_id=w.event_id,
        )
    )


@project.register
def _(event: ev.TestRecorded, s: Session, w: Written) -> None:
    unit = unit_row(s, event.part, event.serial)
    s.add(
        TestRecordRow(
            unit_id=unit.id,
            test=event.test,
            operation=event.operation,
            passed=event.passed,
            station=w.station,
            operator=w.operator,
            time=w.time,
            event_id=w.event_id,
        )
    )
    if event.passed:
        unit.status = UnitStatus.PASSED.value
        unit.last_operation = event.operation
    else:
        unit.status = UnitStatus.FAILED.value


@project.register
def _(event: ev.ContainerOpened, s: Session, w: Written) -> None:
    s.add(
        ContainerRow(
            sscc=event.sscc,
            work_order=event.work_order,
            part=event.part,
            capacity=event.capacity,
            closed=False,
            station=w.station,
            opened_at=w.time,
        )
    )


@project.register
def _(event: ev.UnitPacked, s: Session, w: Written) -> None:
    s.flush()
    unit = unit_row(s, event.part, event.serial)
    unit.status = UnitStatus.PACKED.value
    unit.last_operation = event.operation
    unit.container = event.sscc


@project.register
def _(event: ev.ContainerClosed, s: Session, w: Written) -> None:
    container = s.get(ContainerRow, event.sscc)
    if container is None:
        raise ProjectionError(f"container {event.sscc} does not exist")
    container.closed = True
    container.closed_at = w.time


@project.register
def _(event: ev.DeviationRecorded, s: Session, w: Written) -> None:
    s.add(
        DeviationRow(
            rule=event.rule,
            subject=event.subject,
            work_order=event.work_order,
            reason=event.reason,
            lead=event.lead,
            station=w.station,
            time=w.time,
            event_id=w.event_id,
        )
    )


@project.register
def _(event: ev.LotStatusChanged, s: Session, w: Written) -> None:
    lot = lot_row(s, event.part, event.lot)
    lot.status = event.status
    lot.status_reason = event.reason
    lot.status_since = w.time
    s.add(
        LotDispositionRow(
            lot_id=lot.id,
            status=event.status,
            previous=event.previous,
            reason=event.reason,
            signed_by=w.signed_by,
            time=w.time,
            event_id=w.event_id,
        )
    )


@project.register
def _(event: ev.LotSplit, s: Session, w: Written) -> None:
    source = lot_row(s, event.part, event.lot)
    take_from_lot(source, event.qty)
    new = LotRow(
        part=event.part,
        code=event.new_lot,
        quantity=event.qty,
        expiry=source.expiry,
        supplier=source.supplier,
        status=source.status,
        status_reason=source.status_reason,
        status_since=source.status_since,
    )
    s.add(new)
    s.flush()
    s.add(
        LotLineageRow(
            source_lot_id=source.id,
            result_lot_id=new.id,
            kind="split",
            qty=event.qty,
            event_id=w.event_id,
        )
    )


@project.register
def _(event: ev.LotsMerged, s: Session, w: Written) -> None:
    sources = [lot_row(s, event.part, code) for code in event.sources]
    expiries = [lot.expiry for lot in sources if lot.expiry is not None]
    suppliers = {lot.supplier for lot in sources}
    new = LotRow(
        part=event.part,
        code=event.new_lot,
        quantity=Decimal(0),
        expiry=min(expiries) if expiries else None,
        supplier=suppliers.pop() if len(suppliers) == 1 else None,
        status=LotStatus.RELEASED.value,
    )
    s.add(new)
    s.flush()
    for lot in sources:
        qty = Decimal(lot.quantity)
        take_from_lot(lot, qty)
        new.quantity = Decimal(new.quantity) + qty
        s.add(
            LotLineageRow(
                source_lot_id=lot.id,
                result_lot_id=new.id,
                kind="merge",
                qty=qty,
                event_id=w.event_id,
            )
        )


@project.register
def _(event: ev.NonconformanceOpened, s: Session, w: Written) -> None:
    s.add(
        NonconformanceRow(
            number=event.number,
            subject_kind=event.subject_kind,
            part=event.part,
            subject=event.subject,
            defect_code=event.defect_code,
            description=event.description,
            disposition=event.disposition,
            signed_by=w.signed_by,
            time=w.time,
            event_id=w.event_id,
        )
    )
    if event.subject_kind == "unit":
        unit = unit_row(s, event.part, event.subject)
        if event.disposition == "scrap":
            unit.status = UnitStatus.SCRAPPED.value
        elif event.disposition == "rework":
            unit.status = UnitStatus.IN_REWORK.value
    elif event.disposition in ("scrap", "return_to_vendor"):
        lot = lot_row(s, event.part, event.subject)
        lot.status = LotStatus.REJECTED.value
        lot.status_reason = f"NC {event.number}: {event.defect_code}"
        lot.status_since = w.time
