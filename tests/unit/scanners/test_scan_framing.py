"""Cutting a serial byte stream into scans, driven with explicit times (no sleeping)."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from tracestation.scanners.framing import Frame, ScanFramer, Terminator

GS = b"\x1d"


def test_a_scan_ends_at_the_configured_terminator_which_is_not_part_of_it() -> None:
    assert ScanFramer("CR").feed(b"SN:123\r", 0.0) == [Frame(b"SN:123")]
    assert ScanFramer("LF").feed(b"SN:123\n", 0.0) == [Frame(b"SN:123")]
    assert ScanFramer("CRLF").feed(b"SN:123\r\n", 0.0) == [Frame(b"SN:123")]


def test_auto_ends_a_scan_at_cr_lf_or_cr_lf_without_empty_scans_between() -> None:
    framer = ScanFramer("auto")
    frames = framer.feed(b"A1\rB2\nC3\r\n", 0.0) + framer.feed(b"D4\r", 0.1)
    frames += framer.feed(b"\nE5\r\n", 0.2)
    assert [f.data for f in frames] == [b"A1", b"B2", b"C3", b"D4", b"E5"]


def test_a_cr_lf_split_across_two_reads_still_ends_one_scan() -> None:
    framer = ScanFramer("CRLF")
    assert framer.feed(b"LOT:X/1\r", 0.0) == []
    assert framer.feed(b"\nQTY:5\r\n", 0.01) == [Frame(b"LOT:X/1"), Frame(b"QTY:5")]


def test_group_separators_inside_a_scan_are_kept() -> None:
    scan = b"]d2010950600013435210L-2291" + GS + b"21SN0001"
    assert ScanFramer("auto").feed(scan + b"\r", 0.0) == [Frame(scan)]


def test_a_scan_arriving_one_byte_at_a_time_is_one_scan() -> None:
    framer = ScanFramer("CR")
    frames = [f for i, b in enumerate(b"WO:1001\r") for f in framer.feed(bytes([b]), i * 0.001)]
    assert frames == [Frame(b"WO:1001")]


def test_half_a_barcode_followed_by_silence_is_delivered_flagged_partial() -> None:
    framer = ScanFramer("CR", partial_timeout=0.5)
    assert framer.feed(b"0109506000", 10.0) == []
    assert framer.poll(10.4) == []
    assert framer.poll(10.6) == [Frame(b"0109506000", partial=True)]
    assert framer.feed(b"SN:1\r", 11.0) == [Frame(b"SN:1")]


def test_a_new_scan_after_a_long_silence_does_not_glue_onto_half_a_barcode() -> None:
    framer = ScanFramer("CR", partial_timeout=0.5)
    framer.feed(b"HALF", 0.0)
    assert framer.feed(b"SN:1\r", 2.0) == [Frame(b"HALF", partial=True), Frame(b"SN:1")]


def test_a_noise_burst_over_the_limit_gives_one_overflow_and_the_next_scan_reads() -> None:
    framer = ScanFramer("CR", max_scan_bytes=100)
    frames: list[Frame] = []
    for i in range(30):
        frames += framer.feed(b"#" * 50, i * 0.001)
    frames += framer.feed(b"\rSN:2\r", 0.1)
    assert [f.overflow for f in frames] == [True, False]
    assert frames[1] == Frame(b"SN:2")
    assert len(frames[0].data) <= 64


def test_a_noise_burst_ended_by_silence_lets_the_next_scan_through() -> None:
    framer = ScanFramer("LF", max_scan_bytes=100, partial_timeout=0.5)
    overflow = framer.feed(b"~" * 500, 0.0)
    assert [f.overflow for f in overflow] == [True]
    assert framer.poll(1.0) == []
    assert framer.feed(b"SN:3\n", 1.1) == [Frame(b"SN:3")]


def test_an_over_long_scan_with_its_terminator_in_one_read_is_one_overflow() -> None:
    frames = ScanFramer("CR", max_scan_bytes=10).feed(b"X" * 11 + b"\rOK\r", 0.0)
    assert [(f.overflow, f.data[:2]) for f in frames] == [(True, b"XX"), (False, b"OK")]


def test_a_lost_device_hands_back_what_was_buffered_as_partial() -> None:
    framer = ScanFramer("CR")
    framer.feed(b"SN:12", 0.0)
    assert framer.drain() == [Frame(b"SN:12", partial=True)]
    assert framer.drain() == []


_scan = st.binary(min_size=1, max_size=40).filter(lambda b: b"\r" not in b and b"\n" not in b)
_WIRE = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "auto": b"\r\n"}


@given(
    terminator=st.sampled_from(["CR", "LF", "CRLF", "auto"]),
    scans=st.lists(_scan, min_size=1, max_size=8),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=10),
)
def test_scans_come_out_whole_however_the_reads_cut_the_stream(
    terminator: Terminator, scans: list[bytes], cuts: list[int]
) -> None:
    stream = b"".join(scan + _WIRE[terminator] for scan in scans)
    bounds = sorted({0, len(stream), *(c for c in cuts if c < len(stream))})
    framer = ScanFramer(terminator)
    frames = [
        frame
        for start, end in itertools.pairwise(bounds)
        for frame in framer.feed(stream[start:end], 0.0)
    ]
    assert frames == [Frame(scan) for scan in scans]
