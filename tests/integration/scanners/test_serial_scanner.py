"""The serial scanner adapter against real pseudo-terminals, as a USB-CDC scanner appears.

The test writes to the pty master as the scanner would; the adapter reads the slave through a
symlink, which the test re-points to a new pty to simulate unplugging and plugging back.
Waits use queues with generous timeouts; nothing asserts on speed.
"""

from __future__ import annotations

import os
import queue
import random
import sys
import time
import tty
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

import pytest

from tracestation.barcodes import shown_scan
from tracestation.scanners.events import (
    ScannerState,
    ScannerStateChanged,
    ScanReceived,
)
from tracestation.scanners.framing import Terminator
from tracestation.scanners.serial_config import SerialScannerConfig
from tracestation.scanners.serial_scanner import SerialScanner

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")

GS = b"\x1d"
WAIT = 10.0


class FakeScannerPort:
    """One pty pair: the master is the scanner's end, the slave the station's serial port."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # no CR->LF translation, even before the adapter configures it
        self.path = os.ttyname(self.slave)
        self.closed = False

    def scan(self, data: bytes, byte_gap: float = 0.001) -> None:
        """Send bytes one at a time, a millisecond apart, as a scanner does."""
        for byte in data:
            os.write(self.master, bytes([byte]))
            time.sleep(byte_gap)

    def burst(self, data: bytes) -> None:
        """Send bytes as fast as the pty takes them."""
        view = memoryview(data)
        while view:
            view = view[os.write(self.master, view[:1024]) :]

    def unplug(self) -> None:
        if not self.closed:
            os.close(self.master)
            os.close(self.slave)
            self.closed = True


class Recorder:
    """Collects what the adapter reports from its thread."""

    def __init__(self) -> None:
        self.scans: queue.Queue[ScanReceived] = queue.Queue()
        self.states: queue.Queue[ScannerStateChanged] = queue.Queue()

    def next_scan(self) -> ScanReceived:
        return self.scans.get(timeout=WAIT)

    def wait_for(self, state: ScannerState) -> ScannerStateChanged:
        deadline = time.monotonic() + WAIT
        while (left := deadline - time.monotonic()) > 0:
            try:
                event = self.states.get(timeout=left)
            except queue.Empty:
                break
            if event.state is state:
                return event
        raise AssertionError(f"the scanner never reported {state.value}")

    def no_more_scans(self, quiet: float = 0.8) -> bool:
        try:
            extra = self.scans.get(timeout=quiet)
        except queue.Empty:
            return True
        raise AssertionError(f"unexpected extra scan {extra!r}")


def point(link: Path, target: str) -> None:
    """Re-point the scanner's device link at once, as udev does for a /dev/serial/by-id path."""
    temporary = link.with_name(link.name + ".new")
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(target)
    os.replace(temporary, link)


@pytest.fixture
def port() -> Iterator[FakeScannerPort]:
    pty = FakeScannerPort()
    yield pty
    pty.unplug()


@pytest.fixture
def link(tmp_path: Path, port: FakeScannerPort) -> Path:
    path = tmp_path / "ttyScanner"
    point(path, port.path)
    return path


@contextmanager
def running_scanner(
    link: Path, recorder: Recorder, terminator: Terminator = "auto", **options: float
) -> Iterator[SerialScanner]:
    """A started scanner that has reported connected; stopped on leaving."""
    config = SerialScannerConfig(
        f"{link}?baud=115200",
        terminator=terminator,
        reconnect_interval=options.get("reconnect_interval", 0.2),
        partial_timeout=options.get("partial_timeout", 0.5),
    )
    with SerialScanner(config, recorder.scans.put, recorder.states.put) as scanner:
        recorder.wait_for(ScannerState.CONNECTED)
        yield scanner


@pytest.mark.parametrize(
    ("terminator", "wire"),
    [
        ("CR", b"\r"),
        ("LF", b"\n"),
        ("CRLF", b"\r\n"),
        ("auto", b"\r"),
        ("auto", b"\n"),
        ("auto", b"\r\n"),
    ],
)
def test_scans_typed_at_scanner_speed_arrive_without_their_terminator(
    port: FakeScannerPort, link: Path, terminator: Terminator, wire: bytes
) -> None:
    recorder = Recorder()
    with running_scanner(link, recorder, terminator):
        port.scan(b"WO:WO-1001" + wire)
        port.scan(b"OPN:20" + wire + b"B-1001" + wire)
        scans = [recorder.next_scan() for _ in range(3)]
    assert [s.raw for s in scans] == ["WO:WO-1001", "OPN:20", "B-1001"]
    assert all(s.is_complete and s.scanner == "ttyScanner" for s in scans)
    assert scans[0].received_at.tzinfo is UTC


def test_a_gs1_scan_with_group_separators_arrives_intact(port: FakeScannerPort, link: Path) -> None:
    recorder = Recorder()
    barcode = b"]d2010950600013435210L-2291" + GS + b"21SN0001" + GS + b"17270630"
    with running_scanner(link, recorder, "CRLF"):
        port.burst(barcode + b"\r\n")
        scan = recorder.next_scan()
    assert scan.raw == barcode.decode()
    assert "\x1d" in scan.raw


def test_utf8_text_is_decoded_and_bytes_that_are_not_utf8_are_kept_to_be_named(
    port: FakeScannerPort, link: Path
) -> None:
    recorder = Recorder()
    with running_scanner(link, recorder, "CR"):
        port.scan("PN:Größe-5\r".encode())
        port.scan(b"PN:\xff\xfe\r")
        scans = [recorder.next_scan().raw for _ in range(2)]
    assert scans[0] == "PN:Größe-5"
    assert scans[1].encode("utf-8", errors="surrogateescape") == b"PN:\xff\xfe", (
        "the very bytes, for the rejection to name"
    )
    assert shown_scan(scans[1]) == "PN:\\xff\\xfe"


def test_half_a_barcode_then_silence_arrives_flagged_partial(
    port: FakeScannerPort, link: Path
) -> None:
    recorder = Recorder()
    with running_scanner(link, recorder, "CR", partial_timeout=0.3):
        port.scan(b"010950600013")
        half = recorder.next_scan()
        port.scan(b"SN:0001\r")
        whole = recorder.next_scan()
    assert (half.raw, half.partial, half.is_complete) == ("010950600013", True, False)
    assert (whole.raw, whole.partial) == ("SN:0001", False)


@pytest.mark.parametrize("noise_ends_with", ["silence", "terminator"])
def test_a_10_kb_noise_burst_gives_one_overflow_and_the_next_good_scan_is_read(
    port: FakeScannerPort, link: Path, noise_ends_with: str
) -> None:
    recorder = Recorder()
    rng = random.Random(29)
    noise = bytes(b for b in rng.randbytes(12_000) if b not in (0x0D, 0x0A))[:10_240]
    with running_scanner(link, recorder, "CR", partial_timeout=0.3):
        port.burst(noise)
        if noise_ends_with == "silence":
            time.sleep(0.8)
        else:
            port.burst(b"\r")
        port.scan(b"LOT:SCREW-M3/L-2291\r")
        overflow = recorder.next_scan()
        good = recorder.next_scan()
        recorder.no_more_scans()
    assert overflow.overflow
    assert not overflow.is_complete
    assert (good.raw, good.is_complete) == ("LOT:SCREW-M3/L-2291", True)


def test_a_scanner_unplugged_and_plugged_back_is_read_again(
    port: FakeScannerPort, link: Path
) -> None:
    recorder = Recorder()
    with running_scanner(link, recorder, "CR") as scanner:
        port.scan(b"SN:before\r")
        assert recorder.next_scan().raw == "SN:before"

        port.unplug()
        lost = recorder.wait_for(ScannerState.DISCONNECTED)
        assert lost.message == "Scanner ttyScanner unplugged; waiting for it to return."
        assert scanner.running

        replugged = FakeScannerPort()
        try:
            point(link, replugged.path)
            recorder.wait_for(ScannerState.CONNECTED)
            replugged.scan(b"SN:after\r")
            assert recorder.next_scan().raw == "SN:after"
        finally:
            scanner.stop()
            replugged.unplug()
    assert not scanner.running


def test_a_scanner_plugged_in_after_the_station_started_is_picked_up(tmp_path: Path) -> None:
    recorder = Recorder()
    link = tmp_path / "ttyLate"
    config = SerialScannerConfig(str(link), reconnect_interval=0.2)
    with SerialScanner(config, recorder.scans.put, recorder.states.put):
        waiting = recorder.wait_for(ScannerState.RECONNECTING)
        assert waiting.reason == "No such file or directory"
        assert "ttyLate cannot be opened" in waiting.message
        late = FakeScannerPort()
        try:
            point(link, late.path)
            recorder.wait_for(ScannerState.CONNECTED)
            late.scan(b"B-1001\r")
            assert recorder.next_scan().raw == "B-1001"
        finally:
            late.unplug()


def test_a_loop_url_reads_back_what_is_sent_to_the_scanner() -> None:
    recorder = Recorder()
    config = SerialScannerConfig("loop://?baud=115200", terminator="CRLF")
    with SerialScanner(config, recorder.scans.put, recorder.states.put) as scanner:
        recorder.wait_for(ScannerState.CONNECTED)
        assert scanner.send(b"CMD:DONE\r\n")
        scan = recorder.next_scan()
    assert (scan.scanner, scan.raw) == ("loop", "CMD:DONE")
    assert not scanner.running
    assert not scanner.send(b"too late\r\n")


def test_a_failing_scan_handler_does_not_stop_the_scanner(
    port: FakeScannerPort, link: Path
) -> None:
    recorder = Recorder()
    received: queue.Queue[str] = queue.Queue()

    def fragile(scan: ScanReceived) -> None:
        received.put(scan.raw)
        if scan.raw == "BOOM":
            raise RuntimeError("handler bug")

    config = SerialScannerConfig(str(link), terminator="CR")
    with SerialScanner(config, fragile, recorder.states.put):
        recorder.wait_for(ScannerState.CONNECTED)
        port.scan(b"BOOM\rSN:1\r")
        assert [received.get(timeout=WAIT) for _ in range(2)] == ["BOOM", "SN:1"]
