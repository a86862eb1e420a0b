"""The evacuation list: who is on site now, printed when the alarm rings (A4 portrait), and who
is working at a lab machine now (tests in progress, paused ones marked) in a section of its own,
"In the lab now", by room and machine, after the visitors (on their last page when it fits).

The printing time (Europe/Rome) is large at the top, because the first question at the
assembly point is how fresh the list is. Each row has an empty box to tick by hand. Rows keep
the caller's order (the caller sorts by name); long texts are cut to their column; every page
repeats the column headings and says which list it belongs to and "page X of Y". Every text is
drawn through documents.fonts, so names print in any script.

Pure: no Qt, no SQLAlchemy, no I/O beyond reading the fonts.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from frontdesk.documents import fonts
from frontdesk.i18n import _, format_date, format_time, local_time, ngettext

INK = (0.10, 0.10, 0.12)
MUTED = (0.40, 0.42, 0.46)
ACCENT = (0.118, 0.227, 0.373)
HEAD_FILL = (0.89, 0.91, 0.94)
ZEBRA = (0.965, 0.97, 0.98)
MARGIN = 15 * mm
ROW_H = 7.5 * mm
HEAD_H = 7 * mm
FOOTER_Y = 9 * mm
FOOTER_SIZE = 8.5
FOOTER_MIN_SIZE = 7  # below this the footer takes two lines rather than shrinking further
FOOTER_GAP = 6 * mm  # between the footer's left text and "Page X of Y"
TABLE_BOTTOM = 16 * mm
LAB_HEADING_H = 16 * mm  # "In the lab now" and its line, above the lab section's table
LAB_GAP = 10 * mm  # between the visitors' table and the lab section on the same page
FIRST_TABLE_TOP = A4[1] - 52 * mm
NEXT_TABLE_TOP = A4[1] - 30 * mm
TEXT_SIZE = 10
MIN_TEXT_SIZE = 8  # long names shrink down to this size, then are cut with an ellipsis
# (key, width in mm); the widths add up to the 180 mm between the margins.
COLUMNS = (("tick", 9), ("name", 58), ("company", 46), ("host", 41), ("since", 26))
# The lab section names who, where and since when: what a warden needs (the sample is on the screen).
LAB_COLUMNS = (("tick", 9), ("name", 40), ("machine", 62), ("room", 34), ("since", 35))
LAB_TEXT_SIZE = 9  # the lab section has more columns


@dataclass(frozen=True)
class EvacuationEntry:
    """One person on site. `since` is an aware datetime (UTC)."""

    name: str
    company: str
    host: str
    since: dt.datetime


@dataclass(frozen=True)
class LabWorker:
    """Someone at a lab machine: a test in progress (`paused` marked). `since`: aware (UTC), when started."""

    name: str
    machine: str
    room: str
    since: dt.datetime | None
    paused: bool = False


@dataclass(frozen=True)
class EvacuationList:
    """Who is on site at `printed_at` (aware, UTC); entries in the order they are printed; then who
    is at a lab machine, in the order given."""

    point_name: str
    printed_at: dt.datetime
    entries: tuple[EvacuationEntry, ...]
    at_machines: tuple[LabWorker, ...] = ()


def rows_per_page() -> tuple[int, int]:
    """How many rows fit on the first page and on each following page."""
    first = int((FIRST_TABLE_TOP - HEAD_H - TABLE_BOTTOM) // ROW_H)
    others = int((NEXT_TABLE_TOP - HEAD_H - TABLE_BOTTOM) // ROW_H)
    return first, others


def paginate(count: int, *, first: int | None = None) -> list[range]:
    """The indices of the entries printed on each page (one page for an empty list); `first`: the
    rows of the first page, when it is not the list's first page."""
    first_rows, others = rows_per_page()
    first = first_rows if first is None else first
    pages = [range(0, min(count, first))]
    start = first
    while start < count:
        pages.append(range(start, min(count, start + others)))
        start += others
    return pages


def render_evacuation_list(data: EvacuationList) -> bytes:
    """The list as PDF bytes."""
    fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=fonts.REGULAR)
    canvas.setTitle(_("Evacuation list — people on site"))
    canvas.setAuthor(data.point_name)
    canvas.setCreator("frontdesk")
    pages = paginate(len(data.entries))
    lab_top, lab_pages = _lab_layout(data, pages)
    shared = bool(lab_pages) and lab_top is not None  # the lab section begins under the visitors
    total = len(pages) + len(lab_pages) - (1 if shared else 0)
    for number, rows in enumerate(pages, start=1):
        if number == 1:
            _first_header(canvas, data)
            top = FIRST_TABLE_TOP
        else:
            _next_header(canvas, data)
            top = NEXT_TABLE_TOP
        if data.entries:
            _table(canvas, data, rows, top)
        else:
            _nobody(canvas, top, lab=bool(data.at_machines))
        if shared and number == len(pages):
            _lab_heading(canvas, len(data.at_machines), lab_top)
            _lab_table(canvas, data, lab_pages[0], lab_top - LAB_HEADING_H)
        _footer(canvas, data, number, total)
        canvas.showPage()
    for number, rows in enumerate(lab_pages[1:] if shared else lab_pages, start=len(pages) + 1):
        _next_header(canvas, data)
        top = NEXT_TABLE_TOP
        if number == len(pages) + 1 and not shared:
            _lab_heading(canvas, len(data.at_machines), top)
            top -= LAB_HEADING_H
        _lab_table(canvas, data, rows, top)
        _footer(canvas, data, number, total)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _lab_layout(data: EvacuationList, pages: list[range]) -> tuple[float | None, list[range]]:
    """Where the lab section goes: under the visitors on their last page when one row at least fits
    there (the top of its heading, and its rows by page), else from a page of its own (None)."""
    if not data.at_machines:
        return None, []
    top = FIRST_TABLE_TOP if len(pages) == 1 else NEXT_TABLE_TOP
    below = top - HEAD_H - len(pages[-1]) * ROW_H if data.entries else top - 16 * mm
    lab_top = below - LAB_GAP
    room = int((lab_top - LAB_HEADING_H - HEAD_H - TABLE_BOTTOM) // ROW_H)
    if room >= 1:
        return lab_top, paginate(len(data.at_machines), first=room)
    own_page = int((NEXT_TABLE_TOP - LAB_HEADING_H - HEAD_H - TABLE_BOTTOM) // ROW_H)
    return None, paginate(len(data.at_machines), first=own_page)


def since_text(since: dt.datetime, printed_at: dt.datetime) -> str:
    """HH:MM in Rome; with the day too when the person arrived on an earlier day."""
    if local_time(since).date() == local_time(printed_at).date():
        return format_time(since)
    return f"{format_date(local_time(since).date(), 'dd/MM')} {format_time(since)}"


def _printed_when(data: EvacuationList) -> str:
    return f"{format_date(local_time(data.printed_at).date(), 'full')}, {format_time(data.printed_at)}"


def _first_header(c: Canvas, data: EvacuationList) -> None:
    page_w, page_h = A4
    right = page_w - MARGIN
    c.setFillColorRGB(*ACCENT)
    c.rect(0, page_h - 6 * mm, page_w, 6 * mm, stroke=0, fill=1)

    time_text = format_time(data.printed_at)
    time_size = 34
    time_w = fonts.width(time_text, fonts.BOLD, time_size)
    c.setFillColorRGB(*MUTED)
    fonts.draw(c, fonts.ellipsize(_("Printed at"), fonts.REGULAR, 9, 60 * mm), right, page_h - 15 * mm,
               fonts.REGULAR, 9, align="right")
    c.setFillColorRGB(*INK)
    fonts.draw(c, time_text, right, page_h - 27.5 * mm, fonts.BOLD, time_size, align="right")
    day = format_date(local_time(data.printed_at).date(), "full")
    fonts.draw(c, fonts.ellipsize(day, fonts.REGULAR, 9.5, 70 * mm), right, page_h - 33 * mm, fonts.REGULAR, 9.5,
               align="right")

    title_w = page_w - 2 * MARGIN - max(time_w, 55 * mm) - 8 * mm
    size, lines = fonts.fit_lines(_("Evacuation list — people on site"), fonts.BOLD, max_size=17,
                                  min_size=12, max_width=title_w, max_lines=2)
    y = page_h - 16 * mm
    for line in lines:
        fonts.draw(c, line, MARGIN, y, fonts.BOLD, size)
        y -= size * 1.2
    c.setFillColorRGB(*MUTED)
    fonts.draw(c, fonts.ellipsize(data.point_name, fonts.REGULAR, 10.5, title_w), MARGIN, y - 1 * mm,
               fonts.REGULAR, 10.5)

    count = len(data.entries)
    if count:
        c.setFillColorRGB(*INK)
        text = ngettext("{n} person on site", "{n} people on site", count).format(n=count)
        fonts.draw(c, fonts.ellipsize(text, fonts.BOLD, 13, 90 * mm), MARGIN, FIRST_TABLE_TOP + 6 * mm,
                   fonts.BOLD, 13)
        c.setFillColorRGB(*MUTED)
        hint = _("Tick each person who is safe at the assembly point.")
        fonts.draw(c, fonts.ellipsize(hint, fonts.REGULAR, 8.5, 85 * mm), right, FIRST_TABLE_TOP + 6 * mm,
                   fonts.REGULAR, 8.5, align="right")
    if data.at_machines:
        c.setFillColorRGB(*ACCENT)
        lab = ngettext("And {n} person at a lab machine: see “In the lab now” at the end of the list.",
                       "And {n} people at lab machines: see “In the lab now” at the end of the list.",
                       len(data.at_machines)).format(n=len(data.at_machines))
        fonts.draw(c, fonts.ellipsize(lab, fonts.BOLD, 9.5, page_w - 2 * MARGIN), MARGIN, FIRST_TABLE_TOP + 12 * mm,
                   fonts.BOLD, 9.5)


def _next_header(c: Canvas, data: EvacuationList) -> None:
    page_w, page_h = A4
    c.setFillColorRGB(*ACCENT)
    c.rect(0, page_h - 6 * mm, page_w, 6 * mm, stroke=0, fill=1)
    c.setFillColorRGB(*INK)
    when = _printed_when(data)
    when_w = min(fonts.width(when, fonts.BOLD, 11), 90 * mm)
    title = fonts.ellipsize(_("Evacuation list — people on site"), fonts.BOLD, 11,
                            page_w - 2 * MARGIN - when_w - 6 * mm)
    fonts.draw(c, title, MARGIN, page_h - 16 * mm, fonts.BOLD, 11)
    fonts.draw(c, fonts.ellipsize(when, fonts.BOLD, 11, 90 * mm), page_w - MARGIN, page_h - 16 * mm, fonts.BOLD, 11,
               align="right")
    c.setFillColorRGB(*MUTED)
    fonts.draw(c, fonts.ellipsize(data.point_name, fonts.REGULAR, 9, page_w - 2 * MARGIN), MARGIN,
               page_h - 21.5 * mm, fonts.REGULAR, 9)


def _table(c: Canvas, data: EvacuationList, rows: range, top: float) -> None:
    headings = {"tick": "", "name": _("Name"), "company": _("Company"), "host": _("Host"), "since": _("Since")}
    _grid(c, COLUMNS, headings, [
        {"name": e.name, "company": e.company, "host": e.host, "since": since_text(e.since, data.printed_at)}
        for e in (data.entries[i] for i in rows)], top)


def _lab_heading(c: Canvas, count: int, top: float) -> None:
    c.setFillColorRGB(*INK)
    fonts.draw(c, _("In the lab now"), MARGIN, top - 6 * mm, fonts.BOLD, 14)
    c.setFillColorRGB(*MUTED)
    text = ngettext("{n} person working at a lab machine (tests in progress), by room and machine.",
                    "{n} people working at lab machines (tests in progress), by room and machine.", count)
    fonts.draw(c, fonts.ellipsize(text.format(n=count), fonts.REGULAR, 9, A4[0] - 2 * MARGIN), MARGIN,
               top - 11.5 * mm, fonts.REGULAR, 9)


def _lab_table(c: Canvas, data: EvacuationList, rows: range, top: float) -> None:
    headings = {"tick": "", "name": _("Name"), "machine": _("Machine"), "room": _("Room"), "since": _("Since")}
    values = []
    for w in (data.at_machines[i] for i in rows):
        since = since_text(w.since, data.printed_at) if w.since else ""
        values.append({"name": w.name, "machine": w.machine, "room": w.room,
                       "since": _("{since}, paused").format(since=since) if w.paused else since})
    _grid(c, LAB_COLUMNS, headings, values, top, text_size=LAB_TEXT_SIZE)


def _column_edges(columns: tuple[tuple[str, int], ...]) -> list[tuple[str, float, float]]:
    edges = []
    x = MARGIN
    for key, width_mm in columns:
        edges.append((key, x, width_mm * mm))
        x += width_mm * mm
    return edges


def _grid(c: Canvas, columns: tuple[tuple[str, int], ...], headings: dict[str, str], rows: list[dict[str, str]],
          top: float, *, text_size: float = TEXT_SIZE) -> None:
    """A table: the headings, then a row per dict of texts, a tick box in the "tick" column."""
    edges = _column_edges(columns)
    table_w = sum(width for _key, _x, width in edges)
    pad = 1.8 * mm
    c.setFillColorRGB(*HEAD_FILL)
    c.rect(MARGIN, top - HEAD_H, table_w, HEAD_H, stroke=0, fill=1)
    c.setFillColorRGB(*INK)
    for key, x, width in edges:
        size, lines = fonts.fit_lines(headings[key], fonts.BOLD, max_size=9, min_size=7, max_width=width - 2 * pad)
        fonts.draw(c, lines[0] if lines else "", x + pad, top - HEAD_H + 2.4 * mm, fonts.BOLD, size)

    y = top - HEAD_H
    for position, values in enumerate(rows):
        y -= ROW_H
        if position % 2:
            c.setFillColorRGB(*ZEBRA)
            c.rect(MARGIN, y, table_w, ROW_H, stroke=0, fill=1)
        baseline = y + (ROW_H - text_size * 0.72) / 2
        for key, x, width in edges:
            if key == "tick":
                box = 4.6 * mm
                c.setStrokeColorRGB(*INK)
                c.setLineWidth(0.8)
                c.rect(x + (width - box) / 2, y + (ROW_H - box) / 2, box, box, stroke=1, fill=0)
                continue
            font = fonts.BOLD if key == "name" else fonts.REGULAR
            # Names shrink before they are cut (a name must be recognisable); other columns keep
            # one size, so the table reads calmly, and are cut with an ellipsis.
            low = min(MIN_TEXT_SIZE, text_size) if key == "name" else text_size
            size, lines = fonts.fit_lines(values[key], font, max_size=text_size, min_size=low,
                                          max_width=width - 2 * pad)
            c.setFillColorRGB(*INK)
            fonts.draw(c, lines[0] if lines else "", x + pad, baseline, font, size)
    c.setStrokeColorRGB(*HEAD_FILL)
    c.setLineWidth(0.6)
    c.line(MARGIN, y, MARGIN + table_w, y)


def _nobody(c: Canvas, top: float, *, lab: bool = False) -> None:
    c.setFillColorRGB(*INK)
    text = _("No visitor is on site.") if lab else _("Nobody is on site.")
    fonts.draw(c, fonts.ellipsize(text, fonts.BOLD, 16, A4[0] - 2 * MARGIN), MARGIN, top - 4 * mm, fonts.BOLD, 16)
    c.setFillColorRGB(*MUTED)
    fonts.draw(c, fonts.ellipsize(_("Nobody was checked in when this list was printed."), fonts.REGULAR, 10,
                                  A4[0] - 2 * MARGIN), MARGIN, top - 11 * mm, fonts.REGULAR, 10)


def _footer(c: Canvas, data: EvacuationList, page: int, pages: int) -> None:
    """Which list this page belongs to (point, "Evacuation list", printing day and time) on the
    left, "Page X of Y" on the right, always whole: on one line, shrunk down to FOOTER_MIN_SIZE if
    need be, else on two lines (the point's name above, the list and its time below). Only a point
    name too long for a line of its own is cut."""
    page_w = A4[0]
    c.setStrokeColorRGB(*HEAD_FILL)
    c.setLineWidth(0.6)
    c.line(MARGIN, FOOTER_Y + 4 * mm, page_w - MARGIN, FOOTER_Y + 4 * mm)
    c.setFillColorRGB(*MUTED)
    page_label = _("Page {page} of {pages}").format(page=page, pages=pages)
    label = _("Evacuation list")  # outside the f-string, so that extraction finds it
    when = f"{label} · {_printed_when(data)}"
    lines = footer_lines(data.point_name, when, page_label, page_w - 2 * MARGIN)
    fonts.draw(c, page_label, page_w - MARGIN, FOOTER_Y, fonts.REGULAR, lines[0][0], align="right")
    y = FOOTER_Y
    for size, line in lines:
        fonts.draw(c, line, MARGIN, y, fonts.REGULAR, size)
        y -= size * 1.25


def footer_lines(point_name: str, when: str, page_label: str, line_w: float) -> list[tuple[float, str]]:
    """The footer's left side as (size, text) lines, laid out as _footer says; "Page X of Y" is
    drawn at the first line's size, beside it."""
    joined = f"{point_name} · {when}"
    size = FOOTER_SIZE
    while size >= FOOTER_MIN_SIZE:
        beside = line_w - fonts.width(page_label, fonts.REGULAR, size) - FOOTER_GAP
        if fonts.width(joined, fonts.REGULAR, size) <= beside:
            return [(size, joined)]
        size -= 0.5
    size = FOOTER_MIN_SIZE
    beside = line_w - fonts.width(page_label, fonts.REGULAR, size) - FOOTER_GAP
    low_size, low = fonts.fit_lines(when, fonts.REGULAR, max_size=size, min_size=5, max_width=line_w)
    return [(size, fonts.ellipsize(point_name, fonts.REGULAR, size, beside)), (low_size, low[0])]
