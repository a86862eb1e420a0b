"""Sample intake on a real desk file: the request, samples, tests, custody and audit written in one
transaction; nothing written when refused or failing half-way; specimens, labels, visits."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from lab_helpers import add_test_types, check_in_visitor, customer, three_samples

from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.errors import Conflict, PermissionDenied, ValidationError
from frontdesk.domain.lab import sample_tokens
from frontdesk.domain.lab.requests import SampleInput, TestAsked
from frontdesk.domain.roles import Actor
from frontdesk.i18n import set_language
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.desk.numbering import continue_under
from frontdesk.services.lab import intake as svc
from frontdesk.services.lab.intake_documents import intake_receipt

LAB_TABLES = ("lab_request", "lab_sample", "lab_test", "lab_custody_event")


@pytest.fixture
def world(db, admin):
    add_test_types(db)
    company, person = customer(db, admin)
    return company, person


def _snapshot(db) -> dict:
    conn = db.raw()
    try:
        counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in LAB_TABLES}
        counts["audit_event"] = conn.execute("SELECT count(*) FROM audit_event").fetchone()[0]
        counts["number_series"] = conn.execute("SELECT name, prefix, last_value FROM number_series "
                                               "ORDER BY name, prefix").fetchall()
        return counts
    finally:
        conn.close()


def _rows(db, sql, *args):
    conn = db.raw()
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def test_an_intake_writes_request_samples_tests_custody_and_audit(db, admin, world):
    company, person = world
    done = svc.take_in(db, intake=three_samples(company.id, contact_id=person.id), actor=admin)
    assert done.number == "R1-000001"
    assert [s.lab_id for s in done.samples] == ["R1-000001", "R1-000002", "R1-000003"]
    assert [len(s.tests) for s in done.samples] == [3, 1, 2]
    keys = load_keyring().keys
    for sample in done.samples:  # each label's token verifies to its own sample
        claim = sample_tokens.verify(sample.token, keys)
        assert (claim.sample_id, claim.lab_id) == (sample.sample_id, sample.lab_id)
    # Prices: 120 + 90 + 45, 240 h x 1.50, 40 + 180 = 835.00 net, VAT 22% 183.70.
    assert done.totals.net == Decimal("835.00")
    assert done.totals.vat == Decimal("183.70") and done.totals.total == Decimal("1018.70")
    (request,) = _rows(db, "SELECT number, priority, conformity, specification, decision_rule, agreed_by, "
                           "agreed_at IS NOT NULL, contact_name, contact_email, contact_id IS NOT NULL, "
                           "member_prices, received_by_name FROM lab_request")
    assert request == ("R1-000001", "urgent", 1, "EN 10025-2 S355JR", "SIMPLE", "Nicolò Bergamelli", 1,
                       "Nicolò Bergamelli", "n.bergamelli@omb.example", 1, 0, admin.name)
    tests = _rows(db, "SELECT s.lab_id, t.code, j.hours, j.price_cents, j.vat_rate, j.status FROM lab_test j "
                      "JOIN lab_sample s ON s.id = j.sample_id JOIN lab_test_type t ON t.id = j.test_type_id "
                      "ORDER BY s.lab_id, j.price_cents")
    assert ("R1-000002", "SALT_SPRAY_NSS", 240, 36000, "22", "requested") in tests and len(tests) == 6
    custody = _rows(db, "SELECT kind, location, actor_label FROM lab_custody_event")
    assert custody == [("received", "Sample intake desk", admin.name)] * 3
    actions = [a for (a,) in _rows(db, "SELECT action FROM audit_event WHERE record_type LIKE 'lab_%'")]
    assert actions.count("lab_request.create") == 1 and actions.count("lab_sample.receive") == 3
    tokens = [t for (t,) in _rows(db, "SELECT label_token FROM lab_sample ORDER BY lab_id")]
    assert tokens == [s.token for s in done.samples]
    assert done.labels() == svc.labels_for(db, sample_ids=done.sample_ids)


def test_a_members_company_pays_member_prices(db, admin):
    add_test_types(db)
    company, _person = customer(db, admin, member=True)
    done = svc.take_in(db, intake=three_samples(company.id), actor=admin)
    # 96 + 72 + 36, 240 h x 1.20, 32 + 144
    assert done.totals.net == Decimal("668.00")
    assert _rows(db, "SELECT member_prices FROM lab_request") == [(1,)]


def test_a_company_of_no_association_pays_list_prices(db, admin):
    from frontdesk.services.registry.companies import CompanyInput, create_company
    from frontdesk.services.registry.reference import associations

    add_test_types(db)
    none = next(a.id for a in associations(db) if a.code == "none")
    company = create_company(db, data=CompanyInput(name="Rossi Tornerie", kind="foreign", association_id=none),
                             actor=admin)
    assert svc.take_in(db, intake=three_samples(company.id), actor=admin).totals.net == Decimal("835.00")


def test_an_unknown_test_on_the_last_sample_writes_nothing(db, admin, world):
    company, _person = world
    svc.take_in(db, intake=three_samples(company.id), actor=admin)  # the series have numbers already
    before = _snapshot(db)
    intake = three_samples(company.id)
    bad = dataclasses.replace(intake.samples[-1], tests=(TestAsked("HARDNESS_HRC"), TestAsked("NOT_IN_CATALOGUE")))
    with pytest.raises(ValidationError, match="Sample 3: the test NOT_IN_CATALOGUE is not in the lab's catalogue"):
        svc.take_in(db, intake=dataclasses.replace(intake, samples=(*intake.samples[:-1], bad)), actor=admin)
    assert _snapshot(db) == before


def test_a_failure_after_rows_were_flushed_writes_nothing(db, admin, world, monkeypatch):
    company, _person = world
    before = _snapshot(db)
    real = svc.CustodyEvent
    made = []

    def failing(**kwargs):
        made.append(kwargs)
        if len(made) == 3:  # the last sample's custody step: two samples are in the transaction
            raise RuntimeError("power cut")
        return real(**kwargs)

    monkeypatch.setattr(svc, "CustodyEvent", failing)
    with pytest.raises(RuntimeError):
        svc.take_in(db, intake=three_samples(company.id), actor=admin)
    assert len(made) == 3
    assert _snapshot(db) == before


def test_a_sample_with_no_tests_is_refused_in_italian_and_writes_nothing(db, admin, world):
    company, _person = world
    before = _snapshot(db)
    intake = three_samples(company.id)
    intake = dataclasses.replace(intake, samples=(intake.samples[0], SampleInput(material="Bulloni M12")))
    set_language("it")
    with pytest.raises(ValidationError) as caught:
        svc.take_in(db, intake=intake, actor=admin)
    assert caught.value.message == "Il campione 2 non ha prove richieste."
    assert _snapshot(db) == before


@pytest.mark.parametrize("hours", [0, 5000])
def test_an_exposure_out_of_bounds_is_refused_saying_the_range_and_writes_nothing(db, admin, world, hours):
    company, _person = world
    before = _snapshot(db)
    intake = three_samples(company.id)
    salt = dataclasses.replace(intake.samples[1], tests=(TestAsked("SALT_SPRAY_NSS", hours),))
    set_language("it")
    with pytest.raises(ValidationError) as caught:
        svc.take_in(db, intake=dataclasses.replace(intake, samples=(intake.samples[0], salt)), actor=admin)
    assert caught.value.message == f"Campione 2: Nebbia salina neutra (NSS) dura da 2 a 1008 ore, non {hours}."
    assert _snapshot(db) == before


def test_a_due_date_in_the_past_is_refused_and_writes_nothing(db, admin, world):
    company, _person = world
    before = _snapshot(db)
    set_language("it")
    with pytest.raises(ValidationError, match="già passata"):
        svc.take_in(db, intake=three_samples(company.id, due_on=today_in_rome() - dt.timedelta(days=1)),
                    actor=admin)
    assert _snapshot(db) == before


def test_the_desk_itself_may_not_take_samples_in(db, admin, world):
    company, _person = world
    before = _snapshot(db)
    with pytest.raises(PermissionDenied):
        svc.take_in(db, intake=three_samples(company.id), actor=Actor(desk="R1", role=None))
    assert _snapshot(db) == before


def test_an_intake_starts_from_a_visit_on_site_and_the_visit_shows_its_samples(db, admin, world):
    company, person = world
    visit_id = check_in_visitor(db, admin, person.id)
    prefill = svc.intake_from_visit(db, visit_id=visit_id)
    assert prefill.company.id == company.id and prefill.contact_id == person.id
    assert (prefill.contact_name, prefill.contact_email, prefill.contact_phone) == (
        "Nicolò Bergamelli", "n.bergamelli@omb.example", "035 123456")
    assert svc.samples_of_visit(db, visit_id=visit_id) == ()
    done = svc.take_in(db, intake=three_samples(company.id, visit_id=visit_id, contact_id=person.id), actor=admin)
    assert svc.samples_of_visit(db, visit_id=visit_id) == tuple(s.lab_id for s in done.samples)
    assert svc.samples_by_visit(db, visit_ids=[visit_id]) == {visit_id: tuple(s.lab_id for s in done.samples)}


def test_an_intake_is_not_started_from_a_visit_that_left(db, admin, world):
    from frontdesk.services.reception.visits import check_out

    _company, person = world
    visit_id = check_in_visitor(db, admin, person.id)
    check_out(db, visit_id=visit_id, actor=admin)
    with pytest.raises(Conflict):
        svc.intake_from_visit(db, visit_id=visit_id)


def test_specimens_take_ids_from_their_sample_and_their_own_tokens(db, admin, world):
    company, _person = world
    done = svc.take_in(db, intake=three_samples(company.id), actor=admin)
    parent = done.samples[0]
    first = svc.split_sample(db, sample_id=parent.sample_id, count=2, actor=admin)
    more = svc.split_sample(db, sample_id=parent.sample_id, count=1, actor=admin)
    assert [s.lab_id for s in (*first, *more)] == ["R1-000001-1", "R1-000001-2", "R1-000001-3"]
    keys = load_keyring().keys
    for specimen in (*first, *more):
        claim = sample_tokens.verify(specimen.token, keys)
        assert (claim.sample_id, claim.lab_id) == (specimen.sample_id, specimen.lab_id)
    rows = _rows(db, "SELECT e.kind, e.notes FROM lab_custody_event e JOIN lab_sample s ON s.id = e.sample_id "
                     "WHERE s.parent_id IS NOT NULL")
    assert rows == [("received", "Specimen cut from R1-000001")] * 3
    with pytest.raises(Conflict):
        svc.split_sample(db, sample_id=first[0].sample_id, count=1, actor=admin)
    before = _snapshot(db)
    with pytest.raises(ValidationError):
        svc.split_sample(db, sample_id=parent.sample_id, count=0, actor=admin)
    assert _snapshot(db) == before
    labels = svc.labels_for(db, sample_ids=[first[1].sample_id, parent.sample_id])
    assert [label.lab_id for label in labels] == ["R1-000001-2", "R1-000001"]
    assert labels[1].token == parent.token and labels[1].company == company.name
    assert labels[1].material == "Acciaio S355JR" and labels[1].received_on == today_in_rome()


def test_lab_ids_never_repeat_after_a_restore(db, admin, world):
    company, _person = world
    before = svc.take_in(db, intake=three_samples(company.id), actor=admin)
    with db.begin() as session:  # what a restore does: the series continue under the next generation
        continue_under(session, "R1-B")
    after = svc.take_in(db, intake=three_samples(company.id), actor=admin)
    assert [s.lab_id for s in after.samples] == ["R1-B-000001", "R1-B-000002", "R1-B-000003"]
    assert not {s.lab_id for s in before.samples} & {s.lab_id for s in after.samples}
    specimen = svc.split_sample(db, sample_id=after.samples[0].sample_id, count=1, actor=admin)[0]
    assert specimen.lab_id == "R1-B-000001-1"
    assert sample_tokens.verify(specimen.token, load_keyring().keys).lab_id == "R1-B-000001-1"


def test_the_receipt_value_reads_the_request_back(db, admin, world):
    company, person = world
    done = svc.take_in(db, intake=three_samples(company.id, contact_id=person.id), actor=admin)
    receipt = intake_receipt(db, request_id=done.request_id)
    assert receipt.number == done.number and receipt.company_name == company.name
    assert [s.lab_id for s in receipt.samples] == [s.lab_id for s in done.samples]
    assert receipt.totals == done.totals
    assert receipt.samples[1].tests[0].hours == 240 and receipt.samples[1].customer_info
    assert receipt.decision_rule.startswith("Simple acceptance")
    assert receipt.lab_name.startswith("Point")
