"""What a front end may ask about the station's labels: its print jobs, the labels still waiting
for the printer, and a preview of a label as it would print, before a lead reprints it.

`StationPrintJobs` answers on adapters of its own (a plant reader and a label renderer built by
the composition root), so the window asks it on its query thread: a preview is rasterised there,
never on the GUI thread, and never on the station's thread where scans wait.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from tracestation.station.lead_requests import LeadResult
from tracestation.station.ports import PlantReader
from tracestation.station.print_queue import PrintBacklog, PrintJob, PrintJobStore
from tracestation.station.verdicts import ContainerLabel, LabelToPrint, UnitLabel

# The label as a PNG image at the printer's resolution; raises with the reason it cannot.
RenderPreview = Callable[[LabelToPrint], bytes]


@dataclass(frozen=True)
class PreviewRequest:
    kind: str  # "unit" | "container"
    subject: str  # PART/SERIAL, SN:..., a bare serial, or an SSCC


@dataclass(frozen=True)
class LabelPreview:
    """A label as it would print: `png` when it could be drawn; else `problem` (a
    `LeadResult` for a subject that names no single unit or carton, with `params`) or `error`
    (the renderer's words)."""

    request: PreviewRequest
    label: LabelToPrint | None = None
    png: bytes | None = None
    problem: LeadResult | None = None
    params: dict[str, str] = field(default_factory=dict)
    error: str | None = None


class PrintJobsReader(Protocol):
    """Read port: the station's print jobs and label previews. One thread at a time."""

    def jobs(self, limit: int = 100) -> list[PrintJob]:
        """The station's jobs, newest first."""
        ...

    def backlog(self) -> PrintBacklog:
        """The labels not printed yet."""
        ...

    def preview(self, request: PreviewRequest) -> LabelPreview:
        """The label a reprint of `request` would print, drawn; never raises."""
        ...


def label_to_reprint(
    plant: PlantReader, kind: str, subject: str
) -> LabelToPrint | tuple[LeadResult, dict[str, str]]:
    """The label a lead means by `subject`, or why it names no single unit or carton."""
    subject = subject.strip()
    if kind == "container":
        container = plant.container(subject)
        if container is None:
            return LeadResult.LABEL_SUBJECT_UNKNOWN, {"subject": subject}
        return ContainerLabel(container.sscc)
    text = subject.removeprefix("SN:")
    part, _, serial = text.rpartition("/")
    found = plant.units_by_serial(serial) if serial else []
    units = [u for u in found if not part or u.part == part]
    if len(units) != 1:
        unknown = LeadResult.LABEL_SUBJECT_UNKNOWN
        result = unknown if not units else LeadResult.LABEL_SUBJECT_AMBIGUOUS
        return result, {"subject": text}
    return UnitLabel(units[0].part, units[0].serial)


class StationPrintJobs:
    """`PrintJobsReader` for `station` on the record's print jobs, its plant and a renderer."""

    def __init__(
        self, store: PrintJobStore, plant: PlantReader, render: RenderPreview, station: str
    ) -> None:
        self.store, self.plant, self.render, self.station = store, plant, render, station

    def jobs(self, limit: int = 100) -> list[PrintJob]:
        return self.store.jobs(self.station, limit)

    def backlog(self) -> PrintBacklog:
        return PrintBacklog.of(self.store.waiting(self.station))

    def preview(self, request: PreviewRequest) -> LabelPreview:
        try:
            self.plant.refresh()  # a unit the station recorded a moment ago
            found = label_to_reprint(self.plant, request.kind, request.subject)
            if isinstance(found, tuple):
                return LabelPreview(request, problem=found[0], params=found[1])
            return LabelPreview(request, label=found, png=self.render(found))
        except Exception as error:  # a preview that fails is said, never raised into the window
            return LabelPreview(request, error=str(error) or type(error).__name__)
