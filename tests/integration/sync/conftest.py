"""Fixtures of the sync tests: a prepared centre with the demo plant, and an offline plant."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from support.offline import Plant, make_centre


@pytest.fixture
def centre(plant_document: dict[str, Any]) -> Iterator[Engine]:
    yield from make_centre(plant_document)


@pytest.fixture
def plant(tmp_path: Path, centre: Engine) -> Plant:
    return Plant(tmp_path, centre)
