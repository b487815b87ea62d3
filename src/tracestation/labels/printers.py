"""Printer adapters. Until label rendering lands, the station prints to nowhere and says so."""

from __future__ import annotations

from tracestation.domain.model import Container, Unit


class NoPrinter:
    """Accepts print jobs and keeps them in memory (tests and headless runs read `printed`)."""

    def __init__(self) -> None:
        self.printed: list[str] = []

    def print_container_label(self, container: Container) -> None:
        self.printed.append(f"container {container.sscc}")

    def print_unit_label(self, unit: Unit) -> None:
        self.printed.append(f"unit {unit.part}/{unit.serial}")
