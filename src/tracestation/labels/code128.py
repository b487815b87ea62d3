"""Code 128 for ZPL's `^BC` in its plain mode: the code sets chosen here, written with ZPL's
invocation codes (`>;` start C, `>:` start B, `>5` code C, `>6` code B, `>8` FNC1).

ZPL's automatic modes guess (mode D even computes check digits of its own), so the station
decides: start C for a run of digits, FNC1 first for GS1-128, code C again for runs of at least
four digits. `codewords` gives the same plan as Code 128 symbol values, for tests to rebuild the
symbol a printer makes and read it back.
"""

from __future__ import annotations

from tracestation.labels.gs1 import with_separators
from tracestation.labels.symbols import NotEncodable
from tracestation.labels.templates import Barcode

FNC1 = "\x1d"  # in a plan's data, where FNC1 goes
_START = {"B": 104, "C": 105}
_SWITCH = {"B": 100, "C": 99}
_ZPL_START = {"B": ">:", "C": ">;"}
_ZPL_SWITCH = {"B": ">6", "C": ">5"}

Step = tuple[str, str]  # ("start"|"switch", set) | ("fnc1", "") | ("data", chars)


def _data_of(code: Barcode) -> str:
    data = with_separators(code.elements, FNC1) if code.is_gs1 else code.text
    for ch in data:
        if ch != FNC1 and not 32 <= ord(ch) < 127:
            raise NotEncodable(f"Code 128 here takes printable ASCII only, not {ch!r} in {data!r}")
    return data


def _digit_run(data: str, at: int) -> int:
    end = at
    while end < len(data) and data[end].isdigit():
        end += 1
    return end - at


def plan(code: Barcode) -> list[Step]:
    data = _data_of(code)
    steps: list[Step] = []
    current = ""
    i = 0
    while i < len(data):
        if data[i] == FNC1:
            if not current:
                current = "C" if _digit_run(data, i + 1) >= 2 else "B"
                steps.append(("start", current))
            steps.append(("fnc1", ""))
            i += 1
            continue
        run = _digit_run(data, i)
        at_end = i + run == len(data)
        wants_c = run >= 4 or (run >= 2 and (at_end or not current) and run % 2 == 0)
        if current != "C" and wants_c:
            if run % 2:  # the odd digit goes in code B first
                current = _enter(steps, current, "B")
                steps.append(("data", data[i]))
                i += 1
                run -= 1
            current = _enter(steps, current, "C")
            steps.append(("data", data[i : i + run]))
            i += run
        elif current == "C" and run >= 2:
            pairs = run - run % 2
            steps.append(("data", data[i : i + pairs]))
            i += pairs
        else:
            current = _enter(steps, current, "B")
            steps.append(("data", data[i]))
            i += 1
    return steps


def _enter(steps: list[Step], current: str, wanted: str) -> str:
    if current != wanted:
        steps.append(("start" if not current else "switch", wanted))
    return wanted


def zpl_field(code: Barcode) -> str:
    """The `^FD` data of a `^BC` field in plain mode, for a field with `^FH_`."""
    out: list[str] = []
    for kind, value in plan(code):
        if kind == "start":
            out.append(_ZPL_START[value])
        elif kind == "switch":
            out.append(_ZPL_SWITCH[value])
        elif kind == "fnc1":
            out.append(">8")
        else:
            out.append("".join(_zpl_char(ch) for ch in value))
    return "".join(out)


def _zpl_char(ch: str) -> str:
    if ch == ">":
        return "><"  # '>' begins an invocation code in ^BC
    if ch in "^~_":
        return f"_{ord(ch):02X}"  # ^FH_ hexadecimal escape
    return ch


def codewords(code: Barcode) -> list[int]:
    """The symbol values of the plan, start to check character (the stop pattern follows)."""
    values: list[int] = []
    current = ""
    for kind, value in plan(code):
        if kind == "start":
            values.append(_START[value])
            current = value
        elif kind == "switch":
            values.append(_SWITCH[value])
            current = value
        elif kind == "fnc1":
            values.append(102)
        elif current == "C":
            values += [int(value[j : j + 2]) for j in range(0, len(value), 2)]
        else:
            values += [ord(ch) - 32 for ch in value]
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], 1))) % 103
    return [*values, check]
