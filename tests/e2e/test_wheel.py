"""A station PC installs a wheel, not a checkout: the wheel must carry what the station needs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_bundles_the_demo_plant_translations_and_every_migration(tmp_path: Path) -> None:
    built = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_wheel.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = tmp_path.glob("tracestation-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tracestation/_resources/demo/plant.json" in names
    assert "tracestation/_resources/ui/translations/tracestation_ro.qm" in names
    assert "tracestation/_resources/ui/station.qss" in names
    migrations = sorted(
        p.name for p in (ROOT / "src/tracestation/store/migrations/versions").glob("0*.py")
    )
    assert {f"tracestation/store/migrations/versions/{m}" for m in migrations} <= names
    assert not (ROOT / "src" / "tracestation" / "_resources").exists(), "the build cleans up"
