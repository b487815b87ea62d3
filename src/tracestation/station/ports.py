"""What the station core needs from the outside world, as protocols.

The store implements `PlantReader` and `Journal` on a database; tests may use the same store on an
in-memory SQLite database. Both are called from the thread that owns the station.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from tracestation.domain.events import DomainEvent
from tracestation.domain.model import (
    BomLine,
    Container,
    InstalledChild,
    Lot,
    Operator,
    Part,
    Routing,
    Unit,
    WorkOrder,
)


class PlantReader(Protocol):
    def refresh(self) -> None:
        """Called at the start of every scan: a reader that caches master data checks it here."""
        ...

    def operator(self, badge: str) -> Operator | None: ...
    def work_order(self, number: str) -> WorkOrder | None: ...
    def part(self, number: str) -> Part | None: ...
    def part_by_gtin(self, gtin: str) -> Part | None: ...
    def part_by_supplier_part(self, supplier_part: str) -> Part | None: ...
    def routing(self, part: str) -> Routing | None: ...
    def bom_lines(self, parent: str, operation: str) -> list[BomLine]: ...
    def lot(self, part: str, code: str) -> Lot | None: ...
    def lots_by_code(self, code: str) -> list[Lot]: ...
    def unit(self, part: str, serial: str) -> Unit | None: ...
    def units_by_serial(self, serial: str) -> list[Unit]: ...
    def installed_children(self, part: str, serial: str) -> list[InstalledChild]: ...
    def installed_in(self, part: str, serial: str) -> Unit | None: ...
    def unit_count(self, work_order: str) -> int: ...
    def kitted_quantity(self, work_order: str, part: str, operation: str) -> Decimal: ...
    def open_container(self, work_order: str) -> Container | None: ...
    def container(self, sscc: str) -> Container | None: ...
    def container_count(self) -> int: ...


@dataclass(frozen=True)
class Signature:
    """A lead's electronic signature on an action: who, and what the signature means."""

    badge: str
    meaning: str


@dataclass(frozen=True)
class RejectedScan:
    station: str
    time: datetime
    operator: str | None
    raw: str
    code: str
    message: str


class RecordNotSaved(RuntimeError):
    """The journal could not commit (database unreachable, disk full, locked too long):
    nothing of the scan was recorded."""


class Journal(Protocol):
    def record(
        self,
        events: Sequence[DomainEvent],
        *,
        operator: str | None,
        reason: str | None = None,
        signature: Signature | None = None,
        manual: bool = False,
    ) -> list[str]:
        """Append the events to the station's chain and update the projections, in one
        transaction. Returns the event ids once the transaction is committed (durable).
        `manual` marks events caused by text typed in by hand instead of scanned."""
        ...

    def log_rejection(self, rejected: RejectedScan) -> None: ...


@dataclass(frozen=True)
class SavedWork:
    """What a station was working on: kept across restarts so the operator picks up there."""

    work_order: str
    operation: str | None
    unit: tuple[str, str] | None


class WorkMemory(Protocol):
    def recall(self, station: str) -> SavedWork | None: ...
    def remember(self, station: str, work: SavedWork | None) -> None: ...


class PinVerifier(Protocol):
    def verify(self, pin_hash: str, pin: str) -> bool: ...


class LabelPrinter(Protocol):
    def print_container_label(self, container: Container) -> None: ...
    def print_unit_label(self, unit: Unit) -> None: ...


class Clock(Protocol):
    def now(self) -> datetime: ...
    def today(self) -> date: ...
