"""The fields of one master-data record: types, ranges, lengths and characters.

A problem is noted, never raised, so that every problem of a file is reported together. The limits
are the database's own (the `String(n)`, `Integer` and `Numeric(18, 6)` columns of
`tracestation.store.tables`), checked here so that SQLite never keeps what PostgreSQL refuses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

LARGEST_INTEGER = 2**31 - 1  # an `Integer` column on PostgreSQL
QUANTITY_LIMIT = Decimal(10) ** 12  # `Numeric(18, 6)`: 12 digits before the point
QUANTITY_STEP = Decimal("0.000001")  # ... and 6 after it

# C0 and C1 control characters (NUL among them) and unpaired UTF-16 surrogates: neither
# PostgreSQL nor a label printer takes them, and nobody can scan them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_ASCII_DIGITS = re.compile("[0-9]+")
_SHOWN = 40


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of one record (`field` None: with the record itself)."""

    record: str
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.record}, field '{self.field}'" if self.field else self.record
        return f"{where}: {self.message}"

    def to_json(self) -> dict[str, str | None]:
        return {"record": self.record, "field": self.field, "problem": self.message}


class Problems:
    """The problems found so far: the first `KEPT` of them, and how many there are in all."""

    KEPT = 1000

    def __init__(self) -> None:
        self.kept: list[Problem] = []
        self.count = 0

    def add(self, record: str, field_name: str | None, message: str) -> None:
        self.count += 1
        if len(self.kept) < self.KEPT:
            self.kept.append(Problem(record, field_name, message))

    def __bool__(self) -> bool:
        return self.count > 0


def shown(value: str, limit: int = _SHOWN) -> str:
    """`value` fit for a message: cut to `limit` characters, unprintable ones escaped."""
    cut = value[:limit]
    text = _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), cut)
    if len(value) > limit:
        text += f"… ({len(value):,} characters)"
    return text


def kind_of(value: Any) -> str:
    """What a JSON value is, in words (never its text: it may be huge or nested deep)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float | Decimal):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


E = TypeVar("E", bound=StrEnum)


class Fields:
    """Reads the fields of `record`, noting each problem under `where` in `problems`.

    A reader returns None (or "" for text) when the field is missing where it may be, or bad;
    `ok` says whether this record had any problem so far."""

    def __init__(self, record: Mapping[str, Any], where: str, problems: Problems) -> None:
        self.record = record
        self.where = where
        self.problems = problems
        self.ok = True

    def problem(self, name: str | None, message: str) -> None:
        self.ok = False
        self.problems.add(self.where, name, message)

    def code(self, name: str, longest: int, *, no_slash: str = "") -> str:
        """An identifier people scan or type: required, printable, no surrounding spaces,
        at most `longest` characters; with `no_slash`, also no '/' (the reason is given)."""
        value = self.record.get(name)
        if not isinstance(value, str) or not value.strip():
            found = "empty text" if isinstance(value, str) else kind_of(value)
            self.problem(name, f"is required and must be non-empty text (found {found})")
            return ""
        if not self._printable(name, value) or not self._fits(name, value, longest):
            return ""
        if value != value.strip():
            self.problem(name, f"'{shown(value)}' has leading or trailing spaces")
            return ""
        if no_slash and "/" in value:
            self.problem(name, f"'{shown(value)}' must not contain '/': {no_slash}")
            return ""
        return value

    def code_list(self, name: str, longest: int) -> tuple[str, ...]:
        """A list of identifiers (a part's supplier part numbers); missing or null is none."""
        value = self.record.get(name)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(name, f"must be a list of text, not {kind_of(value)}")
            return ()
        codes: list[str] = []
        for j, item in enumerate(value):
            label = f"{name}[{j}]"
            if not isinstance(item, str) or not item.strip():
                found = "empty text" if isinstance(item, str) else kind_of(item)
                self.problem(label, f"must be non-empty text (found {found})")
            elif self._printable(label, item.strip()) and self._fits(label, item.strip(), longest):
                codes.append(item.strip())
        return tuple(codes)

    def text(
        self, name: str, longest: int, *, required: bool = False, lines: bool = False
    ) -> str | None:
        """Free text (a name, a description): spaces around it are dropped, empty is None.
        `lines`: line breaks and tabs are allowed (work instructions)."""
        value = self.record.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(name, "is required and must be non-empty text")
            return None
        if not isinstance(value, str):
            self.problem(
                name, f"must be text{'' if required else ' or null'}, not {kind_of(value)}"
            )
            return None
        value = value.strip()
        checked = value.replace("\r\n", "\n").translate({10: None, 9: None}) if lines else value
        if not self._printable(name, checked) or not self._fits(name, value, longest):
            return None
        return value.replace("\r\n", "\n") if lines else value

    def _printable(self, name: str, value: str) -> bool:
        bad = _UNPRINTABLE.search(value)
        if bad is None:
            return True
        char = bad.group()
        what = (
            "an unpaired surrogate"
            if "\ud800" <= char <= "\udfff"
            else "a NUL character"
            if char == "\x00"
            else "a control character"
        )
        escaped = char.encode("unicode_escape").decode("ascii")
        self.problem(
            name,
            f"'{shown(value)}' contains {what} ({escaped}) at character {bad.start() + 1}: "
            "master data is printable text on one line (the database and the labels refuse "
            "control characters)",
        )
        return False

    def _fits(self, name: str, value: str, longest: int) -> bool:
        if len(value) <= longest:
            return True
        self.problem(
            name,
            f"'{shown(value)}' is too long: at most {longest} characters fit in the database",
        )
        return False

    def choice(self, name: str, enum: type[E], default: E | None = None) -> E | None:
        value = self.record.get(name)
        if value is None and default is not None and name not in self.record:
            return default
        allowed = ", ".join(e.value for e in enum)
        if isinstance(value, str):
            for member in enum:
                if member.value == value:
                    return member
            self.problem(name, f"'{shown(value)}' is not one of: {allowed}")
        else:
            self.problem(name, f"must be one of: {allowed} (found {kind_of(value)})")
        return None

    def whole(self, name: str, *, least: int, required: bool) -> int | None:
        """A whole number from `least` to the largest an `Integer` column holds."""
        value = self.record.get(name)
        if value is None:
            if required:
                self.problem(name, f"is required: a whole number of at least {least}")
            return None
        number: int | Decimal
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif _written_whole(value):
            number = value  # 1e3, or more digits than the file reader makes an int of
        else:
            self.problem(name, f"must be a whole number of at least {least}")
            return None
        if number > LARGEST_INTEGER:
            self.problem(name, f"is too large: at most {LARGEST_INTEGER:,} fits in the database")
            return None
        if number < least:
            self.problem(name, f"must be a whole number of at least {least}")
            return None
        return int(number)

    def quantity(self, name: str, *, positive: bool) -> Decimal | None:
        """A quantity the `Numeric(18, 6)` columns hold exactly: finite, not negative (more than
        0 when `positive`), below 10^12, at most 6 decimal places."""
        number = self._number(name, self.record.get(name))
        if number is None:
            return None
        if not number.is_finite():
            self.problem(name, f"must be a finite number, not {number}")
        elif number < 0 or (positive and number == 0):
            least = "more than 0" if positive else "0 or more"
            self.problem(name, f"must be {least}, not {shown(str(number))}")
        elif number >= QUANTITY_LIMIT:
            self.problem(
                name,
                f"{shown(str(number))} is too large: quantities must be below "
                "1,000,000,000,000 (the database holds 12 digits before the decimal point)",
            )
        elif number != number.quantize(QUANTITY_STEP):
            self.problem(
                name,
                f"{shown(str(number))} has more than 6 decimal places; "
                "the database keeps 6, so round it in the file",
            )
        else:
            return number
        return None

    def _number(self, name: str, value: Any) -> Decimal | None:
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
            self.problem(name, f"must be a number, not {kind_of(value)}")
            return None
        if isinstance(value, int) and value.bit_length() > 128:
            self.problem(name, "is too large: quantities must be below 1,000,000,000,000")
            return None
        try:
            # A float by its shortest text (0.1, not 0.1000000000000000055...).
            return value if isinstance(value, Decimal) else Decimal(str(value))
        except (InvalidOperation, ValueError):
            self.problem(name, f"'{shown(str(value))}' is not a number")
            return None

    def day(self, name: str) -> date | None:
        value = self.text(name, 10)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            self.problem(name, f"'{shown(value)}' is not a date (YYYY-MM-DD)")
            return None

    def digits(self, name: str, shortest: int, longest: int) -> str | None:
        """Digits 0-9 only (no other script's digits), `shortest` to `longest` of them; a
        JSON whole number is read as its digits."""
        value = self.record.get(name)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**longest:
            value = str(value)
        if (
            not isinstance(value, str)
            or _ASCII_DIGITS.fullmatch(value) is None
            or not shortest <= len(value) <= longest
        ):
            self.problem(name, f"must be {shortest} to {longest} digits")
            return None
        return value

    def gtin(self, name: str) -> str | None:
        """A GTIN-8, -12, -13 or -14 with a right check digit, as its 14 digits."""
        value = self.record.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(name, f"must be text (the GTIN's digits) or null, not {kind_of(value)}")
            return None
        if _ASCII_DIGITS.fullmatch(value) is None or len(value) not in (8, 12, 13, 14):
            self.problem(name, f"'{shown(value)}' is not a GTIN (8, 12, 13 or 14 digits)")
            return None
        from tracestation.domain.check_digits import has_valid_check_digit

        if not has_valid_check_digit(value):
            self.problem(name, f"'{value}' has a wrong check digit")
            return None
        return value.zfill(14)

    def records(self, name: str) -> list[Any]:
        """A list field (a routing's operations, a BOM's lines); anything else is a problem."""
        value = self.record.get(name)
        if not isinstance(value, list):
            self.problem(name, f"must be a list, not {kind_of(value)}")
            return []
        return value


def _written_whole(value: Any) -> bool:
    """A Decimal written without a fraction (1e3, or a whole number of many digits)."""
    if not isinstance(value, Decimal) or not value.is_finite():
        return False
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= 0
