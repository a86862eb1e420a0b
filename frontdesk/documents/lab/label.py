"""The sample label: `SampleLabelData` values in, a PDF of 50 x 25 mm pages out (one per label).

Made for a label printer's roll (one die-cut label per page). The QR, drawn as vectors
(documents.qr), carries only the signed token (domain.lab.sample_tokens); beside it the word
"CAMPIONE" (so nobody takes it for a badge), the lab ID large enough to read across a bench, the
company cut to fit, the material and the day received. Every text is fitted to its box (shrunk,
then ellipsized) through documents.fonts, so a long company name never runs over the QR.

Pure: no Qt, no SQLAlchemy, no I/O beyond reading the fonts.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from frontdesk.documents import fonts
from frontdesk.documents.qr import draw_qr
from frontdesk.i18n import _, format_date

PAGE = (50.0 * mm, 25.0 * mm)
INK = (0.08, 0.08, 0.10)
MUTED = (0.35, 0.37, 0.40)
BAND = (0.118, 0.227, 0.373)


@dataclass(frozen=True)
class SampleLabelData:
    """What one sample label shows; `token` is what its QR carries."""

    lab_id: str
    token: str
    company: str
    material: str
    received_on: dt.date


def render_labels(labels: Iterable[SampleLabelData]) -> bytes:
    """The labels as PDF bytes: one 50 x 25 mm page each, in the order given."""
    labels = list(labels)
    if not labels:
        raise ValueError("no label to draw")
    fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, pageCompression=1, initialFontName=fonts.REGULAR)
    canvas.setTitle(_("Sample labels") + " " + ", ".join(label.lab_id for label in labels[:3]))
    canvas.setCreator("frontdesk")
    for label in labels:
        draw_label(canvas, label)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_label(c: Canvas, data: SampleLabelData) -> None:
    """One label on the current page of `c` (a 50 x 25 mm page)."""
    page_w, page_h = PAGE
    # The QR fills the label's height on the left; its quiet zone (4 modules) is the white
    # space around it, so it sits 1.5 mm from the edges and the text starts 2 mm after it.
    qr_size = page_h - 3.0 * mm
    qr_x = 1.5 * mm
    qr_y = (page_h - qr_size) / 2
    draw_qr(c, data.token, x=qr_x, y=qr_y, size=qr_size, quiet_zone=True)

    x = qr_x + qr_size + 0.6 * mm
    width = page_w - x - 1.6 * mm
    top = page_h - 1.8 * mm

    # "CAMPIONE" on a dark band: the first thing read, and unlike anything on a badge.
    band_h = 3.6 * mm
    c.setFillColorRGB(*BAND)
    c.rect(x, top - band_h, width, band_h, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    word = _("Sample").upper()
    size, lines = fonts.fit_lines(word, fonts.BOLD, max_size=7, min_size=5, max_width=width - 1.6 * mm)
    fonts.draw(c, lines[0] if lines else "", x + width / 2, top - band_h + 1.05 * mm, fonts.BOLD, size,
               align="centre")

    # The lab ID: as large as fits one line (a specimen's "-12" makes it longer).
    c.setFillColorRGB(*INK)
    size, lines = fonts.fit_lines(data.lab_id, fonts.BOLD, max_size=11, min_size=6.5, max_width=width)
    y = top - band_h - 1.0 * mm - size * 0.75
    fonts.draw(c, lines[0] if lines else "", x, y, fonts.BOLD, size)
    y -= 0.8 * mm

    # The company on up to two lines (then cut), the material on one.
    rows = [(data.company, fonts.BOLD, 6.2, 5.2, 2), (data.material, fonts.REGULAR, 6.2, 5.0, 1)]
    for text, font, max_size, min_size, max_lines in rows:
        if not text.strip():
            continue
        size, lines = fonts.fit_lines(text, font, max_size=max_size, min_size=min_size, max_width=width,
                                      max_lines=max_lines)
        for line in lines:
            y -= size * 1.2
            fonts.draw(c, line, x, y, font, size)

    received = _("Received {date}").format(date=format_date(data.received_on, "short"))
    size, lines = fonts.fit_lines(received, fonts.REGULAR, max_size=5.8, min_size=4.8, max_width=width)
    c.setFillColorRGB(*MUTED)
    fonts.draw(c, lines[0] if lines else "", x, 2.0 * mm, fonts.REGULAR, size)
