"""The words a GS1 field is named and described with in a scan's answer.

A scan error names the field (`({ai}) {title}`) and says what it must hold (`{format}`). The
CLI prints biip's English field titles and the format as English; the window words both in its
language from these codes (`tracestation.barcodes.gs1_field_words`). Titles are listed for the
fields a plant's labels carry; any other field keeps biip's title as it is.
"""

from __future__ import annotations

from tracestation.messages.base import Message


class GS1Word(Message):
    DATE = "format_date", "a date as YYMMDD"
    UP_TO_DIGITS = "format_up_to_digits", "up to {count} digits"
    UP_TO_CHARACTERS = "format_up_to_characters", "up to {count} characters"
    EXACTLY_DIGITS = "format_exactly_digits", "exactly {count} digits"
    EXACTLY_CHARACTERS = "format_exactly_characters", "exactly {count} characters"
    PATTERN = "format_pattern", "{pattern}"
    THEN = "format_then", "{before} then {after}"
    # biip's titles (GS1 General Specifications' data titles), by AI
    TITLE_00 = "title_00", "SSCC"
    TITLE_01 = "title_01", "GTIN"
    TITLE_02 = "title_02", "CONTENT"
    TITLE_10 = "title_10", "BATCH/LOT"
    TITLE_11 = "title_11", "PROD DATE"
    TITLE_12 = "title_12", "DUE DATE"
    TITLE_13 = "title_13", "PACK DATE"
    TITLE_15 = "title_15", "BEST BEFORE or BEST BY"
    TITLE_16 = "title_16", "SELL BY"
    TITLE_17 = "title_17", "USE BY or EXPIRY"
    TITLE_21 = "title_21", "SERIAL"
    TITLE_30 = "title_30", "VAR. COUNT"
    TITLE_37 = "title_37", "COUNT"
    TITLE_240 = "title_240", "ADDITIONAL ID"
    TITLE_241 = "title_241", "CUST. PART No."
    TITLE_400 = "title_400", "ORDER NUMBER"
