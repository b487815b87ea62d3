"""Label previews as PNG images, rasterised from the PDF (poppler's pdftoppm) at the label's
printer resolution, so the preview shows the dots the printer will make."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tracestation.labels.pdf import render_pdf
from tracestation.labels.templates import Label


class PreviewUnavailable(RuntimeError):
    """The PNG could not be made (pdftoppm missing or failing); the message says what to do."""


def render_png(label: Label, dpi: int | None = None) -> bytes:
    """The label as a PNG at `dpi` (default: the template's resolution)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise PreviewUnavailable(
            "PNG previews need pdftoppm (Debian/Ubuntu: apt-get install poppler-utils); "
            "write a .pdf instead."
        )
    resolution = dpi or label.template.dpi
    with tempfile.TemporaryDirectory(prefix="tracestation-label-") as folder:
        pdf = Path(folder) / "label.pdf"
        pdf.write_bytes(render_pdf([label], dpi))
        done = subprocess.run(
            [
                tool,
                "-r",
                str(resolution),
                "-png",
                "-singlefile",
                str(pdf),
                str(pdf.with_suffix("")),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        png = pdf.with_suffix(".png")
        if done.returncode != 0 or not png.exists():
            raise PreviewUnavailable(f"pdftoppm failed: {done.stderr.strip() or done.returncode}")
        return png.read_bytes()
