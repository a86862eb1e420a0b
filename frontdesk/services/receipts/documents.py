"""The receipts as the desk prints and lists them: the `ReceiptDocument` of a receipt (the original
or a COPY), its print job (the printer set for receipts, A5 or the 80 mm roll per the desk setting
`receipt_layout`), and the receipts of a day in Rome for the Receipts screen.

Imports no Qt. Plain values in, frozen values out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from frontdesk.db.receipt_models import Receipt
from frontdesk.documents.receipts.receipt_document import PointData, ReceiptDocument
from frontdesk.documents.receipts.receipt_pdf import render_a5, render_roll
from frontdesk.domain.clock import as_utc, rome_day_bounds
from frontdesk.domain.settings import Settings
from frontdesk.i18n import _
from frontdesk.services.desk.printers import PrintJob, print_job
from frontdesk.services.desk.settings import get_settings, read_settings
from frontdesk.services.receipts.issue import IssuedReceipt, read_receipt

PRINT_KIND = "receipt"


@dataclass(frozen=True)
class ReceiptRow:
    """One receipt in the day's list."""

    id: uuid.UUID
    number: str
    issued_at: dt.datetime
    customer_name: str
    total: Decimal
    payment: str
    status: str  # issued | voided
    void_reason: str

    @property
    def voided(self) -> bool:
        return self.status == "voided"


def _document(issued: IssuedReceipt, settings: Settings, copy: bool) -> ReceiptDocument:
    return ReceiptDocument(
        number=issued.number, issued_at=as_utc(issued.issued_at), point=PointData.of(settings),
        customer=issued.customer, totals=issued.totals, payment_method=issued.payment, status=issued.status,
        void_reason=issued.void_reason, voided_at=as_utc(issued.voided_at) if issued.voided_at else None, copy=copy)


def receipt_document(db, *, receipt_id: uuid.UUID, copy: bool) -> ReceiptDocument:
    """The receipt as its documents draw it; `copy` marks a reprint. Raises NotFound."""
    with db.read() as session:
        return _document(read_receipt(session, receipt_id), read_settings(session), copy)


def receipt_print_job(db, *, receipt_id: uuid.UUID, copy: bool) -> PrintJob:
    """The receipt drawn in the desk's layout (A5, or the 80 mm roll), for the printer set for receipts.
    The job's title names only the number (print queues keep job names). Raises NotFound."""
    with db.read() as session:  # one read: the receipt, the Point's data, the layout and the printer
        settings = read_settings(session)
        issued = read_receipt(session, receipt_id)
    return _print_job(db, _document(issued, settings, copy), settings)


def issued_print_job(db, *, receipt: IssuedReceipt) -> PrintJob:
    """The original of a receipt just issued, drawn from the value `issue_receipt` returned (what its
    transaction wrote): only the desk's settings are read."""
    settings = get_settings(db)
    return _print_job(db, _document(receipt, settings, False), settings)


def _print_job(db, doc: ReceiptDocument, settings: Settings) -> PrintJob:
    render = render_roll if settings.receipt_layout == "roll" else render_a5
    title = (_("Receipt {number} (copy)") if doc.copy else _("Receipt {number}")).format(number=doc.number)
    return print_job(db, kind=PRINT_KIND, title=title, pdf=render(doc), settings=settings)


def list_receipts(db, *, day: dt.date) -> list[ReceiptRow]:
    """The receipts issued on `day` (Rome), in the order of issue."""
    start, end = rome_day_bounds(day)
    with db.read() as session:
        rows = session.scalars(select(Receipt).where(Receipt.issued_at >= start, Receipt.issued_at < end)
                               .order_by(Receipt.issued_at, Receipt.number))
        return [ReceiptRow(r.id, r.number, as_utc(r.issued_at), r.customer_name, Decimal(r.total), r.payment, r.status,
                           r.void_reason) for r in rows]
