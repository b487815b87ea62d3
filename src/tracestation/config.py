"""The station's own settings, kept as JSON in the user's config directory.

Pure data and file I/O, no Qt: the settings screen edits a `StationConfig`, `save_config` writes
it. `TRACESTATION_CONFIG` names another file (tests, several stations on one machine).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tracestation.barcodes import DecodeOptions
from tracestation.domain.pins import DEFAULT_MAX_PIN_ATTEMPTS, DEFAULT_PIN_LOCKOUT_MINUTES
from tracestation.scanners import Key, SerialScannerConfig, WedgeConfig
from tracestation.scanners.framing import Terminator

CONFIG_ENV = "TRACESTATION_CONFIG"
CENTRAL_ENV = "TRACESTATION_CENTRAL"
WEDGE_TERMINATORS = ("enter", "tab", "enter+tab", "none")
# "none": labels are kept in memory only; "zpl-tcp": target tcp://host:9100;
# "zpl-folder" / "pdf-folder": target is a folder that receives one file per label.
PRINTER_KINDS = ("none", "zpl-tcp", "zpl-folder", "pdf-folder")


@dataclass(frozen=True)
class WedgeSettings:
    """How the keyboard-wedge scanner types: the longest pause inside a scan, the shortest scan."""

    max_key_gap_ms: int = 50
    min_length: int = 4
    terminator: str = "enter"

    def to_wedge_config(self) -> WedgeConfig:
        keys = {
            "enter": {Key.ENTER},
            "tab": {Key.TAB},
            "enter+tab": {Key.ENTER, Key.TAB},
            "none": set(),
        }
        return WedgeConfig(
            self.max_key_gap_ms / 1000, self.min_length, frozenset(keys[self.terminator])
        )


@dataclass(frozen=True)
class SerialScannerSettings:
    url: str
    baudrate: int = 9600
    terminator: str = "auto"
    name: str = ""

    def to_config(self) -> SerialScannerConfig:
        term: Terminator = self.terminator  # type: ignore[assignment]  # checked by SerialScannerConfig
        return SerialScannerConfig(self.url, self.baudrate, terminator=term, name=self.name or None)


@dataclass(frozen=True)
class PrinterSettings:
    """Where labels go: a kind from PRINTER_KINDS and its target."""

    kind: str = "none"
    target: str = ""


@dataclass(frozen=True)
class StationConfig:
    station_id: str = ""
    language: str = ""  # "" follows the system locale
    wedge: WedgeSettings = field(default_factory=WedgeSettings)
    gs_substitutes: tuple[str, ...] = DecodeOptions().gs_substitutes
    serial_scanners: tuple[SerialScannerSettings, ...] = ()
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    central_url: str = ""  # "" : no central database, no background sync
    # A lead is told when the station's knowledge of holds and other stations' work is older.
    sync_notice_minutes: int = 30
    sounds: bool = True
    # Wrong PINs in a row that lock a lead's PIN, and for how long; the station, the window's
    # lead panel and the command line on this computer count to the same limit.
    max_pin_attempts: int = DEFAULT_MAX_PIN_ATTEMPTS
    pin_lockout_minutes: int = DEFAULT_PIN_LOCKOUT_MINUTES
    # The window's text sizes times this: above 1 for a large screen read from afar.
    font_scale: float = 1.0
    # A folder automatic testers drop result files in (CSV, JSON): imported as they arrive.
    results_folder: str = ""

    def decode_options(self) -> DecodeOptions:
        return replace(DecodeOptions(), gs_substitutes=tuple(s for s in self.gs_substitutes if s))

    def to_json(self) -> dict[str, Any]:
        document = asdict(self)
        document["gs_substitutes"] = list(self.gs_substitutes)
        document["serial_scanners"] = [asdict(s) for s in self.serial_scanners]
        return document


def printer_target(settings: PrinterSettings) -> str:
    """The printer as a target string for `tracestation.labels.printers.sink_for`."""
    if settings.kind == "zpl-tcp":
        return (
            settings.target if settings.target.startswith("tcp://") else f"tcp://{settings.target}"
        )
    if settings.kind in ("zpl-folder", "pdf-folder"):
        return f"{settings.kind.split('-')[0]}:{settings.target}"
    return "none"


def has_printer(config: StationConfig) -> bool:
    """Whether this station sends labels to a printer: $TRACESTATION_PRINTER, else the settings
    (the composition root reads the same two)."""
    target = os.environ.get("TRACESTATION_PRINTER") or printer_target(config.printer)
    return target not in ("", "none")


def resolve_central_url(explicit: str | None, config: StationConfig | None = None) -> str:
    """The central database to sync with: `--central` when given (an empty one turns the sync
    off), else $TRACESTATION_CENTRAL, else the settings; "" for none."""
    if explicit is not None:
        return explicit.strip()
    return (os.environ.get(CENTRAL_ENV) or (config.central_url if config else "")).strip()


FONT_SCALES = (0.75, 2.5)  # the smallest and largest text size, times the standard one


class ConfigError(ValueError):
    """The settings file cannot be read; the message names the file and the problem."""


def config_path() -> Path:
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        return Path(explicit).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("tracestation", appauthor=False)) / "station.json"


def load_config(path: Path | None = None) -> StationConfig:
    """The saved settings, or the defaults when there is no file yet."""
    path = path or config_path()
    if not path.is_file():
        return StationConfig()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return config_from_json(document)
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise ConfigError(f"{path}: {error}") from None


def save_config(config: StationConfig, path: Path | None = None) -> Path:
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(
        json.dumps(config.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    temporary.replace(path)
    return path


def config_from_json(document: dict[str, Any]) -> StationConfig:
    if not isinstance(document, dict):
        raise ValueError("the settings file must hold a JSON object")
    wedge = WedgeSettings(**_known(WedgeSettings, document.get("wedge") or {}))
    if wedge.terminator not in WEDGE_TERMINATORS:
        raise ValueError(f"wedge.terminator must be one of {', '.join(WEDGE_TERMINATORS)}")
    wedge.to_wedge_config()  # a bad gap or length fails here, with WedgeConfig's message
    scanners = tuple(
        SerialScannerSettings(**_known(SerialScannerSettings, s))
        for s in document.get("serial_scanners") or ()
    )
    for scanner in scanners:
        scanner.to_config()
    printer = PrinterSettings(**_known(PrinterSettings, document.get("printer") or {}))
    notice = document.get("sync_notice_minutes", StationConfig.sync_notice_minutes)
    if not isinstance(notice, int) or isinstance(notice, bool) or notice < 1:
        raise ValueError("sync_notice_minutes must be a whole number of minutes, at least 1")
    for key, most in (("max_pin_attempts", 100), ("pin_lockout_minutes", 7 * 24 * 60)):
        value = document.get(key, getattr(StationConfig, key))
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= most:
            raise ValueError(f"{key} must be a whole number from 1 to {most}")
    scale = document.get("font_scale", StationConfig.font_scale)
    if isinstance(scale, bool) or not isinstance(scale, int | float):
        raise ValueError(f"font_scale must be a number from {FONT_SCALES[0]} to {FONT_SCALES[1]}")
    if not FONT_SCALES[0] <= scale <= FONT_SCALES[1]:
        raise ValueError(f"font_scale must be a number from {FONT_SCALES[0]} to {FONT_SCALES[1]}")
    plain = _known(StationConfig, document)
    for nested in ("wedge", "serial_scanners", "printer"):
        plain.pop(nested, None)
    if "gs_substitutes" in plain:
        plain["gs_substitutes"] = tuple(str(s) for s in plain["gs_substitutes"])
    return StationConfig(**plain, wedge=wedge, serial_scanners=scanners, printer=printer)


def _known(cls: type, document: dict[str, Any]) -> dict[str, Any]:
    """Only the keys the dataclass knows: a newer file read by an older station still opens."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in document.items() if k in names}
