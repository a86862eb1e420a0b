"""A sample intake's receipt lines (issue 16: "a sample intake offers to make its receipt in one
step"), from intakes written by services.lab.intake on a real desk file: one line per test type and
exposure hours at the agreed price (list or member), cancelled tests left out, the receipts already
issued for the request (a voided one not), an unknown request, a request with nothing left to bill."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from lab_helpers import add_test_types, customer, three_samples
from receipt_rows import customer as receipt_customer

from frontdesk.db.lab_models import Sample, TestJob
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.domain.lab.requests import SampleInput, TestAsked
from frontdesk.i18n import set_language
from frontdesk.services.lab.intake import take_in
from frontdesk.services.lab.review import cancel_test
from frontdesk.services.receipts.issue import get_receipt, issue_receipt, void_receipt
from frontdesk.services.receipts.request_lines import request_receipt


@pytest.fixture(autouse=True)
def catalogue(db):
    add_test_types(db)


def _two_tensile_and_two_exposures(company_id):
    """Two samples with a tensile test each; salt spray 96 h on one, 240 h on the other."""
    from dataclasses import replace

    samples = (SampleInput(material="Acciaio S355JR",
                           tests=(TestAsked("TENSILE_RT"), TestAsked("SALT_SPRAY_NSS", 96))),
               SampleInput(material="Acciaio S355JR",
                           tests=(TestAsked("SALT_SPRAY_NSS", 240), TestAsked("TENSILE_RT"))))
    return replace(three_samples(company_id), samples=samples)


def _test_ids(db, request_id, code):
    from sqlalchemy import select

    from frontdesk.db.lab_models import TestType

    with db.read() as session:
        return list(session.scalars(select(TestJob.id).join(Sample, Sample.id == TestJob.sample_id)
                                    .join(TestType, TestType.id == TestJob.test_type_id)
                                    .where(Sample.request_id == request_id, TestType.code == code)))


def _rows(lines):
    return [(line.description, line.quantity, line.unit_price, line.vat_rate, line.kind, line.source_code)
            for line in lines]


def test_lines_group_the_tests_by_type_and_hours_at_the_list_price_in_italian(db, admin):
    company, _person = customer(db, admin)
    done = take_in(db, intake=_two_tensile_and_two_exposures(company.id), actor=admin)
    set_language("it")
    try:
        made = request_receipt(db, request_id=done.request_id)
    finally:
        set_language("en")
    assert made.request_id == done.request_id and made.number == done.number and made.company_id == company.id
    assert made.existing == ()
    assert _rows(made.lines) == [
        ("Prova di trazione a temperatura ambiente (UNI EN ISO 6892-1:2020)", Decimal(2), Decimal("120.00"), "22",
         "test", "TENSILE_RT"),
        ("Nebbia salina neutra (NSS) (UNI EN ISO 9227:2022), 96 h", Decimal(1), Decimal("144.00"), "22", "test",
         "SALT_SPRAY_NSS"),
        ("Nebbia salina neutra (NSS) (UNI EN ISO 9227:2022), 240 h", Decimal(1), Decimal("360.00"), "22", "test",
         "SALT_SPRAY_NSS"),
    ]
    # the lines sum to what the intake agreed
    assert sum(line.quantity * line.unit_price for line in made.lines) == done.totals.net


def test_a_member_pays_the_member_prices_agreed_at_intake_in_english(db, admin):
    company, _person = customer(db, admin, member=True)
    done = take_in(db, intake=three_samples(company.id), actor=admin)
    made = request_receipt(db, request_id=done.request_id)
    assert [(line.description, line.quantity, line.unit_price) for line in made.lines] == [
        ("Tensile test at room temperature (UNI EN ISO 6892-1:2020)", 1, Decimal("96.00")),
        ("Brinell hardness HBW (UNI EN ISO 6506-1:2015)", 1, Decimal("36.00")),
        ("Rockwell hardness HRC (UNI EN ISO 6508-1:2016)", 1, Decimal("32.00")),
        ("Charpy impact test KV (UNI EN ISO 148-1:2016)", 1, Decimal("72.00")),
        ("Neutral salt spray (NSS) (UNI EN ISO 9227:2022), 240 h", 1, Decimal("288.00")),  # 240 h x 1.20
        ("Metallographic examination (ASTM E3 / ASTM E407)", 1, Decimal("144.00")),
    ]
    assert sum(line.quantity * line.unit_price for line in made.lines) == done.totals.net


def test_cancelled_tests_are_left_out(db, admin):
    company, _person = customer(db, admin)
    done = take_in(db, intake=_two_tensile_and_two_exposures(company.id), actor=admin)
    first_tensile = _test_ids(db, done.request_id, "TENSILE_RT")[0]
    cancel_test(db, test_id=first_tensile, reason="Provetta non conforme", actor=admin)
    for exposure in _test_ids(db, done.request_id, "SALT_SPRAY_NSS"):
        cancel_test(db, test_id=exposure, reason="Il cliente rinuncia", actor=admin)
    made = request_receipt(db, request_id=done.request_id)
    assert [(line.source_code, line.quantity) for line in made.lines] == [("TENSILE_RT", 1)]


def test_a_request_with_every_test_cancelled_is_refused_in_italian(db, admin):
    company, _person = customer(db, admin)
    done = take_in(db, intake=_two_tensile_and_two_exposures(company.id), actor=admin)
    for code in ("TENSILE_RT", "SALT_SPRAY_NSS"):
        for test_id in _test_ids(db, done.request_id, code):
            cancel_test(db, test_id=test_id, reason="Il cliente rinuncia", actor=admin)
    set_language("it")
    try:
        with pytest.raises(ValidationError) as refused:
            request_receipt(db, request_id=done.request_id)
    finally:
        set_language("en")
    assert refused.value.message == (f"La richiesta {done.number} non ha prove da fatturare: "
                                     "le sue prove sono state annullate.")


def test_receipts_already_issued_for_the_request_are_listed_a_voided_one_not(db, admin):
    company = receipt_customer(db, admin)
    done = take_in(db, intake=three_samples(company.id), actor=admin)
    made = request_receipt(db, request_id=done.request_id)
    first = issue_receipt(db, company_id=made.company_id, lines=made.lines, payment="card", actor=admin,
                          request_id=done.request_id)
    assert get_receipt(db, receipt_id=first.id).request_id == done.request_id
    second = issue_receipt(db, company_id=made.company_id, lines=made.lines, payment="card", actor=admin,
                           request_id=done.request_id)
    other = take_in(db, intake=three_samples(company.id), actor=admin)  # another request: its receipts are its own
    issue_receipt(db, company_id=company.id, lines=made.lines, payment="card", actor=admin, request_id=other.request_id)
    assert request_receipt(db, request_id=done.request_id).existing == (first.number, second.number)
    void_receipt(db, receipt_id=first.id, reason="Importo errato", actor=admin)
    assert request_receipt(db, request_id=done.request_id).existing == (second.number,)
    # the lines are not changed by the receipts issued: the desk decides whether to issue another
    assert request_receipt(db, request_id=done.request_id).lines == made.lines


def test_an_unknown_request_is_not_found_in_italian(db):
    set_language("it")
    try:
        with pytest.raises(NotFound) as missing:
            request_receipt(db, request_id=uuid.uuid4())
    finally:
        set_language("en")
    assert "non esiste più" in missing.value.message
