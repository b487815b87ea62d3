"""What station handlers work with: the plant's record, the clock and the station's settings."""

from __future__ import annotations

from dataclasses import dataclass

from tracestation.station.ports import Clock, Identities, PlantReader


@dataclass(frozen=True)
class StationSettings:
    station_id: str
    gs1_company_prefix: str = "9506000"
    duplicate_window_seconds: float = 1.0
    max_pin_attempts: int = 3


@dataclass(frozen=True)
class Env:
    plant: PlantReader
    clock: Clock
    settings: StationSettings
    identities: Identities | None = None  # set inside a scan's transaction
