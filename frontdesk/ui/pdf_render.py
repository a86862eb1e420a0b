"""PDF bytes to images with QtPdf, and QR codes read back from images with zxing-cpp.

Printing renders documents with these functions (so what is printed is what was saved), and
the self-test uses them to prove a badge's QR carries its token.

Needs no QApplication: QPdfDocument, QImage and QPainter-on-QImage work with none (measured
with PySide6 6.12 under QT_QPA_PLATFORM=offscreen). Creating one first is harmless. Call from
any single thread at a time; each call builds its own QPdfDocument.

Qt lives only in frontdesk.ui: this module imports PySide6 and zxingcpp, nothing of the app.
"""

from __future__ import annotations

import math

import zxingcpp
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument

MAX_PIXELS = 60_000_000
"""Cap on a rendered page (an A4 page at 1200 dpi would be ~140 Mpx, over 500 MB in ARGB)."""


class _LoadedPdf:
    """A QPdfDocument together with the buffer it reads from (both must stay alive)."""

    def __init__(self, pdf_bytes: bytes) -> None:
        self.data = QByteArray(pdf_bytes)
        self.buffer = QBuffer(self.data)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self.buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            error = self.document.error()
            self.close()
            raise ValueError(f"not a readable PDF ({error.name})")

    def close(self) -> None:
        self.document.close()
        self.buffer.close()


def page_count(pdf_bytes: bytes) -> int:
    """Number of pages; raises ValueError if the bytes are not a readable PDF."""
    pdf = _LoadedPdf(pdf_bytes)
    try:
        return pdf.document.pageCount()
    finally:
        pdf.close()


def render_page(pdf_bytes: bytes, page: int = 0, dpi: int = 300) -> QImage:
    """Page `page` (from 0) rendered at `dpi` on white, as QImage.Format_RGB32.

    The resolution is lowered if the image would exceed MAX_PIXELS. Raises ValueError for bytes
    that are not a PDF and IndexError for a page that does not exist.
    """
    pdf = _LoadedPdf(pdf_bytes)
    try:
        if not 0 <= page < pdf.document.pageCount():
            raise IndexError(f"page {page} not in 0..{pdf.document.pageCount() - 1}")
        points = pdf.document.pagePointSize(page)
        scale = dpi / 72.0
        pixels = points.width() * scale * points.height() * scale
        if pixels > MAX_PIXELS:
            scale *= math.sqrt(MAX_PIXELS / pixels)
        size = QSize(max(1, math.floor(points.width() * scale)), max(1, math.floor(points.height() * scale)))
        rendered = pdf.document.render(page, size)
    finally:
        pdf.close()
    # QtPdf leaves blank areas transparent (alpha 0): flatten onto white paper.
    page_image = QImage(rendered.size(), QImage.Format.Format_RGB32)
    page_image.setDotsPerMeterX(round(scale * 72 / 0.0254))
    page_image.setDotsPerMeterY(round(scale * 72 / 0.0254))
    page_image.fill(Qt.GlobalColor.white)
    painter = QPainter(page_image)
    try:
        painter.drawImage(0, 0, rendered)
    finally:
        painter.end()
    return page_image


def decode_qr(image: QImage) -> list[str]:
    """The texts of the QR codes found in `image` (empty when there are none)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    bits = bytes(gray.constBits())  # rows are padded to `stride` bytes: keep only the pixels
    pixels = b"".join(bits[row * stride: row * stride + width] for row in range(height))
    view = memoryview(pixels).cast("B", (height, width))
    return [result.text for result in zxingcpp.read_barcodes(view, formats=zxingcpp.BarcodeFormat.QRCode)]
