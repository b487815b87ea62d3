"""The open conflicts, oldest first, as `tracestation conflicts` lists them: when, what kind, on
what, from which stations, its nonconformance, and what happened (the centre's own sentence)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from tracestation.station.queries import OpenConflict
from tracestation.ui.record_table import RecordTable, RecordTableView
from tracestation.ui.translate import QT_TRANSLATE_NOOP

KINDS = {
    "carton_over_capacity": QT_TRANSLATE_NOOP("ConflictsModel", "carton over capacity"),
    "child_installed_twice": QT_TRANSLATE_NOOP("ConflictsModel", "child installed twice"),
    "does_not_fit": QT_TRANSLATE_NOOP("ConflictsModel", "does not fit the record"),
    "duplicate_serial": QT_TRANSLATE_NOOP("ConflictsModel", "serial used twice"),
    "duplicate_sscc": QT_TRANSLATE_NOOP("ConflictsModel", "carton SSCC used twice"),
    "lot_not_released": QT_TRANSLATE_NOOP("ConflictsModel", "lot not released"),
    "over_consumption": QT_TRANSLATE_NOOP("ConflictsModel", "more used than on hand"),
    "unknown_subject": QT_TRANSLATE_NOOP("ConflictsModel", "unknown unit or lot"),
    "wrong_operation": QT_TRANSLATE_NOOP("ConflictsModel", "wrong operation"),
}


class ConflictsModel(RecordTable[OpenConflict]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                self.tr("When"),
                self.tr("Conflict"),
                self.tr("Subject"),
                self.tr("Stations"),
                self.tr("Nonconformance"),
                self.tr("What happened"),
            ),
            parent,
        )

    def conflict_at(self, row: int) -> OpenConflict | None:
        return self.record(row)

    def row_of(self, conflict_id: str) -> int:
        """The row of the conflict `conflict_id`, or -1 when it is not listed (any more)."""
        return next((n for n, c in enumerate(self._rows) if c.id == conflict_id), -1)

    def tip(self, record: OpenConflict) -> str:
        """The whole sentence, and the id the CLI takes."""
        return self.tr("{detail}\nConflict {id}").format(detail=record.detail, id=record.id)

    def cells(self, record: OpenConflict) -> tuple[str, ...]:
        return (
            record.raised_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            self.kind_name(record.kind),
            record.subject,
            ", ".join(record.stations),
            record.nonconformance or "\u2013",
            record.detail,
        )

    def kind_name(self, kind: str) -> str:
        template = KINDS.get(kind)
        if template is None:  # a kind a newer centre raises: shown as it is
            return kind.replace("_", " ")
        return self.tr(template)


class ConflictsView(RecordTableView):
    def __init__(self, model: ConflictsModel, parent: QWidget | None = None) -> None:
        super().__init__(model, "conflicts", parent, single=True)
