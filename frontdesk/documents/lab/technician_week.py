"""A technician's week of work on paper: a services.lab.technician_week.TechnicianWeek in, A4
landscape PDF bytes out, in the user's language.

The header names the Point, the technician, the week ("dal 7 al 13 dicembre 2026"), the hours
planned and when it was printed; then one block per day, Monday to Sunday: the day with its state
(absent and why, the lab closed and for which holiday or closure, not a working day) and its
items in time order (a run from start to end; a chamber's loading or unloading at a moment), with
the machine, the room, the sample, the test, the request and the customer. Every page says
"page X of Y". The look is the intake receipt's (GRID, colours, fonts). Pure: no Qt, no
SQLAlchemy; it reads the week's fields only (duck-typed: documents sit below the services).
"""

from __future__ import annotations

import datetime as dt
import io
import re

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from frontdesk.documents import fonts
from frontdesk.documents.lab.intake_receipt import ACCENT, GRID, HEAD_FILL, LINE, MARGIN
from frontdesk.documents.numbered_pages import numbered_canvas
from frontdesk.documents.text_block import TextBlock
from frontdesk.domain.lab.test_status import status_label
from frontdesk.i18n import _, format_date, format_datetime, format_time, language, local_time

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN
FOOTER_Y = MARGIN / 2 + 1 * mm
STATE_FILL = {"working": HEAD_FILL, "absent": colors.HexColor("#fbe3cf"), "closed": colors.HexColor("#e6e6e6"),
              "off": colors.HexColor("#f2f2f2")}
COLUMNS = (0.08, 0.13, 0.13, 0.09, 0.08, 0.17, 0.085, 0.155, 0.08)  # of WIDTH; they add up to 1
KEEP_WHOLE = 12  # a day of up to this many rows is never split across pages


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=9, leading=11.5)
    return {
        "base": base,
        "lab": ParagraphStyle("lab", parent=base, fontName=fonts.BOLD, fontSize=11, leading=14),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=15, leading=19,
                                textColor=ACCENT, spaceBefore=2 * mm, spaceAfter=1 * mm),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "day": ParagraphStyle("day", parent=base, fontName=fonts.BOLD, fontSize=10.5, leading=13, textColor=ACCENT),
        "state": ParagraphStyle("state", parent=base, fontName=fonts.BOLD, fontSize=9.5, leading=13),
        "notice": ParagraphStyle("notice", parent=base, fontName=fonts.BOLD, fontSize=11, leading=14,
                                 textColor=colors.HexColor("#8a3b00")),
        "head": ParagraphStyle("head", parent=base, fontName=fonts.BOLD, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "muted": ParagraphStyle("muted", parent=base, fontSize=8.5, leading=10.5, textColor=colors.HexColor("#555555")),
    }


def _t(text: str, style: ParagraphStyle) -> TextBlock:
    return TextBlock(text, style)


def _elide_italian(text: str) -> str:
    """"dal 8" -> "dall'8", "al 11" -> "all'11", "dal 1 " -> "dal 1° " (how Italian writes days)."""
    text = re.sub(r"\b(dal|al) (8|11)\b", r"\1l'\2", text)
    return re.sub(r"\b(dal|al) 1\b", r"\1 1°", text)


def week_span(first: dt.date, last: dt.date) -> str:
    """"dal 7 al 13 dicembre 2026", "dal 28 dicembre 2026 al 3 gennaio 2027" (in the user's language)."""
    if (first.year, first.month) == (last.year, last.month):
        start = str(first.day)
    elif first.year == last.year:
        start = format_date(first, "d MMMM")
    else:
        start = format_date(first, "d MMMM y")
    text = _("from {first} to {last}").format(first=start, last=format_date(last, "d MMMM y"))
    return _elide_italian(text) if language() == "it" else text


def duration_text(minutes: int) -> str:
    """"3 h 45 min", "2 h", "40 min"."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return _("{hours} h").format(hours=hours)
    return _("{minutes} min").format(minutes=rest)


def day_title(day: dt.date) -> str:
    """"Lunedì 7 dicembre"."""
    text = format_date(day, "EEEE d MMMM")
    return text[:1].upper() + text[1:]


def state_text(day) -> str:
    """What kind of day it is for the technician: "Absent: holiday", "Lab closed: Christmas Day"."""
    if day.state == "absent":
        return _("Absent: {reason}").format(reason=day.reason) if day.reason else _("Absent")
    if day.state == "closed":
        return _("Lab closed: {reason}").format(reason=day.reason)
    if day.state == "off":
        return _("Not a working day")
    return _("At work")


def item_time(item, day: dt.date) -> str:
    """"08:00–08:45"; a run from or to another day shows that day too; a moment shows one time."""
    if item.end is None:
        return format_time(item.start)

    def at(moment: dt.datetime) -> str:
        return format_time(moment) if local_time(moment).date() == day else format_datetime(moment, "dd/MM HH:mm")

    return f"{at(item.start)}–{at(item.end)}"


def activity_text(item) -> str:
    return {"load": _("Load the chamber"), "unload": _("Unload the chamber")}.get(item.kind, _("Run the test"))


def test_text(item) -> str:
    return item.test_name if item.hours is None else _("{test}, {hours} h").format(test=item.test_name,
                                                                                    hours=item.hours)


def _status(status: str) -> str:
    text = status_label(status)
    return text[:1].upper() + text[1:]


def _day_block(day, st) -> list:
    """One table per day: its heading row (the day, its state, its hours), then the column heads and the
    items. A long day breaks across pages with its heading rows repeated; a short one stays whole."""
    fill = STATE_FILL.get(day.state, HEAD_FILL)
    hours = _("{time} planned").format(time=duration_text(day.planned_minutes)) if day.planned_minutes else ""
    blank = [""] * (len(COLUMNS) - 1)
    heading = [_t(day_title(day.day), st["day"]), "", _t(state_text(day), st["state"]), "", "", "", "",
               _t(hours, st["small"]), ""]
    rows = [heading]
    style = [*GRID, ("BACKGROUND", (0, 0), (-1, 0), fill), ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
             ("SPAN", (0, 0), (1, 0)), ("SPAN", (2, 0), (6, 0)), ("SPAN", (7, 0), (8, 0))]
    if day.items:
        rows.append([_t(text, st["head"]) for text in (_("Time"), _("Activity"), _("Machine"), _("Room"), _("Sample"),
                                                        _("Test"), _("Request"), _("Customer"), _("Status"))])
        style.append(("BACKGROUND", (0, 1), (-1, 1), colors.HexColor("#f2f4f7")))
        for item in day.items:
            machine = f"{item.machine_code} {item.machine_name}".strip()
            rows.append([_t(value or "—", st["cell"]) for value in (
                item_time(item, day.day), activity_text(item), machine, item.room, item.sample_lab_id,
                test_text(item), item.request_number, item.company, _status(item.status))])
    elif day.state == "working":
        rows.append([_t(_("Nothing planned."), st["muted"]), *blank])
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(rows, colWidths=[w * WIDTH for w in COLUMNS], repeatRows=2 if day.items else 1)
    table.setStyle(TableStyle(style))
    block = [table, Spacer(1, 2.5 * mm)]
    return [KeepTogether(block)] if len(rows) <= KEEP_WHOLE else block


def render_technician_week(week, *, point_name: str, printed_at: dt.datetime) -> bytes:
    """The week as A4 landscape PDF bytes (more pages when the days hold many items)."""
    fonts.register()
    st = _styles()
    title = _("Week of work of {name}").format(name=week.name)
    span = week_span(week.first, week.last)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 4 * mm, title=title, author=point_name, creator="frontdesk")
    summary = _("Week {span}").format(span=span)
    if week.planned_minutes:
        summary += " · " + _("{time} planned").format(time=duration_text(week.planned_minutes))
    story: list = [
        _t(point_name, st["lab"]),
        _t(title, st["title"]),
        _t(summary, st["base"]),
        _t(_("Printed on {when}").format(when=format_datetime(printed_at, "text")), st["small"]),
        Spacer(1, 3 * mm),
    ]
    if week.absent_all_week:
        story += [_t(_("Absent all week."), st["notice"]), Spacer(1, 2 * mm)]
    elif not any(d.items for d in week.days):
        story += [_t(_("Nothing planned this week."), st["notice"]), Spacer(1, 2 * mm)]
    for day in week.days:
        story += _day_block(day, st)
    doc.build(story, canvasmaker=numbered_canvas(left=f"{title} · {span}", page_text=_("Page {n} of {total}"),
                                                page_width=PAGE[0], margin=MARGIN, footer_y=FOOTER_Y, line_color=LINE))
    return buffer.getvalue()
