#!/usr/bin/env python3
"""Set up TraceStation from a fresh clone and run it, with nothing but Python installed.

    python3 packaging/dev.py station [tracestation options]   # the station on the demo plant
    python3 packaging/dev.py test [pytest options]            # the whole test suite

Creates `.venv` beside `pyproject.toml` on first use and installs the project into it (again
only when pyproject.toml changes). Uses only the standard library, so it runs before anything
is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".tracestation-installed"
EXTRAS = "test,dev"  # one environment for both commands, so neither reinstalls after the other

# Qt's xcb platform and the window test (Xvfb, xdotool) need these on Debian/Ubuntu.
SYSTEM_PACKAGES = [
    "xvfb",
    "xdotool",
    "libxcb-cursor0",
    "libxkbcommon-x11-0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libegl1",
    "libgl1",
    "libdbus-1-3",
    "libfontconfig1",
    # The label tests read printed labels back with real decoders.
    "poppler-utils",
    "zbar-tools",
    "dmtx-utils",
]


def say(message: str) -> None:
    print(f"[tracestation] {message}", flush=True)


def ensure_python() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script runs on whatever python3 is
        sys.exit(f"TraceStation needs Python 3.11 or newer; this is {sys.version.split()[0]}.")


def ensure_venv(extras: str) -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        say(f"creating the virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True, upgrade_deps=False).create(VENV)
    say("installing TraceStation and its dependencies (first run only)")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{extras}]"], check=True
    )
    STAMP.write_text(wanted)


def ensure_system_packages() -> None:
    """Install the system packages the window and label tests need (Debian, as root)."""
    if not sys.platform.startswith("linux") or shutil.which("apt-get") is None:
        return
    missing = [
        p
        for p in SYSTEM_PACKAGES
        if subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True, check=False
        ).stdout.strip()
        != "install ok installed"
    ]
    if not missing:
        return
    if os.geteuid() != 0:
        say("missing system packages for the window test: " + " ".join(missing))
        say("install them with: sudo apt-get install -y " + " ".join(missing))
        return
    say("installing system packages: " + " ".join(missing))
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *missing],
        check=True,
        env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
    )


def station(args: list[str]) -> int:
    ensure_venv(EXTRAS)
    tool = str(BIN / "tracestation")
    subprocess.run([tool, *global_options(args), "demo"], check=True, stdout=subprocess.DEVNULL)
    return subprocess.call([tool, *args])


def global_options(args: list[str]) -> list[str]:
    """The options that choose the database and station, to pass on to `tracestation demo`."""
    kept: list[str] = []
    for i, arg in enumerate(args):
        if arg in ("--db", "--station") and i + 1 < len(args):
            kept += [arg, args[i + 1]]
        elif arg.startswith(("--db=", "--station=")):
            kept.append(arg)
    return kept


def test(args: list[str]) -> int:
    ensure_system_packages()
    ensure_venv(EXTRAS)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    return subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env)


def main() -> int:
    ensure_python()
    if len(sys.argv) < 2 or sys.argv[1] not in ("station", "test"):
        print(__doc__)
        return 2
    command, args = sys.argv[1], sys.argv[2:]
    return station(args) if command == "station" else test(args)


if __name__ == "__main__":
    raise SystemExit(main())
