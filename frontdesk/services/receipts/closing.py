"""The daily closing of a desk, and the figures of a period for the accounting office (issue 16, point 5).

`daily_closing` reads the receipts of one desk issued on one day in Rome (a receipt at 23:30 Rome
time counts for that day, whatever the date in UTC). A receipt is the desk's when its series prefix
is one of the desk's generations (R1, R1-B, ...: domain.series), also when it came by sync. The
totals are those of the receipts not voided by the day's end, so the closing of a past day reads the
same whenever it is drawn again: nothing is stored for it, the PDF (documents.receipts.closing_pdf)
is drawn from the receipts, which are never deleted nor edited. Voided receipts are listed with
their reasons: those voided on the day (also when issued earlier: their money was in that earlier day's closing) and
those issued on the day and voided by its end.

Numbering: for each series (prefix and year) the first and last number of the day, and every
counter missing between the series' previous receipt (or 1) and the day's last is reported as a
gap; a change of prefix (a restore: R1 -> R1-B), from the desk's last receipt before the day or
within the day, is noted.

`period_figures` sums the valid receipts of all desks issued between two Rome days: by service (line
kind and catalogue code, or the description of a typed line), by VAT rate or nature, and by the
association the customer's company belongs to NOW (the receipt keeps no association of its own:
a company that changed association is counted under its present one). `period_csv` and
`period_xlsx` write them for the accounting office.

Imports no Qt. Plain values in, frozen values out.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import or_, select

from frontdesk.db.models import Company
from frontdesk.db.receipt_models import Receipt, ReceiptLine
from frontdesk.documents.receipts.closing_pdf import Closing, MethodTotal, SeriesRange, TaxTotal, VoidedReceipt
from frontdesk.documents.receipts.receipt_document import PointData
from frontdesk.domain import series as desk_series
from frontdesk.domain.clock import rome_day_bounds
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.receipts.receipt import PAYMENT_METHODS, line_kind_label, receipt_number
from frontdesk.domain.receipts.vat import ZERO, TaxLine, summarise, tax_text
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _
from frontdesk.services.desk.settings import read_settings


def _lines_by_receipt(session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[ReceiptLine]]:
    lines: dict[uuid.UUID, list[ReceiptLine]] = defaultdict(list)
    if ids:
        for line in session.scalars(select(ReceiptLine).where(ReceiptLine.receipt_id.in_(ids))
                                    .order_by(ReceiptLine.position)):
            lines[line.receipt_id].append(line)
    return lines


def _tax_totals(receipts: list[Receipt], lines: dict[uuid.UUID, list[ReceiptLine]]) -> tuple[TaxTotal, ...]:
    """Each receipt's VAT groups (VAT per rate as the receipt computed it) summed over the receipts."""
    sums: dict[tuple[str, str], list[Decimal]] = {}
    for receipt in receipts:
        tax = summarise(TaxLine(Decimal(r.net), r.vat_rate, r.nature) for r in lines[receipt.id])
        for group in tax.groups:
            base, vat = sums.get((group.vat_rate, group.nature), [ZERO, ZERO])
            sums[(group.vat_rate, group.nature)] = [base + group.base, vat + group.vat]
    # summarise orders rates from the highest, then natures by code: reuse it on the keys
    order = summarise(TaxLine(ZERO, rate, nature) for rate, nature in sums).groups
    return tuple(TaxTotal(g.vat_rate, g.nature, *sums[(g.vat_rate, g.nature)]) for g in order)


def _valid_at(receipt: Receipt, moment: dt.datetime) -> bool:
    return receipt.status != "voided" or receipt.voided_at >= moment


def _numbering(session, desk: str, day_receipts: list[Receipt], start: dt.datetime) -> tuple[
        tuple[SeriesRange, ...], tuple[str, ...], tuple[str, ...]]:
    """The day's series with first and last numbers, the missing numbers, the series switched to."""
    prefixes = [p for p in session.scalars(select(Receipt.prefix).where(Receipt.prefix.like(f"{desk}%")).distinct())
                if desk_series.generation_of(desk, p) is not None]
    previous = session.scalar(select(Receipt.prefix).where(Receipt.issued_at < start, Receipt.prefix.in_(prefixes))
                              .order_by(Receipt.issued_at.desc(), Receipt.counter.desc()).limit(1))
    ranges, gaps, switches = [], [], []
    by_series: dict[tuple[str, int], list[int]] = {}
    for receipt in day_receipts:
        by_series.setdefault((receipt.prefix, receipt.year), []).append(receipt.counter)
    for (prefix, year), counters in by_series.items():
        counters.sort()
        before = session.scalar(select(Receipt.counter).where(
            Receipt.prefix == prefix, Receipt.year == year, Receipt.counter < counters[0])
            .order_by(Receipt.counter.desc()).limit(1)) or 0
        have = set(counters)
        gaps += [receipt_number(prefix, year, n) for n in range(before + 1, counters[-1]) if n not in have]
        ranges.append(SeriesRange(f"{prefix}-{year}", len(counters), receipt_number(prefix, year, counters[0]),
                                  receipt_number(prefix, year, counters[-1])))
    last_prefix = previous
    for receipt in day_receipts:  # in the order of issue
        if last_prefix is not None and receipt.prefix != last_prefix:
            switches.append(receipt.prefix)
        last_prefix = receipt.prefix
    return tuple(ranges), tuple(gaps), tuple(switches)


def daily_closing(db, *, day: dt.date, actor: Actor, desk: str | None = None) -> Closing:
    """The closing of `desk` (default: this desk) for the Rome day `day` (see the module docstring)."""
    require(actor, Permission.ISSUE_RECEIPTS)
    desk = desk or db.desk
    start, end = rome_day_bounds(day)
    with db.read() as session:
        point = PointData.of(read_settings(session))
        candidates = session.scalars(select(Receipt).where(
            or_(Receipt.issued_at >= start, Receipt.voided_at >= start), Receipt.issued_at < end,
            Receipt.prefix.like(f"{desk}%")).order_by(Receipt.issued_at, Receipt.prefix, Receipt.counter))
        candidates = [r for r in candidates if desk_series.generation_of(desk, r.prefix) is not None]
        issued = [r for r in candidates if r.issued_at >= start]
        valid = [r for r in issued if _valid_at(r, end)]
        # issued on the day or voided from its start on (a void follows its issue): voided before its end
        voided = [r for r in candidates if r.status == "voided" and r.voided_at < end]
        lines = _lines_by_receipt(session, [r.id for r in valid])
        series_ranges, gaps, switches = _numbering(session, desk, issued, start)
        by_payment = tuple(MethodTotal(method, len(paid), sum((Decimal(r.total) for r in paid), ZERO))
                           for method in PAYMENT_METHODS if (paid := [r for r in valid if r.payment == method]))
        return Closing(
            desk=desk, day=day, point=point, issued=len(issued), valid=len(valid), series=series_ranges,
            by_payment=by_payment, by_tax=_tax_totals(valid, lines),
            voided=tuple(VoidedReceipt(r.number, r.issued_at, r.voided_at, Decimal(r.total), r.void_reason)
                         for r in voided),
            gaps=gaps, switches=switches)


# --- The period's figures ----------------------------------------------------------------------------

@dataclass(frozen=True)
class ServiceFigure:
    kind: str  # domain.receipts.receipt.LINE_KINDS
    code: str  # the catalogue's code; '' for a typed line
    description: str
    quantity: Decimal
    net: Decimal


@dataclass(frozen=True)
class AssociationFigure:
    association: str  # its name now; '' when the company belongs to none
    receipts: int
    net: Decimal
    vat: Decimal
    total: Decimal


@dataclass(frozen=True)
class Figures:
    first: dt.date
    last: dt.date
    receipts: int  # valid ones (voided excluded)
    by_service: tuple[ServiceFigure, ...]
    by_tax: tuple[TaxTotal, ...]
    by_association: tuple[AssociationFigure, ...]

    @property
    def net(self) -> Decimal:
        return sum((t.base for t in self.by_tax), ZERO)

    @property
    def vat(self) -> Decimal:
        return sum((t.vat for t in self.by_tax), ZERO)

    @property
    def total(self) -> Decimal:
        return self.net + self.vat


def period_figures(db, *, first: dt.date, last: dt.date, actor: Actor) -> Figures:
    """The valid receipts of every desk issued from `first` to `last` (Rome days, both included), summed
    (see the module docstring). Raises ValidationError when `last` is before `first`."""
    require(actor, Permission.ISSUE_RECEIPTS)
    if last < first:
        raise ValidationError(_("The period ends before it begins: check the dates."), field="last")
    start, end = rome_day_bounds(first)[0], rome_day_bounds(last)[1]
    with db.read() as session:
        receipts = list(session.scalars(select(Receipt).where(
            Receipt.issued_at >= start, Receipt.issued_at < end, Receipt.status != "voided")))
        lines = _lines_by_receipt(session, [r.id for r in receipts])
        associations = {c.id: (c.association.name if c.association else "") for c in session.scalars(
            select(Company).where(Company.id.in_({r.company_id for r in receipts if r.company_id})))}
        services: dict[tuple[str, str, str], list] = {}  # a catalogue's line by its code, a typed one by its text
        for receipt in receipts:
            for line in lines[receipt.id]:
                key = (line.kind, line.source_code, "" if line.source_code else line.description)
                row = services.setdefault(key, [ZERO, ZERO, line.description])  # the code's first description
                row[0] += Decimal(line.quantity)
                row[1] += Decimal(line.net)
        by_association: dict[str, list] = {}
        for receipt in receipts:
            row = by_association.setdefault(associations.get(receipt.company_id, ""), [0, ZERO, ZERO, ZERO])
            row[0] += 1
            row[1] += Decimal(receipt.net)
            row[2] += Decimal(receipt.vat)
            row[3] += Decimal(receipt.total)
        return Figures(
            first=first, last=last, receipts=len(receipts),
            by_service=tuple(ServiceFigure(kind, code, description, _plain(quantity), net)
                             for (kind, code, _d), (quantity, net, description) in sorted(services.items())),
            by_tax=_tax_totals(receipts, lines),
            by_association=tuple(AssociationFigure(name, *values) for name, values in
                                 sorted(by_association.items(), key=lambda item: (not item[0], item[0].casefold()))))


def _plain(quantity: Decimal) -> Decimal:
    """4.00 as 4, 1.500 as 1.5: a quantity without the zeros its lines were written with."""
    return quantity.quantize(Decimal(1)) if quantity == quantity.to_integral_value() else quantity.normalize()


def _rows(figures: Figures) -> list[tuple[str, list]]:
    """Each sheet's title, and its rows: the head, then text and Decimal values, then the total."""
    services = [[_("Kind"), _("Code"), _("Service"), _("Quantity"), _("Taxable")],
                *([line_kind_label(s.kind), s.code, s.description, s.quantity, s.net] for s in figures.by_service),
                [_("Total"), "", "", None, sum((s.net for s in figures.by_service), ZERO)]]
    taxes = [[_("VAT rate or nature"), _("Taxable"), _("VAT"), _("Total")],
             *([tax_text(t.vat_rate, t.nature), t.base, t.vat, t.total] for t in figures.by_tax),
             [_("Total"), figures.net, figures.vat, figures.total]]
    associations = [[_("Association"), _("Receipts"), _("Taxable"), _("VAT"), _("Total")],
                    *([a.association or _("No association"), a.receipts, a.net, a.vat, a.total]
                      for a in figures.by_association),
                    [_("Total"), figures.receipts, figures.net, figures.vat, figures.total]]
    return [(_("By service"), services), (_("By VAT rate"), taxes), (_("By association"), associations)]


def _csv_value(value) -> str:
    if value is None:
        return ""
    return str(value).replace(".", ",") if isinstance(value, Decimal) else str(value)


def period_csv(figures: Figures) -> bytes:
    """The figures as one CSV for Excel in Italian: UTF-8 with BOM, ";" between fields, decimal comma,
    a section per table (its title on a row of its own, a blank row after it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for title, rows in _rows(figures):
        writer.writerow([title])
        for row in rows:
            writer.writerow([_csv_value(v) for v in row])
        writer.writerow([])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def period_xlsx(figures: Figures) -> bytes:
    """The figures as an Excel workbook, a sheet per table; amounts are numbers shown with 2 decimals."""
    from openpyxl import Workbook  # imported here: only the export needs it
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, rows in _rows(figures):
        sheet = book.create_sheet(title[:31])
        for index, row in enumerate(rows):
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.00"
                elif isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                if index in (0, len(rows) - 1):
                    cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 34
        for letter in "BCDE":
            sheet.column_dimensions[letter].width = 16
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
