"""Labels as ZPL II for Zebra-compatible printers (203 dpi)."""

from __future__ import annotations

from tracestation.labels.templates import FNC1, Barcode, Label, Symbology

DOTS_PER_MM = 8  # 203 dpi


def _escape(text: str) -> str:
    # ZPL field data: ^ and ~ are commands; _ is our hex escape character (^FH_).
    return "".join(f"_{ord(ch):02X}" if ch in "^~_" or ord(ch) < 32 else ch for ch in text)


def _linear(code: Barcode, x: int, y: int) -> list[str]:
    if code.symbology is Symbology.GS1_128:
        field = ">;>8" + code.data.replace(FNC1, ">8")
    else:
        field = _escape(code.data)
    return [
        f"^FO{x},{y}^BY2^BCN,90,N,N,N^FH_^FD{field}^FS",
        f"^FO{x},{y + 96}^A0N,24,24^FH_^FD{_escape(code.text)}^FS",
    ]


def _matrix(code: Barcode, x: int, y: int) -> list[str]:
    if code.symbology is Symbology.GS1_DATAMATRIX:
        data = "_1" + code.data.replace(FNC1, "_1")  # _1 is FNC1 with escape character _
    else:
        data = _escape(code.data)
    return [f"^FO{x},{y}^BXN,6,200,,,,_^FH_^FD{data}^FS"]


def render_zpl(label: Label) -> str:
    """Title and lines top left, a 2D code top right, 1D codes in rows below."""
    width = label.width_mm * DOTS_PER_MM
    out = ["^XA", "^CI28", f"^PW{width}", f"^LL{label.height_mm * DOTS_PER_MM}"]
    out.append(f"^FO24,20^A0N,44,44^FH_^FD{_escape(label.title)}^FS")
    y = 72
    for line in label.lines:
        if line:
            out.append(f"^FO24,{y}^A0N,28,28^FH_^FD{_escape(line)}^FS")
            y += 34
    y += 10
    for code in label.barcodes:
        if code.symbology in (Symbology.DATAMATRIX, Symbology.GS1_DATAMATRIX):
            out += _matrix(code, width - 200, 20)
        else:
            out += _linear(code, 24, y)
            y += 130
    out.append("^XZ")
    return "\n".join(out) + "\n"
