"""What goes on each printable sheet: the station's commands, the line lead's actions, the
operations of the plant's routings, reason codes and defect codes (the commands sheet);
operator badges (never a PIN); a work order's traveler. Built from master data and the core's
catalogues (`tracestation.messages.lead_desk`); the sheets' words are English, as the command
line's."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracestation.domain.model import Operator, Part, Routing, WorkOrder
from tracestation.labels.sheets import Sheet, SheetCode, SheetSection
from tracestation.messages.lead_desk import LeadCommand, LeadReason

# The station's commands (`CMD:`), in the order an operator meets them.
COMMANDS = (
    ("NEW", "New unit: the station gives the next serial and prints its label"),
    ("DONE", "Done: the operation is complete"),
    ("PASS", "Test passed"),
    ("FAIL", "Test failed: then scan the defect code"),
    ("REMOVE", "Rework: take a part out of the unit"),
    ("CLOSE", "Close the carton and print its label"),
    ("CANCEL", "Cancel what is under way"),
    ("LOGOUT", "Log out"),
)


@dataclass(frozen=True)
class CodeWithText:
    """A reason or defect code from a plant's list, with what it means."""

    code: str
    text: str


class SheetDataError(ValueError):
    """A reason-code file that cannot be used; the message names the file and what is wrong."""


def read_reason_codes(path: Path) -> list[CodeWithText]:
    """The reason codes a lead signs overrides with: a JSON list of {"code", "text"}."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SheetDataError(f"{path}: cannot be read ({error.strerror or error})") from None
    except ValueError as error:
        raise SheetDataError(f"{path}: not valid JSON ({error})") from None
    if not isinstance(document, list) or not all(
        isinstance(item, dict)
        and isinstance(item.get("code"), str)
        and item["code"].strip()
        and isinstance(item.get("text", ""), str)
        for item in document
    ):
        raise SheetDataError(f'{path}: must be a list of {{"code": "...", "text": "..."}}')
    return [CodeWithText(item["code"].strip(), item.get("text", "")) for item in document]


def commands_sheet(
    routings: Sequence[Routing],
    plant_reasons: Sequence[CodeWithText] = (),
    defects: Sequence[CodeWithText] = (),
    today: date | None = None,
) -> Sheet:
    """Operators' commands, operations, the lead's actions and reason codes (the core's, then
    a plant's own), defect codes."""
    reasons = [CodeWithText(r.value, r.english) for r in LeadReason]
    known = {r.code for r in reasons}
    reasons += [r for r in plant_reasons if r.code not in known]
    sections = [
        SheetSection("Commands", tuple(SheetCode(f"CMD:{name}", text) for name, text in COMMANDS)),
        SheetSection("Operations", tuple(_operations(routings))),
        SheetSection(
            "Line lead: badge, PIN, reason, then the action",
            tuple(SheetCode(f"CMD:{c.value}", c.english) for c in LeadCommand),
        ),
        SheetSection(
            "Reason codes (a lead scans one after badge and PIN)",
            tuple(SheetCode(f"RSN:{r.code}", r.text) for r in reasons),
        ),
    ]
    if defects:
        sections.append(
            SheetSection(
                "Defect codes (after CMD:FAIL)",
                tuple(SheetCode(f"DEF:{d.code}", d.text) for d in defects),
            )
        )
    return Sheet("Station commands", _printed(today), tuple(s for s in sections if s.codes))


def _operations(routings: Sequence[Routing]) -> list[SheetCode]:
    """One code per operation code, with what it is in each part's routing: the station reads
    `OPN:` in the routing of the work order scanned before it."""
    names: dict[str, list[str]] = {}
    for routing in routings:
        for operation in routing.operations:
            names.setdefault(operation.code, []).append(f"{operation.name} ({routing.part})")
    return [SheetCode(f"OPN:{code}", "; ".join(texts)) for code, texts in names.items()]


def badges_sheet(operators: Sequence[Operator], today: date | None = None) -> Sheet:
    """Every operator's badge, leads apart. The badge only: a PIN is never printed."""

    def section(title: str, people: list[Operator]) -> SheetSection:
        return SheetSection(title, tuple(SheetCode(o.badge, o.name) for o in people))

    leads = [o for o in operators if o.is_lead]
    others = [o for o in operators if not o.is_lead]
    sections = (section("Operators", others), section("Line leads", leads))
    return Sheet("Operator badges", _printed(today), tuple(s for s in sections if s.codes))


def traveler_sheet(
    work_order: WorkOrder, part: Part | None, routing: Routing | None, today: date | None = None
) -> Sheet:
    """A work order's traveler: the work order, its part, and its routing's operations."""
    description = part.description if part is not None else ""
    head = (
        SheetCode(f"WO:{work_order.number}", f"{work_order.quantity} x {work_order.part}"),
        SheetCode(f"PN:{work_order.part}", description),
    )
    operations = tuple(
        SheetCode(f"OPN:{op.code}", f"{op.name} ({op.kind.value})")
        for op in (routing.operations if routing is not None else ())
    )
    sections = (SheetSection("Work order", head), SheetSection("Operations, in order", operations))
    return Sheet(
        f"Traveler {work_order.number}",
        _printed(today),
        tuple(s for s in sections if s.codes),
    )


def _printed(today: date | None) -> str:
    return f"Printed {(today or date.today()).isoformat()} by TraceStation. Scan, don't type."
