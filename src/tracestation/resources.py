"""Where the product's resources (demo plant, label templates, sounds) live on disk."""

from __future__ import annotations

from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parent / "_resources",  # a wheel that bundles them
    Path(__file__).resolve().parents[2] / "resources",  # a source checkout (editable install)
)


def resources_dir() -> Path:
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("TraceStation's resources folder is missing; reinstall the package.")


def demo_plant_path() -> Path:
    return resources_dir() / "demo" / "plant.json"
