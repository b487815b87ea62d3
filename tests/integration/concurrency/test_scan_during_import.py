"""Imports do not stop the line: a station's scans are answered while a 200,000-lot import is
writing, not after it. (How long they take is a benchmark's question, not a test's: see
bench/import_during_scans.py. The test machine is too busy for timings to mean anything.)"""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from e2e.cli_runner import Cli
from tracestation.store.importer import import_master_data
from tracestation.store.tables import LotRow, UnitRow

LOTS = 200_000
ROOT = Path(__file__).resolve().parents[3]


def lot_count(engine: Engine) -> int:
    with engine.connect() as c:
        return int(c.scalar(select(func.count()).select_from(LotRow)))


@pytest.mark.slow
def test_a_scan_during_a_200000_lot_import_is_accepted_while_the_import_is_still_writing(
    tmp_path: Path,
) -> None:
    from tracestation.store.database import open_database
    from tracestation.wiring import station_on

    cli = Cli(db=tmp_path / "station.sqlite", workdir=tmp_path)
    engine = open_database(str(cli.db))
    import_master_data(engine, json.loads((ROOT / "resources/demo/plant.json").read_text()))
    lots = [{"part": "SCREW-M3", "lot": f"L-{i:06d}", "quantity": 100} for i in range(LOTS)]
    (tmp_path / "lots.json").write_text(json.dumps({"lots": lots}), encoding="utf-8")
    station = station_on(engine, "ST-1")
    for raw in ("B-1001", "WO:WO-2001", "OPN:10"):
        assert station.scan(raw).outcome.value == "accepted"
    before = lot_count(engine)

    importing = subprocess.Popen(
        cli.command("import", "lots.json"),
        cwd=tmp_path,
        env=cli.environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while lot_count(engine) == before:  # validation first, then the writing starts
            assert importing.poll() is None, importing.communicate()
            time.sleep(0.05)
        registered = station.scan("PCB-1")
        installed = station.scan("LOT:CAP-220/C-7781")
        still_importing = importing.poll() is None
        out, err = importing.communicate(timeout=900)
    finally:
        if importing.poll() is None:
            importing.kill()

    assert (registered.outcome.value, installed.outcome.value) == ("accepted", "accepted"), (
        registered.message,
        installed.message,
    )
    assert still_importing, "the import was over before the scans were answered"
    assert importing.returncode == 0, err
    assert "lots         200000 new" in out
    assert lot_count(engine) == before + LOTS
    with engine.connect() as c:
        assert c.scalar(select(UnitRow.status).where(UnitRow.serial == "PCB-1")) == "in_process"
    engine.dispose()
