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
