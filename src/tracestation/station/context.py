"""The station's working state between scans: who, which work, which unit, what is pending.

Held in memory by the station core only; the durable record is the journal. After a restart the
operator scans badge, work order and operation again.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracestation.barcodes import Decoded
from tracestation.domain.model import Operation, Operator, Routing, WorkOrder


@dataclass(frozen=True)
class PendingOverride:
    """A scan a lead may waive, waiting for the lead's badge, PIN and reason code."""

    scan: Decoded
    rule: str
    subject: str
    lead: Operator | None = None
    pin_ok: bool = False
    reason: str | None = None
    failed_pins: int = 0


@dataclass(frozen=True)
class DefectWanted:
    """A defect code the station asks for: of the unit's failed test (`source` "test"), or of
    the part just taken out of it in rework ("removal": `reference` is the event that had
    installed it, `removed` what it was)."""

    source: str
    unit: tuple[str, str]
    work_order: str
    operation: str
    reference: str | None = None
    removed: str = ""

    @property
    def label(self) -> str:
        return "/".join(self.unit)


@dataclass(frozen=True)
class Context:
    operator: Operator | None = None
    work_order: WorkOrder | None = None
    routing: Routing | None = None
    operation: Operation | None = None
    unit: tuple[str, str] | None = None
    rework: bool = False
    remove_mode: bool = False
    quantity: Decimal | None = None
    part: str | None = None
    override: PendingOverride | None = None
    defect_for: DefectWanted | None = None

    def cleared_work(self) -> Context:
        """The same operator, work order and operation, with no unit or pending input."""
        return Context(self.operator, self.work_order, self.routing, self.operation)
