"""The test report (ISO/IEC 17025 7.8): a `ReportContent` value in, A4 PDF bytes out.

Everything printed comes from the content (domain.lab.report_content) and the fixed texts of the
report's language (domain.lab.report_texts), and the PDF is drawn with reportlab's `invariant`
mode (no creation date, no random ID), so the same content always gives the same bytes: the
report's SHA-256 is kept when it is issued and checked when it is drawn again.

Every page carries the report ID and "page X of Y": pages are kept by the canvas until the story
ends, then each is finished with the total known (a canvasmaker). The last flowable is the end
marker. Laid out with platypus like documents.lab.intake_receipt; every text is a TextBlock, so
names print in any script. Pure: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from frontdesk.documents import fonts
from frontdesk.documents.lab.intake_receipt import ACCENT, GRID, HEAD_FILL, LINE, MARGIN, WIDTH
from frontdesk.documents.numbered_pages import numbered_canvas
from frontdesk.documents.text_block import TextBlock
from frontdesk.domain.lab.report_content import Item, ReportContent, TestSection
from frontdesk.domain.lab.report_texts import text

FOOTER_Y = MARGIN / 2 + 2 * mm
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=9, leading=11.5)
    return {
        "base": base,
        "lab": ParagraphStyle("lab", parent=base, fontName=fonts.BOLD, fontSize=11, leading=14),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=16, leading=20,
                                textColor=ACCENT, spaceBefore=3 * mm, spaceAfter=2 * mm),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.BOLD, fontSize=10.5, leading=13,
                                  spaceBefore=4 * mm, spaceAfter=1.5 * mm, textColor=ACCENT),
        "test": ParagraphStyle("test", parent=base, fontName=fonts.BOLD, fontSize=9.5, leading=12,
                               spaceBefore=2.5 * mm, spaceAfter=1 * mm),
        "label": ParagraphStyle("label", parent=base, fontName=fonts.BOLD, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "head": ParagraphStyle("head", parent=base, fontName=fonts.BOLD, fontSize=8, leading=10),
        "end": ParagraphStyle("end", parent=base, fontName=fonts.BOLD, fontSize=10, leading=13, spaceBefore=6 * mm),
    }


def day_text(iso: str) -> str:
    """An ISO date as the report prints it, the same in both languages: 02/12/2026."""
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else "—"


def value_text(value: str, language: str) -> str:
    """A number as entered, with the decimal comma in Italian ("355.5" -> "355,5"); other text as is."""
    return value.replace(".", ",") if language == "it" and _NUMBER.match(value) else value


def _span(first: str, last: str) -> str:
    if not first and not last:
        return "—"
    if first == last or not last or not first:
        return day_text(first or last)
    return f"{day_text(first)} – {day_text(last)}"


def _t(value: str, style: ParagraphStyle) -> TextBlock:
    return TextBlock(value, style)


def _fields(rows: list[tuple[str, str]], st, widths=(0.3, 0.7)) -> Table:
    table = Table([[_t(label, st["label"]), _t(value or "—", st["base"])] for label, value in rows],
                  colWidths=[w * WIDTH for w in widths])
    table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f4f7"))]))
    return table


def _results(test: TestSection, lang: str, st) -> Table:
    rows = [[_t(text(key, lang), st["head"]) for key in ("quantity", "value", "unit", "uncertainty")]]
    for reading in test.readings:
        uncertainty = f"± {value_text(reading.uncertainty, lang)}" if reading.uncertainty else "—"
        rows.append([_t(reading.label, st["cell"]), _t(value_text(reading.value, lang), st["cell"]),
                     _t(reading.unit or "—", st["cell"]), _t(uncertainty, st["cell"])])
    table = Table(rows, colWidths=[w * WIDTH for w in (0.4, 0.2, 0.15, 0.25)], repeatRows=1)
    table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]))
    return table


def _test_block(test: TestSection, lang: str, st) -> list:
    title = " — ".join(p for p in (test.name, test.standard) if p)
    if test.status in ("cancelled", "rejected"):
        return [KeepTogether([_t(title, st["test"]),
                              _t(text("not_performed", lang).format(reason=test.not_performed_reason or "—"),
                                 st["base"])])]
    rows = [(text("method", lang), " · ".join(p for p in (test.standard, test.method) if p)),
            (text("accredited", lang), text("yes", lang) if test.accredited else text("not_accredited", lang)),
            (text("test_dates", lang), _span(test.tested_from, test.tested_to))]
    if test.external:
        rows.append((text("external", lang).format(provider="").strip(), test.provider))
    else:
        rows.append((text("equipment", lang), test.equipment))
    conditions = "\n".join(f"{c.label}: {value_text(c.value, lang)} {c.unit}".rstrip() for c in test.conditions)
    rows.append((text("conditions", lang), conditions))
    rows.append((text("deviations", lang), test.deviations or text("none", lang)))
    # The heading stays with the method's table; a long results table may go on, its header repeated.
    block = [KeepTogether([_t(title, st["test"]), _fields(rows, st), Spacer(1, 1.5 * mm)]), _results(test, lang, st)]
    if test.external:
        block.append(_t(text("external", lang).format(provider=test.provider), st["small"]))
    return block


def _item_block(item: Item, lang: str, st) -> list:
    title = " · ".join(p for p in (f"{text('item', lang)} {item.lab_id}", item.material) if p)
    rows = [(text("lab_id", lang), item.lab_id), (text("description", lang), item.description),
            (text("condition", lang), item.condition), (text("received_on", lang), day_text(item.received_on))]
    if item.receipt_deviations:
        rows.append((text("receipt_deviations", lang), item.receipt_deviations))
        rows.append((text("customer_answer", lang), item.customer_answer))
    if item.customer_info:
        rows.append((text("customer_info", lang), f"{item.customer_info}\n({text('customer_info_note', lang)})"))
    story: list = [KeepTogether([_t(title, st["heading"]), _fields(rows, st)])]
    for test in item.tests:
        story += _test_block(test, lang, st)
    return story


def _authorisation(content: ReportContent, st) -> KeepTogether:
    lang = content.language
    table = Table([[_t(text("authorised_by", lang), st["label"]), _t(content.authorised_by, st["base"]),
                    _t(text("issued_on", lang), st["label"]), _t(day_text(content.issued_on), st["base"])],
                   [_t(text("signature", lang), st["label"]), "", "", ""]],
                  colWidths=[w * WIDTH for w in (0.2, 0.35, 0.25, 0.2)], rowHeights=[None, 14 * mm])
    table.setStyle(TableStyle([*GRID, ("SPAN", (1, 1), (3, 1))]))
    return KeepTogether([_t(text("authorisation", lang), st["heading"]), table])


def _story(content: ReportContent, st) -> list:
    lang = content.language
    story: list = [
        _t(content.lab_name, st["lab"]),
        _t(content.lab_address, st["small"]),
        _t(f"{text('title', lang)} {content.report_id}", st["title"]),
    ]
    customer = "\n".join(p for p in (content.customer_name, content.customer_address) if p)
    contact = "\n".join(p for p in (content.contact_name, content.contact_email) if p)
    story.append(_fields([
        (text("report_id", lang), content.report_id),
        (text("lab", lang), f"{content.lab_name}\n{content.lab_address}"),
        (text("test_site", lang), content.test_site or content.lab_address),
        (text("customer", lang), customer),
        (text("contact", lang), contact),
        (text("request", lang), content.request_number),
        (text("received_on", lang), day_text(content.received_on)),
        (text("tested_on", lang), _span(content.tested_from, content.tested_to)),
        (text("issued_on", lang), day_text(content.issued_on)),
    ], st))
    if content.revision_of is not None:
        revision = content.revision_of
        story.append(KeepTogether([
            _t(text("revision_title", lang), st["heading"]),
            _t(text("replaces", lang).format(report=revision.replaces), st["base"]), Spacer(1, 1.5 * mm),
            _fields([(text("changes", lang), revision.changes), (text("reason", lang), revision.reason)], st)]))
    story.append(_t(text("items", lang), st["heading"]))
    for item in content.items:
        story += _item_block(item, lang, st)
    if content.conformity is not None:
        conformity = content.conformity
        verdict = [(text("verdict", lang), text(conformity.verdict, lang))] if conformity.verdict else []
        story.append(KeepTogether([_t(text("conformity", lang), st["heading"]), _fields([
            *verdict,
            (text("specification", lang), conformity.specification),
            (text("decision_rule", lang), conformity.decision_rule),
            (text("covers", lang), "\n".join(conformity.covers))], st)]))
    story.append(Spacer(1, 3 * mm))
    story.append(_t(text("relate_only", lang), st["base"]))
    story.append(_t(text("no_partial", lang), st["base"]))
    story.append(_authorisation(content, st))
    story.append(_t(f"— {text('end', lang)} —", st["end"]))
    return story


def render_test_report(content: ReportContent) -> bytes:
    """The report as A4 PDF bytes; the same content gives the same bytes."""
    fonts.register()
    st = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 5 * mm, title=f"{text('title', content.language)} "
                            f"{content.report_id}", author=content.lab_name, creator="frontdesk", invariant=1)
    doc.build(_story(content, st), canvasmaker=numbered_canvas(
        left=f"{text('title', content.language)} {content.report_id}", page_text=text("page", content.language),
        page_width=A4[0], margin=MARGIN, footer_y=FOOTER_Y, line_color=LINE))
    return buffer.getvalue()
