"""Receipts issued, refused and voided through the service on a real SQLite file (issue 16, points 2-3):
typed lines and their totals per VAT rate, the stamp duty per the site setting, the cash limit, a
customer lacking data, bad lines (nothing written, no number used), the void and its refusals, the
customer's own copy, and the turn of the year in Rome."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from decimal import Decimal

import pytest
from lab_rows import TENSILE, make_test_type, request_with_tests
from receipt_rows import customer, tensile

from frontdesk.db.lab_models import TestJob
from frontdesk.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from frontdesk.domain.receipts.receipt import LineInput
from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.receipts.issue import get_receipt, issue_receipt, void_receipt
from frontdesk.services.registry.companies import CompanyInput, create_company, update_company

NOW = dt.datetime(2026, 6, 15, 9, 30, tzinfo=dt.UTC)


def _counts(db_path) -> tuple[int, ...]:
    conn = sqlite3.connect(db_path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("receipt", "receipt_line", "audit_event", "sync_outbox", "number_series"))
    finally:
        conn.close()


def test_a_receipt_from_typed_lines_with_its_totals_and_vat_per_rate(db, db_path, admin):
    company = customer(db, admin)
    lines = (tensile("2", "120.50"),
             LineInput("Corso di metallografia", Decimal("1"), Decimal("350.00"), vat_rate="10", kind="training"),
             LineInput(" Uso  sala riunioni ", Decimal("1.5"), Decimal("33.33"), vat_rate="22"))
    made = issue_receipt(db, company_id=company.id, lines=lines, payment="card", actor=admin, now=NOW)
    assert made.number == "R1-2026-000001" and (made.prefix, made.year, made.counter) == ("R1", 2026, 1)
    # 22%: 241.00 + 50.00 (1.5 x 33.33 = 49.995, half-up) = 291.00, VAT 64.02; 10%: 350.00, VAT 35.00
    assert [line.net for line in made.lines] == [Decimal("241.00"), Decimal("350.00"), Decimal("50.00")]
    assert (made.net, made.vat, made.total) == (Decimal("641.00"), Decimal("99.02"), Decimal("740.02"))
    assert made.lines[2].description == "Uso sala riunioni" and made.lines[0].source_code == "TENSILE"
    assert not made.stamp_duty_due and not made.stamp_duty_charged
    again = get_receipt(db, receipt_id=made.id)
    assert again == made
    totals = again.totals  # the stored lines summed again, as the documents take them
    assert (totals.tax.net, totals.tax.vat, totals.total) == (made.net, made.vat, made.total)
    assert [(g.base, g.vat) for g in totals.tax.groups] == [(Decimal("291.00"), Decimal("64.02")),
                                                            (Decimal("350.00"), Decimal("35.00"))]
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT net, vat, total FROM receipt").fetchone() == ("641.00", "99.02", "740.02")
        assert conn.execute("SELECT quantity, unit_price FROM receipt_line WHERE position = 3").fetchone() == (
            "1.5", "33.33")
        (changes,) = conn.execute("SELECT changes FROM audit_event WHERE action = 'receipt.issue'").fetchone()
        assert json.loads(changes)["number"] == [None, "R1-2026-000001"]
    finally:
        conn.close()
    second = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="cash", actor=admin, now=NOW)
    assert second.number == "R1-2026-000002"


def test_the_stamp_duty_line_when_due_and_charged_and_only_owed_when_not(db, admin):
    company = customer(db, admin)
    exempt = LineInput("Formazione esente", Decimal("1"), Decimal("77.48"), nature="N4", kind="training")
    charged = issue_receipt(db, company_id=company.id, lines=(exempt,), payment="transfer", actor=admin, now=NOW)
    assert charged.stamp_duty_due and charged.stamp_duty_charged
    duty = charged.lines[-1]
    assert (duty.kind, duty.net, duty.nature, duty.vat_rate) == ("stamp_duty", Decimal("2.00"), "N1", "")
    assert charged.total == Decimal("79.48") == get_receipt(db, receipt_id=charged.id).totals.total
    at_threshold = LineInput("Formazione esente", Decimal("1"), Decimal("77.47"), nature="N4", kind="training")
    none_due = issue_receipt(db, company_id=company.id, lines=(at_threshold,), payment="card", actor=admin, now=NOW)
    assert not none_due.stamp_duty_due and len(none_due.lines) == 1
    update_settings(db, changes={"receipt_charge_stamp_duty": False}, actor=admin)
    owed = issue_receipt(db, company_id=company.id, lines=(exempt,), payment="card", actor=admin, now=NOW)
    assert owed.stamp_duty_due and not owed.stamp_duty_charged
    assert len(owed.lines) == 1 and owed.total == Decimal("77.48")


def test_cash_at_the_limit_is_refused_in_italian_and_uses_no_number(db, db_path, admin):
    company = customer(db, admin)
    before = _counts(db_path)
    set_language("it")
    try:
        with pytest.raises(ValidationError, match="contanti") as refused:
            issue_receipt(db, company_id=company.id, lines=(tensile("1", "4098.36"),), payment="cash",
                          actor=admin, now=NOW)  # 4098.36 + 22% = 5000.00
        assert refused.value.field == "payment"
    finally:
        set_language("en")
    assert _counts(db_path) == before
    update_settings(db, changes={"receipt_cash_limit": 6000}, actor=admin)
    made = issue_receipt(db, company_id=company.id, lines=(tensile("1", "4098.36"),), payment="cash", actor=admin,
                         now=NOW)
    assert made.total == Decimal("5000.00") and made.number == "R1-2026-000001"


def test_a_company_lacking_data_is_refused_naming_what_it_lacks(db, db_path, admin):
    bare = create_company(db, data=CompanyInput(name="Officina Senza Indirizzo", vat_number="01114601006"),
                          actor=admin)
    before = _counts(db_path)
    set_language("it")
    try:
        with pytest.raises(ValidationError) as refused:
            issue_receipt(db, company_id=bare.id, lines=(tensile(),), payment="card", actor=admin, now=NOW)
        assert "mancano" in refused.value.message.lower()
        for word in ("indirizzo", "CAP", "città", "provincia"):
            assert word in refused.value.message
    finally:
        set_language("en")
    assert _counts(db_path) == before


@pytest.mark.parametrize(("line", "italian"), [
    (LineInput("Prova", Decimal("-1"), Decimal("10.00"), vat_rate="22"), "quantità"),
    (LineInput("Prova", Decimal("1000000"), Decimal("10.00"), vat_rate="22"), "quantità"),
    (LineInput("Prova", Decimal("1"), Decimal("10.005"), vat_rate="22"), "decimali"),
    (LineInput("Prova", Decimal("1"), Decimal("10.00"), vat_rate="23"), "IVA"),
    (LineInput("Prova", Decimal("1"), Decimal("10.00")), "natura"),
    (LineInput("   ", Decimal("1"), Decimal("10.00"), vat_rate="22"), "Riga 2"),
])
def test_bad_lines_are_refused_in_italian_with_nothing_written_and_no_number_used(db, db_path, admin, line,
                                                                                 italian):
    company = customer(db, admin)
    before = _counts(db_path)
    lines = (tensile(), line)
    set_language("it")
    try:
        with pytest.raises(ValidationError) as refused:
            issue_receipt(db, company_id=company.id, lines=lines, payment="card", actor=admin, now=NOW)
        assert italian.lower() in refused.value.message.lower() and "Riga 2" in refused.value.message
    finally:
        set_language("en")
    assert _counts(db_path) == before
    made = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin, now=NOW)
    assert made.number == "R1-2026-000001"  # the refused receipt used no number: no gap


def test_a_receipt_without_lines_or_with_an_unknown_payment_is_refused(db, db_path, admin):
    company = customer(db, admin)
    before = _counts(db_path)
    with pytest.raises(ValidationError, match="at least one line"):
        issue_receipt(db, company_id=company.id, lines=(), payment="card", actor=admin, now=NOW)
    with pytest.raises(ValidationError, match="how the customer pays"):
        issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="cheque", actor=admin, now=NOW)
    with pytest.raises(ValidationError, match="customer"):
        issue_receipt(db, company_id=None, lines=(tensile(),), payment="card", actor=admin, now=NOW)
    assert _counts(db_path) == before


def test_void_with_its_reason_keeps_the_number_and_a_void_of_a_void_is_refused_in_italian(db, db_path, admin):
    company = customer(db, admin)
    made = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin, now=NOW)
    with pytest.raises(ValidationError):
        void_receipt(db, receipt_id=made.id, reason="   ", actor=admin)
    voided = void_receipt(db, receipt_id=made.id, reason="Importo errato, riemessa", actor=admin)
    assert voided.voided and voided.number == made.number and voided.void_reason == "Importo errato, riemessa"
    assert voided.voided_at is not None and voided.voided_by_name == admin.label
    assert get_receipt(db, receipt_id=made.id) == voided
    before = _counts(db_path)
    set_language("it")
    try:
        with pytest.raises(Conflict, match="già stata annullata"):
            void_receipt(db, receipt_id=made.id, reason="Di nuovo", actor=admin)
    finally:
        set_language("en")
    assert _counts(db_path) == before
    assert get_receipt(db, receipt_id=made.id).void_reason == "Importo errato, riemessa"
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM audit_event WHERE action = 'receipt.void'").fetchone() == (1,)
    finally:
        conn.close()
    following = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin, now=NOW)
    assert following.number == "R1-2026-000002"


def test_only_roles_that_issue_receipts_may_issue_or_void(db, admin, add_staff):
    company = customer(db, admin)
    made = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin, now=NOW)
    technician = add_staff("tecnico", Role.LAB_TECHNICIAN).actor
    with pytest.raises(PermissionDenied):
        issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=technician, now=NOW)
    with pytest.raises(PermissionDenied):
        void_receipt(db, receipt_id=made.id, reason="No", actor=technician)
    reception = add_staff("banco", Role.RECEPTION).actor
    assert issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=reception,
                         now=NOW).number == "R1-2026-000002"


def test_the_customer_copy_stays_as_issued_when_the_company_changes(db, admin):
    company = customer(db, admin)
    made = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin, now=NOW)
    update_company(db, company_id=company.id, data=CompanyInput(
        name="Rota Holding S.p.A.", vat_number="01114601006", address="Via Nuova 1", postcode="24121",
        city="Bergamo", province="BG"), actor=admin, allow_duplicate=True)
    kept = get_receipt(db, receipt_id=made.id)
    assert (kept.customer.name, kept.customer.address, kept.customer.city, kept.customer.postcode) == (
        "Rota Meccanica S.r.l.", "Via Roma 5", "Dalmine", "24044")
    assert kept.customer == made.customer


def test_a_private_customer_keeps_the_person_s_name(db, admin):
    person = create_company(db, data=CompanyInput(name="", kind="private", first_name="Giulia", last_name="Bianchi",
                                                  address="Via Verdi 3", postcode="24044", city="Dalmine",
                                                  province="BG"), actor=admin)
    made = issue_receipt(db, company_id=person.id, lines=(tensile(),), payment="cash", actor=admin, now=NOW)
    assert (made.customer.first_name, made.customer.last_name) == ("Giulia", "Bianchi")
    assert made.customer.name == "Giulia Bianchi"
    void_receipt(db, receipt_id=made.id, reason="Chiesto da Giulia, ricoverata", actor=admin)
    conn = sqlite3.connect(db.path)
    try:  # the audit says the person's data and the reason were written, never what they are
        trail = " ".join(c for (c,) in conn.execute("SELECT changes FROM audit_event WHERE record_type = 'receipt'"))
    finally:
        conn.close()
    assert "customer" in trail and "void_reason" in trail
    assert "Bianchi" not in trail and "ricoverata" not in trail


def test_the_turn_of_the_year_follows_rome_time(db, admin):
    company = customer(db, admin)
    late = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin,
                         now=dt.datetime(2026, 12, 31, 22, 59, 59, tzinfo=dt.UTC))
    assert late.number == "R1-2026-000001" and late.year == 2026
    first = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin,
                          now=dt.datetime(2026, 12, 31, 23, 0, 30, tzinfo=dt.UTC))
    assert first.number == "R1-2027-000001" and first.year == 2027
    assert issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin,
                         now=dt.datetime(2027, 1, 1, 8, tzinfo=dt.UTC)).number == "R1-2027-000002"


def test_a_receipt_names_its_sample_intake_and_an_unknown_one_is_refused(db, db_path, admin):
    company = customer(db, admin)
    (test_id,) = request_with_tests(db, make_test_type(db, **TENSILE))
    with db.read() as session:
        request_id = session.get(TestJob, test_id).sample.request_id
    made = issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="invoice", actor=admin, now=NOW,
                         request_id=request_id)
    assert get_receipt(db, receipt_id=made.id).request_id == request_id
    before = _counts(db_path)
    with pytest.raises(NotFound):
        issue_receipt(db, company_id=company.id, lines=(tensile(),), payment="card", actor=admin, now=NOW,
                      request_id=uuid.uuid4())
    with pytest.raises(NotFound):
        issue_receipt(db, company_id=uuid.uuid4(), lines=(tensile(),), payment="card", actor=admin, now=NOW)
    with pytest.raises(NotFound):
        void_receipt(db, receipt_id=uuid.uuid4(), reason="Errore", actor=admin)
    assert _counts(db_path) == before
