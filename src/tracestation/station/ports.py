"""What the station core needs from the outside world, as protocols.

The store implements them on a database (SQLite or PostgreSQL); `tests/support/fakes.py` in memory.
Every scan and every lead action is one `Transaction`: the reads its decision depends on, the
journal append with its projections, the station's work memory and any identity it allocates
commit together or not at all. All are called from the thread that owns the station.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from tracestation.domain.conflicts import Conflict, ParentLink
from tracestation.domain.events import DomainEvent
from tracestation.domain.model import (
    BomLine,
    Container,
    Defect,
    InstalledChild,
    Lot,
    Nonconformance,
    Operator,
    Part,
    Routing,
    Unit,
    WorkOrder,
)
from tracestation.domain.pins import PinState

if TYPE_CHECKING:
    from tracestation.station.verdicts import LabelToPrint


class PlantReader(Protocol):
    def refresh(self, unit: tuple[str, str] | None = None) -> None:
        """Called at the start of every scan: a reader that caches master data checks it here.
        `unit` is the unit in work (part, serial): a reader inside a unit of work may read it,
        locked, in the same statement."""
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
    def conflict(self, conflict_id: str) -> Conflict | None: ...
    def parents_of(self, part: str, serial: str) -> list[ParentLink]:
        """The active links of a child unit to parents: one, or more when offline stations
        installed it twice (the later ones contested)."""
        ...

    def defect(self, code: str) -> Defect | None:
        """The defect of the catalogue in master data with this code."""
        ...

    def has_defects(self) -> bool:
        """Whether master data has a defect catalogue: then a failed test needs its code."""
        ...

    def nonconformance(self, number: str) -> Nonconformance | None: ...
    def tester_file_imported(self, content_hash: str) -> bool:
        """Whether a tester's result file with these bytes (SHA-256) is on record."""
        ...

    def pin_state(self, badge: str) -> PinState:
        """The badge's wrong PIN tries in a row and its lock, as the record has them (a clean
        state when it has none). Inside a unit of work the row is held until the commit, so two
        stations checking one badge at once count both tries."""
        ...


@dataclass(frozen=True)
class Signature:
    """A lead's electronic signature on an action (21 CFR 11.50): who (the badge, and the
    printed name as it was when signing) and what the signature means. The journal keeps the
    time; the name and the meaning go into the event's payload (`signature_name`,
    `signature_meaning`)."""

    badge: str
    meaning: str
    name: str


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


class RaceLost(RecordNotSaved):
    """Another station changed what this transaction decided on at the same moment (a deadlock,
    a serialization failure, or a constraint of the schema that refused the write). Nothing was
    recorded; judged again on what the other station wrote, the scan gets its true verdict."""


class CommitUncertain(RecordNotSaved):
    """The connection to the database broke after the transaction asked to commit: the server
    may have committed it or not, and nobody can tell at once (it may still be committing what
    it read). Never judged again by the station: the operator is told it may be recorded."""


class ConnectionLost(RecordNotSaved):
    """The connection to the database broke before the transaction asked to commit (the server
    restarted, the network cut an idle connection): nothing of it was recorded, and on a new
    connection the same work may be done once more. Never raised once the commit was asked for:
    then whether it was recorded is not known (`CommitUncertain`)."""


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
        """Append the events to the station's chain and update the projections, inside the
        unit of work's transaction: durable when the transaction commits, undone with it.
        Returns the event ids. `manual` marks events caused by text typed in by hand instead
        of scanned."""
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


class Identities(Protocol):
    def next_container_serial(self) -> int:
        """The serial reference of the next carton's SSCC: never the same for two stations
        sharing a database. Allocated inside the scan's transaction."""
        ...

    def next_unit_number(self) -> int | None:
        """A number for a serial `CMD:NEW` assigns, from the blocks the centre reserved for
        this station; None when it holds none (serials are then counted per work order)."""
        ...

    def next_nonconformance_number(self) -> str:
        """The number of a nonconformance a lead opens without one (by scan): it names this
        station and counts on its database, so two stations never give out the same number,
        even in the same second. Allocated inside the action's transaction."""
        ...


class PrintJobs(Protocol):
    def enqueue(self, label: LabelToPrint, reprint_by: str | None = None) -> None:
        """Keep a print job for `label` in the unit of work: it is durable with the scan (or
        the lead's signed reprint, `reprint_by` the lead's badge) that calls for it, and stays
        until the printer took it (`station.print_queue`)."""
        ...


class Transaction(Protocol):
    """One unit of work. Its `plant` reads inside the transaction and locks the rows a scan
    may change; nothing is durable until `commit()` returns, and leaving the `with` block
    without it undoes everything."""

    @property
    def plant(self) -> PlantReader: ...
    @property
    def journal(self) -> Journal: ...
    @property
    def memory(self) -> WorkMemory: ...
    @property
    def identities(self) -> Identities: ...
    @property
    def print_jobs(self) -> PrintJobs: ...

    def commit(self) -> None: ...


class Transactions(Protocol):
    def begin(self) -> AbstractContextManager[Transaction]:
        """Open a unit of work. Database faults leave it as `RecordNotSaved`, lost races
        between stations as `RaceLost` (worth running again), a connection that broke before
        the commit as `ConnectionLost` (worth running again once, on a new connection), and
        one that broke after the commit was asked for as `CommitUncertain` (not to be run
        again: it may be recorded)."""
        ...

    def log_rejection(self, rejected: RejectedScan) -> None:
        """Log a rejection in a transaction of its own (when the scan's own was undone)."""
        ...


class PinVerifier(Protocol):
    def verify(self, pin_hash: str, pin: str) -> bool: ...


class LabelPrinter(Protocol):
    def print_container_label(self, container: Container) -> None: ...
    def print_unit_label(self, unit: Unit) -> None: ...
    def print_waiting(self) -> str | None:
        """Print the station's print jobs that are due (after a commit); the printer's words
        when one did not print (it stays queued and is tried again), else None."""
        ...


class Clock(Protocol):
    def now(self) -> datetime: ...
    def today(self) -> date: ...
