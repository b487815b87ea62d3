"""Reading printed labels back as a scanner would: ZXing-C++, zbar and libdmtx on rendered
images, and measuring a linear symbol's narrow bar, bar height and quiet zones in pixels."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from PIL import Image

TOOLS = ("pdftoppm", "zbarimg", "dmtxread")


def tools_missing() -> bool:
    return any(shutil.which(t) is None for t in TOOLS)


def rasterise(pdf: Path, dpi: int) -> list[Path]:
    stem = pdf.with_name(f"{pdf.stem}-{dpi}")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(stem)], check=True)
    return sorted(pdf.parent.glob(f"{stem.name}-*.png"))


@dataclass(frozen=True)
class Read:
    symbology_identifier: str
    data: bytes  # as transmitted after the identifier: GS1 separators are GS (0x1d)
    middle: tuple[int, int]  # a point on the symbol (x, y) in pixels
    span: tuple[int, int]  # leftmost and rightmost x of the symbol's position


def read_zxing(png: Path) -> list[Read]:
    out = []
    with Image.open(png) as image:
        for code in zxingcpp.read_barcodes(image.convert("L")):
            p = code.position
            xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
            ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
            middle = (sum(xs) // 4, sum(ys) // 4)
            out.append(Read(code.symbology_identifier, code.bytes, middle, (min(xs), max(xs))))
    return out


def read_zbar(png: Path) -> list[str]:
    done = subprocess.run(
        ["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, check=False
    )
    return done.stdout.split()


def read_dmtx(png: Path) -> list[str]:
    done = subprocess.run(
        ["dmtxread", "-n", "-N1", "-m", "8000", str(png)], capture_output=True, check=False
    )
    return [done.stdout.decode("latin-1").removesuffix("\n")] if done.stdout else []


@dataclass(frozen=True)
class Measured:
    narrow_mm: float  # the symbol's width over its modules: the X-dimension as printed
    bar_height_mm: float
    quiet_left_mm: float
    quiet_right_mm: float


def measure_linear(png: Path, read: Read, modules: int, dpi: int) -> Measured:
    """The X-dimension, bar height and quiet zones of the linear symbol `read` found, in mm."""
    with Image.open(png) as image:
        grey = image.convert("L")
        width, height = grey.size
        pixels = grey.load()
        assert pixels is not None

        def dark(x: int, y: int) -> bool:
            value = pixels[x, y]
            assert isinstance(value, int)
            return value < 128

        x0, y = read.middle[0], read.middle[1]
        lo, hi = max(0, read.span[0] - 20), min(width - 1, read.span[1] + 20)
        row = [x for x in range(lo, hi + 1) if dark(x, y)]
        first, last = row[0], row[-1]
        assert lo < first and last < hi, "the symbol's ends lie inside the searched span"
        top = y
        while top > 0 and dark(first + 1, top - 1):
            top -= 1
        bottom = y
        while bottom < height - 1 and dark(first + 1, bottom + 1):
            bottom += 1
        left = first
        while left > 0 and not any(dark(left - 1, yy) for yy in range(top, bottom + 1)):
            left -= 1
        right = last
        while right < width - 1 and not any(dark(right + 1, yy) for yy in range(top, bottom + 1)):
            right += 1
        del x0
    mm = 25.4 / dpi
    return Measured(
        (last - first + 1) / modules * mm,
        (bottom - top + 1) * mm,
        (first - left) * mm,
        (right - last) * mm,
    )
