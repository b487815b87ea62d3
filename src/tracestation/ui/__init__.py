"""The PySide6 operator station window. The only package that imports Qt.

Start it with `tracestation` (no subcommand) or `python -m tracestation.ui`; see `app.py`.
"""

from __future__ import annotations

__all__ = ["AppOptions", "run_station_app"]


def __getattr__(name: str) -> object:
    # Lazy, so `import tracestation.ui` alone does not load Qt.
    if name in __all__:
        from tracestation.ui import app

        return getattr(app, name)
    raise AttributeError(name)
