"""The intake receipt handed to the customer: an `IntakeReceiptData` value in, A4 PDF bytes out.

It records what the lab received and what was agreed (ISO/IEC 17025 7.1 and 7.4): the lab's
name and address, the request number, when and by whom it was received, the customer and
contact; each sample with its lab ID, material, description, condition on receipt, deviations
noted and the customer's answer, and what the customer stated (marked as supplied by the
customer, 7.8.2.2); the tests asked for each with standard, accreditation and price; net, VAT
per rate and total; priority and the date results are needed; the report date promised at the
desk (an estimate from the lab's plan that day), when there is one; the specification and decision
rule of a statement of conformity; who agreed and when. It is not a fiscal receipt, and says so.

Laid out with reportlab's platypus (pages break by themselves); every text is a
documents.text_block.TextBlock, so names print in any script. Pure: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from frontdesk.documents import fonts
from frontdesk.documents.text_block import RightBlock, TextBlock
from frontdesk.domain.lab.requests import Totals
from frontdesk.i18n import _, format_date, format_datetime, format_money

MARGIN = 16 * mm
WIDTH = A4[0] - 2 * MARGIN
ACCENT = colors.HexColor("#1e3a5f")
LINE = colors.HexColor("#9aa3ad")
HEAD_FILL = colors.HexColor("#e3e8ef")


@dataclass(frozen=True)
class ReceiptTest:
    name: str
    standard: str
    accredited: bool
    hours: int | None
    net: object  # Decimal euros
    vat_rate: str


@dataclass(frozen=True)
class ReceiptSample:
    lab_id: str
    material: str
    description: str
    condition: str
    deviations: str
    customer_answer: str
    customer_info: str
    tests: tuple[ReceiptTest, ...]


@dataclass(frozen=True)
class IntakeReceiptData:
    lab_name: str
    lab_address: str
    number: str
    received_at: dt.datetime  # aware, UTC
    received_by: str
    company_name: str
    company_vat: str
    contact_name: str
    contact_email: str
    contact_phone: str
    samples: tuple[ReceiptSample, ...]
    totals: Totals
    priority: str  # normal | urgent
    due_on: dt.date | None
    conformity: bool
    specification: str
    decision_rule: str  # its label, in the document's language
    agreed_by: str
    agreed_at: dt.datetime | None
    member_prices: bool = False
    notes: str = ""
    promised_on: dt.date | None = None  # the report date promised at the desk (an estimate)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=9, leading=11.5)
    return {
        "base": base,
        "lab": ParagraphStyle("lab", parent=base, fontName=fonts.BOLD, fontSize=11, leading=14),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=15, leading=19,
                                textColor=ACCENT, spaceBefore=3 * mm, spaceAfter=1 * mm),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.BOLD, fontSize=10.5, leading=13,
                                  spaceBefore=3 * mm, spaceAfter=1.5 * mm, textColor=ACCENT),
        "label": ParagraphStyle("label", parent=base, fontName=fonts.BOLD, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", parent=base, fontName=fonts.BOLD, fontSize=8, leading=10),
        "money": ParagraphStyle("money", parent=base, fontSize=8.5, leading=10.5),
        "total": ParagraphStyle("total", parent=base, fontName=fonts.BOLD, fontSize=10, leading=13),
    }


GRID = [  # the lab documents' table grid (the intake receipt, the test report)
    ("GRID", (0, 0), (-1, -1), 0.4, LINE),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


def _t(text: str, style: ParagraphStyle) -> TextBlock:
    return TextBlock(text, style)


def _fields(rows: list[tuple[str, str]], st, widths=(0.27, 0.73)) -> Table:
    table = Table([[_t(label, st["label"]), _t(value or "—", st["base"])] for label, value in rows],
                  colWidths=[w * WIDTH for w in widths])
    table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f4f7"))]))
    return table


def priority_text(priority: str) -> str:
    return _("Urgent") if priority == "urgent" else _("Normal")


def _sample_block(sample: ReceiptSample, st) -> list:
    title = " · ".join(p for p in (sample.lab_id, sample.material) if p)
    rows = [(_("Description"), sample.description), (_("Condition on receipt"), sample.condition)]
    if sample.deviations:
        rows.append((_("Deviations noted"), sample.deviations))
        rows.append((_("Customer's answer"), sample.customer_answer))
    if sample.customer_info:
        rows.append((_("Supplied by the customer"),
                     sample.customer_info + "\n" + _("(information supplied by the customer, not verified "
                                                     "by the lab)")))
    tests = [[_t(_("Test asked for"), st["head"]), _t(_("Standard"), st["head"]),
              _t(_("Accredited"), st["head"]), _t(_("VAT"), st["head"]), RightBlock(_("Net price"), st["head"])]]
    for test in sample.tests:
        name = test.name if test.hours is None else _("{test}, {hours} h").format(test=test.name, hours=test.hours)
        tests.append([_t(name, st["cell"]), _t(test.standard or "—", st["cell"]),
                      _t(_("Yes") if test.accredited else _("No"), st["cell"]),
                      _t(f"{test.vat_rate}%", st["cell"]),
                      RightBlock(format_money(test.net), st["money"])])
    table = Table(tests, colWidths=[w * WIDTH for w in (0.37, 0.26, 0.13, 0.07, 0.17)], repeatRows=1)
    table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]))
    return [KeepTogether([_t(title, st["heading"]), _fields(rows, st), Spacer(1, 1.5 * mm), table])]


def _totals_table(totals: Totals, st) -> Table:
    rows = [[_t(_("Net total"), st["base"]), RightBlock(format_money(totals.net), st["money"])]]
    for line in totals.vat_lines:
        text = _("VAT {rate} on {base}").format(rate=f"{line.rate}%", base=format_money(line.base))
        rows.append([_t(text, st["base"]), RightBlock(format_money(line.vat), st["money"])])
    rows.append([_t(_("Total"), st["total"]), RightBlock(format_money(totals.total), st["total"])])
    table = Table(rows, colWidths=[0.45 * WIDTH, 0.2 * WIDTH], hAlign="RIGHT")
    table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, -1), (-1, -1), HEAD_FILL)]))
    return table


def _signatures(st) -> Table:
    """Two boxes to sign: the customer's agreement and the lab's receipt."""
    table = Table([[_t(_("Signature for the customer"), st["small"]), "", _t(_("Signature for the lab"), st["small"])],
                   ["", "", ""]], colWidths=[0.45 * WIDTH, 0.1 * WIDTH, 0.45 * WIDTH], rowHeights=[None, 12 * mm])
    table.setStyle(TableStyle([("LINEBELOW", (0, 1), (0, 1), 0.6, LINE), ("LINEBELOW", (2, 1), (2, 1), 0.6, LINE)]))
    return KeepTogether([table])


def render_intake_receipt(data: IntakeReceiptData) -> bytes:
    """The receipt as A4 PDF bytes (more pages when there are many samples)."""
    fonts.register()
    st = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 4 * mm, title=_("Sample intake receipt {number}").format(
                                number=data.number), author=data.lab_name, creator="frontdesk")
    story: list = [
        _t(data.lab_name, st["lab"]),
        _t(data.lab_address, st["small"]),
        _t(_("Sample intake receipt {number}").format(number=data.number), st["title"]),
        _t(_("Received on {when} by {who}").format(when=format_datetime(data.received_at, "medium"),
                                                   who=data.received_by or "—"), st["base"]),
        Spacer(1, 3 * mm),
    ]
    contact = "\n".join(p for p in (data.contact_name, data.contact_email, data.contact_phone) if p)
    company = data.company_name + (f"\n{_('VAT number')} {data.company_vat}" if data.company_vat else "")
    story.append(_fields([(_("Customer"), company), (_("Contact"), contact),
                          (_("Priority"), priority_text(data.priority)),
                          (_("Results needed by"), format_date(data.due_on, "medium") if data.due_on else "")],
                         st))
    if data.promised_on is not None:
        story.append(Spacer(1, 2 * mm))
        story.append(_t(_("Expected date of the test report: {day}").format(day=format_date(data.promised_on, "full")),
                        st["label"]))
        story.append(_t(_("An estimate from the lab's plan on the day of intake; the lab confirms it when the "
                          "tests are planned."), st["small"]))
    story.append(_t(_("Samples received"), st["heading"]))
    for sample in data.samples:
        story += _sample_block(sample, st)
    story.append(_t(_("Prices"), st["heading"]))
    if data.member_prices:
        story.append(_t(_("Member prices applied."), st["small"]))
        story.append(Spacer(1, 1.5 * mm))
    story.append(_totals_table(data.totals, st))

    story.append(_t(_("Statement of conformity"), st["heading"]))
    if data.conformity:
        story.append(_fields([(_("Specification"), data.specification), (_("Decision rule"), data.decision_rule)],
                             st))
    else:
        story.append(_t(_("Not requested: the report will give the results without a statement of conformity."),
                        st["base"]))
    story.append(_t(_("Agreement"), st["heading"]))
    agreed_at = format_datetime(data.agreed_at, "medium") if data.agreed_at else ""
    story.append(_t(_("The customer agreed to the test methods, the prices and, where a statement of conformity "
                      "is requested, the decision rule above."), st["base"]))
    story.append(Spacer(1, 1.5 * mm))
    story.append(_fields([(_("Agreed by"), data.agreed_by), (_("Date"), agreed_at)], st))
    if data.notes:
        story.append(Spacer(1, 1.5 * mm))
        story.append(_fields([(_("Notes"), data.notes)], st))
    story.append(Spacer(1, 8 * mm))
    story.append(_signatures(st))

    footer = _("This is not a fiscal receipt: the invoice follows.")

    def _page(canvas, document) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#444444"))
        fonts.draw(canvas, f"{data.number} · " + footer, MARGIN, MARGIN / 2 + 2 * mm, fonts.REGULAR, 7.5)
        fonts.draw(canvas, _("Page {n}").format(n=document.page), A4[0] - MARGIN, MARGIN / 2 + 2 * mm,
                   fonts.REGULAR, 7.5, align="right")
        canvas.restoreState()

    doc.build(story, onFirstPage=_page, onLaterPages=_page)
    return buffer.getvalue()
