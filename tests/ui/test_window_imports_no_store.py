"""The window asks, the core answers: no module of `tracestation.ui` imports the store or
SQLAlchemy (STYLE.md). It gets the services the composition root (`tracestation.wiring`) built."""

from __future__ import annotations

import subprocess
import sys

BLOCKER = """
import sys
BLOCKED = (
    'sqlalchemy', 'alembic', 'tracestation.store', 'tracestation.wiring', 'tracestation.trace'
)
class Block:
    def find_spec(self, name, path=None, target=None):
        if any(name == b or name.startswith(b + '.') for b in BLOCKED):
            raise ImportError(f'the window must not import {name}')
        return None
sys.meta_path.insert(0, Block())
import pkgutil, importlib, tracestation.ui
names = [m.name for m in pkgutil.walk_packages(tracestation.ui.__path__, 'tracestation.ui.')]
for name in names:
    importlib.import_module(name)
leaked = sorted(n for n in sys.modules if any(n == b or n.startswith(b + '.') for b in BLOCKED))
assert not leaked, leaked
print(len(names))
"""


def test_every_window_module_imports_with_the_store_and_sqlalchemy_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCKER], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 30, "every module of the window was imported"
