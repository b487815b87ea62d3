r"""Replay files: scans written one per line, fed through the station as if scanned.

Format (the `tracestation replay` contract):

- UTF-8 text, one scan per line; the line ending is not part of the scan (other whitespace is).
  A line that is not UTF-8 stops the replay before any scan, naming the line and the byte.
- Blank lines and lines whose first non-blank character is `#` are skipped.
- `\xHH` (two hex digits) stands for that character: `\x1d` GS, `\x1e` RS, `\x04` EOT.
  `\\` is one backslash. Any other backslash is kept as written; a scan that starts with `#`
  is written `\x23...`.

Pure text handling, no threads: call from whichever thread feeds the station.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

_BOM = b"\xef\xbb\xbf"
_ESCAPE = re.compile(r"\\(\\|x[0-9A-Fa-f]{2}|x)")


def unescape_scan(line: str) -> str:
    r"""`"]d2\x1d10ABC"` (backslash, x, 1, d) -> `"]d2" + GS + "10ABC"`.

    Raises ValueError for a `\x` not followed by two hex digits.
    """

    def replace(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape == "\\":
            return "\\"
        if escape == "x":
            raise ValueError(
                f"'\\x' at position {match.start() + 1} must be followed by two hex digits "
                f"(e.g. \\x1d for GS)"
            )
        return chr(int(escape[1:], 16))

    return _ESCAPE.sub(replace, line)


def read_replay(path: Path | str) -> Iterator[str]:
    """The scans in a replay file, unescaped, in order.

    Raises ValueError naming the file and line for a malformed escape or a line that is not
    UTF-8, and OSError when the file cannot be read.
    """
    data = Path(path).read_bytes().removeprefix(_BOM)
    # bytes.splitlines ends lines at CR, LF and CR LF only; str.splitlines would also cut at
    # the GS and RS inside a scan.
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = line[exc.start : exc.start + 1].hex()
            raise ValueError(
                f"{path}, line {number}: not UTF-8 text (byte \\x{byte} at column "
                f"{exc.start + 1}); save the file as UTF-8, or write the byte as \\x{byte}"
            ) from None
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            yield unescape_scan(text)
        except ValueError as exc:
            raise ValueError(f"{path}, line {number}: {exc}") from None
