"""The test report's content as values: a JSON round trip gives an equal value; the fixed texts
exist in both languages; numbers take the decimal comma in Italian; equal content, equal PDF bytes."""

from __future__ import annotations

import hashlib

from frontdesk.documents.lab.test_report import day_text, render_test_report, value_text
from frontdesk.domain.lab.report_content import (
    Condition,
    Conformity,
    Item,
    Reading,
    ReportContent,
    Revision,
    TestSection,
    conditions_of,
    readings_of,
    report_id,
)
from frontdesk.domain.lab.report_texts import TEXTS, text


def _content(**changes) -> ReportContent:
    test = TestSection("Prova di trazione", "UNI EN ISO 6892-1:2020", "Metodo B", True, tested_from="2026-11-20",
                       tested_to="2026-11-21", equipment="TR-01", conditions=(Condition("Temperatura", "23", "°C"),),
                       readings=(Reading("Rm", "512.5", "MPa", "10"),), deviations="Provetta ridotta")
    base = dict(language="it", number="L1-000007", revision=1, lab_name="Point", lab_address="Via Pasubio 5",
                test_site="", customer_name="Officine S.r.l.", customer_address="Dalmine", contact_name="Nicolò",
                contact_email="n@omb.example", request_number="L1-000003", issued_on="2026-12-02",
                authorised_by="Laura Pesenti",
                items=(Item("L1-000042", "S355JR", "Piatto", "Integro", "2026-11-18", customer_info="Colata 4471",
                            tests=(test,)),),
                conformity=Conformity("EN 10025-2", "Accettazione semplice", ("L1-000042 · Prova di trazione",)),
                revision_of=Revision("L1-000007", "Rm", "trascrizione"))
    return ReportContent(**{**base, **changes})


def test_content_survives_its_json():
    content = _content()
    assert ReportContent.from_json(content.to_json()) == content
    plain = _content(conformity=None, revision_of=None, revision=0)
    assert ReportContent.from_json(plain.to_json()) == plain and plain.report_id == "L1-000007"


def test_the_report_id_names_its_revision_and_the_dates_span_its_tests():
    content = _content()
    assert content.report_id == "L1-000007 rev. 1" == report_id("L1-000007", 1)
    assert (content.received_on, content.tested_from, content.tested_to) == ("2026-11-18", "2026-11-20",
                                                                             "2026-11-21")


def test_every_fixed_text_has_both_languages():
    assert all(it.strip() and en.strip() for it, en in TEXTS.values())
    assert text("end", "it") == "Fine del rapporto di prova" and text("end", "en") == "End of test report"


def test_numbers_take_the_decimal_comma_in_italian_and_text_stays_as_entered():
    assert value_text("512.5", "it") == "512,5" and value_text("512.5", "en") == "512.5"
    assert value_text("HBW 2.5/187.5", "it") == "HBW 2.5/187.5" and day_text("2026-12-02") == "02/12/2026"


def test_readings_and_conditions_take_the_catalogues_labels():
    readings = readings_of([{"code": "rm", "value": 512.5, "unit": "MPa", "uncertainty": None}, "junk"],
                           {"rm": "Tensile strength Rm"})
    assert readings == (Reading("Tensile strength Rm", "512.5", "MPa", ""),)
    assert conditions_of({"temperature": 23, "x": "1"}, {"temperature": ("Temperature", "°C")}) == (
        Condition("Temperature", "23", "°C"), Condition("x", "1", ""))


def test_equal_content_draws_equal_bytes():
    first = render_test_report(_content())
    again = render_test_report(ReportContent.from_json(_content().to_json()))
    assert first.startswith(b"%PDF") and hashlib.sha256(first).digest() == hashlib.sha256(again).digest()
    assert render_test_report(_content(language="en")) != first
