"""Results checked against the catalogue's result fields and conditions (domain.lab.results): range,
number, unit (typed or not), decimals, choices, uncertainty (the catalogue's or the technician's),
conditions, the new version's reason, and a raw file's name and size. Messages in Italian name the field."""

from __future__ import annotations

import pytest

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab import results as rule
from frontdesk.domain.lab.results import ReadingInput as R
from frontdesk.i18n import set_language
from frontdesk.services.lab.catalogue import seed_catalogue

SPECS = {s.code: s for s in seed_catalogue()}
TENSILE, HB, NSS, MICRO = SPECS["TENSILE-RT"], SPECS["HB"], SPECS["NSS"], SPECS["MICRO"]


def refused(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.message


def test_numbers_are_kept_exact_with_the_fields_unit_and_the_catalogues_uncertainty():
    [reh, rm] = rule.check_readings(TENSILE.result_fields, {"reh": R("355"), "rm": R("512,0")})
    assert reh == rule.Reading("reh", "355", "MPa", "7")  # 2 % of 355, to the field's 0 decimals
    assert rm.as_dict() == {"code": "rm", "value": "512", "unit": "MPa", "uncertainty": "8"}  # 1.5 % of 512
    [c] = rule.check_readings(SPECS["OES-STEEL"].result_fields, {"c": R("0.18")})
    assert (c.value, c.unit, c.uncertainty) == ("0.180", "%", "0.010")  # kept to the field's 3 decimals


def test_the_technicians_own_uncertainty_replaces_the_catalogues():
    [hbw] = rule.check_readings(HB.result_fields, {"hbw": R("180", uncertainty="4,5")})
    assert hbw.uncertainty == "4.5"
    set_language("it")
    message = refused(rule.check_readings, HB.result_fields, {"hbw": R("180", uncertainty="-1")})
    assert "maggiore o uguale a zero" in message


def test_the_fields_own_unit_typed_after_the_value_is_accepted_another_is_refused_in_italian():
    [hbw] = rule.check_readings(HB.result_fields, {"hbw": R("180 HBW")})
    assert (hbw.value, hbw.unit) == ("180", "HBW")
    set_language("it")
    message = refused(rule.check_readings, HB.result_fields, {"hbw": R("180 MPa")})
    assert message == "Durezza Brinell (media) è in HBW, non in MPa: inserisci il valore in HBW."


@pytest.mark.parametrize(("typed", "words"), [
    ("4000", "fuori intervallo (0–3000 MPa)"), ("-1", "fuori intervallo"), ("abc", "non è un numero"),
    ("355.5", "un numero intero, senza decimali"), ("1e3", "non è un numero")])
def test_a_bad_value_is_refused_naming_the_field(typed, words):
    set_language("it")
    message = refused(rule.check_readings, TENSILE.result_fields, {"rm": R(typed)})
    assert message.startswith("Resistenza a trazione") and words in message


def test_a_field_with_decimals_says_how_many_in_italian():
    set_language("it")
    message = refused(rule.check_readings, TENSILE.result_fields, {"a": R("24,55")})
    assert message == "Allungamento percentuale dopo rottura A: al massimo 1 decimale."


def test_choices_take_a_value_or_a_label_and_text_is_kept():
    [scale, _] = rule.check_readings(HB.result_fields, {"scale": R("hbw 10/3000"), "hbw": R("200")})
    assert scale == rule.Reading("scale", "HBW 10/3000", "", "")
    set_language("it")
    assert "non è tra le scelte" in refused(rule.check_readings, HB.result_fields, {"scale": R("HRC"),
                                                                                      "hbw": R("200")})
    [etchant] = rule.check_readings(MICRO.result_fields, {"etchant": R("  Nital   2 % ")})
    assert etchant.value == "Nital 2 %"


def test_empty_fields_are_left_out_but_one_result_is_needed_and_unknown_fields_refused():
    assert [r.code for r in rule.check_readings(TENSILE.result_fields, {"reh": R(""), "rm": R("500")})] == ["rm"]
    set_language("it")
    assert refused(rule.check_readings, TENSILE.result_fields, {"rm": R(" ")}) == "Inserisci almeno un risultato."
    assert "non ha il risultato “nope”" in refused(rule.check_readings, TENSILE.result_fields, {"nope": R("1")})
    assert "senza valore" in refused(rule.check_readings, TENSILE.result_fields, {"rm": R("", "3")})


def test_conditions_are_numbers_in_range_and_unit_and_required_unless_external():
    assert rule.check_conditions(TENSILE.conditions, {"temperature": "23,5 °C"}) == {"temperature": "23.5"}
    set_language("it")
    assert refused(rule.check_conditions, TENSILE.conditions, {"temperature": "40"}) == (
        "Temperatura di prova: 40 °C è fuori intervallo (10–35 °C).")
    assert "obbligatori" in refused(rule.check_conditions, TENSILE.conditions, {})
    assert "non in K" in refused(rule.check_conditions, TENSILE.conditions, {"temperature": "296 K"})
    assert rule.check_conditions(TENSILE.conditions, {}, required=False) == {}
    assert rule.check_conditions(NSS.conditions, {"chamber_temperature": "35", "ph": "6.8", "nacl": "50",
                                                  "collection_rate": "1.5"})["ph"] == "6.8"
    assert "non ha unità" in refused(rule.check_conditions, NSS.conditions, {
        "chamber_temperature": "35", "ph": "6.8 pH", "nacl": "50", "collection_rate": "1.5"})


def test_a_new_version_needs_its_reason():
    assert rule.check_reason("ignored", version=1) == ""
    assert rule.check_reason("  provetta  rimisurata ", version=2) == "provetta rimisurata"
    set_language("it")
    assert "perché" in refused(rule.check_reason, "  ", version=2)


@pytest.mark.parametrize(("name", "safe"), [
    ("C:\\Users\\anna\\prova 1.csv", "prova 1.csv"), ("../../etc/passwd", "passwd"), ("a<b>|c?.txt", "a_b__c_.txt"),
    ("..hidden", "hidden"), ("x" * 300 + ".tiff", "x" * 115 + ".tiff"), ("line\nbreak.csv", "line_break.csv")])
def test_a_filename_is_made_safe(name, safe):
    assert rule.clean_filename(name) == safe


def test_an_empty_or_nameless_or_too_big_file_is_refused_in_italian():
    set_language("it")
    assert "vuoto" in refused(rule.check_attachment_size, 0)
    assert "al massimo 20 MB" in refused(rule.check_attachment_size, 20 * 1024 * 1024 + 1)
    rule.check_attachment_size(20 * 1024 * 1024)
    assert refused(rule.clean_filename, "/../") != ""


def test_range_hint():
    assert rule.range_hint(TENSILE.conditions[0].min, TENSILE.conditions[0].max, "°C") == "10–35 °C"
    assert rule.range_hint(None, None, "J") == ""
