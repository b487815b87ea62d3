"""The domain and the station core import neither Qt nor SQL (STYLE.md: a pure core)."""

from __future__ import annotations

import subprocess
import sys

BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'sqlalchemy', 'alembic', 'serial'}:
            raise ImportError(f'the core must not import {name}')
        return None
sys.meta_path.insert(0, Block())
import pkgutil, importlib
import tracestation.domain, tracestation.station, tracestation.barcodes, tracestation.messages
core = (tracestation.domain, tracestation.station, tracestation.barcodes, tracestation.messages)
for package in core:
    for module in pkgutil.iter_modules(package.__path__, package.__name__ + '.'):
        importlib.import_module(module.name)
print('pure')
"""


def test_the_domain_station_core_and_decoders_import_with_qt_and_sql_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "pure"
