"""The tables' numeric date and time styles, written with strftime, are Babel's to the character."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import dates as babel_dates
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.clock import ROME
from frontdesk.i18n import format_datetime, format_time, set_language

LOCALES = {"it": "it_IT", "en": "en_GB"}  # what frontdesk.i18n formats with


@pytest.mark.parametrize("lang", ["it", "en"])
@given(moment=st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 12, 31),
                           timezones=st.just(dt.UTC)))
def test_table_dates_and_times_are_babels(lang, moment):
    set_language(lang)  # the suite's fixture puts English back after the test
    locale = LOCALES[lang]
    assert format_datetime(moment) == babel_dates.format_datetime(moment, "dd/MM/yyyy HH:mm", tzinfo=ROME,
                                                                  locale=locale)
    assert format_time(moment) == babel_dates.format_time(moment, "HH:mm", tzinfo=ROME, locale=locale)
    assert format_datetime(moment, "text") == babel_dates.format_datetime(moment, "d MMM yyyy, HH:mm", tzinfo=ROME,
                                                                          locale=locale)
