"""Printer adapters: where rendered labels go.

`LabelPrinting` implements the station's `LabelPrinter` port: it builds the label from the plant's
record and hands it to a sink — nowhere, a folder (ZPL or PDF files), or a raw TCP printer
(port 9100, ZPL). Printing runs on the caller's thread; the window calls it from a worker.
"""

from __future__ import annotations

import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from tracestation.domain.model import Container, Lot, Unit
from tracestation.labels.pdf import render_pdf
from tracestation.labels.templates import Label, carton_label, lot_label, unit_label
from tracestation.labels.zpl import render_zpl
from tracestation.station.ports import PlantReader


class PrinterFault(RuntimeError):
    """The label did not print; the message says why (the scan it belongs to still stands)."""


class LabelSink(Protocol):
    def send(self, label: Label) -> None: ...


class NoPrinter:
    """Accepts print jobs and keeps them in memory (tests and headless runs read `printed`)."""

    def __init__(self) -> None:
        self.printed: list[str] = []

    def print_container_label(self, container: Container) -> None:
        self.printed.append(f"container {container.sscc}")

    def print_unit_label(self, unit: Unit) -> None:
        self.printed.append(f"unit {unit.part}/{unit.serial}")


class FolderSink:
    """Writes each label as a file, `<kind>-<id>-<time>.zpl|pdf`, for a print spooler to pick up."""

    def __init__(self, folder: Path, fmt: str = "zpl") -> None:
        if fmt not in ("zpl", "pdf"):
            raise ValueError(f"label format must be zpl or pdf, not {fmt!r}")
        self.folder = folder
        self.fmt = fmt

    def send(self, label: Label) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        name = (
            f"{label.kind}-{_safe(label.lines[1] if len(label.lines) > 1 else label.title)}-{stamp}"
        )
        path = self.folder / f"{name}.{self.fmt}"
        try:
            if self.fmt == "zpl":
                path.write_text(render_zpl(label), encoding="utf-8")
            else:
                path.write_bytes(render_pdf([label]))
        except OSError as error:
            raise PrinterFault(f"cannot write {path}: {error.strerror}") from error


class RawTcpSink:
    """Sends ZPL to a network label printer's raw port (usually 9100)."""

    def __init__(self, host: str, port: int = 9100, timeout: float = 5.0) -> None:
        self.host, self.port, self.timeout = host, port, timeout

    def send(self, label: Label) -> None:
        try:
            with socket.create_connection((self.host, self.port), timeout=self.timeout) as conn:
                conn.sendall(render_zpl(label).encode("utf-8"))
        except OSError as error:
            raise PrinterFault(f"printer {self.host}:{self.port} unreachable ({error})") from error


def sink_for(target: str) -> LabelSink | None:
    """`none`, `tcp://host:9100`, `zpl:/folder`, `pdf:/folder` (a bare path means ZPL files)."""
    if target in ("", "none"):
        return None
    if target.startswith("tcp://"):
        parsed = urlparse(target)
        if not parsed.hostname:
            raise ValueError(f"printer {target!r}: give tcp://host:port")
        return RawTcpSink(parsed.hostname, parsed.port or 9100)
    fmt, _, path = target.partition(":")
    if fmt in ("zpl", "pdf") and path:
        return FolderSink(Path(path), fmt)
    return FolderSink(Path(target), "zpl")


class LabelPrinting:
    """The station's label printer: builds labels from the record and sends them to a sink."""

    def __init__(self, plant: PlantReader, sink: LabelSink | None) -> None:
        self.plant = plant
        self.sink = sink
        self.printed: list[Label] = []

    def print_unit_label(self, unit: Unit) -> None:
        self._send(unit_label(unit, self.plant.part(unit.part)))

    def print_container_label(self, container: Container) -> None:
        self._send(carton_label(container, self.plant.part(container.part)))

    def print_lot_label(self, lot: Lot) -> None:
        self._send(lot_label(lot, self.plant.part(lot.part)))

    def _send(self, label: Label) -> None:
        self.printed.append(label)
        if self.sink is not None:
            self.sink.send(label)


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in text)[:40]
