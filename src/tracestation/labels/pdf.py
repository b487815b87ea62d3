"""Labels as PDF pages (reportlab), for office printers and for checking a label by eye."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tracestation.labels.templates import FNC1, Barcode, Label, Symbology


def _is_2d(code: Barcode) -> bool:
    return code.symbology in (Symbology.DATAMATRIX, Symbology.GS1_DATAMATRIX)


def _linear(code: Barcode, max_width: float) -> Drawing:
    data = code.data.replace(FNC1, "\xf1")
    if code.symbology is Symbology.GS1_128:
        data = "\xf1" + data
    bar_width = 0.33 * mm
    while True:
        drawing: Drawing = createBarcodeDrawing(  # type: ignore[no-untyped-call]
            "Code128", value=data, barHeight=12 * mm, barWidth=bar_width, humanReadable=False
        )
        if drawing.width <= max_width or bar_width <= 0.19 * mm:
            return drawing
        bar_width *= 0.9


def _matrix(code: Barcode) -> Drawing:
    # reportlab's DataMatrix has no FNC1: GS1 data goes with GS separators, as scanners send it.
    drawing: Drawing = createBarcodeDrawing(  # type: ignore[no-untyped-call]
        "ECC200DataMatrix", value=code.data, barWidth=0.4 * mm
    )
    return drawing


def render_pdf(labels: Sequence[Label]) -> bytes:
    """One page per label: title and lines top left, a 2D code top right, 1D codes in rows."""
    buffer = BytesIO()
    canvas = Canvas(buffer)
    for label in labels:
        width, height = label.width_mm * mm, label.height_mm * mm
        canvas.setPageSize((width, height))
        y = height - 9 * mm
        canvas.setFont("Helvetica-Bold", 14)
        canvas.drawString(4 * mm, y, label.title)
        canvas.setFont("Helvetica", 9)
        for line in label.lines:
            if line:
                y -= 4.5 * mm
                canvas.drawString(4 * mm, y, line)
        right = width - 4 * mm
        for code in label.barcodes:
            if _is_2d(code):
                drawing = _matrix(code)
                left = right - drawing.width
                renderPDF.draw(drawing, canvas, left, height - 4 * mm - drawing.height)
                right = left - 3 * mm
        y -= 4 * mm
        for code in label.barcodes:
            if _is_2d(code):
                continue
            drawing = _linear(code, right - 4 * mm)
            top = y - drawing.height
            renderPDF.draw(drawing, canvas, 4 * mm, top)
            canvas.setFont("Helvetica", 8)
            canvas.drawString(4 * mm, top - 3.5 * mm, code.text)
            y = top - 8 * mm
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
