"""The visitor badge: a BadgeData value in, a one-page PDF out.

Two sizes: "id1", an ID-1 card (85.6 x 54 mm, landscape) for card printers, and "label62", a
62 mm wide continuous label cut at 100 mm (portrait) for label printers. The QR carries only
the signed token (domain.badge_tokens); the text is for people. Every text is fitted to its box
(shrunk, then ellipsized), so no name, however long, runs over the QR or off the badge; every
text is drawn through documents.fonts, so names print in any script.

Pure: no Qt, no SQLAlchemy, no I/O beyond reading the fonts.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from frontdesk.documents import fonts
from frontdesk.documents.qr import QUIET_ZONE, draw_qr, qr_matrix
from frontdesk.documents.reception.badge_data import BadgeData
from frontdesk.i18n import _, format_date

SIZES = {"id1": (85.6 * mm, 54.0 * mm), "label62": (62.0 * mm, 100.0 * mm)}
BAND = (0.118, 0.227, 0.373)  # deep blue of the header band
INK = (0.13, 0.13, 0.15)
MUTED = (0.42, 0.44, 0.48)
RULE = (0.80, 0.82, 0.86)


def render_badge(data: BadgeData) -> bytes:
    """The badge as PDF bytes (one page of exactly the badge's size)."""
    if data.size not in SIZES:
        raise ValueError(f"unknown badge size {data.size!r}; expected one of {sorted(SIZES)}")
    fonts.register()
    buffer = io.BytesIO()
    page_w, page_h = SIZES[data.size]
    canvas = Canvas(buffer, pagesize=(page_w, page_h), pageCompression=1, initialFontName=fonts.REGULAR)
    canvas.setTitle(_("Visitor badge") + f" {data.number}")
    canvas.setAuthor(data.point_name)
    canvas.setCreator("frontdesk")
    if data.size == "id1":
        _draw_card(canvas, data, page_w, page_h)
    else:
        _draw_label(canvas, data, page_w, page_h)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def validity_text(valid_from: dt.date, valid_to: dt.date, fmt: str = "medium") -> str:
    """One day: the date; a range: "from – to". `fmt` is a Babel date format ("medium", "short")."""
    if valid_from == valid_to:
        return format_date(valid_from, fmt)
    return _("{start} – {end}").format(start=format_date(valid_from, fmt), end=format_date(valid_to, fmt))


def _draw_card(c: Canvas, data: BadgeData, page_w: float, page_h: float) -> None:
    margin = 4 * mm
    band_h = 10 * mm
    _draw_band(c, data.point_name, page_w, page_h, band_h, margin, centred=False)

    qr_size = 25 * mm  # the symbol; its quiet zone lies in the white space around it
    qr_x = page_w - 3.5 * mm - qr_size
    qr_y = page_h - band_h - 3.5 * mm - qr_size
    draw_qr(c, data.token, x=qr_x, y=qr_y, size=qr_size, quiet_zone=False)
    _text_centred(c, data.number, fonts.BOLD, 7.5, qr_x + qr_size / 2, qr_y - 5 * mm, qr_size + 4 * mm,
                  colour=INK)

    quiet = QUIET_ZONE * qr_size / len(qr_matrix(data.token))
    text_w = qr_x - quiet - margin
    top = page_h - band_h - 2.2 * mm
    y = _block(c, data.visitor_name, fonts.BOLD, margin, top, text_w, max_size=14, min_size=9,
               max_lines=2, colour=INK)
    _block(c, data.company, fonts.REGULAR, margin, y - 0.6 * mm, text_w, max_size=8.5, min_size=7,
           max_lines=2, colour=MUTED)

    _rows(c, data, x=margin, baseline=4.6 * mm, width=text_w, step=3.9 * mm, label_size=6.3, value_size=8)


def _draw_label(c: Canvas, data: BadgeData, page_w: float, page_h: float) -> None:
    # Worst case, top to bottom (mm): band 12, name 2 lines of 17 pt, company 2 lines of 10 pt,
    # rule at 60.5, three rows down to 45.5, the QR's quiet zone (3), the QR (28), the number.
    margin = 4 * mm
    band_h = 12 * mm
    _draw_band(c, data.point_name, page_w, page_h, band_h, margin, centred=True)

    text_w = page_w - 2 * margin
    top = page_h - band_h - 2.5 * mm
    y = _block(c, data.visitor_name, fonts.BOLD, margin, top, text_w, max_size=17, min_size=11,
               max_lines=2, colour=INK, centred=True)
    _block(c, data.company, fonts.REGULAR, margin, y - 0.6 * mm, text_w, max_size=10, min_size=8,
           max_lines=2, colour=MUTED, centred=True)

    rule_y = 60.5 * mm
    c.setStrokeColorRGB(*RULE)
    c.setLineWidth(0.5)
    c.line(margin, rule_y, page_w - margin, rule_y)
    step = 4.6 * mm
    _rows(c, data, x=margin, baseline=rule_y - 4.2 * mm - 2 * step, width=text_w, step=step,
          label_size=7, value_size=9)

    qr_size = 28 * mm
    qr_x = (page_w - qr_size) / 2
    qr_y = 13 * mm
    draw_qr(c, data.token, x=qr_x, y=qr_y, size=qr_size, quiet_zone=False)
    _text_centred(c, data.number, fonts.BOLD, 8.5, page_w / 2, 6.8 * mm, text_w, colour=INK)


def _draw_band(c: Canvas, point_name: str, page_w: float, page_h: float, band_h: float, margin: float,
               *, centred: bool) -> None:
    c.setFillColorRGB(*BAND)
    c.rect(0, page_h - band_h, page_w, band_h, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    role = _("Visitor").upper()
    if centred:
        size, lines = fonts.fit_lines(point_name, fonts.BOLD, max_size=10, min_size=7,
                                      max_width=page_w - 2 * margin)
        fonts.draw(c, lines[0] if lines else "", page_w / 2, page_h - band_h + 6.3 * mm, fonts.BOLD, size,
                   align="centre")
        role_size = 6.5
        role_line = fonts.ellipsize(role, fonts.REGULAR, role_size, page_w - 2 * margin)
        fonts.draw(c, role_line, page_w / 2, page_h - band_h + 2.4 * mm, fonts.REGULAR, role_size, align="centre")
        return
    role_size = 7
    role_w = fonts.width(role, fonts.REGULAR, role_size)
    fonts.draw(c, role, page_w - margin, page_h - band_h / 2 - role_size * 0.35, fonts.REGULAR, role_size,
               align="right")
    size, lines = fonts.fit_lines(point_name, fonts.BOLD, max_size=9.5, min_size=6.5,
                                  max_width=page_w - 2 * margin - role_w - 4 * mm)
    fonts.draw(c, lines[0] if lines else "", margin, page_h - band_h / 2 - size * 0.35, fonts.BOLD, size)


def _block(c: Canvas, text: str, font: str, x: float, top: float, width: float, *, max_size: float,
           min_size: float, max_lines: int, colour: tuple[float, float, float], centred: bool = False) -> float:
    """Draw `text` fitted into `max_lines` lines below `top`; returns the y under the block."""
    size, lines = fonts.fit_lines(text, font, max_size=max_size, min_size=min_size, max_width=width,
                                  max_lines=max_lines)
    leading = size * 1.18
    rtl = fonts.paragraph_is_rtl(text)  # a name's second line keeps the direction of the whole name
    c.setFillColorRGB(*colour)
    y = top
    for line in lines:
        y -= leading
        baseline = y + (leading - size) / 2 + size * 0.2
        if centred:
            fonts.draw(c, line, x + width / 2, baseline, font, size, align="centre", rtl=rtl)
        else:
            fonts.draw(c, line, x, baseline, font, size, rtl=rtl)
    return y


def _rows(c: Canvas, data: BadgeData, *, x: float, baseline: float, width: float, step: float,
          label_size: float, value_size: float) -> None:
    """Purpose, host and validity as label/value lines; the last one sits on `baseline`."""
    # Each value has spellings from best to most compact: the validity must never be cut, so a
    # range too long for the line falls back to short numeric dates, then to the bare dates.
    rows = [(_("Purpose"), (data.purpose,)), (_("Host"), (data.host,)),
            (_("Valid"), (validity_text(data.valid_from, data.valid_to),
                          validity_text(data.valid_from, data.valid_to, "short"),
                          _bare_range(data.valid_from, data.valid_to)))]
    # The label column takes what the longest label needs, up to a third of the width; labels
    # and values shrink a little before they are cut (a translation may be longer).
    label_w = max(fonts.width(label, fonts.REGULAR, label_size) for label, _values in rows) + 1.8 * mm
    label_w = min(label_w, width / 3)
    y = baseline + step * (len(rows) - 1)
    for index, (label, spellings) in enumerate(rows):
        size, lines = fonts.fit_lines(label, fonts.REGULAR, max_size=label_size, min_size=label_size - 1.3,
                                      max_width=label_w - 1.2 * mm)
        c.setFillColorRGB(*MUTED)
        fonts.draw(c, lines[0] if lines else "", x, y, fonts.REGULAR, size)
        font = fonts.BOLD if index == len(rows) - 1 else fonts.REGULAR
        for spelling in spellings:
            size, lines = fonts.fit_lines(spelling, font, max_size=value_size, min_size=value_size - 2,
                                          max_width=width - label_w)
            if lines == [" ".join(spelling.split())]:
                break
        c.setFillColorRGB(*INK)
        fonts.draw(c, lines[0] if lines else "", x + label_w, y, font, size)
        y -= step


def _bare_range(valid_from: dt.date, valid_to: dt.date) -> str:
    """The last resort when a translated range is too long: two short dates and a dash."""
    if valid_from == valid_to:
        return format_date(valid_from, "short")
    return f"{format_date(valid_from, 'short')} – {format_date(valid_to, 'short')}"


def _text_centred(c: Canvas, text: str, font: str, size: float, centre_x: float, y: float, width: float,
                  *, colour: tuple[float, float, float]) -> None:
    c.setFillColorRGB(*colour)
    fonts.draw(c, fonts.ellipsize(text, font, size, width), centre_x, y, font, size, align="centre")
