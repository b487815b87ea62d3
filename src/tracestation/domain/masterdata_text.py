"""The bytes of a master-data file, read as JSON: the encoding, the syntax, the nesting.

What is read: UTF-8 (with or without a byte-order mark), and UTF-16 or UTF-32 (with a byte-order
mark, or without one: a JSON file starts with an ASCII character, so the zero bytes around it say
which). Those are decoded without guessing. A file in a legacy code page (Latin-1, Windows-1252,
Windows-1250 ...) is refused with where its first non-UTF-8 byte is and how to save it again:
the same byte is a different letter in each of them (0xBA is 'º' in Latin-1 and 'ş' in
Windows-1250), so a guess would put wrong names on record without anyone noticing.

Numbers are read exactly: a fraction as a Decimal (2.5 stays 2.5, 1e999999 stays a number too
large to import, never infinity), a whole number as an int unless it is too long for one.
"""

from __future__ import annotations

import codecs
import json
from decimal import Decimal
from typing import Any

from tracestation.domain.masterdata import FILE, MasterDataError

_SAVE_AS_UTF8 = "Save it as UTF-8 (in an editor: Save as, encoding UTF-8)"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_LONGEST_INT = 40  # digits; json's int() refuses more than 4,300 with a ValueError


def parse_master_data(data: bytes, name: str = FILE) -> Any:
    """The JSON document in `data` (the file `name`); raises `MasterDataError` saying what is
    wrong with the file as a whole."""
    text = _decoded(data, name)
    try:
        return json.loads(text, parse_float=Decimal, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise MasterDataError.single(
            name,
            None,
            f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
        ) from None
    except RecursionError:
        raise MasterDataError.single(
            name,
            None,
            "nests lists or objects too deep to read (a master-data file needs four levels)",
        ) from None


def decoded_text(data: bytes, name: str = FILE) -> str:
    """`data` as text (the encodings above; a legacy code page refused with where and how to
    save it again), for a file read as CSV."""
    return _decoded(data, name)


def _integer(digits: str) -> int | Decimal:
    return int(digits) if len(digits) <= _LONGEST_INT else Decimal(digits)


def _decoded(data: bytes, name: str) -> str:
    codec, label = _encoding(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        if label != "UTF-8":
            raise MasterDataError.single(
                name,
                None,
                f"starts as {label} but is not valid {label} at byte {error.start + 1:,}. "
                + _SAVE_AS_UTF8,
            ) from None
        raise MasterDataError.single(name, None, _not_utf8(data, error.start)) from None
    return text[1:] if text.startswith("\ufeff") else text


def _encoding(data: bytes) -> tuple[str, str]:
    for mark, codec, label in _BOMS:
        if data.startswith(mark):
            return codec, label
    # No byte-order mark: the first two characters of a JSON text are ASCII (RFC 4627, 3).
    head = data[:4]
    if len(head) == 4 and head[:3] == b"\x00\x00\x00":
        return "utf-32-be", "UTF-32"
    if len(head) == 4 and head[1:] == b"\x00\x00\x00":
        return "utf-32-le", "UTF-32"
    if len(head) >= 2 and head[0] == 0 and head[1] != 0:
        return "utf-16-be", "UTF-16"
    if len(head) >= 2 and head[0] != 0 and head[1] == 0:
        return "utf-16-le", "UTF-16"
    return "utf-8", "UTF-8"


def _not_utf8(data: bytes, at: int) -> str:
    line = data.count(b"\n", 0, at) + 1
    line_start = data.rfind(b"\n", 0, at) + 1
    column = at - line_start + 1
    near = data[max(line_start, at - 20) : at + 20].decode("utf-8", errors="replace")
    near = "".join(ch if ch.isprintable() else " " for ch in near).strip()
    return (
        f"is not UTF-8 text: byte 0x{data[at]:02X} at line {line}, column {column} "
        f"(near '{near}') is not UTF-8. The file was probably saved in a legacy code page "
        "(Latin-1, Windows-1252 or Windows-1250), where that byte is a different letter in "
        f"each, so it is not guessed. {_SAVE_AS_UTF8}"
    )
