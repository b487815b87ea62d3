"""GS1 mod-10 check digits, shared by master-data validation and SSCC numbering."""

from __future__ import annotations


def gs1_check_digit(digits: str) -> int:
    """The check digit for `digits` (the number without its check digit)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        weight = 3 if position % 2 == 0 else 1
        total += int(char) * weight
    return (10 - total % 10) % 10


def has_valid_check_digit(number: str) -> bool:
    return number.isdigit() and len(number) >= 2 and gs1_check_digit(number[:-1]) == int(number[-1])


def sscc(extension: int, company_prefix: str, serial_reference: int) -> str:
    """An 18-digit SSCC: extension digit, company prefix, serial reference, check digit."""
    width = 16 - len(company_prefix)
    if width < 1 or serial_reference >= 10**width:
        raise ValueError("serial reference does not fit the company prefix")
    body = f"{extension}{company_prefix}{serial_reference:0{width}d}"
    return body + str(gs1_check_digit(body))
