"""Replay files: one scan per line with escapes for the control characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracestation.scanners.replay import read_replay, unescape_scan


def test_hex_escapes_become_the_separators_a_scanner_sends() -> None:
    assert unescape_scan(r"[)>\x1e06\x1dPCTRL-500\x1dS123\x1e\x04") == (
        "[)>\x1e06\x1dPCTRL-500\x1dS123\x1e\x04"
    )
    assert unescape_scan(r"]d2\x1D10ABC") == "]d2\x1d10ABC"


def test_a_double_backslash_is_one_backslash_and_not_the_start_of_an_escape() -> None:
    assert unescape_scan(r"A\\x1dB") == "A\\x1dB"
    assert unescape_scan(r"C:\\temp") == "C:\\temp"


def test_other_backslashes_are_kept_as_written() -> None:
    assert unescape_scan(r"PN:AB\CD\n") == "PN:AB\\CD\\n"


def test_a_broken_hex_escape_is_refused() -> None:
    with pytest.raises(ValueError, match="two hex digits"):
        unescape_scan(r"LOT\xZZ")
    with pytest.raises(ValueError, match="two hex digits"):
        unescape_scan("LOT\\x1")


def test_a_replay_file_yields_scans_skipping_blank_lines_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "shift.txt"
    path.write_bytes(
        b"\xef\xbb\xbf# morning shift\r\n"
        b"B-1001\r\n"
        b"\r\n"
        b"   \n"
        b"  # indented comment\n"
        b"WO:WO-1001\n"
        b"]C1010950600013435210L-2291\\x1d21SN0001\n"
        b"\\x23not-a-comment"
    )
    assert list(read_replay(path)) == [
        "B-1001",
        "WO:WO-1001",
        "]C1010950600013435210L-2291\x1d21SN0001",
        "#not-a-comment",
    ]


def test_a_broken_escape_in_a_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("B-1001\nLOT\\xG1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        list(read_replay(path))


def test_a_line_that_is_not_utf8_names_the_file_the_line_and_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("B-1001\nLOT:CAP-220/Größe\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"line 2: not UTF-8 text \(byte \\xf6 at column 15\)"):
        list(read_replay(path))


def test_separators_inside_a_scan_do_not_end_its_line(tmp_path: Path) -> None:
    path = tmp_path / "raw.txt"
    path.write_bytes(b"]d2\x1d10ABC\x1e\x04\r\nB-1001\rWO:WO-1001")
    assert list(read_replay(path)) == ["]d2\x1d10ABC\x1e\x04", "B-1001", "WO:WO-1001"]
