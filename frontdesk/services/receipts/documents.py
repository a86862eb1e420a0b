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
from frontdesk.services.desk.settings import get_settings
from frontdesk.services.receipts.issue import get_receipt

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


def receipt_document(db, *, receipt_id: uuid.UUID, copy: bool, settings: Settings | None = None) -> ReceiptDocument:
    """The receipt as its documents draw it; `copy` marks a reprint; `settings`: the desk's, when already
    read. Raises NotFound."""
    issued = get_receipt(db, receipt_id=receipt_id)
    return ReceiptDocument(
        number=issued.number, issued_at=as_utc(issued.issued_at), point=PointData.of(settings or get_settings(db)),
        customer=issued.customer, totals=issued.totals, payment_method=issued.payment, status=issued.status,
        void_reason=issued.void_reason, voided_at=as_utc(issued.voided_at) if issued.voided_at else None, copy=copy)


def receipt_print_job(db, *, receipt_id: uuid.UUID, copy: bool) -> PrintJob:
    """The receipt drawn in the desk's layout (A5, or the 80 mm roll), for the printer set for receipts.
    The job's title names only the number (print queues keep job names)."""
    settings = get_settings(db)  # read once: the Point's data, the layout and the printer
    doc = receipt_document(db, receipt_id=receipt_id, copy=copy, settings=settings)
    render = render_roll if settings.receipt_layout == "roll" else render_a5
    title = (_("Receipt {number} (copy)") if copy else _("Receipt {number}")).format(number=doc.number)
    return print_job(db, kind=PRINT_KIND, title=title, pdf=render(doc), settings=settings)


def list_receipts(db, *, day: dt.date) -> list[ReceiptRow]:
    """The receipts issued on `day` (Rome), in the order of issue."""
    start, end = rome_day_bounds(day)
    with db.read() as session:
        rows = session.scalars(select(Receipt).where(Receipt.issued_at >= start, Receipt.issued_at < end)
                               .order_by(Receipt.issued_at, Receipt.number))
        return [ReceiptRow(r.id, r.number, as_utc(r.issued_at), r.customer_name, Decimal(r.total), r.payment, r.status,
                           r.void_reason) for r in rows]
