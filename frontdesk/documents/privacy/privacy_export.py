"""The readable PDF of a data-subject access request: everything held about one person.

`PersonDossier` is plain text arranged in labelled fields and tables (services.privacy.rights fills it
in from the database); `person_export_pdf` lays it out on A4 with reportlab's platypus, which
breaks pages. Every text is a documents.text_block.TextBlock (wrapped and drawn through
documents.fonts), so every name prints as written, in any script.

Pure: no Qt, no SQLAlchemy, no database. Imports reportlab, documents.fonts, documents.text_block
and i18n.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from frontdesk.documents import fonts
from frontdesk.documents.text_block import TextBlock
from frontdesk.i18n import _, format_datetime

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN


@dataclass(frozen=True)
class DossierTable:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # fractions of the text width; equal when empty
    empty_text: str = ""


@dataclass(frozen=True)
class PersonDossier:
    subject: str  # the person's name as held (or "Anonimo")
    controller: str  # the Point's name and address
    generated_at: dt.datetime
    fields: tuple[tuple[str, str], ...]
    tables: tuple[DossierTable, ...] = field(default_factory=tuple)
    reference: str = ""  # the record's id: no personal data


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=fonts.REGULAR, fontSize=9, leading=11.5)
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontName=fonts.BOLD, fontSize=15, leading=19,
                                spaceAfter=2 * mm),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "heading": ParagraphStyle("heading", parent=base, fontName=fonts.BOLD, fontSize=11, leading=14,
                                  spaceBefore=5 * mm, spaceAfter=2 * mm),
        "label": ParagraphStyle("label", parent=base, fontName=fonts.BOLD),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "head": ParagraphStyle("head", parent=base, fontName=fonts.BOLD, fontSize=8, leading=10),
    }


def _p(text: str, style: ParagraphStyle) -> TextBlock:
    return TextBlock(text, style)


_GRID = [
    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]


def _fields_table(fields: tuple[tuple[str, str], ...], st) -> Table:
    rows = [[_p(label, st["label"]), _p(value or "—", st["base"])] for label, value in fields]
    table = Table(rows, colWidths=[0.32 * WIDTH, 0.68 * WIDTH])
    table.setStyle(TableStyle([*_GRID, ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f0f0f0"))]))
    return table


def _data_table(spec: DossierTable, st) -> list:
    heading = _p(spec.title, st["heading"])
    if not spec.rows:
        return [KeepTogether([heading, _p(spec.empty_text or _("None."), st["base"])])]
    fractions = spec.widths or tuple(1 / len(spec.headers) for _h in spec.headers)
    rows = [[_p(h, st["head"]) for h in spec.headers]]
    rows += [[_p(cell, st["cell"]) for cell in row] for row in spec.rows]
    table = Table(rows, colWidths=[f * WIDTH for f in fractions], repeatRows=1)
    table.setStyle(TableStyle([*_GRID, ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e4e4"))]))
    return [heading, table]


def person_export_pdf(dossier: PersonDossier) -> bytes:
    """The dossier as A4 PDF bytes (several pages when the history is long)."""
    fonts.register()
    st = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=_("Personal data held"), author=dossier.controller)
    story: list = [
        _p(_("Personal data held about: {name}").format(name=dossier.subject), st["title"]),
        _p(_("Data controller: {controller}").format(controller=dossier.controller), st["small"]),
        _p(_("Produced on {when} in answer to a request under art. 15 GDPR.").format(
            when=format_datetime(dossier.generated_at)), st["small"]),
    ]
    if dossier.reference:
        story.append(_p(_("Record reference: {ref}").format(ref=dossier.reference), st["small"]))
    story += [Spacer(1, 4 * mm), _fields_table(dossier.fields, st)]
    for spec in dossier.tables:
        story += _data_table(spec, st)

    def _footer(canvas, document) -> None:
        canvas.saveState()
        fonts.draw(canvas, _("Page {n}").format(n=document.page), A4[0] - MARGIN, MARGIN / 2, fonts.REGULAR, 7.5,
                   align="right")
        canvas.restoreState()

    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()
