"""The intake's rules and money (domain.lab.requests): each rule refuses with its Italian message."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal

import pytest

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab import requests as r
from frontdesk.i18n import set_language

TODAY = dt.date(2026, 12, 1)
TENSILE = r.TestTerms("TENSILE_RT", "Prova di trazione", "UNI EN ISO 6892-1", True,
                      price_cents=12000, member_price_cents=9600, vat_rate="22")
SALT = r.TestTerms("SALT_SPRAY_NSS", "Nebbia salina neutra", "UNI EN ISO 9227", True, hours_min=2, hours_max=1008,
                   price_cents=150, member_price_cents=120, vat_rate="22")
TYPES = {t.code: t for t in (TENSILE, SALT)}


def _intake(**changes) -> r.IntakeInput:
    base = r.IntakeInput(
        company_id=uuid.uuid4(),
        samples=(r.SampleInput(material="S355JR", tests=(r.TestAsked("TENSILE_RT"),)),),
        due_on=TODAY + dt.timedelta(days=10), agreed=True, agreed_by="Mario Rossi")
    return dataclasses.replace(base, **changes)


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


def _refused(intake: r.IntakeInput) -> str:
    with pytest.raises(ValidationError) as caught:
        r.check_intake(intake, today=TODAY)
    return caught.value.message


def test_a_complete_intake_passes():
    r.check_intake(_intake(), today=TODAY)
    r.check_intake(_intake(due_on=TODAY), today=TODAY)  # today is not in the past
    r.check_intake(_intake(due_on=None, priority="urgent", conformity=True, specification="EN 10025-2 S355JR",
                           decision_rule="SIMPLE"), today=TODAY)


def test_a_sample_with_no_tests_is_refused_in_italian(italian):
    samples = (r.SampleInput(material="S355JR", tests=(r.TestAsked("TENSILE_RT"),)),
               r.SampleInput(material="Bulloneria"))
    assert _refused(_intake(samples=samples)) == "Il campione 2 non ha prove richieste."


def test_no_sample_and_an_empty_sample_are_refused(italian):
    assert _refused(_intake(samples=())) == "Aggiungi almeno un campione."
    empty = r.SampleInput(material=" ", description="", tests=(r.TestAsked("TENSILE_RT"),))
    assert _refused(_intake(samples=(empty,))) == "Il campione 1 non ha né materiale né descrizione."


def test_no_company_is_refused(italian):
    assert _refused(_intake(company_id=None)) == "Scegli l'azienda del cliente."


def test_a_due_date_in_the_past_is_refused(italian):
    assert _refused(_intake(due_on=TODAY - dt.timedelta(days=1))) == \
        "La data entro cui servono i risultati è già passata."


def test_a_priority_is_normal_or_urgent(italian):
    assert _refused(_intake(priority="asap")) == "La priorità è normale o urgente."


def test_conformity_needs_a_specification_and_a_known_decision_rule(italian):
    message = _refused(_intake(conformity=True, decision_rule="SIMPLE"))
    assert message.startswith("Una dichiarazione di conformità richiede la specifica")
    message = _refused(_intake(conformity=True, specification="EN 10025-2 S355JR", decision_rule="ROUGHLY"))
    assert message == "Una dichiarazione di conformità richiede la regola decisionale concordata con il cliente."


def test_the_agreement_and_who_agreed_are_required(italian):
    assert _refused(_intake(agreed=False)) == \
        "Il cliente deve accettare metodi, prezzi e regola decisionale."
    assert _refused(_intake(agreed_by="  ")) == "Scrivi il nome di chi ha accettato per il cliente."


@pytest.mark.parametrize("hours", [0, 1, 1009, 5000])
def test_an_exposure_outside_the_types_bounds_is_refused_saying_the_range(italian, hours):
    with pytest.raises(ValidationError) as caught:
        r.check_test(SALT, r.TestAsked("SALT_SPRAY_NSS", hours), sample_number=2)
    assert caught.value.message == f"Campione 2: Nebbia salina neutra dura da 2 a 1008 ore, non {hours}."


def test_an_exposure_needs_hours_and_a_fixed_test_takes_none(italian):
    with pytest.raises(ValidationError, match="scrivi le ore di Nebbia salina neutra"):
        r.check_test(SALT, r.TestAsked("SALT_SPRAY_NSS"), sample_number=1)
    with pytest.raises(ValidationError, match="non prevede ore"):
        r.check_test(TENSILE, r.TestAsked("TENSILE_RT", 24), sample_number=1)
    r.check_test(SALT, r.TestAsked("SALT_SPRAY_NSS", 2), sample_number=1)
    r.check_test(SALT, r.TestAsked("SALT_SPRAY_NSS", 1008), sample_number=1)


def test_an_unknown_test_code_is_refused(italian):
    intake = _intake(samples=(r.SampleInput(material="x", tests=(r.TestAsked("NOPE"),)),))
    with pytest.raises(ValidationError) as caught:
        r.check_tests(intake, TYPES)
    assert caught.value.message == "Campione 1: la prova NOPE non è nel catalogo del laboratorio."


def test_line_prices_member_and_per_hour():
    assert r.line_price(TENSILE, None, member=False) == Decimal("120.00")
    assert r.line_price(TENSILE, None, member=True) == Decimal("96.00")
    assert r.line_price(SALT, 240, member=False) == Decimal("360.00")
    assert r.line_price(SALT, 240, member=True) == Decimal("288.00")


def test_totals_round_vat_per_rate_half_up():
    lines = [(Decimal("10.05"), "22"), (Decimal("0.10"), "22"), (Decimal("33.33"), "10"), (Decimal("5.00"), "0")]
    t = r.totals(lines)
    assert t.net == Decimal("48.48")
    assert [(v.rate, v.base, v.vat) for v in t.vat_lines] == [
        ("0", Decimal("5.00"), Decimal("0.00")),
        ("10", Decimal("33.33"), Decimal("3.33")),  # 3.333 -> 3.33
        ("22", Decimal("10.15"), Decimal("2.23")),  # 2.233 -> 2.23
    ]
    assert t.vat == Decimal("5.56") and t.total == Decimal("54.04")
    half = r.totals([(Decimal("0.25"), "22")])  # 0.055 -> 0.06 (half-up, not banker's)
    assert half.vat_lines[0].vat == Decimal("0.06")
    assert r.totals([]).total == Decimal("0.00")


def test_decision_rules_have_codes_and_both_languages():
    codes = [rule.code for rule in r.DECISION_RULES]
    assert codes[0] == "SIMPLE" and len(set(codes)) == len(codes) >= 3
    assert r.decision_rule("SIMPLE").label("it").startswith("Accettazione semplice (w = 0)")
    assert r.decision_rule("GUARDED_ACCEPT_U").label("en").startswith("Guarded acceptance, w = U")
    assert r.decision_rule("nope") is None


def test_any_association_but_none_gives_member_prices():
    from frontdesk.domain.ids import reference_id

    assert r.is_member(reference_id("association", "confartigianato"))
    assert not r.is_member(reference_id("association", "none"))  # "Nessuna associazione"
    assert not r.is_member(None)


def test_an_error_about_a_sample_names_it_for_the_screen():
    samples = (r.SampleInput(material="S355JR", tests=(r.TestAsked("TENSILE_RT"),)), r.SampleInput(material="x"))
    with pytest.raises(ValidationError) as caught:
        r.check_intake(_intake(samples=samples), today=TODAY)
    assert caught.value.field == "sample.2"
    with pytest.raises(ValidationError) as caught:
        r.check_test(SALT, r.TestAsked("SALT_SPRAY_NSS", 0), sample_number=3)
    assert caught.value.field == "sample.3"
