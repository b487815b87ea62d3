"""Reading printed labels back as a scanner would: ZXing-C++, zbar and libdmtx on rendered
images, and measuring a linear symbol's narrow bar, bar height and quiet zones in pixels."""

from __future__ import annotations

import re
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


# ZPL ^BC invocation codes (plain mode): start and switch code sets, FNC1, a '>' in the data.
_ZPL_INVOKE = {";": 105, ":": 104, "9": 103, "5": 99, "6": 100, "7": 101, "8": 102}
_ZPL_SETS = {105: "C", 104: "B", 103: "A", 99: "C", 100: "B", 101: "A"}
_ZPL_BC = re.compile(r"\^FO(\d+),(\d+)\^BY(\d+)\^BCN,(\d+),N,N,N,N\^FH_\^FD(.*?)\^FS")


def zpl_code128_values(field: str) -> list[int]:
    """The Code 128 symbol values a printer makes of a `^BC` field's data in plain mode (with
    `^FH_`), start to check character, read from the ZPL text alone."""
    data = re.sub(r"_([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1), 16)), field)
    values: list[int] = []
    current = ""
    i = 0
    while i < len(data):
        if data[i] == ">" and data[i + 1] != "<":
            value = _ZPL_INVOKE[data[i + 1]]
            values.append(value)
            current = _ZPL_SETS.get(value, current)
            i += 2
            continue
        if data[i] == ">":  # '><' is a '>' in the data
            values.append(ord(">") - 32)
            i += 2
        elif current == "C":
            values.append(int(data[i : i + 2]))
            i += 2
        else:
            values.append(ord(data[i]) - 32)
            i += 1
    check = (values[0] + sum(n * v for n, v in enumerate(values[1:], 1))) % 103
    return [*values, check]


def draw_zpl_barcodes(zpl: str, png: Path) -> int:
    """Draw the ZPL label's `^BC` symbols where the printer would (`^PW` x `^LL` dots, one
    pixel a dot) into `png`; return how many were drawn."""
    from barcode.charsets import code128 as patterns

    width = int(re.search(r"\^PW(\d+)", zpl).group(1))  # type: ignore[union-attr]
    height = int(re.search(r"\^LL(\d+)", zpl).group(1))  # type: ignore[union-attr]
    image = Image.new("L", (width, height), 255)
    fields = _ZPL_BC.findall(zpl)
    for x, y, module, bar_height, field in fields:
        bars = "".join(patterns.CODES[v] for v in zpl_code128_values(field)) + patterns.STOP
        bars += "11"  # the stop pattern's final bar
        left, top, m, h = int(x), int(y), int(module), int(bar_height)
        for n, bit in enumerate(bars):
            if bit == "1":
                image.paste(0, (left + n * m, top, left + (n + 1) * m, top + h))
    image.save(png)
    return len(fields)
