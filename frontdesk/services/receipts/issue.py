"""Issue, void and read back the desk's receipts.

`issue_receipt` does everything in one write transaction (BEGIN IMMEDIATE, db.engine): the
customer's own copy checked (domain.receipts.customer), the lines and totals (domain.receipts.
receipt, the stamp duty charged per the site setting), the payment (cash under the site's limit),
then the number from the desk's series "receipt-<year>" (the year in Rome of the moment of issue),
the rows and the audit event. A receipt refused at any point writes nothing and uses no number, so
the series has no gaps in normal operation, also with two windows issuing at once (the second
waits for the first's transaction). Numbers carry the desk's series prefix, which a restore
changes (`R1-B-2026-000001`), so they never repeat.

A receipt is never deleted: `void_receipt` marks it voided with a reason, and it keeps its number.
It keeps its own copy of the customer: later edits, merges or anonymisation of the company never
change it.

Imports no Qt. Plain values in, frozen values out.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import asdict, dataclass
from decimal import Decimal

from sqlalchemy import select

from frontdesk.db.lab_models import LabRequest
from frontdesk.db.models import Company
from frontdesk.db.receipt_models import Receipt, ReceiptLine
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.receipts.customer import CustomerCopy, check_for_receipt
from frontdesk.domain.receipts.receipt import (
    Line,
    LineInput,
    ReceiptTotals,
    check_payment,
    receipt_number,
    receipt_totals,
    receipt_year,
)
from frontdesk.domain.receipts.vat import TaxLine, summarise
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _
from frontdesk.services.desk.numbering import next_counter
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.registry.companies import CompanySummary
from frontdesk.services.staff import audit


@dataclass(frozen=True)
class IssuedReceipt:
    """A receipt as issued (and voided, when it was), with its lines in their order: what the documents
    print (`totals` gives them with the VAT groups, as documents.receipts takes them)."""

    id: uuid.UUID
    number: str
    prefix: str
    year: int
    counter: int
    issued_at: dt.datetime
    issued_by_name: str
    customer: CustomerCopy
    company_id: uuid.UUID | None
    request_id: uuid.UUID | None
    payment: str
    net: Decimal
    vat: Decimal
    total: Decimal
    stamp_duty_due: bool
    stamp_duty_charged: bool
    lines: tuple[Line, ...]
    status: str = "issued"
    void_reason: str = ""
    voided_at: dt.datetime | None = None
    voided_by_name: str = ""

    @property
    def voided(self) -> bool:
        return self.status == "voided"

    @property
    def totals(self) -> ReceiptTotals:
        """The stored lines summed again per VAT rate and nature (they give the stored net, VAT and total)."""
        tax = summarise(TaxLine(line.net, line.vat_rate, line.nature) for line in self.lines)
        return ReceiptTotals(self.lines, tax, self.stamp_duty_due, self.stamp_duty_charged)


def _customer_name(copy: CustomerCopy) -> str:
    person = " ".join(part for part in (copy.first_name, copy.last_name) if part)
    return copy.name or person


def issue_receipt(db, *, company_id: uuid.UUID | None, lines: tuple[LineInput, ...], payment: str, actor: Actor,
                  now: dt.datetime | None = None, request_id: uuid.UUID | None = None) -> IssuedReceipt:
    """Issue a receipt (see the module docstring). Raises ValidationError, NotFound, PermissionDenied;
    then nothing is written and no number is used."""
    require(actor, Permission.ISSUE_RECEIPTS)
    now = now or utcnow()
    if company_id is None:
        raise ValidationError(_("Choose the customer of the receipt."), field="company")
    with db.begin() as session:
        company = session.get(Company, company_id)
        if company is None:
            raise NotFound(_("The company no longer exists."))
        if request_id is not None and session.get(LabRequest, request_id) is None:
            raise NotFound(_("The sample intake no longer exists."))
        customer = CompanySummary.of(company).customer_copy()
        check_for_receipt(customer)
        settings = read_settings(session)
        totals = receipt_totals(lines, charge_stamp_duty=settings.receipt_charge_stamp_duty)
        check_payment(payment, totals.total, cash_limit=Decimal(settings.receipt_cash_limit))
        year = receipt_year(now)
        prefix, counter = next_counter(session, f"receipt-{year}")
        receipt = Receipt(
            id=new_id(), number=receipt_number(prefix, year, counter), prefix=prefix, year=year, counter=counter,
            issued_at=now, issued_by=actor.staff_id, issued_by_name=actor.label,
            customer=json.dumps(asdict(customer), ensure_ascii=False, sort_keys=True),
            customer_name=_customer_name(customer), company_id=company.id, request_id=request_id, payment=payment,
            net=str(totals.tax.net), vat=str(totals.tax.vat), total=str(totals.total),
            stamp_duty_due=totals.stamp_duty_due, stamp_duty_charged=totals.stamp_duty_charged, status="issued")
        session.add(receipt)
        audit.record_change(session, actor, "receipt.issue", receipt, new=True)
        session.flush()
        for position, line in enumerate(totals.lines, start=1):
            session.add(ReceiptLine(
                id=new_id(), receipt_id=receipt.id, position=position, description=line.description,
                quantity=str(line.quantity), unit_price=str(line.unit_price), net=str(line.net),
                vat_rate=line.vat_rate, nature=line.nature, kind=line.kind, source_code=line.source_code))
        session.flush()
        return _value(receipt, session, lines=totals.lines)  # the lines just written: not read back


def void_receipt(db, *, receipt_id: uuid.UUID, reason: str, actor: Actor,
                 now: dt.datetime | None = None) -> IssuedReceipt:
    """Void a receipt with its reason; it keeps its number. Raises ValidationError (no reason),
    NotFound, Conflict (already voided), PermissionDenied."""
    require(actor, Permission.ISSUE_RECEIPTS)
    reason = clean(reason, label=_("Reason"), required=True, max_len=300)
    with db.begin() as session:
        receipt = session.get(Receipt, receipt_id)
        if receipt is None:
            raise NotFound(_("The receipt no longer exists."))
        if receipt.status == "voided":
            raise Conflict(_("Receipt {number} was already voided: it cannot be voided again.").format(
                number=receipt.number))
        receipt.status = "voided"
        receipt.void_reason = reason
        receipt.voided_at = now or utcnow()
        receipt.voided_by = actor.staff_id
        receipt.voided_by_name = actor.label
        audit.record_change(session, actor, "receipt.void", receipt)
        session.flush()
        return _value(receipt, session)


def get_receipt(db, *, receipt_id: uuid.UUID) -> IssuedReceipt:
    """The receipt with its lines, as issued (for its documents and the reprint). Raises NotFound."""
    with db.read() as session:
        return read_receipt(session, receipt_id)


def read_receipt(session, receipt_id: uuid.UUID) -> IssuedReceipt:
    """`get_receipt` inside the caller's read (the print job reads the desk's settings in the same one)."""
    receipt = session.get(Receipt, receipt_id)
    if receipt is None:
        raise NotFound(_("The receipt no longer exists."))
    return _value(receipt, session)


def _value(receipt: Receipt, session, lines: tuple[Line, ...] | None = None) -> IssuedReceipt:
    if lines is None:
        rows = session.scalars(select(ReceiptLine).where(ReceiptLine.receipt_id == receipt.id)
                               .order_by(ReceiptLine.position))
        lines = tuple(Line(r.description, Decimal(r.quantity), Decimal(r.unit_price), Decimal(r.net), r.vat_rate,
                           r.nature, r.kind, r.source_code) for r in rows)
    return IssuedReceipt(
        receipt.id, receipt.number, receipt.prefix, receipt.year, receipt.counter, receipt.issued_at,
        receipt.issued_by_name, CustomerCopy(**json.loads(receipt.customer)), receipt.company_id, receipt.request_id,
        receipt.payment, Decimal(receipt.net), Decimal(receipt.vat), Decimal(receipt.total), receipt.stamp_duty_due,
        receipt.stamp_duty_charged, lines, receipt.status, receipt.void_reason, receipt.voided_at,
        receipt.voided_by_name)
