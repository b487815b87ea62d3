"""Label templates as data: `resources/labels/<name>.json`, which a plant copies and changes.

A template names the label kind it is for and gives the stock size in mm, the printer's
resolution, the text fields to print (in order), the ship-from lines and a logo (PNG, a path
relative to the template) for logistic labels. The folder is `$TRACESTATION_LABEL_TEMPLATES`
when set (a plant's own copies), else the product's `resources/labels/`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from tracestation.labels.sizes import mm_to_dots
from tracestation.labels.templates import SHELF_LIFE_DATES, LabelTemplate
from tracestation.resources import resources_dir

KINDS = ("unit", "lot", "carton")
DPIS = (203, 300, 600)
FIELDS = {
    "unit": ("description", "serial", "work_order", "production_date", "gtin"),
    "lot": ("description", "lot", "quantity", "expiry", "supplier"),
    "carton": (
        "sscc",
        "content",
        "part",
        "count",
        "batch",
        "production_date",
        "expiry",
        "best_before",
    ),
}


class TemplateError(ValueError):
    """A template file that cannot be used; the message names the file and the field."""


def templates_dir() -> Path:
    chosen = os.environ.get("TRACESTATION_LABEL_TEMPLATES", "").strip()
    return Path(chosen) if chosen else resources_dir() / "labels"


def template_for(kind: str, path: Path | None = None) -> LabelTemplate:
    """The template of `kind` from `path`, else `<templates_dir>/<kind>.json`."""
    path = path or templates_dir() / f"{kind}.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise TemplateError(f"cannot read label template {path}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise TemplateError(f"label template {path} is not JSON: {error}") from None
    return parse_template(document, path, kind)


def parse_template(document: Any, path: Path, kind: str) -> LabelTemplate:
    def fail(what: str) -> TemplateError:
        return TemplateError(f"label template {path}: {what}")

    if not isinstance(document, dict):
        raise fail("must be a JSON object")
    if document.get("kind", kind) != kind:
        raise fail(f'is for "{document.get("kind")}" labels, not {kind} labels')
    size = {}
    for key in ("width_mm", "height_mm"):
        value = document.get(key)
        if not isinstance(value, int | float) or not 10 <= value <= 300:
            raise fail(f"{key} must be a number of mm between 10 and 300")
        size[key] = float(value)
    dpi = document.get("dpi", 203)
    if dpi not in DPIS:
        raise fail(f"dpi must be one of {', '.join(map(str, DPIS))}")
    fields = document.get("fields", [])
    if not isinstance(fields, list) or any(f not in FIELDS[kind] for f in fields):
        raise fail(f"fields may name {', '.join(FIELDS[kind])}")
    ship_from = document.get("ship_from", [])
    if not isinstance(ship_from, list) or not all(isinstance(x, str) for x in ship_from):
        raise fail("ship_from must be a list of lines of text")
    logo = document.get("logo")
    if logo is not None:
        if not isinstance(logo, str):
            raise fail("logo must be the path of a PNG file")
        logo_path = (path.parent / logo).resolve()
        if not logo_path.is_file():
            raise fail(f"logo {logo_path} is not a file")
        logo = str(logo_path)
    shelf_life = document.get("shelf_life", "expiry")
    if shelf_life not in SHELF_LIFE_DATES:
        raise fail(f"shelf_life must be one of {', '.join(SHELF_LIFE_DATES)}")
    template = LabelTemplate(
        kind,
        size["width_mm"],
        size["height_mm"],
        dpi,
        tuple(ship_from),
        logo,
        tuple(fields),
        shelf_life,
    )
    if mm_to_dots(template.width_mm, dpi) < 200:
        raise fail("the label is too narrow for its barcodes")
    return template
