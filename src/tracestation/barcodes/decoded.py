"""What a decoder reports about one scan."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from tracestation.messages.base import Said

ScanKind = Literal["gs1", "iso15434", "station", "bare"]

GS = "\x1d"
RS = "\x1e"
EOT = "\x04"


@dataclass(frozen=True)
class DecodeOptions:
    """How this station's scanners deliver data.

    `gs_substitutes` are strings a keyboard wedge sends in place of the FNC1/GS separator it
    cannot type; they are turned back into ASCII 29 before GS1 and ISO/IEC 15434 parsing.
    `rs_substitutes` and `eot_substitutes` do the same for the record separator (ASCII 30) and
    end-of-transmission (ASCII 4) that frame ISO/IEC 15434 envelopes.
    """

    gs_substitutes: tuple[str, ...] = ("|", "{GS}", "<GS>")
    rs_substitutes: tuple[str, ...] = ("{RS}", "<RS>")
    eot_substitutes: tuple[str, ...] = ("{EOT}", "<EOT>")


@dataclass(frozen=True)
class Decoded:
    """One scan as read, with normalised field names (the `parse --json` contract).

    Field names: gtin, sscc, lot, serial, expiry, production_date, quantity, part, work_order,
    operation, command, pin, reason, value (a bare value), and more for GS1 and ISO 15434.
    Dates are `YYYY-MM-DD` strings.

    `problems` say why a scan cannot be read, as codes with their facts (`ScanError`); `error`
    is their English.

    A PIN is a secret: `raw` shows it as `PIN:****` and `fields["pin"]` as `****`; only `pin`
    holds it, for the station core to verify. `pin` is left out of `repr` and `to_json`.
    """

    kind: ScanKind
    raw: str
    fields: dict[str, str] = field(default_factory=dict)
    symbology: str | None = None
    ai: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    problems: tuple[Said, ...] = ()
    pin: str | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def error(self) -> str | None:
        """Why the scan cannot be read, in English: the problems' sentences; None if it can."""
        if not self.problems:
            return None
        return " ".join(message.render(params) for message, params in self.problems)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "symbology": self.symbology,
            "fields": dict(self.fields),
            "ai": dict(self.ai) if self.kind == "gs1" else None,
            "warnings": list(self.warnings),
            "error": self.error,
        }
