"""Label templates are data a plant copies and changes; a bad one is named with its field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracestation.domain.model import Part, Tracking, Unit
from tracestation.labels.layout import lay_out
from tracestation.labels.template_files import TemplateError, template_for
from tracestation.labels.templates import unit_label
from tracestation.resources import resources_dir


@pytest.mark.parametrize("name", ["unit", "lot", "carton", "carton-a6"])
def test_the_shipped_templates_load(name: str) -> None:
    kind = name.split("-")[0]
    template = template_for(kind, resources_dir() / "labels" / f"{name}.json")
    assert template.dpi == 203 and template.width_mm >= 100


def test_a_plant_template_sets_size_dpi_and_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "unit.json").write_text(
        json.dumps(
            {"kind": "unit", "width_mm": 60, "height_mm": 40, "dpi": 300, "fields": ["serial"]}
        )
    )
    monkeypatch.setenv("TRACESTATION_LABEL_TEMPLATES", str(tmp_path))
    template = template_for("unit")
    part = Part("CTRL-500", "Controller", Tracking.SERIAL, gtin="09506000134352")
    label = unit_label(Unit("CTRL-500", "S1", "WO-1"), part, None, template)
    assert label.lines == ("SN S1",)
    page = lay_out(label)
    assert (page.width, page.height, page.dpi) == (709, 472, 300)


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ({"kind": "unit", "width_mm": 100, "height_mm": 50, "dpi": 150}, "dpi must be one of"),
        ({"kind": "unit", "width_mm": "wide", "height_mm": 50}, "width_mm must be"),
        ({"kind": "unit", "width_mm": 100, "height_mm": 50, "fields": ["x"]}, "fields may name"),
        ({"kind": "lot", "width_mm": 100, "height_mm": 50}, 'is for "lot" labels'),
        ({"kind": "unit", "width_mm": 100, "height_mm": 50, "logo": "no.png"}, "logo"),
    ],
)
def test_a_bad_template_is_refused_naming_the_file_and_the_field(
    tmp_path: Path, document: dict[str, object], words: str
) -> None:
    path = tmp_path / "unit.json"
    path.write_text(json.dumps(document))
    with pytest.raises(TemplateError, match=words) as refused:
        template_for("unit", path)
    assert str(path) in str(refused.value)
