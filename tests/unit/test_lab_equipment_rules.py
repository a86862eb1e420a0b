"""A machine's rules with no storage: its working hours and weekdays checked, its calibration state."""

from __future__ import annotations

import datetime as dt

import pytest

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab.equipment import calibration_state, check_working_hours

TODAY = dt.date(2027, 3, 23)


def test_working_hours_and_weekdays_are_normalised():
    assert check_working_hours("07:30", "16:00", "5123") == ("07:30", "16:00", "1235")


@pytest.mark.parametrize(("hours_from", "hours_to", "weekdays", "field"), [
    ("17:00", "08:00", "12345", "hours_to"), ("08:00", "08:00", "12345", "hours_to"),
    ("8:00", "17:00", "12345", "hours_from"), ("08:00", "24:00", "12345", "hours_to"),
    ("08:00", "17:00", "", "weekdays"), ("08:00", "17:00", "1189", "weekdays"),
])
def test_bad_working_hours_are_refused_on_their_field(hours_from, hours_to, weekdays, field):
    with pytest.raises(ValidationError) as caught:
        check_working_hours(hours_from, hours_to, weekdays)
    assert caught.value.field == field


def test_calibration_state():
    assert calibration_state(None, TODAY) == "never"
    assert calibration_state(TODAY - dt.timedelta(days=1), TODAY) == "lapsed"
    assert calibration_state(TODAY, TODAY) == "due_soon"  # usable today included
    assert calibration_state(TODAY + dt.timedelta(days=30), TODAY) == "due_soon"
    assert calibration_state(TODAY + dt.timedelta(days=31), TODAY) == "valid"
    assert calibration_state(TODAY + dt.timedelta(days=300), TODAY, out_of_service=True) == "out_of_service"
