"""`tracestation label sheet commands|badges|work-order WO --out FILE.pdf`: printable sheets of
station codes. Each sheet, rasterised at 203 dpi as a thermal printer makes it, is read back by
zbar and ZXing-C++: every code as Code 128 (`]C0`) with exactly its data, bars at least
0.25 mm; a badge sheet carries badges and names, never a PIN."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.label_reading import measure_linear, rasterise, read_zbar, read_zxing, tools_missing
from tracestation.labels.symbols import encode
from tracestation.labels.templates import Barcode
from tracestation.messages.lead_desk import LeadCommand, LeadReason
from tracestation.resources import demo_plant_path

pytestmark = pytest.mark.skipif(
    tools_missing(), reason="needs poppler-utils, zbar-tools and dmtx-utils"
)

COMMANDS = [
    f"CMD:{c}" for c in ("NEW", "DONE", "PASS", "FAIL", "REMOVE", "CLOSE", "CANCEL", "LOGOUT")
]
LEAD_COMMANDS = [f"CMD:{c.value}" for c in LeadCommand]
REASONS = [f"RSN:{r.value}" for r in LeadReason]


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
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("sheets")
    env = dict(os.environ, TRACESTATION_DB=str(folder / "station.sqlite"))
    env.pop("TRACESTATION_LABEL_TEMPLATES", None)
    assert run(env, "demo").returncode == 0
    return env


def read_sheet(env: dict[str, str], tmp_path: Path, *args: str) -> tuple[list[str], Path]:
    """Write the sheet, rasterise it at 203 dpi and read every page: (the codes ZXing-C++ read,
    in reading order, and which zbar read too; the first page)."""
    pdf = tmp_path / "sheet.pdf"
    done = run(env, "label", "sheet", *args, "--out", str(pdf))
    assert done.returncode == 0, done.stderr
    pages = rasterise(pdf, 203)
    zbar = sorted(data for page in pages for data in read_zbar(page))
    reads = []
    for page in pages:
        found = sorted(read_zxing(page), key=lambda r: (r.middle[1] // 50, r.middle[0]))
        assert {r.symbology_identifier for r in found} == {"]C0"}
        reads += [r.data.decode() for r in found]
    assert sorted(reads) == zbar, "both decoders read every code"
    return reads, pages[0]


def test_the_commands_sheet_carries_every_command_operation_lead_action_and_reason_code(
    env: dict[str, str], tmp_path: Path
) -> None:
    reads, page = read_sheet(env, tmp_path, "commands")
    operations = ["OPN:10", "OPN:20", "OPN:30", "OPN:40"]
    demo = json.loads(demo_plant_path().read_text(encoding="utf-8"))
    defects = [f"DEF:{d['code']}" for d in demo.get("defects", [])]
    assert sorted(reads) == sorted(COMMANDS + operations + LEAD_COMMANDS + REASONS + defects)
    [done] = [r for r in read_zxing(page) if r.data == b"CMD:DONE"]
    modules = encode(Barcode.station("CMD:DONE")).width
    measured = measure_linear(page, done, modules, 203)
    assert 0.49 <= measured.narrow_mm <= 0.51, measured  # 4 dots at 203 dpi
    assert measured.bar_height_mm >= 11.9 and measured.quiet_left_mm >= 10 * 0.5 - 0.2


def test_every_station_code_on_the_sheet_is_one_the_station_reads(
    env: dict[str, str], tmp_path: Path
) -> None:
    reads, _ = read_sheet(env, tmp_path, "commands")
    for code in reads:
        done = run(env, "parse", code, "--json")
        assert done.returncode == 0 and '"kind": "station"' in done.stdout, (code, done.stdout)


def test_the_badge_sheet_has_every_badge_and_name_and_never_a_pin(
    env: dict[str, str], tmp_path: Path
) -> None:
    reads, _ = read_sheet(env, tmp_path, "badges")
    assert sorted(reads) == ["B-1001", "B-1002", "B-9001"]
    words = subprocess.run(
        ["pdftotext", str(tmp_path / "sheet.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Ana Pop" in words and "Ion Rus" in words and "Line leads" in words
    assert "4321" not in words and "PIN" not in words


def test_a_work_orders_traveler_has_the_work_order_its_part_and_its_operations(
    env: dict[str, str], tmp_path: Path
) -> None:
    reads, _ = read_sheet(env, tmp_path, "work-order", "WO-1001")
    assert reads == ["WO:WO-1001", "PN:CTRL-500", "OPN:10", "OPN:20", "OPN:30", "OPN:40"]


def test_an_unknown_work_order_and_a_file_that_is_not_a_pdf_are_refused_clearly(
    env: dict[str, str], tmp_path: Path
) -> None:
    unknown = run(env, "label", "sheet", "work-order", "WO-404", "--out", str(tmp_path / "x.pdf"))
    assert unknown.returncode != 0 and "No work order WO-404" in unknown.stderr
    png = run(env, "label", "sheet", "badges", "--out", str(tmp_path / "x.png"))
    assert png.returncode != 0 and ".pdf" in png.stderr and "Traceback" not in png.stderr
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.png").exists()


def test_a_plants_own_reason_codes_are_added_after_the_stations(
    env: dict[str, str], tmp_path: Path
) -> None:
    own = tmp_path / "reasons.json"
    own.write_text('[{"code": "ENG-APPROVED", "text": "Engineering approved"}]', encoding="utf-8")
    reads, _ = read_sheet(env, tmp_path, "commands", "--reasons", str(own))
    assert set(REASONS) <= set(reads) and "RSN:ENG-APPROVED" in reads
    reasons = [code for code in reads if code.startswith("RSN:")]
    assert reasons[-1] == "RSN:ENG-APPROVED", "the plant's own after the station's reasons"
    own.write_text('{"code": "X"}', encoding="utf-8")
    out = str(tmp_path / "y.pdf")
    bad = run(env, "label", "sheet", "commands", "--reasons", str(own), "--out", out)
    assert bad.returncode != 0 and "must be a list" in bad.stderr and "Traceback" not in bad.stderr
