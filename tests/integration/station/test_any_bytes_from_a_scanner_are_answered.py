r"""Property: whatever bytes a serial scanner sends, the headless station answers every scan it
cuts from them with one JSON line, never raises and never faults; a rejection writes its
rejected-scan row and nothing else. Invalid UTF-8, NUL and other control characters are clear
rejections naming the bytes (`\xff`), in rows a PostgreSQL would take as well."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from support.snapshots import record_snapshot, rejected_count
from tracestation.headless import HeadlessStation
from tracestation.scanners.events import ScanReceived
from tracestation.scanners.framing import Frame, ScanFramer
from tracestation.store.tables import RejectedScanRow

KNOWN = [
    b"B-1001",
    b"WO:WO-2001",
    b"OPN:10",
    b"PCB-1",
    b"LOT:CAP-220/C-7781",
    b"CMD:DONE",
    b"PIN:4321",
]
PREFIXES = [b"", b"WO:", b"SN:", b"LOT:", b"PIN:", b"QTY:", b"]C1", b"]d2", b"[)>\x1e06\x1d"]
TERMINATORS = [b"\r", b"\n", b"\r\n", b""]
# What no text column of SQLite or PostgreSQL may hold or a person can read: NUL and the
# control characters but GS, RS and EOT, and bytes that were not text.
UNSHOWABLE = {chr(c) for c in range(32)} - {"\x1d", "\x1e", "\x04"} | {"\x7f"}
# A PIN shows as PIN:****: no digit ever follows the prefix.
CLEAR_PIN = re.compile(r"PIN:\s*[0-9]", re.IGNORECASE)

scan_bytes = st.one_of(
    st.sampled_from(KNOWN),
    st.binary(max_size=40),
    st.builds(lambda p, b: p + b, st.sampled_from(PREFIXES), st.binary(max_size=24)),
    st.sampled_from([b"LOT-\xff\xfe", b"AB\x00CD", b"\x00", b"\xc3", b"SN:\xe2\x82", b"\x1b[A"]),
)
stream = st.lists(
    st.builds(lambda b, t: b + t, scan_bytes, st.sampled_from(TERMINATORS)), min_size=1, max_size=8
)


def frames_of(data: bytes, chunk: int) -> list[Frame]:
    """The scans the serial adapter cuts from `data` read `chunk` bytes at a time, and the
    half scan left when the line goes quiet."""
    framer = ScanFramer("auto", max_scan_bytes=48)
    frames: list[Frame] = []
    for start in range(0, len(data), chunk):
        frames += framer.feed(data[start : start + chunk], now=0.0)
    return frames + framer.drain()


def received(frame: Frame) -> ScanReceived:
    return ScanReceived(
        "ttyACM0", frame.text, datetime.now(UTC), partial=frame.partial, overflow=frame.overflow
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=stream, chunk=st.integers(min_value=1, max_value=64))
def test_any_bytes_from_a_serial_scanner_get_an_answer_and_a_rejection_writes_only_its_row(
    station: Any, engine: Any, pieces: list[bytes], chunk: int
) -> None:
    out, err = io.StringIO(), io.StringIO()
    headless = HeadlessStation(station, [], out, err)
    for frame in frames_of(b"".join(pieces), chunk):
        before, logged = record_snapshot(engine), rejected_count(engine)
        lines_before = out.getvalue().count("\n")

        headless.handle(received(frame))

        lines = out.getvalue().splitlines()
        assert len(lines) == lines_before + 1, f"{frame!r} got no answer"
        line = lines[-1]
        line.encode("utf-8")  # what a real stdout must take: no lone surrogate
        answer = json.loads(line)
        assert answer["outcome"] in ("accepted", "rejected", "needs_override")
        assert answer["code"] not in ("station_fault", "record_not_saved"), answer["message"]
        assert answer["message"]
        assert CLEAR_PIN.search(line) is None, f"a PIN shows in {line}"
        if answer["outcome"] != "accepted":
            assert record_snapshot(engine) == before, f"{frame!r} changed the record"
            assert rejected_count(engine) == logged + 1, f"{frame!r} left no rejected-scan row"
    with Session(engine) as s:
        rows = s.scalars(select(RejectedScanRow)).all()
    for row in rows:
        for text in (row.raw, row.message):
            text.encode("utf-8")
            assert not UNSHOWABLE & set(text), repr(text)
            assert not any(0x80 <= ord(ch) < 0xA0 for ch in text), repr(text)
        assert CLEAR_PIN.search(row.raw + row.message) is None, row.raw


def test_invalid_utf8_from_a_scanner_is_a_clear_rejection_naming_the_bytes(
    station: Any, engine: Any
) -> None:
    out = io.StringIO()
    headless = HeadlessStation(station, [], out, io.StringIO())

    for frame in frames_of(b"B-1001\rLOT-\xff\xfe\rAB\x00CD\r", chunk=5):
        headless.handle(received(frame))

    login, garbled, nul = (json.loads(line) for line in out.getvalue().splitlines())
    assert login["outcome"] == "accepted"
    assert garbled["outcome"] == nul["outcome"] == "rejected"
    assert garbled["scan"] == "LOT-\\xff\\xfe"
    assert "the scanner sent bytes that are not text (\\xff\\xfe)" in garbled["message"]
    assert "Check the scanner's character set" in garbled["message"]
    assert nul["scan"] == "AB\\x00CD"
    assert "control characters" in nul["message"] and "(\\x00)" in nul["message"]
    with Session(engine) as s:
        rows = s.scalars(select(RejectedScanRow).order_by(RejectedScanRow.id)).all()
    assert [(row.raw, row.code, row.operator) for row in rows] == [
        ("LOT-\\xff\\xfe", "unreadable", "B-1001"),
        ("AB\\x00CD", "unreadable", "B-1001"),
    ]
    assert station.scan("WO:WO-2001").outcome == "accepted", "the station carries on"
