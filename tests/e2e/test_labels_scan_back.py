"""Labels the station prints scan back as what they claim to be: written by the CLI as PDF
(rasterised at 203 and 300 dpi) and as PNG, read by ZXing-C++ and by zbar / libdmtx, every GS1
element string checked by `tracestation parse`, and the SSCC symbol measured against GS1's
figures for logistic labels."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from support.label_reading import (
    measure_linear,
    rasterise,
    read_dmtx,
    read_zbar,
    read_zxing,
    tools_missing,
)

pytestmark = pytest.mark.skipif(
    tools_missing(),
    reason="needs poppler-utils, zbar-tools and dmtx-utils (packaging/dev.py test installs them)",
)

GS = "\x1d"
PACKING = [
    "B-1001", "WO:WO-2001", "OPN:10", "PCB-1", "LOT:CAP-220/C-7781", "CMD:DONE",
    "OPN:20", "PCB-1", "CMD:PASS", "WO:WO-1001", "OPN:10", "LOT:PASTE-7/P-88", "CTRL-1",
    "OPN:20", "CTRL-1", "PCB-1", "LOT:SCREW-M3/L-2291", "CMD:DONE", "OPN:30", "CTRL-1",
    "CMD:PASS", "OPN:40", "CTRL-1", "CMD:CLOSE", "OPN:10", "CMD:NEW",
]  # fmt: skip


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracestation", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def plant(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path, str, str]:
    """A demo plant with a packed and closed carton and a unit given its serial by CMD:NEW."""
    folder = tmp_path_factory.mktemp("labels")
    env = dict(
        os.environ,
        TRACESTATION_DB=str(folder / "station.sqlite"),
        TRACESTATION_PRINTER=f"pdf:{folder / 'spool'}",
    )
    assert run(env, "demo").returncode == 0
    scans = folder / "scans.txt"
    scans.write_text("\n".join(PACKING) + "\n")
    lines = [
        json.loads(x)
        for x in run(env, "replay", "--station", "PACK-1", str(scans)).stdout.splitlines()
    ]
    assert [x["outcome"] for x in lines[-3:]] == ["accepted"] * 3, lines[-3:]
    assert lines[-3]["message"].endswith("Label printed."), lines[-3]
    [carton_pdf] = sorted((folder / "spool").glob("carton-*.pdf"))
    sscc = carton_pdf.name.split("-")[1]
    [unit_pdf] = sorted((folder / "spool").glob("unit-*.pdf"))
    match = re.match(r"unit-(WO-1001-\d+)-", unit_pdf.name)
    assert match is not None, unit_pdf.name
    return env, folder, sscc, match.group(1)


@cache
def parsed(env_db: str, scan: str) -> dict[str, object]:
    env = dict(os.environ, TRACESTATION_DB=env_db)
    done = run(env, "parse", "--json", scan)
    document: dict[str, object] = json.loads(done.stdout)
    assert (done.returncode == 0) == (document["error"] is None), done
    return document


def expected_symbols(sscc: str, serial: str) -> dict[str, set[tuple[str, str]]]:
    """(symbology identifier, data with GS separators) each label kind must carry."""
    return {
        "unit": {
            ("]d2", "010950600013435211{made}21" + serial),
            ("]C0", "SN:CTRL-500/" + serial),
        },
        "unit-no-gtin": {("]C0", "SN:PCBA-100/PCB-1")},
        "lot": {("]d2", "01095060001343761728033110C-7781"), ("]C0", "LOT:CAP-220/C-7781")},
        "lot-no-gtin": {("]C0", "LOT:SCREW-M3/L-2291")},
        "carton": {
            ("]C1", f"00{sscc}"),
            ("]C1", "020950600013435237" + "1"),
            ("]C1", "11{made}10WO-1001"),
        },
    }


LABELS = {
    "unit": ["unit", "{serial}"],
    "unit-no-gtin": ["unit", "PCB-1"],
    "lot": ["lot", "CAP-220/C-7781"],
    "lot-no-gtin": ["lot", "SCREW-M3/L-2291"],
    "carton": ["carton", "{sscc}"],
}


def images_of(
    env: dict[str, str], folder: Path, name: str, sscc: str, serial: str
) -> list[tuple[Path, int]]:
    """The label as PDF rasterised at 203 and 300 dpi, and as PNG at 203 and 300 dpi."""
    args = [a.format(sscc=sscc, serial=serial) for a in LABELS[name]]
    pdf = folder / f"{name}.pdf"
    assert run(env, "label", *args, "--out", str(pdf)).returncode == 0
    out = [(page, dpi) for dpi in (203, 300) for page in rasterise(pdf, dpi)]
    for dpi in (203, 300):
        png = folder / f"{name}-{dpi}dpi.png"
        done = run(env, "label", *args, "--out", str(png), "--dpi", str(dpi))
        assert done.returncode == 0, done.stderr
        assert png.read_bytes().startswith(b"\x89PNG")
        out.append((png, dpi))
    return out


@pytest.mark.parametrize("name", list(LABELS))
def test_every_label_reads_back_with_its_symbology_and_data_in_every_rendering(
    plant: tuple[dict[str, str], Path, str, str], name: str
) -> None:
    env, folder, sscc, serial = plant
    made = date.today().strftime("%y%m%d")
    wanted = {(sid, d.format(made=made)) for sid, d in expected_symbols(sscc, serial)[name]}
    for image, dpi in images_of(env, folder, name, sscc, serial):
        zxing = {(r.symbology_identifier, r.data.decode()) for r in read_zxing(image)}
        assert wanted <= zxing, f"{image.name} at {dpi} dpi: ZXing read {zxing}"
        if name != "carton":
            assert zxing == wanted, f"{image.name}: nothing but {wanted}"
        linear = {data.replace(GS, "") for sid, data in wanted if sid.startswith("]C")}
        assert linear <= set(read_zbar(image)), f"{image.name} at {dpi} dpi: zbar"
        matrix = {data.replace(GS, "") for sid, data in wanted if sid == "]d2"}
        if matrix:  # (libdmtx searches the whole timeout when there is none)
            assert {m.replace(GS, "") for m in read_dmtx(image)} == matrix, image.name
    for sid, data in wanted:
        document = parsed(env["TRACESTATION_DB"], sid + data)
        assert document["symbology"] == sid
        if sid == "]C0":
            assert document["kind"] == "station" and document["error"] is None
            continue
        assert document["kind"] == "gs1"
        assert document["ai"] == _ais(data), f"{sid}{data}"
        if data.startswith("02"):
            # The content symbol of a logistic label: (02)+(37) belong with the (00) of the
            # symbol below it on the same label; the station's decoder checks GS1's pairing
            # rules within one scan and names exactly that.
            assert "(00)" in str(document["error"]), document
        elif data.startswith("11"):
            # The batch and the date belong with the content (02) of the symbol above.
            assert "(02) CONTENT" in str(document["error"]), document
        else:
            assert document["error"] is None, document


def _ais(data: str) -> dict[str, str]:
    """The element strings of `data` (GS-separated, as encoded), by AI."""
    fixed = {"00": 18, "01": 14, "02": 14, "11": 6, "17": 6}
    out: dict[str, str] = {}
    rest = data
    while rest:
        ai = rest[:2]
        if ai in fixed:
            out[ai], rest = rest[2 : 2 + fixed[ai]], rest[2 + fixed[ai] :]
        else:
            value, _, rest = rest[2:].partition(GS)
            out[ai] = value
    return out


def test_the_sscc_symbol_meets_gs1_logistic_label_figures_at_203_and_300_dpi(
    plant: tuple[dict[str, str], Path, str, str],
) -> None:
    from tracestation.labels.gs1 import Element
    from tracestation.labels.symbols import encode
    from tracestation.labels.templates import Barcode, Symbology

    env, folder, sscc, _ = plant
    modules = encode(Barcode.gs1(Symbology.GS1_128, Element("00", sscc))).width
    images = []
    for printer_dpi in (203, 300):
        pdf = folder / f"sscc-{printer_dpi}.pdf"
        done = run(env, "label", "carton", sscc, "--dpi", str(printer_dpi), "--out", str(pdf))
        assert done.returncode == 0, done.stderr
        images += [(page, dpi) for dpi in (203, 300) for page in rasterise(pdf, dpi)]
    for image, dpi in images:
        reads = read_zxing(image)
        [symbol] = [r for r in reads if r.data.decode() == f"00{sscc}"]
        lowest = max(r.middle[1] for r in reads)
        assert symbol.middle[1] == lowest, "the SSCC is the lowest symbol"
        m = measure_linear(image, symbol, modules, dpi)
        print(f"{image.name} at {dpi} dpi: {m}")
        assert 0.495 - 25.4 / dpi / modules <= m.narrow_mm <= 1.016, m
        assert m.bar_height_mm >= 31.75 - 25.4 / dpi, m
        assert min(m.quiet_left_mm, m.quiet_right_mm) >= 10 * 0.495 - 25.4 / dpi, m
