"""Which serial ports this machine has, to help a line lead pick the scanner's port.

Safe to call from any thread; it only reads the operating system's device list.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from serial.tools import list_ports as serial_list_ports

# udev's names that survive a replug (ttyACM0 may come back as ttyACM1).
_LINUX_BY_ID = Path("/dev/serial/by-id")


@dataclass(frozen=True)
class PortInfo:
    """One serial port as the operating system lists it.

    `vid_pid` is USB `"0x05e0:0x1200"` (vendor:product) or None for a non-USB port;
    `stable_path` is a `/dev/serial/by-id/...` link to the same device where Linux has one.
    """

    device: str
    description: str
    vid_pid: str | None = None
    serial_number: str | None = None
    manufacturer: str | None = None
    stable_path: str | None = None

    def describe(self) -> str:
        """One line for a human: `/dev/ttyACM0: Bar Code Scanner (USB 0x05e0:0x1200, ...)`."""
        details = [
            f"USB {self.vid_pid}" if self.vid_pid else "",
            self.manufacturer or "",
            f"serial {self.serial_number}" if self.serial_number else "",
            f"also {self.stable_path}" if self.stable_path else "",
        ]
        shown = [d for d in details if d]
        description = self.description if self.description not in ("", "n/a") else "serial port"
        suffix = f" ({', '.join(shown)})" if shown else ""
        return f"{self.device}: {description}{suffix}"


def list_ports(by_id_dir: Path = _LINUX_BY_ID) -> list[PortInfo]:
    """The serial ports present now, sorted by device name."""
    stable = _stable_paths(by_id_dir)
    ports = [
        PortInfo(
            device=port.device,
            description=port.description or "",
            vid_pid=format_vid_pid(port.vid, port.pid),
            serial_number=port.serial_number,
            manufacturer=port.manufacturer,
            stable_path=stable.get(os.path.realpath(port.device)),
        )
        for port in serial_list_ports.comports()
    ]
    return sorted(ports, key=lambda p: p.device)


def format_vid_pid(vid: int | None, pid: int | None) -> str | None:
    """`(0x05E0, 0x1200)` -> `"0x05e0:0x1200"`; None unless both are known."""
    if vid is None or pid is None:
        return None
    return f"0x{vid:04x}:0x{pid:04x}"


def _stable_paths(by_id_dir: Path) -> dict[str, str]:
    """Real device path -> its by-id link."""
    try:
        links = sorted(by_id_dir.iterdir())
    except OSError:
        return {}
    return {os.path.realpath(link): str(link) for link in links}
