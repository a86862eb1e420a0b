"""The intake's documents: the receipt's value read back from the database, and the print jobs
of the sample labels (the printer set for "sample_label") and of the receipt (the "report" printer).

Imports no Qt; the UI only paints the jobs (ui.printing).
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlalchemy import select

from frontdesk.db.lab_models import LabRequest, Sample, TestJob, TestType
from frontdesk.documents.lab.intake_receipt import IntakeReceiptData, ReceiptSample, ReceiptTest, render_intake_receipt
from frontdesk.documents.lab.label import render_labels
from frontdesk.domain.errors import NotFound
from frontdesk.domain.lab import requests
from frontdesk.i18n import _, language
from frontdesk.services.desk.printers import PrintJob, print_job
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.lab.intake import labels_for

LABEL_KIND = "sample_label"
RECEIPT_KIND = "report"


def intake_receipt(db, *, request_id: uuid.UUID) -> IntakeReceiptData:
    """What the intake receipt of a request shows, in the desk's language."""
    with db.read() as session:
        request = session.get(LabRequest, request_id)
        if request is None:
            raise NotFound(_("The lab request no longer exists."))
        settings = read_settings(session)
        samples = session.scalars(select(Sample).where(Sample.request_id == request.id, Sample.parent_id.is_(None))
                                  .order_by(Sample.position)).all()
        jobs = session.execute(select(TestJob, TestType).join(TestType, TestType.id == TestJob.test_type_id)
                               .where(TestJob.sample_id.in_([s.id for s in samples]))
                               .order_by(TestJob.created_at, TestJob.id)).all()
        italian = language() == "it"
        tests: dict[uuid.UUID, list[ReceiptTest]] = {}
        for job, test_type in jobs:
            tests.setdefault(job.sample_id, []).append(ReceiptTest(
                test_type.name_it if italian else test_type.name_en, test_type.standard, test_type.accredited,
                job.hours, Decimal(job.price_cents) / 100, job.vat_rate))
        receipt_samples = tuple(ReceiptSample(s.lab_id, s.material, s.description, s.condition, s.deviations,
                                              s.customer_answer, s.customer_info, tuple(tests.get(s.id, ())))
                                for s in samples)
        rule = requests.decision_rule(request.decision_rule)
        totals = requests.totals((t.net, t.vat_rate) for s in receipt_samples for t in s.tests)
        return IntakeReceiptData(
            lab_name=settings.point_name, lab_address=settings.point_full_address, number=request.number,
            received_at=request.received_at, received_by=request.received_by_name,
            company_name=request.company.name, company_vat=request.company.vat_number,
            contact_name=request.contact_name, contact_email=request.contact_email,
            contact_phone=request.contact_phone, samples=receipt_samples, totals=totals, priority=request.priority,
            due_on=request.due_on, promised_on=request.promised_on, conformity=request.conformity,
            specification=request.specification,
            decision_rule=rule.label(language()) if rule else request.decision_rule, agreed_by=request.agreed_by,
            agreed_at=request.agreed_at, member_prices=request.member_prices, notes=request.notes)


def labels_print_job(db, *, sample_ids) -> PrintJob:
    """The labels drawn (one page each), for the printer set for sample labels."""
    labels = labels_for(db, sample_ids=sample_ids)
    title = _("Sample labels {first}").format(first=labels[0].lab_id) if labels else _("Sample labels")
    return print_job(db, kind=LABEL_KIND, title=title, pdf=render_labels(labels))


def receipt_print_job(db, *, request_id: uuid.UUID) -> PrintJob:
    """The intake receipt drawn, for the printer set for reports (A4)."""
    data = intake_receipt(db, request_id=request_id)
    return print_job(db, kind=RECEIPT_KIND, title=_("Sample intake receipt {number}").format(number=data.number),
                     pdf=render_intake_receipt(data))
