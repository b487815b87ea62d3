"""Conflicts: what a station did offline against a rule the centre knew, and how a lead resolves it.

The centre raises a conflict (`ConflictRaised`) when it takes an event that broke a rule; a lead
resolves it with a signed disposition (`ConflictResolved`): take the child out of every parent but
the one it is really in (`remove_link`), accept what happened with a deviation (`accept`), or
scrap the subject (`scrap`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tracestation.domain.events import ConflictResolved
from tracestation.domain.refusals import Refused
from tracestation.messages.refusals import Refusal

RESOLUTIONS = ("remove_link", "accept", "scrap")
CHILD_INSTALLED_TWICE = "child_installed_twice"


class ConflictRefused(Refused):
    """The resolution does not fit the conflict; nothing was written."""


@dataclass(frozen=True)
class Conflict:
    id: str
    kind: str
    subject_kind: str
    part: str
    subject: str
    event_id: str
    stations: tuple[str, ...]
    detail: str
    nonconformance: str | None
    open: bool

    @property
    def label(self) -> str:
        return f"{self.part}/{self.subject}"


@dataclass(frozen=True)
class ParentLink:
    """An active link of a child unit to a parent (contested when it is the second one)."""

    parent_part: str
    parent_serial: str
    installed_event: str
    contested: bool

    @property
    def parent(self) -> str:
        return f"{self.parent_part}/{self.parent_serial}"


def resolve(
    conflict: Conflict,
    how: str,
    reason: str,
    parents: list[ParentLink],
    keep: str | None = None,
) -> ConflictResolved:
    """The lead's disposition of `conflict`, checked. `parents` are the child's active links
    (for a child installed twice); `keep` the parent (PART/SERIAL) the child really is in."""
    if not conflict.open:
        raise ConflictRefused(Refusal.CONFLICT_NOT_OPEN, conflict=conflict.id)
    if how not in RESOLUTIONS:
        raise ConflictRefused(Refusal.RESOLUTION_UNKNOWN, choices=", ".join(RESOLUTIONS))
    if not reason.strip():
        raise ConflictRefused(Refusal.REASON_REQUIRED)
    twice = conflict.kind == CHILD_INSTALLED_TWICE and len(parents) > 1
    if how == "remove_link":
        return _remove_links(conflict, reason, parents, keep)
    if twice and how == "accept":
        choices = ", ".join(p.parent for p in parents)
        raise ConflictRefused(
            Refusal.CONFLICT_NEEDS_A_PARENT, child=conflict.label, parents=choices
        )
    if how == "scrap" and conflict.subject_kind not in ("unit", "lot"):
        raise ConflictRefused(Refusal.CONFLICT_NOT_SCRAPPABLE, subject=conflict.label)
    return ConflictResolved(conflict.id, how, reason.strip())


def _remove_links(
    conflict: Conflict, reason: str, parents: list[ParentLink], keep: str | None
) -> ConflictResolved:
    if conflict.kind != CHILD_INSTALLED_TWICE:
        raise ConflictRefused(Refusal.CONFLICT_NOT_A_LINK, conflict=conflict.id, kind=conflict.kind)
    choices = ", ".join(p.parent for p in parents)
    if keep is None:
        raise ConflictRefused(
            Refusal.CONFLICT_NEEDS_A_PARENT, child=conflict.label, parents=choices
        )
    kept = [p for p in parents if p.parent == keep.strip().removeprefix("SN:")]
    if not kept:
        raise ConflictRefused(Refusal.CONFLICT_KEEP_UNKNOWN, parent=keep, parents=choices or "none")
    removed = tuple(p.installed_event for p in parents if p is not kept[0])
    return ConflictResolved(conflict.id, "remove_link", reason.strip(), removed)
