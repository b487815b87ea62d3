"""Why a scan could not be read: the decoder's codes, each with its English once.

A decoder error is one or more of these sentences with their facts (`Decoded.problems`); its
English text (`Decoded.error`, the `parse --json` contract) is the sentences joined by a space.
"""

from __future__ import annotations

from tracestation.messages.base import Message

_AGAIN = "Scan the label again; if this message stays, call a line lead."


class ScanError(Message):
    # any scan
    INTERNAL_ERROR = (
        "internal_error",
        "The station could not read this scan (internal error: {error}). Scan the label again; if it keeps failing, call a line lead.",
    )
    TOO_LONG = (
        "too_long",
        "The scan is {length} characters long, more than any label holds ({limit}): several scans may have run together. Scan the label again, one label at a time.",
    )
    EMPTY = "empty", "The scan was empty. Scan the label again."
    NOT_TEXT = (
        "not_text",
        "Part of the scan {scan} could not be read: the scanner sent bytes that are not text ({bytes}). Check the scanner's character set (UTF-8 or ASCII) and scan the label again.",
    )
    REPLACED_CHARACTERS = (
        "replaced_characters",
        "Part of the scan {scan} could not be read: the scanner sent bytes that are not text. Check the scanner's character set (UTF-8 or ASCII) and scan the label again.",
    )
    CONTROL_CHARACTERS = (
        "control_characters",
        "The scan {scan} holds control characters that are not part of any label ({controls}): the scanner sent bytes that are not text. Check the scanner's prefix, suffix and character set, then scan the label again or enter it by hand.",
    )
    PIN_RUN_TOGETHER = (
        "pin_run_together",
        "The scan {scan} holds a PIN run together with another label. Scan one label at a time.",
    )
    # station codes
    EMPTY_STATION_CODE = (
        "empty_station_code",
        "The {prefix}: label is empty. Scan a complete label.",
    )
    UNKNOWN_COMMAND = (
        "unknown_command",
        "CMD:{command} is not a station command. Known commands: {known}.",
    )
    PIN_NOT_DIGITS = "pin_not_digits", "A PIN is digits only. Scan the PIN label again."
    LOT_LABEL_INCOMPLETE = (
        "lot_label_incomplete",
        "A LOT: label names the part and the lot, as LOT:<part>/<lot>; got LOT:{body}.",
    )
    SERIAL_LABEL_INCOMPLETE = (
        "serial_label_incomplete",
        "SN:{body} is incomplete: use SN:<serial> or SN:<part>/<serial>.",
    )
    QUANTITY_NOT_A_NUMBER = (
        "quantity_not_a_number",
        "QTY:{body} is not a number. Scan a QTY:<n> label such as QTY:4.",
    )
    QUANTITY_NOT_POSITIVE = "quantity_not_positive", "QTY:{body} must be a positive number."
    # GS1 element strings, GTINs and Digital Links
    GS1_NO_DATA = "gs1_no_data", "The GS1 barcode holds no data. Scan the label again."
    GS1_NOT_ASCII = (
        "gs1_not_ascii",
        "The GS1 barcode holds characters no GS1 barcode can carry; the scanner's keyboard layout may not match the station's. Check the scanner settings and scan again.",
    )
    GS1_CONTROL_CHARACTERS = (
        "gs1_control_characters",
        "The GS1 barcode holds control characters other than the group separator. Scan the label again.",
    )
    GS1_STARTS_WITHOUT_AI = (
        "gs1_starts_without_ai",
        "The GS1 barcode could not be read: it starts with {snippet}, which is not a GS1 Application Identifier.",
    )
    GS1_NO_AI_AFTER = (
        "gs1_no_ai_after",
        "The GS1 barcode could not be read: after ({ai}) {value} comes {snippet}, which is not a GS1 Application Identifier.",
    )
    GS1_FIELD_EMPTY = (
        "gs1_field_empty",
        "The GS1 barcode could not be read: ({ai}) {title} is empty; it must hold {format}.",
    )
    GS1_FIELD_FORMAT = (
        "gs1_field_format",
        "The GS1 barcode could not be read: ({ai}) {title} holds {snippet}, but must hold {format}.",
    )
    GS1_FIELD_BAD_DATE = (
        "gs1_field_bad_date",
        "The GS1 barcode could not be read: ({ai}) {title} holds {value}, which is not a valid date.",
    )
    GS1_RUN_ON = (
        "gs1_run_on",
        "The ({ai}) {title} {value} may have run on into the next field: the scanner may be dropping the FNC1 group separator. Set it to send ASCII 29, or one of the substitutes configured for this station.",
    )
    GS1_VALUE_EMPTY = "gs1_value_empty", "({ai}) {title} is empty."
    GS1_VALUE_NOT_ASCII = (
        "gs1_value_not_ascii",
        "({ai}) {title} holds characters that GS1 barcodes cannot carry.",
    )
    GS1_AI_TWICE = (
        "gs1_ai_twice",
        "({ai}) appears twice with different values, {first} and {second}.",
    )
    GS1_CHECK_DIGIT = (
        "gs1_check_digit",
        "({ai}) {name} {key} has a wrong check digit: it should be {expected}, not {actual}.",
    )
    GS1_MISSING_PARTNER = (
        "gs1_missing_partner",
        "{ai} must come with {partners}, which this barcode does not hold.",
    )
    GS1_PAIR_CLASH = "gs1_pair_clash", "{ai} and {other} must not appear together."
    GTIN_NOT_DIGITS = (
        "gtin_not_digits",
        "The {symbology} barcode holds {value}, which is not a GTIN (8, 12, 13 or 14 digits). Scan the label again.",
    )
    GTIN_CHECK_DIGIT = (
        "gtin_check_digit",
        "GTIN {gtin} has a wrong check digit: it should be {expected}, not {actual}.",
    )
    GTIN_UNREADABLE = "gtin_unreadable", "The GTIN could not be read: {detail}"
    LINK_BAD_CHARACTERS = (
        "link_bad_characters",
        "The web address in this barcode holds spaces, control characters or characters a web address cannot carry. Scan the label again.",
    )
    LINK_NOT_GS1 = (
        "link_not_gs1",
        "This web address is not a GS1 Digital Link the station can read ({detail}). Scan the item's GS1 barcode or a station label instead.",
    )
    LABEL_DAMAGED = (
        "label_damaged",
        "The label may be damaged or misprinted: scan it again, and if this message stays, set the item aside and call a line lead.",
    )
    # ISO/IEC 15434 envelopes
    ISO_HEADER_ONLY = "iso_header_only", "The ISO/IEC 15434 label ends after its header. " + _AGAIN
    ISO_UNSUPPORTED_FORMAT = (
        "iso_unsupported_format",
        "This ISO/IEC 15434 label uses format {format}; the station reads only format 06 (ANSI MH10.8.2 data identifiers). Scan another label on the package, or call a line lead.",
    )
    ISO_NO_SEPARATORS = (
        "iso_no_separators",
        "The ISO/IEC 15434 label arrived without its group separators (GS), so its fields cannot be told apart. Set the scanner to send control characters, or a substitute such as {{GS}}, and scan again.",
    )
    ISO_NO_DATA = "iso_no_data", "The ISO/IEC 15434 label holds no data. " + _AGAIN
