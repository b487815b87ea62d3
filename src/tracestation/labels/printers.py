"""Printer adapters: where rendered labels go.

`LabelPrinting` implements the station's `LabelPrinter` port: it builds the label from the plant's
record (with the dates `LabelDates` reads and the plant's templates) and hands it to a sink —
nowhere, a folder (ZPL, PDF or PNG files), or a raw TCP printer (port 9100, ZPL). A target may
name the printer's resolution: `tcp://host:9100?dpi=300`, `zpl:/folder?dpi=300`; else the
template's is used. Printing runs on the caller's thread; the window calls it from a worker.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, urlparse

from tracestation.domain.model import Container, Lot, Unit
from tracestation.labels.template_files import DPIS, template_for
from tracestation.labels.templates import Label, LabelTemplate, carton_label, lot_label, unit_label
from tracestation.station.ports import PlantReader

FORMATS = ("zpl", "pdf", "png")


class PrinterFault(RuntimeError):
    """The label did not print; the message says why (the scan it belongs to still stands)."""


class LabelSink(Protocol):
    def send(self, label: Label) -> None: ...


class LabelDates(Protocol):
    def unit_made(self, part: str, serial: str) -> date | None: ...
    def carton_packed(self, sscc: str) -> date | None: ...


class NoPrinter:
    """Accepts print jobs and keeps them in memory (tests and headless runs read `printed`)."""

    def __init__(self) -> None:
        self.printed: list[str] = []

    def print_container_label(self, container: Container) -> None:
        self.printed.append(f"container {container.sscc}")

    def print_unit_label(self, unit: Unit) -> None:
        self.printed.append(f"unit {unit.part}/{unit.serial}")

    def print_waiting(self) -> str | None:
        return None  # no queue of its own: `QueuedPrinting` hands it the station's jobs


def render(label: Label, fmt: str, dpi: int | None = None) -> bytes:
    """The label as a file of format `fmt` (one of FORMATS).

    The renderers (reportlab, PIL, the barcode encoder) load at the first label, not when the
    station starts: most starts print nothing before the first scan is answered."""
    if fmt == "zpl":
        from tracestation.labels.zpl import render_zpl

        return render_zpl(label, dpi).encode("utf-8")
    if fmt == "pdf":
        from tracestation.labels.pdf import render_pdf

        return render_pdf([label], dpi)
    if fmt == "png":
        from tracestation.labels.preview import PreviewUnavailable, render_png

        try:
            return render_png(label, dpi)
        except PreviewUnavailable as error:
            raise PrinterFault(str(error)) from None
    raise ValueError(f"label format must be one of {', '.join(FORMATS)}, not {fmt!r}")


class FolderSink:
    """Writes each label as a file, `<kind>-<subject>-<time>.zpl|pdf|png`, for a spooler."""

    def __init__(self, folder: Path, fmt: str = "zpl", dpi: int | None = None) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"label format must be one of {', '.join(FORMATS)}, not {fmt!r}")
        self.folder, self.fmt, self.dpi = folder, fmt, dpi

    def send(self, label: Label) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        path = (
            self.folder / f"{label.kind}-{_safe(label.subject or label.title)}-{stamp}.{self.fmt}"
        )
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(render(label, self.fmt, self.dpi))
        except OSError as error:
            raise PrinterFault(f"cannot write {path}: {error.strerror}") from error


class RawTcpSink:
    """Sends ZPL to a network label printer's raw port (usually 9100)."""

    def __init__(
        self, host: str, port: int = 9100, timeout: float = 5.0, dpi: int | None = None
    ) -> None:
        self.host, self.port, self.timeout, self.dpi = host, port, timeout, dpi

    def send(self, label: Label) -> None:
        data = render(label, "zpl", self.dpi)
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as conn:
                conn.sendall(data)
        except OSError as error:
            reason = error.strerror or str(error) or type(error).__name__
            raise PrinterFault(f"printer {self.host}:{self.port}: {reason}") from error


def sink_for(target: str) -> LabelSink | None:
    """`none`, `tcp://host:9100`, `zpl:/folder`, `pdf:/folder`, `png:/folder` (a bare path
    means ZPL files); `?dpi=203|300|600` names the printer's resolution."""
    if target in ("", "none"):
        return None
    target, _, query = target.partition("?")
    dpi = _dpi(parse_qs(query).get("dpi", [""])[0], target)
    if target.startswith("tcp://"):
        parsed = urlparse(target)
        if not parsed.hostname:
            raise ValueError(f"printer {target!r}: give tcp://host:port")
        return RawTcpSink(parsed.hostname, parsed.port or 9100, dpi=dpi)
    fmt, _, path = target.partition(":")
    if fmt in FORMATS and path:
        return FolderSink(Path(path), fmt, dpi)
    return FolderSink(Path(target), "zpl", dpi)


def _dpi(text: str, target: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or int(text) not in DPIS:
        raise ValueError(f"printer {target!r}: dpi must be one of {', '.join(map(str, DPIS))}")
    return int(text)


class LabelMaker:
    """Labels from the plant's record, on the plant's templates."""

    def __init__(
        self,
        plant: PlantReader,
        dates: LabelDates | None = None,
        templates: Callable[[str], LabelTemplate] = template_for,
    ) -> None:
        self.plant, self.dates, self.templates = plant, dates, templates

    def unit(self, unit: Unit) -> Label:
        made = self.dates.unit_made(unit.part, unit.serial) if self.dates else None
        return unit_label(unit, self.plant.part(unit.part), made, self.templates("unit"))

    def container(self, container: Container) -> Label:
        packed = self.dates.carton_packed(container.sscc) if self.dates else None
        part = self.plant.part(container.part)
        return carton_label(container, part, packed, self.templates("carton"))

    def lot(self, lot: Lot) -> Label:
        return lot_label(lot, self.plant.part(lot.part), self.templates("lot"))


class LabelPrinting:
    """The station's label printer: builds labels from the record and sends them to a sink."""

    def __init__(
        self, plant: PlantReader, sink: LabelSink | None, dates: LabelDates | None = None
    ) -> None:
        self.maker = LabelMaker(plant, dates)
        self.sink = sink
        self.printed: list[Label] = []

    def print_unit_label(self, unit: Unit) -> None:
        self._send(self.maker.unit(unit))

    def print_container_label(self, container: Container) -> None:
        self._send(self.maker.container(container))

    def print_lot_label(self, lot: Lot) -> None:
        self._send(self.maker.lot(lot))

    def print_waiting(self) -> str | None:
        return None  # no queue of its own: `QueuedPrinting` hands it the station's jobs

    def _send(self, label: Label) -> None:
        self.printed.append(label)
        if self.sink is not None:
            self.sink.send(label)


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)[:40]
