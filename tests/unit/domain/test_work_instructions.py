"""An operation may carry work instructions for the operator: text (several lines) and an
optional image file, as `instructions` in the routing of a master-data file (contract addition).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tracestation.domain.masterdata import MasterDataError, read_master_data

DEMO = Path(__file__).resolve().parents[3] / "resources" / "demo" / "plant.json"


@pytest.fixture
def plant() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(DEMO.read_text(encoding="utf-8"))
    return copy.deepcopy(document)


def first_operation(document: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = document["routings"][0]["operations"][0]
    return operation


def problems_of(document: Any) -> list[str]:
    with pytest.raises(MasterDataError) as refused:
        read_master_data(document)
    return [str(problem) for problem in refused.value.problems]


def test_instructions_as_text_or_text_and_image_are_read_onto_the_operation(
    plant: dict[str, Any],
) -> None:
    first_operation(plant)["instructions"] = "Check the stencil.\nThen load the board."
    plant["routings"][0]["operations"][1]["instructions"] = {
        "text": "Fixture 3, 30 s",
        "image": "/srv/wi/ict-fixture.png",
    }
    routing = read_master_data(plant).routings[0]
    first, second = routing.operations[:2]
    assert first.instructions == "Check the stencil.\nThen load the board."
    assert first.instructions_image is None
    assert (second.instructions, second.instructions_image) == (
        "Fixture 3, 30 s",
        "/srv/wi/ict-fixture.png",
    )
    assert read_master_data(plant).routings[1].operations[0].instructions is None


@pytest.mark.parametrize(
    ("instructions", "says"),
    [
        (42, "must be text or an object with text and image, not a number"),
        ({"text": "x", "video": "a.mp4"}, "has unknown keys video; use text and image"),
        ({"image": "notes.pdf"}, "must be an image file"),
        ({}, "needs text, an image, or both"),
        ("bad \x07 bell", "a control character"),
    ],
)
def test_instructions_that_cannot_be_shown_are_refused_saying_why(
    plant: dict[str, Any], instructions: Any, says: str
) -> None:
    first_operation(plant)["instructions"] = instructions
    problems = problems_of(plant)
    assert len(problems) == 1 and says in problems[0], problems
    assert "operations[0]" in problems[0]
