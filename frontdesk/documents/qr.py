"""QR codes drawn as vector rectangles on a reportlab canvas (crisp at any printer resolution).

The matrix comes from `qrcode` (error correction M, smallest version that fits); each run of
dark modules in a row becomes one rectangle, and all rectangles are filled as one path, so a
renderer leaves no hairline seams between modules.

Imports qrcode and reportlab only; no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import qrcode
import qrcode.constants
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4
"""Modules of white margin a QR needs around it (ISO/IEC 18004); `draw_qr` leaves it blank."""


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of `text`'s QR symbol (True = dark), without quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def dark_runs(row: list[bool]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


def draw_qr(canvas: Canvas, text: str, *, x: float, y: float, size: float,
            quiet_zone: bool = True) -> float:
    """Draw `text` as a QR in the square of side `size` points whose lower-left corner is (x, y).

    With `quiet_zone` the square includes the 4-module white margin (painted white, so the code
    scans even on a coloured background); without it the symbol fills the square and the caller
    keeps the margin clear. Returns the module size in points.
    """
    matrix = qr_matrix(text)
    count = len(matrix)
    margin = QUIET_ZONE if quiet_zone else 0
    module = size / (count + 2 * margin)
    canvas.saveState()
    if quiet_zone:
        canvas.setFillColorRGB(1, 1, 1)
        canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    origin_x = x + margin * module
    top = y + size - margin * module
    for row_index, row in enumerate(matrix):
        row_y = top - (row_index + 1) * module
        for start, length in dark_runs(row):
            path.rect(origin_x + start * module, row_y, length * module, module)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
    return module
