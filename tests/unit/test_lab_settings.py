"""The lab's site settings: its municipality and its patron saint's day ("MM-DD", a real day)."""

from __future__ import annotations

import pytest

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.settings import SITE_KEYS, Settings, validate_change
from frontdesk.i18n import set_language


def test_defaults_are_dalmine_and_san_giuseppe_and_they_are_the_whole_sites():
    assert (Settings().lab_municipality, Settings().lab_patron_day) == ("Dalmine", "03-19")
    assert {"lab_municipality", "lab_patron_day"} <= SITE_KEYS


def test_a_real_day_is_accepted():
    assert validate_change("lab_patron_day", " 06-24 ") == "06-24"
    assert validate_change("lab_patron_day", "02-29") == "02-29"
    assert validate_change("lab_municipality", "  Bergamo ") == "Bergamo"


@pytest.mark.parametrize(("value", "message"), [
    ("13-01", "13-01 non è un giorno dell'anno."),
    ("04-31", "04-31 non è un giorno dell'anno."),
    ("3-19", "Scrivi il giorno del patrono come MM-GG, per esempio 03-19 per il 19 marzo."),
    ("19/03", "Scrivi il giorno del patrono come MM-GG, per esempio 03-19 per il 19 marzo."),
])
def test_a_day_that_is_not_one_is_refused_in_italian(value, message):
    set_language("it")
    with pytest.raises(ValidationError) as caught:
        validate_change("lab_patron_day", value)
    assert caught.value.message == message


def test_an_empty_municipality_is_refused():
    set_language("it")
    with pytest.raises(ValidationError, match="comune"):
        validate_change("lab_municipality", "   ")


def test_the_planning_settings_are_site_settings_with_their_defaults():
    assert {"lab_planning_desk", "lab_stable_days", "lab_report_lead_days"} <= SITE_KEYS
    assert (Settings().lab_planning_desk, Settings().lab_stable_days, Settings().lab_report_lead_days) == ("", 2, 2)
    assert validate_change("lab_planning_desk", " l1 ") == "L1"
    assert validate_change("lab_planning_desk", "") == ""
    assert validate_change("lab_stable_days", "0") == 0
    assert validate_change("lab_report_lead_days", 5) == 5


@pytest.mark.parametrize(("name", "value", "words"), [
    ("lab_planning_desk", "L-1", "codice"), ("lab_planning_desk", "LABORATORIO", "codice"),
    ("lab_stable_days", "11", "tra 0 e 10"), ("lab_stable_days", "due", "numero intero"),
    ("lab_report_lead_days", "-1", "tra 0 e 30")])
def test_bad_planning_settings_are_refused_in_italian(name, value, words):
    set_language("it")
    try:
        with pytest.raises(ValidationError, match=words):
            validate_change(name, value)
    finally:
        set_language("en")
