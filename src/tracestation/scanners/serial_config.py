"""How to reach a serial scanner: the URL, line settings and timing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from tracestation.scanners.framing import TERMINATORS, Terminator

_PARITIES = ("N", "E", "O", "M", "S")
_BYTESIZES = (5, 6, 7, 8)
_STOPBITS = (1, 1.5, 2)


def split_baud(url: str) -> tuple[str, int | None]:
    """Take `?baud=N` off a scanner URL: `/dev/ttyACM0?baud=115200` -> `("/dev/ttyACM0", 115200)`.

    Other query parameters (pyserial's own, such as `?logging=debug`) are kept in place.
    """
    base, sep, query = url.partition("?")
    if not sep:
        return url, None
    baud: int | None = None
    kept: list[str] = []
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if key != "baud":
            kept.append(part)
            continue
        if not (value.isascii() and value.isdigit()) or int(value) <= 0:
            raise ValueError(
                f"Scanner URL {url!r}: baud must be a positive whole number, not {value!r}."
            )
        baud = int(value)
    rest = "&".join(p for p in kept if p)
    return (f"{base}?{rest}" if rest else base), baud


def scanner_name_from_url(url: str) -> str:
    """A short name for messages: `ttyACM0`, `COM3`, `host:4001`, `loop`."""
    base = split_baud(url)[0].partition("?")[0]
    scheme, sep, rest = base.partition("://")
    if sep:
        return rest.rstrip("/") or scheme
    return PurePath(base).name or base


@dataclass(frozen=True)
class SerialScannerConfig:
    """A serial (RS-232 / USB-CDC) scanner.

    `url` is a pyserial URL or device path (`/dev/ttyACM0`, `COM3`, `socket://host:port`,
    `loop://`) and may end in `?baud=N`, which wins over `baudrate`. Prefer a stable path such
    as `/dev/serial/by-id/...`: `ttyACM0` may come back as `ttyACM1` after a replug.
    """

    url: str
    baudrate: int = 9600
    parity: str = "N"
    bytesize: int = 8
    stopbits: float = 1
    terminator: Terminator = "auto"
    name: str | None = None
    reconnect_interval: float = 1.0
    partial_timeout: float = 0.5
    max_scan_bytes: int = 8192
    read_timeout: float = 0.1

    def __post_init__(self) -> None:
        split_baud(self.url)  # a bad ?baud= fails here, not later in the worker thread
        problems = list(_problems(self))
        if problems:
            raise ValueError(f"Scanner {self.url!r}: " + "; ".join(problems) + ".")

    @property
    def port_url(self) -> str:
        """The URL to hand to pyserial, without `?baud=`."""
        return split_baud(self.url)[0]

    @property
    def effective_baudrate(self) -> int:
        return split_baud(self.url)[1] or self.baudrate

    @property
    def display_name(self) -> str:
        return self.name or scanner_name_from_url(self.url)


def _problems(config: SerialScannerConfig) -> Iterator[str]:
    if config.baudrate <= 0:
        yield f"baudrate must be positive, not {config.baudrate}"
    if config.parity not in _PARITIES:
        yield f"parity must be one of {'/'.join(_PARITIES)}, not {config.parity!r}"
    if config.bytesize not in _BYTESIZES:
        yield f"bytesize must be 5 to 8, not {config.bytesize}"
    if config.stopbits not in _STOPBITS:
        yield f"stopbits must be 1, 1.5 or 2, not {config.stopbits}"
    if config.terminator not in TERMINATORS:
        yield f"terminator must be one of {', '.join(TERMINATORS)}, not {config.terminator!r}"
    if config.max_scan_bytes <= 0:
        yield "max_scan_bytes must be positive"
    if min(config.reconnect_interval, config.partial_timeout, config.read_timeout) <= 0:
        yield "reconnect_interval, partial_timeout and read_timeout must be positive"
