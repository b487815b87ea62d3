"""Listing serial ports for the line lead who sets up a scanner."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from serial.tools import list_ports as serial_list_ports

from tracestation.scanners.ports import PortInfo, format_vid_pid, list_ports


@dataclass
class FakePort:
    device: str
    description: str
    vid: int | None = None
    pid: int | None = None
    serial_number: str | None = None
    manufacturer: str | None = None


@pytest.fixture
def two_ports(monkeypatch: pytest.MonkeyPatch) -> None:
    ports = [
        FakePort("/dev/ttyS0", "n/a"),
        FakePort("/dev/ttyACM0", "Symbol Bar Code Scanner", 0x05E0, 0x1200, "S/N 77", "Zebra"),
    ]
    monkeypatch.setattr(serial_list_ports, "comports", lambda *a, **k: ports)


def test_ports_are_listed_by_device_with_usb_ids_as_hex(two_ports: None, tmp_path: Path) -> None:
    ports = list_ports(by_id_dir=tmp_path / "missing")
    assert [p.device for p in ports] == ["/dev/ttyACM0", "/dev/ttyS0"]
    scanner = ports[0]
    assert scanner.vid_pid == "0x05e0:0x1200"
    assert scanner.serial_number == "S/N 77"
    assert scanner.manufacturer == "Zebra"
    assert ports[1].vid_pid is None


def test_a_port_with_a_stable_by_id_link_shows_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    device = tmp_path / "ttyACM0"
    device.touch()
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    (by_id / "usb-Zebra_Scanner_77-if00").symlink_to(device)
    monkeypatch.setattr(serial_list_ports, "comports", lambda *a, **k: [FakePort(str(device), "x")])
    [port] = list_ports(by_id_dir=by_id)
    assert port.stable_path == os.fspath(by_id / "usb-Zebra_Scanner_77-if00")


def test_a_port_is_described_on_one_line_a_person_can_read() -> None:
    port = PortInfo("/dev/ttyACM0", "Symbol Bar Code Scanner", "0x05e0:0x1200", "77", "Zebra")
    assert port.describe() == (
        "/dev/ttyACM0: Symbol Bar Code Scanner (USB 0x05e0:0x1200, Zebra, serial 77)"
    )
    assert PortInfo("/dev/ttyS0", "n/a").describe() == "/dev/ttyS0: serial port"


def test_usb_ids_need_both_vendor_and_product() -> None:
    assert format_vid_pid(0x0C2E, 0x0B61) == "0x0c2e:0x0b61"
    assert format_vid_pid(None, 0x0B61) is None
