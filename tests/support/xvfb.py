"""A fresh X server (Xvfb) on a free display number, for tests of the real window under X."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


def have_xvfb() -> bool:
    return shutil.which("Xvfb") is not None


@contextmanager
def x_server(width: int = 1600, height: int = 1000) -> Iterator[str]:
    """Yields the display (":N") of an Xvfb screen of that size; Xvfb picks N and tells us."""
    read_end, write_end = os.pipe()
    screen = f"{width}x{height}x24"
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 20)
        assert ready, "Xvfb did not start"
        number = os.read(read_end, 32).decode().strip()
        assert number.isdigit(), f"Xvfb said {number!r}"
        yield f":{number}"
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(10)
