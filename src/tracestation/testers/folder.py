"""Result files on disk: import one file or every `.csv` and `.json` file of a folder through
the core's `TesterResults`, and move a refused file aside.

A refused file (unreadable, malformed, a verdict that disagrees with its limits, an unknown
unit) goes to `rejected/` beside it, with `<name>.rejected.txt` saying why; nothing of it was
written. In a watched folder, a file once on record (imported now or before) goes to
`imported/`. A file the database did not take stays where it is, to be tried again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from tracestation.station.tester_results import FileImport, FileOutcome, TesterResults

SUFFIXES = (".csv", ".json")
REJECTED = "rejected"
IMPORTED = "imported"


def result_files(folder: Path) -> list[Path]:
    """The result files directly in `folder` (not in its sub-folders), by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def import_path(
    path: Path, results: TesterResults, *, keep_imported: bool = False
) -> list[FileOutcome]:
    """Import `path` (a file, or a folder's result files); refused files are moved aside.
    `keep_imported` False (a watched folder) also moves files on record to `imported/`."""
    files = result_files(path) if path.is_dir() else [path]
    return [import_file(f, results, keep_imported=keep_imported) for f in files]


def import_file(path: Path, results: TesterResults, *, keep_imported: bool) -> FileOutcome:
    try:
        data = path.read_bytes()
    except OSError as error:
        outcome = FileOutcome(
            path.name,
            FileImport.REFUSED,
            "",
            problems=(f"cannot be read ({error.strerror or type(error).__name__})",),
        )
        if path.is_file():
            set_aside(path, outcome)
        return outcome
    outcome = results.record(path.name, data)
    if outcome.status is FileImport.REFUSED:
        set_aside(path, outcome)
    elif not keep_imported and outcome.status is not FileImport.NOT_SAVED:
        _move(path, path.parent / IMPORTED)
    return outcome


def set_aside(path: Path, outcome: FileOutcome) -> Path:
    """Move a refused file to `rejected/` with a `.rejected.txt` that says why."""
    moved = _move(path, path.parent / REJECTED)
    when = datetime.now(UTC).isoformat(timespec="seconds")
    why = "\n".join(f"- {p}" for p in outcome.problems)
    note = (
        f"{path.name} was not imported ({when}); nothing of it was recorded.\n{why}\n"
        "Correct the file and put it back, or give it to quality.\n"
    )
    Path(f"{moved}.rejected.txt").write_text(note, encoding="utf-8")
    return moved


def _move(path: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    for n in _counter():
        if not target.exists():
            break
        target = folder / f"{path.stem}.{n}{path.suffix}"
    os.replace(path, target)
    return target


def _counter() -> Iterator[int]:
    n = 1
    while True:
        yield n
        n += 1
