"""What station handlers work with: the plant's record, the clock and the station's settings."""

from __future__ import annotations

from dataclasses import dataclass

from tracestation.domain.pins import (
    DEFAULT_MAX_PIN_ATTEMPTS,
    DEFAULT_PIN_LOCKOUT_MINUTES,
    PinPolicy,
)
from tracestation.station.ports import Clock, Identities, PlantReader


@dataclass(frozen=True)
class StationSettings:
    """`max_pin_attempts` wrong PINs in a row lock a lead's PIN for `pin_lockout_minutes`; the
    station, the window's lead panel and the command line read the same numbers (the settings
    file, `tracestation.config.StationConfig`) and count on the same record."""

    station_id: str
    gs1_company_prefix: str = "9506000"
    duplicate_window_seconds: float = 1.0
    max_pin_attempts: int = DEFAULT_MAX_PIN_ATTEMPTS
    pin_lockout_minutes: int = DEFAULT_PIN_LOCKOUT_MINUTES
    # Whether labels go to a printer; without one they are kept as jobs and the verdict says
    # "No printer configured: label not printed." instead of claiming a label printed.
    has_printer: bool = True

    @property
    def pin_policy(self) -> PinPolicy:
        return PinPolicy(self.max_pin_attempts, self.pin_lockout_minutes)


@dataclass(frozen=True)
class Env:
    plant: PlantReader
    clock: Clock
    settings: StationSettings
    identities: Identities | None = None  # set inside a scan's transaction
