#!/usr/bin/env python3
"""Build an installable wheel that carries the resources (demo plant, window styles, sounds,
translations, label templates) inside the package, for stations installed without a checkout.

    python3 packaging/build_wheel.py [--out dist]

The checkout keeps `resources/` at the top level; this copies it to `src/tracestation/_resources`
for the build only (where `tracestation.resources` looks in an installed package) and removes it
afterwards. Needs `pip` (it runs `pip wheel --no-deps`).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "src" / "tracestation" / "_resources"
LEFT_OUT = shutil.ignore_patterns(
    "screenshots", "*.ts", "update.sh", "make_sounds.py", "__pycache__"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args()
    if BUNDLED.exists():
        shutil.rmtree(BUNDLED)
    shutil.copytree(ROOT / "resources", BUNDLED, ignore=LEFT_OUT)
    try:
        return subprocess.call(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "--no-deps",
                "--wheel-dir",
                str(args.out),
                str(ROOT),
            ]
        )
    finally:
        shutil.rmtree(BUNDLED, ignore_errors=True)
        shutil.rmtree(ROOT / "build", ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
