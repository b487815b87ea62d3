"""The deviations recorded (signed overrides), newest first: when, what was waived, on what, why,
and the lead's signature with the printed name and its meaning."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tracestation.station.queries import Deviation
from tracestation.ui.record_table import RecordTable, RecordTableView


class DeviationsModel(RecordTable[Deviation]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                self.tr("When"),
                self.tr("Rule waived"),
                self.tr("Subject"),
                self.tr("Work order"),
                self.tr("Reason"),
                self.tr("Signed by"),
                self.tr("Meaning"),
            ),
            parent,
        )

    def cells(self, record: Deviation) -> tuple[str, ...]:
        signature = record.signature
        return (
            record.time.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            record.rule.replace("_", " "),
            record.subject,
            record.work_order or "",
            record.reason,
            # The printed name as it was when signing, and the badge (21 CFR 11.50).
            f"{signature.name} ({signature.badge})" if signature else record.lead,
            signature.meaning if signature else "",
        )


class DeviationsView(RecordTableView):
    def __init__(self, model: DeviationsModel, parent: QWidget | None = None) -> None:
        super().__init__(model, "deviations", parent)
