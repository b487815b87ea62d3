"""The database tables. One metadata and one Alembic history for SQLite and PostgreSQL.

`events` is the journal (append-only, hash-chained per station); every other table except master
data is a projection of it, updated in the same transaction as the event is written.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Quantity = Numeric(18, 6)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PartRow(Base):
    __tablename__ = "parts"
    number: Mapped[str] = mapped_column(String(64), primary_key=True)
    description: Mapped[str] = mapped_column(String(200), default="")
    tracking: Mapped[str] = mapped_column(String(16))
    uom: Mapped[str] = mapped_column(String(16), default="ea")
    gtin: Mapped[str | None] = mapped_column(String(14), unique=True)
    shelf_life_days: Mapped[int | None] = mapped_column(Integer)


class SupplierPartRow(Base):
    """A supplier's part number (ISO/IEC 15434 `1P`) that names one of our parts."""

    __tablename__ = "supplier_parts"
    supplier_part: Mapped[str] = mapped_column(String(64), primary_key=True)
    part: Mapped[str] = mapped_column(ForeignKey("parts.number"), index=True)


class OperationRow(Base):
    __tablename__ = "routing_operations"
    part: Mapped[str] = mapped_column(ForeignKey("parts.number"), primary_key=True)
    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    pack_qty: Mapped[int | None] = mapped_column(Integer)
    instructions: Mapped[str | None] = mapped_column(Text)
    instructions_image: Mapped[str | None] = mapped_column(String(500))


class BomLineRow(Base):
    __tablename__ = "bom_lines"
    __table_args__ = (UniqueConstraint("parent", "child", "operation"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    parent: Mapped[str] = mapped_column(ForeignKey("parts.number"), index=True)
    child: Mapped[str] = mapped_column(ForeignKey("parts.number"))
    qty: Mapped[Decimal] = mapped_column(Quantity)
    operation: Mapped[str] = mapped_column(String(16))


class WorkOrderRow(Base):
    __tablename__ = "work_orders"
    number: Mapped[str] = mapped_column(String(64), primary_key=True)
    part: Mapped[str] = mapped_column(ForeignKey("parts.number"))
    quantity: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="released")


class OperatorRow(Base):
    __tablename__ = "operators"
    badge: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str | None] = mapped_column(String(200))


class LotRow(Base):
    __tablename__ = "lots"
    __table_args__ = (
        UniqueConstraint("part", "code"),
        # Two stations drawing on one lot can never take more than it holds.
        CheckConstraint("quantity >= 0", name="quantity_not_negative"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    part: Mapped[str] = mapped_column(ForeignKey("parts.number"))
    code: Mapped[str] = mapped_column(String(64), index=True)
    quantity: Mapped[Decimal] = mapped_column(Quantity)
    expiry: Mapped[date | None] = mapped_column(Date)
    supplier: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16), default="released")
    status_reason: Mapped[str | None] = mapped_column(String(200))
    status_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LotLineageRow(Base):
    """A lot made from another: a split child, or the result of a merge."""

    __tablename__ = "lot_lineage"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    result_lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    qty: Mapped[Decimal] = mapped_column(Quantity)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))


class LotDispositionRow(Base):
    """Every status change of a lot, with the reason and who signed it."""

    __tablename__ = "lot_dispositions"
    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    previous: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(200))
    signed_by: Mapped[str | None] = mapped_column(String(64))
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))


class UnitRow(Base):
    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("part", "serial"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    part: Mapped[str] = mapped_column(ForeignKey("parts.number"))
    serial: Mapped[str] = mapped_column(String(64), index=True)
    work_order: Mapped[str] = mapped_column(ForeignKey("work_orders.number"), index=True)
    status: Mapped[str] = mapped_column(String(16))
    last_operation: Mapped[str | None] = mapped_column(String(16))
    container: Mapped[str | None] = mapped_column(String(18), index=True)
    registered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


_ACTIVE_CHILD_UNIT = text(
    "child_unit_id IS NOT NULL AND removed_event IS NULL AND contested_by IS NULL"
)


class GenealogyLinkRow(Base):
    """Parent unit <- child unit, or parent unit <- quantity of a child lot. Never deleted.
    A child unit has at most one active parent: the schema refuses a second, unless the second
    is `contested_by` a conflict — an offline station installed a child another station had
    already installed; both count in a recall until a lead resolves the conflict."""

    __tablename__ = "genealogy_links"
    __table_args__ = (
        Index(
            "uq_genealogy_links_one_active_parent",
            "child_unit_id",
            unique=True,
            sqlite_where=_ACTIVE_CHILD_UNIT,
            postgresql_where=_ACTIVE_CHILD_UNIT,
        ),
        # The upward walks (forward trace, recall) step from a child to its parents: with
        # whether the link was removed and the parent in the index, a step reads no table row.
        Index(
            "ix_genealogy_links_child_unit_walk", "child_unit_id", "removed_event", "parent_unit_id"
        ),
        Index(
            "ix_genealogy_links_child_lot_walk", "child_lot_id", "removed_event", "parent_unit_id"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    child_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    child_lot_id: Mapped[int | None] = mapped_column(ForeignKey("lots.id"))
    qty: Mapped[Decimal] = mapped_column(Quantity)
    operation: Mapped[str] = mapped_column(String(16))
    # Indexed: a removal (rework, a lead's resolution of a conflict) finds its link by the event
    # that installed it.
    installed_event: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    installed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_event: Mapped[str | None] = mapped_column(ForeignKey("events.id"))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    contested_by: Mapped[str | None] = mapped_column(String(36))


_KITTED = text("source = 'kit'")


class ConsumptionRow(Base):
    """Material a work order used: kitted against it, or installed in one of its units.
    Kitting is rare beside installs, and the trace asks for the kits of a work order or of a
    lot at every step: two small partial indexes hold only the kits (a query must say
    `source = 'kit'` literally, not as a parameter, for the database to use them)."""

    __tablename__ = "consumptions"
    __table_args__ = (
        Index(
            "ix_consumptions_kits_of_work_order",
            "work_order",
            sqlite_where=_KITTED,
            postgresql_where=_KITTED,
        ),
        Index(
            "ix_consumptions_kits_of_lot", "lot_id", sqlite_where=_KITTED, postgresql_where=_KITTED
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    work_order: Mapped[str] = mapped_column(ForeignKey("work_orders.number"), index=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    qty: Mapped[Decimal] = mapped_column(Quantity)
    operation: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(8))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))


class TestRecordRow(Base):
    __tablename__ = "test_records"
    __test__ = False  # not a pytest test class
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    test: Mapped[str] = mapped_column(String(100))
    operation: Mapped[str] = mapped_column(String(16))
    passed: Mapped[bool] = mapped_column(Boolean)
    station: Mapped[str] = mapped_column(String(64))
    operator: Mapped[str | None] = mapped_column(String(64))
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # A tester's result file: SHA-256 of its bytes (the same file imported again adds nothing),
    # its name, and when the tester says it tested. Null for CMD:PASS / CMD:FAIL.
    attachment_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    source: Mapped[str | None] = mapped_column(String(200))
    tested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MeasurementRow(Base):
    __tablename__ = "measurements"
    id: Mapped[int] = mapped_column(primary_key=True)
    test_record_id: Mapped[int] = mapped_column(ForeignKey("test_records.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    value: Mapped[Decimal] = mapped_column(Quantity)
    unit: Mapped[str | None] = mapped_column(String(16))
    low: Mapped[Decimal | None] = mapped_column(Quantity)
    high: Mapped[Decimal | None] = mapped_column(Quantity)
    passed: Mapped[bool | None] = mapped_column(Boolean)


class DefectRow(Base):
    """The defect catalogue (master data): codes scanned as DEF:<code>."""

    __tablename__ = "defects"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    description: Mapped[str] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(64))


class DefectRecordRow(Base):
    """A defect code given at a station to a unit's failed test (`source` "test", the test
    record it explains) or to a part taken out of it in rework ("removal", `reference` the event
    that had installed it). A projection of `defect_recorded`; nonconformances keep their own."""

    __tablename__ = "defect_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    work_order: Mapped[str] = mapped_column(String(64), index=True)
    operation: Mapped[str] = mapped_column(String(16))
    defect_code: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(16))
    test_record_id: Mapped[int | None] = mapped_column(ForeignKey("test_records.id"))
    reference: Mapped[str | None] = mapped_column(String(36))
    station: Mapped[str] = mapped_column(String(64))
    operator: Mapped[str | None] = mapped_column(String(64))
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))


class ContainerRow(Base):
    """A carton or pallet. `packed` counts what went in; the schema refuses more than
    `capacity`."""

    __tablename__ = "containers"
    __table_args__ = (
        CheckConstraint("capacity IS NULL OR packed <= capacity", name="not_over_capacity"),
    )
    sscc: Mapped[str] = mapped_column(String(18), primary_key=True)
    work_order: Mapped[str] = mapped_column(ForeignKey("work_orders.number"), index=True)
    part: Mapped[str] = mapped_column(ForeignKey("parts.number"))
    capacity: Mapped[int | None] = mapped_column(Integer)
    packed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    station: Mapped[str] = mapped_column(String(64))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class NonconformanceRow(Base):
    __tablename__ = "nonconformances"
    number: Mapped[str] = mapped_column(String(32), primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(8))
    part: Mapped[str] = mapped_column(ForeignKey("parts.number"))
    subject: Mapped[str] = mapped_column(String(64))
    defect_code: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    disposition: Mapped[str] = mapped_column(String(24))
    signed_by: Mapped[str | None] = mapped_column(String(64))
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    status: Mapped[str] = mapped_column(String(8), default="open", server_default="open")
    closed_by: Mapped[str | None] = mapped_column(String(64))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closing_note: Mapped[str | None] = mapped_column(Text)
    closed_event: Mapped[str | None] = mapped_column(String(36))


class DeviationRow(Base):
    __tablename__ = "deviations"
    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(48))
    subject: Mapped[str] = mapped_column(String(140))
    work_order: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(200))
    lead: Mapped[str] = mapped_column(String(64))
    station: Mapped[str] = mapped_column(String(64))
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))


class EventRow(Base):
    """The journal. Append-only; `hash` chains each station's events."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("station", "seq"),
        Index("ix_events_kind_time", "kind", "time"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    time: Mapped[str] = mapped_column(String(32))
    operator: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(48))
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(String(200))
    signed_by: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    synced_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The central database's order of arrival; stations learn it when they pull.
    central_seq: Mapped[int | None] = mapped_column(BigInteger, unique=True)


class StationHeadRow(Base):
    """The last event each station wrote, so a removed tail of the chain is noticed, and the
    last one the central database has (`synced_seq`): what waits for sync is the difference."""

    __tablename__ = "station_heads"
    station: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    synced_seq: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class StationWorkRow(Base):
    """What each station is working on, so it picks up there after a restart."""

    __tablename__ = "station_work"
    station: Mapped[str] = mapped_column(String(64), primary_key=True)
    work_order: Mapped[str] = mapped_column(String(64))
    operation: Mapped[str | None] = mapped_column(String(16))
    unit_part: Mapped[str | None] = mapped_column(String(64))
    unit_serial: Mapped[str | None] = mapped_column(String(64))


class PlantMetaRow(Base):
    """Small counters about the record; `master_data` goes up with every import that changes it,
    so stations know when to drop the master data they hold in memory."""

    __tablename__ = "plant_meta"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class ConflictRow(Base):
    """Something that physically happened at a station broke a rule the centre knows of: kept,
    and raised for a lead to resolve."""

    __tablename__ = "conflicts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    subject_kind: Mapped[str] = mapped_column(String(16))
    part: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    other_event_id: Mapped[str | None] = mapped_column(String(36))
    stations: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text)
    nonconformance: Mapped[str | None] = mapped_column(String(32))
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolution: Mapped[str | None] = mapped_column(String(32))
    resolved_by: Mapped[str | None] = mapped_column(String(64))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    raised_event: Mapped[str] = mapped_column(String(36))


class ParkedEventRow(Base):
    """A well-chained event the centre could not read (unknown kind, broken payload): kept in
    the journal and listed here, without holding back the events after it."""

    __tablename__ = "parked_events"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    station: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    parked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SyncTargetRow(Base):
    """How far this database has pushed its stations' journals to a central database, and
    pulled from it, by the centre's identity (not its URL, not a flag on the events)."""

    __tablename__ = "sync_targets"
    central: Mapped[str] = mapped_column(String(36), primary_key=True)
    station: Mapped[str] = mapped_column(String(64), primary_key=True)
    pushed_seq: Mapped[int] = mapped_column(Integer, default=0)
    pulled_central_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    pushed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pulled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AcknowledgedHeadRow(Base):
    """The last event of each station a central database acknowledged having (its seq and
    hash), per centre: kept when a push commits there, so `audit verify` notices a tail of the
    journal removed or rewritten here after the centre took it, and can hold the centre to it."""

    __tablename__ = "acknowledged_heads"
    central: Mapped[str] = mapped_column(String(36), primary_key=True)
    station: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    acknowledged_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DatabaseIdentityRow(Base):
    """One row: this database's own id, so a station knows which centre it synced with."""

    __tablename__ = "database_identity"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IdentityBlockRow(Base):
    """Numbers a station may give out on its own (carton SSCC serial references, `CMD:NEW`
    serials): reserved for it by the centre, so offline stations never give the same one."""

    __tablename__ = "identity_blocks"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    first: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    last: Mapped[int] = mapped_column(BigInteger)
    station: Mapped[str] = mapped_column(String(64), index=True)
    next: Mapped[int] = mapped_column(BigInteger)


class PinStateRow(Base):
    """A lead badge's PIN as the PIN events left it: wrong tries in a row and the lock, if any.
    A projection of `pin_rejected`, `pin_locked`, `pin_unlocked` and `pin_failures_cleared`
    (from any station: a lock at one holds at all of them once they share the record). No row:
    no wrong try since the badge's last clean start."""

    __tablename__ = "pin_states"
    __table_args__ = (CheckConstraint("failures >= 0", name="failures_not_negative"),)
    badge: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    changed_event: Mapped[str] = mapped_column(String(36))


class RejectedScanRow(Base):
    __tablename__ = "rejected_scans"
    id: Mapped[int] = mapped_column(primary_key=True)
    station: Mapped[str] = mapped_column(String(64))
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    operator: Mapped[str | None] = mapped_column(String(64))
    raw: Mapped[str] = mapped_column(String(4096))
    code: Mapped[str] = mapped_column(String(48))
    message: Mapped[str] = mapped_column(Text)


class PrintJobRow(Base):
    """A label to print, kept until the printer took it. Written in the transaction of the scan
    that calls for it (so an accepted scan always has its job); the station's printer worker
    then only moves its status: queued -> printing -> printed, or failed with the printer's
    words and the time of the next try. A lead's reprint is a job too (`reprint_by`)."""

    __tablename__ = "print_jobs"
    __table_args__ = (Index("ix_print_jobs_station_status", "station", "status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    station: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # unit | container
    subject: Mapped[str] = mapped_column(String(160))  # PART/SERIAL or the SSCC
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_try_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    printed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reprint_by: Mapped[str | None] = mapped_column(String(64))


def table_of(model: type[Base]) -> Table:
    """The Core table of a model, for the hot path's plain statements."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class UnitHistoryRow(Base):
    """Each event a unit took part in, one row per unit it touched (`store.unit_history`):
    a unit's history is an index range, not a scan of the journal."""

    __tablename__ = "unit_history"
    __table_args__ = (Index("ix_unit_history_serial", "serial", "part", "time"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    part: Mapped[str] = mapped_column(String(64))
    serial: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(8))
    event_id: Mapped[str] = mapped_column(String(36))
    station: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(48))
    operation: Mapped[str | None] = mapped_column(String(16))
    work_order: Mapped[str | None] = mapped_column(String(64))
    operator: Mapped[str | None] = mapped_column(String(64))
    signed_by: Mapped[str | None] = mapped_column(String(64))
    time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    other_kind: Mapped[str | None] = mapped_column(String(16))
    other_part: Mapped[str | None] = mapped_column(String(64))
    other: Mapped[str | None] = mapped_column(String(64))
    qty: Mapped[Decimal | None] = mapped_column(Quantity)
    outcome: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(String(200))
