"""Labels the station prints scan back: rendered to PDF, rasterised and read by real decoders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TOOLS = ("pdftoppm", "zbarimg", "dmtxread")
pytestmark = pytest.mark.skipif(
    any(shutil.which(t) is None for t in TOOLS),
    reason="needs poppler-utils, zbar-tools and dmtx-utils (packaging/dev.py test installs them)",
)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracestation", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def read_codes(pdf: Path, *, matrix_codes: bool = False) -> tuple[list[str], list[str]]:
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", str(pdf), str(pdf.with_suffix(""))], check=True
    )
    linear, matrix = [], []
    for page in sorted(pdf.parent.glob(pdf.stem + "-*.png")):
        zbar = subprocess.run(
            ["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True, check=False
        )
        linear += zbar.stdout.split()
        if not matrix_codes:
            continue
        dmtx = subprocess.run(
            ["dmtxread", "-n", "-N1", "-S2", "-m", "20000", str(page)],
            capture_output=True,
            check=False,
        )
        if dmtx.stdout:
            matrix.append(dmtx.stdout.decode("latin-1"))
    return linear, matrix


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        TRACESTATION_DB=str(tmp_path / "station.sqlite"),
        TRACESTATION_PRINTER=f"pdf:{tmp_path / 'spool'}",
    )
    assert run(env, "demo").returncode == 0
    return env


def test_a_lot_label_written_as_pdf_scans_back_as_the_station_code(
    env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "lot.pdf"
    assert run(env, "label", "lot", "SCREW-M3/L-2291", "--out", str(out)).returncode == 0
    linear, _ = read_codes(out)
    assert linear == ["LOT:SCREW-M3/L-2291"]
    decoded = json.loads(run(env, "parse", "--json", linear[0]).stdout)
    assert decoded["fields"] == {"part": "SCREW-M3", "lot": "L-2291"}


def test_closing_a_carton_prints_an_sscc_label_that_scans_back(
    env: dict[str, str], tmp_path: Path
) -> None:
    scans = tmp_path / "scans.txt"
    scans.write_text(
        "\n".join(
            [
                "B-1001",
                "WO:WO-2001",
                "OPN:10",
                "PCB-1",
                "LOT:CAP-220/C-7781",
                "CMD:DONE",
                "OPN:20",
                "PCB-1",
                "CMD:PASS",
                "WO:WO-1001",
                "OPN:10",
                "LOT:PASTE-7/P-88",
                "CTRL-1",
                "OPN:20",
                "CTRL-1",
                "PCB-1",
                "LOT:SCREW-M3/L-2291",
                "CMD:DONE",
                "OPN:30",
                "CTRL-1",
                "CMD:PASS",
                "OPN:40",
                "CTRL-1",
                "CMD:CLOSE",
                "CMD:NEW",
            ]
        )
    )
    result = run(env, "replay", "--station", "PACK-1", str(scans))
    closed = json.loads(result.stdout.splitlines()[-2])
    assert closed["outcome"] == "accepted" and "label is printing" in closed["message"]
    [carton_pdf] = sorted((tmp_path / "spool").glob("carton-*.pdf"))
    linear, _ = read_codes(carton_pdf)
    sscc = next(code for code in linear if code.startswith("00"))
    assert (
        json.loads(run(env, "parse", "--json", f"]C1{sscc}").stdout)["fields"]["sscc"] == sscc[2:]
    )


def test_a_unit_label_carries_a_datamatrix_the_station_reads_back(
    env: dict[str, str], tmp_path: Path
) -> None:
    scans = tmp_path / "scans.txt"
    scans.write_text("B-1001\nWO:WO-1001\nOPN:10\nCMD:NEW\n")
    run(env, "replay", "--station", "KIT-1", str(scans))
    out = tmp_path / "unit.pdf"
    assert run(env, "label", "unit", "WO-1001-00001", "--out", str(out)).returncode == 0
    linear, matrix = read_codes(out, matrix_codes=True)
    assert linear == ["SN:CTRL-500/WO-1001-00001"]
    [datamatrix] = matrix
    decoded = json.loads(run(env, "parse", "--json", datamatrix).stdout)
    assert decoded["fields"] == {"gtin": "09506000134352", "serial": "WO-1001-00001"}
