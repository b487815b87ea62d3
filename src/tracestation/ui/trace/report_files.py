"""Where the trace view writes the reports it makes, and how it opens them.

The folder is the user's documents folder (`TraceStation reports` in it) unless a test or a
setting gives another; the opener is the system viewer (`QDesktopServices.openUrl`), injected
so a test can see the request without opening a viewer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices

Opener = Callable[[QUrl], bool]


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / "TraceStation reports"


def system_viewer(url: QUrl) -> bool:
    return bool(QDesktopServices.openUrl(url))


def report_file(folder: Path, prefix: str, subject: str, suffix: str) -> Path:
    """A new file name for a report on `subject` (PART/SERIAL or PART/LOT), stamped with the
    local time so a report made again does not replace the one before."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", subject).strip("_") or "report"
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return folder / f"{prefix}-{safe}-{stamp}{suffix}"
