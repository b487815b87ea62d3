"""Keeps PySide6 from wearing out `None`, `True` and `False`, which crashed the window on close.

The PySide6 6.12 wheels (abi3, built for CPython 3.10 and later) return `None` from every void
method (`QTimer.start`, `QLabel.setText`, `update`, ...) and `True` from `SignalInstance.emit()`
without a reference to them, as if they were immortal, which they are only from CPython 3.12 on.
On 3.11 each such call takes a reference nothing gave (measured: 500 `setText`, 500 fewer on
`None`; 500 emits, 500 fewer on `True`); a scan costs about 57 from `None` and 8 from `True`.
After a few dozen scans, the objects still holding them are freed at exit, a count reaches zero
and the interpreter aborts: `Fatal Python error: bool_dealloc` (or `none_dealloc`), exit 134.

`pin_constants()` checks once whether this PySide6 takes such references and, if it does, gives
the three constants a count no run can spend, as CPython 3.12 does (immortal objects). On 3.12
and later, or with a PySide6 that counts right, it changes nothing. Call it on the GUI thread
before the station's threads start (`prepare_application` and `StationClient` do).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer, Signal

PROBE_CALLS = 16
# About 2.8e14: at a million lost references a second, nine years; far below what a count holds.
PINNED_REFERENCES = 1 << 48

_pinned = False


class _Probe(QObject):
    sig_probe = Signal()


def calls_drop_constants() -> bool:
    """Whether a void Qt call or an emit from Python takes a reference it never had."""
    probe = _Probe()
    timer = QTimer()
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(PROBE_CALLS):
        timer.setInterval(1)
        probe.sig_probe.emit()
    after = sys.getrefcount(None), sys.getrefcount(True)
    return any(b - a >= PROBE_CALLS for b, a in zip(before, after, strict=True))


def pin_constants() -> bool:
    """Make `None`, `True` and `False` outlive any run; returns whether this PySide6 needs it."""
    global _pinned
    if _pinned or sys.version_info >= (3, 12) or not calls_drop_constants():
        return _pinned
    for constant in (None, True, False):
        # ob_refcnt is the first field of every CPython object: a Py_ssize_t at id(obj).
        count = ctypes.c_ssize_t.from_address(id(constant))
        count.value += PINNED_REFERENCES
    _pinned = True
    return True
