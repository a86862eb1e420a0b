"""Receipts are fiscal records kept ten years whatever the visitor retention says (issue 16, point 2):
an erasure request leaves a private customer's receipts as they were and says so in Italian, and the
nightly retention never touches them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from frontdesk.db.receipt_models import Receipt
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.domain.roles import Actor
from frontdesk.i18n import set_language
from frontdesk.services.privacy import retention, rights
from frontdesk.services.receipts.issue import get_receipt, issue_receipt
from frontdesk.services.registry.companies import CompanyInput, create_company
from frontdesk.services.registry.visitors import VisitorInput, create_visitor

LINE = LineInput("Corso sicurezza sul lavoro", Decimal("1"), Decimal("90.00"), nature="N4", kind="training",
                 source_code="COURSE-SAFETY-GEN")


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


def _person_customer(db, admin):
    """Zeno Quarenghi, a private customer (his own record) who also came as a visitor of it."""
    person = create_company(db, data=CompanyInput(kind="private", first_name="Zeno", last_name="Quarenghi",
                                                  fiscal_code="QRNZNE80A01A794R", address="Via Tasso 8",
                                                  postcode="24121", city="Bergamo", province="BG"),
                            actor=admin, allow_duplicate=True)
    visitor = create_visitor(db, data=VisitorInput(first_name="Zeno", last_name="Quarenghi",
                                                   company_id=person.id), actor=admin)
    return person, visitor


def _rows(db) -> list[tuple]:
    with db.read() as session:
        return [tuple(r) for r in session.execute(select(Receipt.__table__)).all()]


def test_an_erasure_leaves_the_persons_receipts_and_says_why_in_italian(db, admin, italian):
    person, visitor = _person_customer(db, admin)
    first = issue_receipt(db, company_id=person.id, lines=(LINE,), payment="card", actor=admin)
    second = issue_receipt(db, company_id=person.id, lines=(LINE,), payment="cash", actor=admin)
    before = _rows(db)
    erasure = rights.erase_person(db, visitor_id=visitor.id, reason="Richiesta via PEC n. 12", actor=admin)
    assert erasure.kept_receipts == (first.number, second.number)
    (said,) = erasure.kept()
    assert said.startswith("Le 2 ricevute intestate a questa persona") and first.number in said
    assert "dieci anni" in said and "art. 2220" in said
    assert _rows(db) == before  # not a byte of the receipts changed
    copy = get_receipt(db, receipt_id=first.id).customer
    assert (copy.first_name, copy.last_name, copy.fiscal_code) == ("Zeno", "Quarenghi", "QRNZNE80A01A794R")


def test_an_erasure_of_someone_without_receipts_keeps_nothing_and_says_nothing(db, admin, italian):
    company = create_company(db, data=CompanyInput(name="Officina Brembo S.n.c.", vat_number="01114601006"),
                             actor=admin, allow_duplicate=True)
    visitor = create_visitor(db, data=VisitorInput(first_name="Ada", last_name="Locatelli", company_id=company.id),
                             actor=admin)
    erasure = rights.erase_person(db, visitor_id=visitor.id, reason="Richiesta n. 3", actor=admin)
    assert erasure.kept_receipts == () and erasure.kept() == ()


def test_the_nightly_retention_never_touches_receipts(db, admin):
    person, _visitor = _person_customer(db, admin)
    issue_receipt(db, company_id=person.id, lines=(LINE,), payment="card", actor=admin,
                  now=dt.datetime(2024, 1, 10, 9, 0, tzinfo=dt.UTC))
    before = _rows(db)
    later = dt.date.today() + dt.timedelta(days=3 * 366)
    report = retention.apply_retention(db, actor=Actor.desk_itself("R1"), today=later)
    assert report.anonymised >= 1  # the visitor, not seen for three years, is past retention
    assert _rows(db) == before
