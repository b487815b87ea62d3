"""Which GS1 AIs must, and must not, appear together (biip does not check this).

The rules are the `req=` (mandatory association) and `ex=` (invalid pair) attributes of the GS1
Barcode Syntax Dictionary, which states the rules of the GS1 General Specifications section
4.14 in machine-readable form. `req=01,02` means "needs (01) or (02)"; two `req=` on one line
must both be met; `n` in a pattern stands for any digit. Only the AIs a factory meets are
listed (identification, dates, lots and serials, counts, measures, origin, 7xxx/8xxx basics);
AIs not listed here are not checked.

The dictionary says mandatory associations are judged over all barcodes on one item. The
station sees one scan at a time, so a content barcode of a logistic label, (02)(37)(10), is
reported as missing the (00) SSCC that sits in another barcode of the same label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from biip import ParseError
from biip.gs1_application_identifiers import GS1ApplicationIdentifier

from tracestation.messages.base import Said, said
from tracestation.messages.scan_errors import ScanError

_SYNTAX_DICTIONARY_RULES = """
01        ex=02,255,37
02        req=37
10        req=01,02,8006,8026
11        req=01,02,8006,8026
12        req=8020
13        req=01,02,8006,8026
15        req=01,02,8006,8026
16        req=01,02,8006,8026
17        req=01,02,255,8006,8026
20        req=01,02,8006,8026
21        req=01,8006 ex=235
22        req=01
235       req=01
240       req=01,02,8006,8026
241       req=01,02,8006,8026
242       req=01,02,8006,8026
243       req=01
250       req=01,8006 req=21
251       req=01,8006
254       req=414
255       ex=01,02,415,8006,8020,8026
30        req=01,02
37        req=00 req=02,8026
403       req=00
415       req=8020
420       ex=421
421       ex=4307
422       req=01,02,8006,8026 ex=426
423       req=01,02 ex=426
424       req=01,02 ex=426
425       req=01,02 ex=426
426       req=01,02
427       req=01,02 req=422
7001      req=01,02,8006,8026
7020      req=01,8006 req=416
7021      req=01,8006
7022      req=7021
7240      req=01,8006
8001      req=01
8005      req=01,02
8006      ex=01,37
8008      req=01,02
8009      req=00,01
8012      req=01,8006
8017      ex=8018
8018      ex=8017
8019      req=8017,8018
8020      req=415
8026      req=37 ex=02,8006
"""

# Measures (31nn-36nn): trade-item measures need (01) or (02), logistic measures (00) or (01);
# each excludes the same measure with another decimal position (e.g. 3102 with 3103).
_TRADE_ITEM_MEASURES = (
    "310 311 312 313 314 315 316 320 321 322 323 324 325 326 327 328 329 350 351 352 356 357 "
    "360 361 364 365 366"
)
_LOGISTIC_MEASURES = (
    "330 331 332 333 334 335 336 340 341 342 343 344 345 346 347 348 349 353 354 355 362 363 "
    "367 368 369"
)


@dataclass(frozen=True)
class _Rule:
    requires: tuple[tuple[str, ...], ...] = ()
    excludes: tuple[str, ...] = ()


def pairing_problems(ais: Iterable[str]) -> list[Said]:
    """Say, for the AIs of one scan, which mandatory partners are missing and which pairs clash."""
    present = list(dict.fromkeys(ais))
    problems: list[Said] = []
    clashes: set[frozenset[str]] = set()
    for ai in present:
        rule = _RULES.get(ai)
        if rule is None:
            continue
        for alternatives in rule.requires:
            if not any(_matches(pattern, other) for pattern in alternatives for other in present):
                problems.append(
                    said(
                        ScanError.GS1_MISSING_PARTNER,
                        ai=_label(ai),
                        partners=_either(alternatives),
                    )
                )
        for pattern in rule.excludes:
            for other in present:
                pair = frozenset((ai, other))
                if other != ai and _matches(pattern, other) and pair not in clashes:
                    clashes.add(pair)
                    problems.append(
                        said(ScanError.GS1_PAIR_CLASH, ai=_label(ai), other=_label(other))
                    )
    return problems


def _matches(pattern: str, ai: str) -> bool:
    return len(pattern) == len(ai) and all(
        p == a or (p == "n" and a.isdecimal()) for p, a in zip(pattern, ai, strict=True)
    )


def _either(alternatives: tuple[str, ...]) -> str:
    labels = [_label(ai) for ai in alternatives]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1]


def _label(ai: str) -> str:
    try:
        known = GS1ApplicationIdentifier.extract(ai)
    except ParseError:
        return f"({ai})"
    return f"({ai}) {known.data_title}" if known.ai == ai else f"({ai})"


def _parse_rules() -> dict[str, _Rule]:
    rules: dict[str, _Rule] = {}
    for line in _SYNTAX_DICTIONARY_RULES.strip().splitlines():
        ai, *attributes = line.split()
        requires = tuple(
            tuple(a.removeprefix("req=").split(",")) for a in attributes if a.startswith("req=")
        )
        excludes = tuple(
            x for a in attributes if a.startswith("ex=") for x in a.removeprefix("ex=").split(",")
        )
        rules[ai] = _Rule(requires, excludes)
    for prefixes, partners in (
        (_TRADE_ITEM_MEASURES, ("01", "02")),
        (_LOGISTIC_MEASURES, ("00", "01")),
    ):
        for prefix in prefixes.split():
            for decimals in "012345":
                rules[prefix + decimals] = _Rule((partners,), (prefix + "n",))
    for decimals in "012345":
        rules["337" + decimals] = _Rule((("01",),), ("337n",))
    return rules


_RULES = _parse_rules()
