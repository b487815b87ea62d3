"""Checks across master-data records, on the data as the file would leave the database: a GTIN
or a supplier part number names one part, and no part is inside itself through its BOMs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tracestation.domain.masterdata_fields import Problems, shown


@dataclass(frozen=True)
class Claim:
    """A part in the file claims a name that must be its alone (a GTIN, a supplier part number):
    `where` is the part's record in the file."""

    where: str
    part: str
    name: str


def check_claims(
    claims: Iterable[Claim],
    on_record: Mapping[str, str],
    parts_in_file: set[str],
    field_name: str,
    what: str,
    problems: Problems,
) -> None:
    """Each name is claimed by one part of the file, and by no part of the database that the file
    leaves as it is (`on_record`: name -> part; a part the file redefines gives up its names)."""
    first: dict[str, Claim] = {}
    for claim in claims:
        earlier = first.setdefault(claim.name, claim)
        if earlier is not claim:
            if earlier.part == claim.part:
                message = f"'{shown(claim.name)}' is listed twice"
            else:
                message = (
                    f"'{shown(claim.name)}' is also the {what} of {earlier.where} in this file; "
                    f"a {what} names one part"
                )
            problems.add(claim.where, field_name, message)
            continue
        owner = on_record.get(claim.name)
        if owner is not None and owner != claim.part and owner not in parts_in_file:
            problems.add(
                claim.where,
                field_name,
                f"'{shown(claim.name)}' is already the {what} of part {shown(owner)} in the "
                f"database; a {what} names one part: use another one here, or give "
                f"{shown(owner)} another {what} in this file",
            )


def bom_cycles(graph: Mapping[str, Iterable[str]], order: Sequence[str]) -> list[list[str]]:
    """One cycle (as the parts along it, the first repeated at the end) for each group of parts
    that contain each other through `graph` (parent -> children); groups are found from the
    parents in `order` (the file's BOMs), so every cycle through the file is named once."""
    children = {parent: sorted(set(kids)) for parent, kids in graph.items()}
    cycles: list[list[str]] = []
    seen: set[str] = set()
    for start in order:
        if start in seen:
            continue
        path = _path_back(children, start)
        if path is not None:
            cycles.append(path)
            seen.update(path)
    return cycles


def _path_back(children: Mapping[str, list[str]], start: str) -> list[str] | None:
    """The shortest way from `start` back to itself (breadth first, no recursion), or None."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in children.get(node, ()):
                if child == start:
                    back = [node]
                    while back[-1] != start:
                        back.append(came_from[back[-1]])
                    return [*reversed(back), start]
                if child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    return None
