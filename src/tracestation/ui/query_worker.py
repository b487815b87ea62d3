"""Read-only questions (trace, recall, deviations) on a thread of their own.

A recall over many units may take seconds; on this thread it never delays a scan's verdict.
`QueryWorker` lives on a `QThread`, gets the engine from the station worker, and answers by
signal. SQLite in WAL mode lets it read while the station writes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot
from sqlalchemy import Engine

from tracestation.store.status import recent_deviations
from tracestation.ui.trace.queries import TraceAnswer, TraceQuery, answer


class QueryWorker(QObject):
    sig_trace_answer = Signal(object)  # TraceAnswer
    sig_deviations = Signal(object)  # list[DeviationView]

    def __init__(self) -> None:
        super().__init__()
        self._engine: Engine | None = None

    @Slot(object)
    def attach(self, engine: Engine) -> None:
        self._engine = engine

    @Slot(object)
    def trace(self, query: TraceQuery) -> None:
        if self._engine is None:
            self.sig_trace_answer.emit(
                TraceAnswer(query, "none", error="The station is not running yet.")
            )
            return
        try:
            self.sig_trace_answer.emit(answer(self._engine, query))
        except Exception as error:  # show the fault in the trace view, keep the thread alive
            self.sig_trace_answer.emit(
                TraceAnswer(query, "none", error=f"{type(error).__name__}: {error}")
            )

    @Slot()
    def deviations(self) -> None:
        if self._engine is None:
            return
        try:
            self.sig_deviations.emit(recent_deviations(self._engine))
        except Exception:
            return
