"""The non-fiscal receipt as PDF: a `ReceiptDocument` value in, bytes out, in two layouts.

`render_a5` draws A5 portrait pages (platypus: the lines' table continues on another page, each
numbered "page X of Y"); `render_roll` draws one page 80 mm wide for a thermal receipt printer
(72 mm printable), as tall as its content, in narrow columns (no table wider than the paper). Both
say what the document is: a non-fiscal receipt, proof of what was agreed (and paid), not an
invoice; the electronic invoice, or for a private person the commercial document, follows (README,
"Receipts"). They show the Point's registered data, the customer's own copy, number and time of
issue (Rome), the lines with their VAT rate or nature code, VAT per rate and the lines without VAT
per nature with its text, the stamp duty (a line when charged, a note when the Point pays it), the
total and how it is paid. A reprint is marked COPY and a voided receipt VOIDED with its reason (on
every A5 page, at both ends of the roll). The texts are documents.receipts.receipt_document's.

Every text goes through documents.fonts (names in any script). Pure: imports reportlab,
frontdesk.documents, frontdesk.domain and frontdesk.i18n only; no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from frontdesk.documents import fonts
from frontdesk.documents.lab.intake_receipt import GRID
from frontdesk.documents.numbered_pages import numbered_canvas
from frontdesk.documents.receipts.receipt_document import (
    ReceiptDocument,
    customer_lines,
    follows_text,
    group_label,
    line_description,
    marks,
    number_text,
    payment_label,
    point_ids,
    point_regime,
    purpose_text,
    quantity_text,
    stamp_note,
    title_text,
    void_text,
)
from frontdesk.documents.text_block import RightBlock, TextBlock
from frontdesk.domain.receipts.vat import tax_text
from frontdesk.i18n import _, format_money

__all__ = ["ReceiptDocument", "render_a5", "render_roll"]

MARGIN = 10 * mm
WIDTH = A5[0] - 2 * MARGIN
FOOTER_Y = MARGIN / 2 + 1 * mm
FRAME_PADDING = 6  # platypus's frame pads its content by 6 pt: the margins leave room for it
ACCENT = colors.HexColor("#1e3a5f")
LINE = colors.HexColor("#9aa3ad")
HEAD_FILL = colors.HexColor("#e3e8ef")
MARK = colors.HexColor("#b3261e")  # COPY and VOIDED

def _joined(parts: list[str], font: str, size: float, width: float) -> list[str]:
    """`parts` joined with " · " into as few lines of `width` as fit, never splitting a part."""
    lines: list[str] = []
    for part in parts:
        if lines and fonts.width(f"{lines[-1]} · {part}", font, size) <= width:
            lines[-1] = f"{lines[-1]} · {part}"
        else:
            lines.append(part)
    return lines


# --- A5 -------------------------------------------------------------------------------------------

def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=8.5, leading=10.5)
    return {
        "base": base,
        "point": ParagraphStyle("point", parent=base, fontName=fonts.BOLD, fontSize=10.5, leading=13),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.2, textColor=colors.HexColor("#444444")),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=14, leading=17, textColor=ACCENT,
                                spaceBefore=2.5 * mm),
        "number": ParagraphStyle("number", parent=base, fontName=fonts.BOLD, fontSize=9.5, leading=12),
        "mark": ParagraphStyle("mark", parent=base, fontName=fonts.BOLD, fontSize=12, leading=15, textColor=MARK),
        "label": ParagraphStyle("label", parent=base, fontName=fonts.BOLD, fontSize=8, leading=10),
        "head": ParagraphStyle("head", parent=base, fontName=fonts.BOLD, fontSize=7.5, leading=9.2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "total": ParagraphStyle("total", parent=base, fontName=fonts.BOLD, fontSize=10, leading=12.5),
    }


def _t(text: str, style: ParagraphStyle) -> TextBlock:
    return TextBlock(text, style)


LINE_COLUMNS = (0.51, 0.07, 0.17, 0.08, 0.17)  # description, quantity, unit price, VAT, amount
COMPACT = [*GRID, ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
SIDE_BY_SIDE = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP")]
TAX_SHARE = 0.6  # the VAT summary beside the totals: its share of the width


def _lines_table(doc: ReceiptDocument, st) -> Table:
    head = st["head"]
    rows = [[_t(_("Description"), head), RightBlock(_("Qty"), head), RightBlock(_("Unit price"), head),
             _t(_("VAT"), head), RightBlock(_("Amount"), head)]]
    for line in doc.totals.lines:
        rows.append([_t(line_description(line), st["cell"]), RightBlock(quantity_text(line.quantity), st["cell"]),
                     RightBlock(format_money(line.unit_price), st["cell"]),
                     _t(tax_text(line.vat_rate, line.nature), st["cell"]),
                     RightBlock(format_money(line.net), st["cell"])])
    table = Table(rows, colWidths=[w * WIDTH for w in LINE_COLUMNS], repeatRows=1)
    table.setStyle(TableStyle([*COMPACT, ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]))
    return table


def _tax_table(doc: ReceiptDocument, st) -> Table:
    head = st["head"]
    rows = [[_t(_("VAT rate or nature"), head), RightBlock(_("Taxable"), head), RightBlock(_("VAT"), head)]]
    for group in doc.totals.tax.groups:
        rows.append([_t(group_label(group), st["cell"]), RightBlock(format_money(group.base), st["cell"]),
                     RightBlock(format_money(group.vat) if group.vat_rate else "—", st["cell"])])
    width = TAX_SHARE * WIDTH - 3 * mm
    table = Table(rows, colWidths=[w * width for w in (0.52, 0.26, 0.22)], hAlign="LEFT")
    table.setStyle(TableStyle([*COMPACT, ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL)]))
    return table


def _totals_table(doc: ReceiptDocument, st) -> Table:
    tax = doc.totals.tax
    rows = [[_t(_("Taxable total"), st["cell"]), RightBlock(format_money(tax.net), st["cell"])],
            [_t(_("VAT total"), st["cell"]), RightBlock(format_money(tax.vat), st["cell"])],
            [_t(_("Total"), st["total"]), RightBlock(format_money(tax.total), st["total"])]]
    width = (1 - TAX_SHARE) * WIDTH
    table = Table(rows, colWidths=[0.5 * width, 0.5 * width], hAlign="RIGHT")
    table.setStyle(TableStyle([*COMPACT, ("BACKGROUND", (0, -1), (-1, -1), HEAD_FILL)]))
    return table


def _a5_canvas(doc: ReceiptDocument) -> type[Canvas]:
    """The house footer ("page X of Y", documents.numbered_pages) and, on a reprint or a voided
    receipt, the COPY / VOIDED watermark across each page."""
    numbered = numbered_canvas(left=f"{doc.number} · {title_text()}", page_text=_("Page {n} of {total}"),
                               page_width=A5[0], margin=MARGIN, footer_y=FOOTER_Y, line_color=LINE)
    stamped = " · ".join(marks(doc))
    if not stamped:
        return numbered

    class StampedCanvas(numbered):  # type: ignore[misc, valid-type]
        def showPage(self) -> None:
            self.saveState()
            self.setFillColor(MARK, alpha=0.16)
            self.translate(A5[0] / 2, A5[1] / 2)
            self.rotate(35)
            size, lines = fonts.fit_lines(stamped, fonts.BOLD, max_size=54, min_size=20, max_width=A5[0] * 1.05)
            fonts.draw(self, lines[0], 0, -size / 3, fonts.BOLD, size, align="centre")
            self.restoreState()
            super().showPage()

    return StampedCanvas


def _a5_head(doc: ReceiptDocument, st) -> list:
    """The Point beside the customer's box; the title (and the COPY / VOIDED mark), number and date."""
    small = st["small"]
    ids = _joined(point_ids(doc.point), small.fontName, small.fontSize, 0.56 * WIDTH - 2 * mm)
    lines = [doc.point.address, *ids, point_regime(doc.point)]
    point = [_t(doc.point.name, st["point"]), *(_t(line, small) for line in lines if line)]
    customer = Table([[_t(_("Customer"), st["label"])], [_t("\n".join(customer_lines(doc.customer)), st["cell"])]],
                     colWidths=[0.44 * WIDTH])
    customer.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.4, LINE), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)]))
    top = Table([[point, customer]], colWidths=[0.56 * WIDTH, 0.44 * WIDTH])
    top.setStyle(TableStyle(SIDE_BY_SIDE))
    title = _t(title_text(), st["title"])
    if marks(doc):
        title = Table([[title, RightBlock("  ".join(marks(doc)), st["mark"])]], colWidths=[0.62 * WIDTH, 0.38 * WIDTH])
        title.setStyle(TableStyle([*SIDE_BY_SIDE, ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    head: list = [top, title, _t(number_text(doc), st["number"]), _t(purpose_text(doc), st["small"])]
    if doc.voided:
        head += [Spacer(1, 1.5 * mm), _t(void_text(doc), ParagraphStyle("void", parent=st["label"], textColor=MARK))]
    return [*head, Spacer(1, 2.5 * mm)]


def render_a5(doc: ReceiptDocument) -> bytes:
    """The receipt on A5 portrait (more pages when the lines do not fit one)."""
    fonts.register()
    st = _styles()
    buffer = io.BytesIO()
    pad = FRAME_PADDING
    template = SimpleDocTemplate(buffer, pagesize=A5, leftMargin=MARGIN - pad, rightMargin=MARGIN - pad,
                                 topMargin=MARGIN - pad, bottomMargin=MARGIN + 2 * mm - pad,
                                 title=f"{title_text()} {doc.number}", author=doc.point.name, creator="frontdesk")
    story = _a5_head(doc, st)
    story.append(_lines_table(doc, st))
    sums = Table([[_tax_table(doc, st), _totals_table(doc, st)]],
                 colWidths=[TAX_SHARE * WIDTH, (1 - TAX_SHARE) * WIDTH])
    sums.setStyle(TableStyle(SIDE_BY_SIDE))
    tail: list = [Spacer(1, 2.5 * mm), sums]
    if stamp_note(doc):
        tail += [Spacer(1, 1.5 * mm), _t(stamp_note(doc), st["base"])]
    tail += [Spacer(1, 2 * mm),
             _t(_("Payment: {method}").format(method=payment_label(doc.payment_method)), st["label"]),
             _t(follows_text(doc), st["base"])]
    story.append(KeepTogether(tail))
    template.build(story, canvasmaker=_a5_canvas(doc))
    return buffer.getvalue()


# --- The 80 mm roll ------------------------------------------------------------------------------

ROLL_WIDTH = 80 * mm
ROLL_MARGIN = 4 * mm  # 72 mm printable
ROLL_TEXT = ROLL_WIDTH - 2 * ROLL_MARGIN
ROLL_SIZE = 8.0
ROLL_SMALL = 7.0
ROLL_BIG = 10.0
ROLL_GAP = 1.6 * mm
ROLL_FEED = 4 * mm  # blank paper under the last line, before the printer's cutter
ROLL_COLUMN = 19 * mm  # the VAT summary's two amounts: taxable, VAT


class _Roll:
    """The roll's content as rows measured first (each a height and a drawing at its top), so the
    page's height is known before the canvas exists."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, Callable[[Canvas, float], None]]] = []

    def text(self, text: str, *, font: str = fonts.REGULAR, size: float = ROLL_SIZE, align: str = "left",
             right: tuple[str, ...] = (), colour=colors.black) -> None:
        """`text` wrapped to the paper; the `right` values, drawn on its first line, end at the paper's
        right edge (the last) and at the columns ROLL_COLUMN apart before it."""
        room = ROLL_TEXT - (ROLL_COLUMN * (len(right) - 1) + fonts.width(right[0], font, size) + 2 * mm
                            if right else 0)
        lines = fonts.wrap(text, font, size, room) or [""]
        leading = size * 1.25
        x = {"left": ROLL_MARGIN, "centre": ROLL_WIDTH / 2, "right": ROLL_WIDTH - ROLL_MARGIN}[align]

        def draw(c: Canvas, top: float) -> None:
            c.setFillColor(colour)
            for index, line in enumerate(lines):
                fonts.draw(c, line, x, top - size - index * leading, font, size, align=align)
            for column, value in enumerate(reversed(right)):  # after the text, so a reader reads it whole
                fonts.draw(c, value, ROLL_WIDTH - ROLL_MARGIN - column * ROLL_COLUMN, top - size, font, size,
                           align="right")

        self.rows.append((len(lines) * leading, draw))

    def banner(self, text: str) -> None:
        """White bold words on a black band: the COPY / VOIDED mark a thermal printer prints well."""
        size, lines = fonts.fit_lines(text, fonts.BOLD, max_size=14, min_size=9, max_width=ROLL_TEXT - 4 * mm)
        height = size * 1.7

        def draw(c: Canvas, top: float) -> None:
            c.setFillColor(colors.black)
            c.rect(ROLL_MARGIN, top - height, ROLL_TEXT, height, stroke=0, fill=1)
            c.setFillColor(colors.white)
            fonts.draw(c, lines[0], ROLL_WIDTH / 2, top - height / 2 - size * 0.36, fonts.BOLD, size, align="centre")

        self.rows.append((height, draw))

    def rule(self) -> None:
        def draw(c: Canvas, top: float) -> None:
            c.setStrokeColor(colors.black)
            c.setLineWidth(0.6)
            c.setDash(2, 1.5)
            c.line(ROLL_MARGIN, top - ROLL_GAP, ROLL_WIDTH - ROLL_MARGIN, top - ROLL_GAP)
            c.setDash()

        self.rows.append((2 * ROLL_GAP, draw))

    def gap(self, height: float = ROLL_GAP) -> None:
        self.rows.append((height, lambda c, top: None))

    @property
    def height(self) -> float:
        return sum(height for height, _draw in self.rows) + 2 * ROLL_MARGIN


def _roll_content(doc: ReceiptDocument) -> _Roll:
    roll = _Roll()
    stamped = "  ".join(marks(doc))
    if stamped:
        roll.banner(stamped)
        roll.gap()
    roll.text(doc.point.name, font=fonts.BOLD, size=9, align="centre")
    roll.text(doc.point.address, size=ROLL_SMALL, align="centre")
    for line in _joined(point_ids(doc.point), fonts.REGULAR, ROLL_SMALL, ROLL_TEXT):
        roll.text(line, size=ROLL_SMALL, align="centre")
    if point_regime(doc.point):
        roll.text(point_regime(doc.point), size=ROLL_SMALL, align="centre")
    roll.rule()
    roll.text(title_text().upper(), font=fonts.BOLD, size=ROLL_BIG, align="centre")
    roll.text(purpose_text(doc), size=ROLL_SMALL, align="centre")
    roll.gap()
    roll.text(number_text(doc), font=fonts.BOLD, align="centre")
    if doc.voided:
        roll.gap()
        roll.text(void_text(doc), font=fonts.BOLD)
    roll.rule()
    roll.text(_("Customer"), font=fonts.BOLD, size=ROLL_SMALL)
    for line in customer_lines(doc.customer):
        roll.text(line)
    roll.rule()
    for line in doc.totals.lines:  # the description, then quantity x price, VAT and amount under it
        roll.text(line_description(line))
        detail = f"{quantity_text(line.quantity)} x {format_money(line.unit_price)} · " + \
            _("VAT {tax}").format(tax=tax_text(line.vat_rate, line.nature))
        roll.text(detail, size=ROLL_SMALL, right=(format_money(line.net),))
        roll.gap(0.8 * mm)
    roll.rule()
    roll.text(_("VAT summary"), font=fonts.BOLD, size=ROLL_SMALL, right=(_("Taxable"), _("VAT")))
    for group in doc.totals.tax.groups:
        roll.text(group_label(group), size=ROLL_SMALL,
                  right=(format_money(group.base), format_money(group.vat) if group.vat_rate else "—"))
    roll.rule()
    tax = doc.totals.tax
    roll.text(_("Taxable total"), right=(format_money(tax.net),))
    roll.text(_("VAT total"), right=(format_money(tax.vat),))
    roll.text(_("Total").upper(), font=fonts.BOLD, size=ROLL_BIG + 1, right=(format_money(tax.total),))
    if stamp_note(doc):
        roll.text(stamp_note(doc), size=ROLL_SMALL)
    roll.gap()
    roll.text(_("Payment: {method}").format(method=payment_label(doc.payment_method)), font=fonts.BOLD)
    roll.text(follows_text(doc), size=ROLL_SMALL)
    if stamped:
        roll.gap()
        roll.banner(stamped)
    roll.gap(ROLL_FEED)
    return roll


def render_roll(doc: ReceiptDocument) -> bytes:
    """The receipt on an 80 mm thermal roll: one page, as tall as its content."""
    fonts.register()
    roll = _roll_content(doc)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(ROLL_WIDTH, roll.height), pageCompression=1, initialFontName=fonts.REGULAR)
    canvas.setTitle(f"{title_text()} {doc.number}")
    canvas.setAuthor(doc.point.name)
    canvas.setCreator("frontdesk")
    top = roll.height - ROLL_MARGIN
    for height, draw in roll.rows:
        draw(canvas, top)
        top -= height
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
