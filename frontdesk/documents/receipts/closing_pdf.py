"""The daily closing ("Chiusura giornaliera") of a desk as an A4 PDF, and the values it prints.

`Closing` is what services.receipts.closing reads from the receipts of a desk and a Rome day; the
PDF is drawn again from it whenever asked, so nothing but the receipts needs keeping. The page shows
the Point, the desk and the day, when it was printed, the counts, first and last number per series,
totals by payment method, by VAT rate and by nature code (with the law's text), the voided receipts
with their reasons, the gaps in the numbering and the series switches after a restore, and
"Page X of Y" in the footer (documents.numbered_pages). The same Closing and moment printed give the
same bytes (reportlab's `invariant`), so a kept closing (services.receipts.kept_closings) is checked
by the SHA-256 of its PDF drawn again.

Pure: reportlab, frontdesk.documents, frontdesk.domain and frontdesk.i18n only.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from frontdesk.documents import fonts
from frontdesk.documents.lab.intake_receipt import GRID
from frontdesk.documents.numbered_pages import numbered_canvas
from frontdesk.documents.receipts.receipt_document import PointData, payment_label
from frontdesk.documents.text_block import RightBlock, TextBlock
from frontdesk.domain.receipts.vat import NATURES
from frontdesk.i18n import _, format_date, format_datetime, format_money

MARGIN = 15 * mm
WIDTH = A4[0] - 2 * MARGIN
FOOTER_Y = MARGIN / 2
PAD = 6  # platypus's frame padding
ACCENT = colors.HexColor("#1e3a5f")
LINE = colors.HexColor("#9aa3ad")
HEAD_FILL = colors.HexColor("#e3e8ef")
WARN = colors.HexColor("#b3261e")


@dataclass(frozen=True)
class SeriesRange:
    """The receipts of one series (prefix and year) issued on the day."""

    series: str  # "R1-2026"
    count: int
    first: str  # the first number of the day
    last: str


@dataclass(frozen=True)
class MethodTotal:
    payment: str  # domain.receipts.receipt.PAYMENT_METHODS
    count: int
    total: Decimal


@dataclass(frozen=True)
class TaxTotal:
    """A VAT rate ("22") or a nature code ("N4") and its sums over the receipts."""

    vat_rate: str
    nature: str
    base: Decimal
    vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.base + self.vat


@dataclass(frozen=True)
class VoidedReceipt:
    number: str
    issued_at: dt.datetime
    voided_at: dt.datetime
    total: Decimal
    reason: str


@dataclass(frozen=True)
class Closing:
    desk: str
    day: dt.date
    point: PointData
    issued: int  # receipts issued on the day, voided ones included
    valid: int  # of those, the ones not voided by the day's end (the totals are theirs)
    series: tuple[SeriesRange, ...]
    by_payment: tuple[MethodTotal, ...]  # the receipts of the day not voided by its end
    by_tax: tuple[TaxTotal, ...]  # rates from the highest, then natures in code order
    voided: tuple[VoidedReceipt, ...]  # voided on the day (or issued on it and voided by its end)
    gaps: tuple[str, ...]  # numbers missing in a series
    switches: tuple[str, ...]  # the series the numbering continued in after a restore

    @property
    def net(self) -> Decimal:
        return sum((t.base for t in self.by_tax), Decimal("0.00"))

    @property
    def vat(self) -> Decimal:
        return sum((t.vat for t in self.by_tax), Decimal("0.00"))

    @property
    def total(self) -> Decimal:
        return self.net + self.vat


def title_text() -> str:
    return _("Daily closing")


def tax_label(total: TaxTotal) -> str:
    """"VAT 22%", or the nature code with its text."""
    if total.vat_rate:
        return _("VAT {rate}%").format(rate=total.vat_rate)
    return f"{total.nature} {NATURES[total.nature].text}"


def gap_text(number: str) -> str:
    return _("{number}: missing number (no receipt of this desk carries it)").format(number=number)


def switch_text(series: str) -> str:
    return _("After the restore the numbering continues in series {series}.").format(series=series)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=9, leading=11.5)
    return {
        "base": base,
        "point": ParagraphStyle("point", parent=base, fontName=fonts.BOLD, fontSize=11, leading=14),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=16, leading=20, textColor=ACCENT,
                                spaceBefore=3 * mm),
        "section": ParagraphStyle("section", parent=base, fontName=fonts.BOLD, fontSize=10.5, leading=13,
                                  textColor=ACCENT, spaceBefore=4 * mm, spaceAfter=1.5 * mm),
        "head": ParagraphStyle("head", parent=base, fontName=fonts.BOLD, fontSize=8.5, leading=10.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "bold": ParagraphStyle("bold", parent=base, fontName=fonts.BOLD, fontSize=8.5, leading=10.5),
        "warn": ParagraphStyle("warn", parent=base, fontName=fonts.BOLD, textColor=WARN),
    }


def _table(head: list[str], rows: list[list], widths: tuple[float, ...], st, *, right: tuple[int, ...],
           total: list | None = None) -> Table:
    """A grid with a shaded head; the `right` columns are aligned right; an optional bold total row."""

    def cells(values: list, style) -> list:
        return [(RightBlock if i in right else TextBlock)(str(v), style) for i, v in enumerate(values)]

    data = [cells(head, st["head"]), *(cells(r, st["cell"]) for r in rows)]
    style = [*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]
    if total is not None:
        data.append(cells(total, st["bold"]))
        style.append(("BACKGROUND", (0, -1), (-1, -1), HEAD_FILL))
    table = Table(data, colWidths=[w * WIDTH for w in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _story(closing: Closing, printed_at: dt.datetime, st) -> list:
    point = closing.point
    story: list = [TextBlock(point.name, st["point"])]
    story += [TextBlock(line, st["small"]) for line in (point.address,) if line]
    story += [TextBlock(title_text(), st["title"]),
              TextBlock(_("Desk {desk} · {day}").format(desk=closing.desk, day=format_date(closing.day, "long")),
                        st["bold"]),
              TextBlock(_("Printed on {moment}").format(moment=format_datetime(printed_at)), st["small"]),
              Spacer(1, 2 * mm)]
    story.append(_table([_("Receipts"), _("Number")], [
        [_("Receipts issued"), closing.issued], [_("Receipts voided"), len(closing.voided)],
        [_("Valid (in the totals)"), closing.valid]],
        (0.4, 0.15), st, right=(1,)))

    story.append(TextBlock(_("Numbers issued"), st["section"]))
    if closing.series:
        story.append(_table([_("Series"), _("Receipts"), _("First number"), _("Last number")],
                            [[s.series, s.count, s.first, s.last] for s in closing.series],
                            (0.25, 0.15, 0.3, 0.3), st, right=(1,)))
    else:
        story.append(TextBlock(_("No receipt was issued on this day."), st["base"]))
    if closing.switches or closing.gaps:
        story.append(Spacer(1, 1.5 * mm))
    for series in closing.switches:
        story.append(TextBlock(switch_text(series), st["bold"]))
    for number in closing.gaps:
        story.append(TextBlock(gap_text(number), st["warn"]))

    story.append(TextBlock(_("Totals by payment method"), st["section"]))
    story.append(_table([_("Payment method"), _("Receipts"), _("Total")],
                        [[payment_label(m.payment), m.count, format_money(m.total)] for m in closing.by_payment],
                        (0.45, 0.15, 0.2), st, right=(1, 2),
                        total=[_("Total"), sum(m.count for m in closing.by_payment), format_money(closing.total)]))

    story.append(TextBlock(_("Totals by VAT rate and nature"), st["section"]))
    story.append(_table([_("VAT rate or nature"), _("Taxable"), _("VAT"), _("Total")],
                        [[tax_label(t), format_money(t.base), format_money(t.vat) if t.vat_rate else "—",
                          format_money(t.total)] for t in closing.by_tax],
                        (0.55, 0.15, 0.15, 0.15), st, right=(1, 2, 3),
                        total=[_("Total"), format_money(closing.net), format_money(closing.vat),
                               format_money(closing.total)]))
    story.append(TextBlock(_("Voided receipts are listed below and left out of the totals."), st["small"]))

    story.append(TextBlock(_("Voided receipts"), st["section"]))
    if closing.voided:
        story.append(_table([_("Number"), _("Issued on"), _("Voided on"), _("Total"), _("Reason")],
                            [[v.number, format_datetime(v.issued_at), format_datetime(v.voided_at),
                              format_money(v.total), v.reason] for v in closing.voided],
                            (0.19, 0.18, 0.18, 0.13, 0.32), st, right=(3,)))
    else:
        story.append(TextBlock(_("No receipt was voided on this day."), st["base"]))
    return story


def render_closing(closing: Closing, *, printed_at: dt.datetime) -> bytes:
    """The daily closing on A4 portrait (more pages when it does not fit one)."""
    fonts.register()
    st = _styles()
    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN - PAD, rightMargin=MARGIN - PAD,
                                 topMargin=MARGIN - PAD, bottomMargin=MARGIN + 3 * mm - PAD,
                                 title=f"{title_text()} {closing.desk} {closing.day.isoformat()}",
                                 author=closing.point.name, creator="frontdesk",
                                 invariant=1)  # no creation date nor random id: a kept closing redraws identically
    canvas = numbered_canvas(left=f"{title_text()} · {closing.desk} · {format_date(closing.day)}",
                             page_text=_("Page {n} of {total}"), page_width=A4[0], margin=MARGIN,
                             footer_y=FOOTER_Y, line_color=LINE)
    template.build(_story(closing, printed_at, st), canvasmaker=canvas)
    return buffer.getvalue()
