"""Labels as ZPL II for Zebra-compatible printers, at the template's resolution (203 or 300
dpi): the layout's symbols as the printer's own `^BC` (Code 128 in plain mode, the code sets
and FNC1 written out) and `^BX` (Data Matrix ECC 200 with FNC1 by escape sequence), with the
module sizes in whole dots the layout chose."""

from __future__ import annotations

from collections.abc import Sequence

from tracestation.labels.code128 import zpl_field
from tracestation.labels.gs1 import with_separators
from tracestation.labels.layout import Page, Picture, Rule, Symbol, Text, lay_out
from tracestation.labels.templates import Label


def escape(text: str) -> str:
    """Field data for a field with `^FH_`: ^ and ~ are commands, _ is the hex escape."""
    return "".join(f"_{ord(ch):02X}" if ch in "^~_" or ord(ch) < 32 else ch for ch in text)


def render_zpl(label: Label, dpi: int | None = None) -> str:
    return zpl_page(lay_out(label, dpi))


def render_zpl_all(labels: Sequence[Label], dpi: int | None = None) -> str:
    return "".join(render_zpl(label, dpi) for label in labels)


def zpl_page(page: Page) -> str:
    out = ["^XA", "^CI28", f"^PW{page.width}", f"^LL{page.height}", "^LH0,0"]
    for item in page.items:
        if isinstance(item, Text):
            width = round(item.height * (1.0 if item.bold else 0.9))
            out.append(
                f"^FO{item.x},{item.y}^A0N,{item.height},{width}^FH_^FD{escape(item.text)}^FS"
            )
        elif isinstance(item, Rule):
            thick = min(item.width, item.height)
            out.append(f"^FO{item.x},{item.y}^GB{item.width},{item.height},{thick}^FS")
        elif isinstance(item, Picture):
            out.append(f"^FO{item.x},{item.y}{_graphic(item)}^FS")
        else:
            out.append(_symbol(item))
    out.append("^XZ")
    return "\n".join(out) + "\n"


def _symbol(symbol: Symbol) -> str:
    code = symbol.barcode
    at = f"^FO{symbol.x},{symbol.y}"
    if not code.is_2d:
        return f"{at}^BY{symbol.module}^BCN,{symbol.bar_height},N,N,N,N^FH_^FD{zpl_field(code)}^FS"
    # Quality 200 with an escape character: <esc>1 is FNC1. GS1 data never holds a backslash
    # (not in character set 82), so it escapes when an underscore is data.
    esc = "_" if "_" not in code.data else "\\"
    data = with_separators(code.elements, f"{esc}1")
    size = symbol.modules.width
    return f"{at}^BXN,{symbol.module},200,{size},{size},,{esc}^FD{data}^FS"


def _graphic(picture: Picture) -> str:
    """A logo as a ^GFA bitmap (black where the picture is darker than mid-grey)."""
    from PIL import Image

    with Image.open(picture.path) as image:
        grey = image.convert("L").resize((picture.width, picture.height))
    row_bytes = (picture.width + 7) // 8
    data = bytearray()
    pixels = grey.load()
    assert pixels is not None
    for y in range(picture.height):
        row = bytearray(row_bytes)
        for x in range(picture.width):
            value = pixels[x, y]
            if isinstance(value, int) and value < 128:
                row[x // 8] |= 0x80 >> (x % 8)
        data += row
    total = len(data)
    return f"^GFA,{total},{total},{row_bytes},{data.hex().upper()}"
