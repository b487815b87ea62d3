"""The decoder loads the GS1 reader (and biip's tables) only for a scan that may be GS1."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from tracestation.barcodes.decoded import DecodeOptions
from tracestation.barcodes.gs1 import decode_gs1
from tracestation.barcodes.gs1_signs import may_be_gs1

GS = "\x1d"
_SCANS = st.lists(
    st.one_of(
        st.characters(min_codepoint=32, max_codepoint=0x7F),
        st.sampled_from([GS, "|", "{GS}", "(", ")", "0", "1", "2", "00", "01", "02"]),
    ),
    max_size=60,
).map("".join)
_OPTIONS = st.sampled_from([DecodeOptions(), DecodeOptions(gs_substitutes=("|", "{GS}"))])


@given(_SCANS, _OPTIONS)
def test_a_scan_without_a_sign_of_gs1_is_not_gs1_to_the_gs1_reader_either(
    body: str, options: DecodeOptions
) -> None:
    if not may_be_gs1(False, body, options):
        assert decode_gs1(body, None, body, options) is None


def test_badges_station_codes_and_plain_serials_are_read_without_loading_biip() -> None:
    scans = ["B-2001", "WO:WO-2001", "CMD:DONE", "PIN:1234", "SNS-0000001", "L-SNS01-0000"]
    read = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys\n"
            "from tracestation.barcodes import decode\n"
            f"kinds = [decode(s).kind for s in {scans!r}]\n"
            "print(json.dumps([kinds, [m for m in sys.modules if m.startswith('biip')]]))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    kinds, loaded = json.loads(read.stdout)
    assert "gs1" not in kinds and "bare" in kinds
    assert loaded == []
