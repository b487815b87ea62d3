"""The scanner adapters must import on a headless station that has no PySide6."""

from __future__ import annotations

import subprocess
import sys

BLOCK_QT_THEN_IMPORT = """
import sys
sys.modules["PySide6"] = None  # any `import PySide6...` now raises ImportError
import pkgutil, importlib
import tracestation.scanners as scanners
for module in pkgutil.iter_modules(scanners.__path__):
    importlib.import_module(f"tracestation.scanners.{module.name}")
print("imported", len(list(pkgutil.iter_modules(scanners.__path__))))
"""


def test_every_scanner_module_imports_with_pyside6_blocked() -> None:
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_QT_THEN_IMPORT], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("imported")
