"""Printable reports for quality and auditors: the device history record of a unit and the
recall report of a lot (PDF with reportlab platypus; the recall also as CSV)."""
