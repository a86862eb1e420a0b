"""A sample intake's receipt in one step: the lines of its tests, as the receipt dialog takes them.

`request_receipt` reads a lab request and gives its customer, one receipt line per test type and
exposure hours (quantity: how many such tests; unit price: the price agreed at intake for one of
them, `lab_test.price_cents`, member price and hours already in it; its VAT rate as agreed) and the
numbers of the receipts already issued for it and not voided, so the desk can ask before billing
the same request twice. Cancelled and rejected tests are left out: they are not performed.

Reads only: the receipt itself is issued by services.receipts.issue. Imports no Qt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from frontdesk.db.lab_models import LabRequest, Sample, TestJob, TestType
from frontdesk.db.receipt_models import Receipt
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.domain.lab.test_status import CANCELLED, REJECTED
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.i18n import _, language

NOT_BILLED = (CANCELLED, REJECTED)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class RequestReceipt:
    """What a receipt for a request starts from: its customer, its lines, and the receipts it already has."""

    request_id: uuid.UUID
    number: str
    company_id: uuid.UUID
    lines: tuple[LineInput, ...]
    existing: tuple[str, ...]  # numbers of the receipts issued for the request and not voided


def test_description(name: str, standard: str, hours: int | None) -> str:
    """ "Prova di trazione (UNI EN ISO 6892-1:2020)"; an exposure adds its hours: "…, 96 h"."""
    text = f"{name} ({standard})" if standard else name
    return _("{test}, {hours} h").format(test=text, hours=hours) if hours else text


def request_receipt(db, *, request_id: uuid.UUID) -> RequestReceipt:
    """The receipt lines of a request's tests (see the module docstring). Raises NotFound, and
    ValidationError when no test of the request is left to bill."""
    with db.read() as session:
        request = session.get(LabRequest, request_id)
        if request is None:
            raise NotFound(_("The sample intake no longer exists."))
        rows = session.execute(
            select(TestJob.hours, TestJob.price_cents, TestJob.vat_rate, TestType.code, TestType.name_it,
                   TestType.name_en, TestType.standard)
            .join(TestType, TestType.id == TestJob.test_type_id)
            .join(Sample, Sample.id == TestJob.sample_id)
            .where(Sample.request_id == request.id, TestJob.status.not_in(NOT_BILLED))
            .order_by(TestType.sort, TestType.code, TestJob.hours, Sample.position)).all()
        existing = tuple(session.scalars(
            select(Receipt.number).where(Receipt.request_id == request.id, Receipt.status != "voided")
            .order_by(Receipt.issued_at, Receipt.number)))
        number, company_id = request.number, request.company_id
    if not rows:
        raise ValidationError(_("Request {number} has no test left to bill: its tests were cancelled.")
                              .format(number=number))
    italian = language() == "it"
    # One line per test type, hours, price and VAT (the price may differ only if the request was
    # changed by hand; such tests are never summed at a price that was not agreed).
    grouped: dict[tuple, list] = {}
    for row in rows:
        grouped.setdefault((row.code, row.hours, row.price_cents, row.vat_rate), []).append(row)
    lines = []
    for group in grouped.values():
        first = group[0]
        lines.append(LineInput(
            test_description(first.name_it if italian else first.name_en, first.standard, first.hours),
            Decimal(len(group)), (Decimal(first.price_cents) / 100).quantize(CENT), vat_rate=first.vat_rate,
            kind="test", source_code=first.code))
    return RequestReceipt(request_id, number, company_id, tuple(lines), existing)
