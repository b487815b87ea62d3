"""The station's messages: typed codes, each with its English written once.

`verdicts` (scans and prompts), `refusals` (lead actions refused), `scan_errors` (why a scan
cannot be read), `lead_answers` (the lead panel's answers). Pure: no Qt, no SQL. The window's
translatable copy is generated from these (`python -m tracestation.messages.generate`).
"""
