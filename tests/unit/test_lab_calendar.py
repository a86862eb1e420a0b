"""The lab's calendar: Italian holidays from the holidays library, the patron saint's day, the
lab's closures, weekends, and a technician's days and absences."""

from __future__ import annotations

import datetime as dt
import uuid

from frontdesk.domain.lab.calendar import LabCalendar, Period, TechnicianSchedule, parse_patron_day, valid_weekdays
from frontdesk.i18n import set_language

D = dt.date
CAL = LabCalendar(patron_day="03-19", municipality="Dalmine",
                  closures=(Period(D(2026, 8, 10), D(2026, 8, 21), "Chiusura estiva"),))


def test_an_ordinary_weekday_is_a_working_day():
    assert CAL.is_working_day(D(2026, 3, 18))  # a Wednesday
    assert CAL.day_off(D(2026, 3, 18)) is None


def test_easter_monday_is_not_a_working_day():
    assert not CAL.is_working_day(D(2026, 4, 6))
    assert CAL.day_off(D(2026, 4, 6)).kind == "holiday"
    assert not CAL.is_working_day(D(2027, 3, 29))  # it moves with Easter


def test_liberation_day_and_saint_francis_from_2026():
    assert not CAL.is_working_day(D(2026, 4, 24 + 1))  # 25 April 2026, a Saturday anyway
    assert CAL.is_working_day(D(2027, 4, 26))  # the Monday after: worked (no moving of holidays)
    assert CAL.day_off(D(2029, 4, 25)).kind == "holiday"  # a Wednesday
    assert CAL.day_off(D(2027, 10, 4)).kind == "holiday"  # a Monday: national holiday again from 2026
    assert CAL.day_off(D(2025, 10, 4)) is None  # not before


def test_the_patron_saints_day_follows_the_site_setting():
    assert not CAL.is_working_day(D(2026, 3, 19))
    off = CAL.day_off(D(2026, 3, 19))
    assert off.kind == "patron" and off.name == "Patron saint's day of Dalmine"
    elsewhere = LabCalendar(patron_day="06-24", municipality="Torino")
    assert elsewhere.is_working_day(D(2026, 3, 19))
    assert not elsewhere.is_working_day(D(2026, 6, 24))


def test_a_closure_covers_its_first_and_last_day():
    assert CAL.is_working_day(D(2026, 8, 7))
    assert not CAL.is_working_day(D(2026, 8, 10))
    assert CAL.day_off(D(2026, 8, 21)).name == "Chiusura estiva"
    assert CAL.is_working_day(D(2026, 8, 24))


def test_weekends_are_not_working_days_and_next_working_day_skips_them():
    assert not CAL.is_working_day(D(2026, 3, 21))  # Saturday
    assert not CAL.is_working_day(D(2026, 3, 22))  # Sunday
    assert CAL.next_working_day(D(2026, 3, 20)) == D(2026, 3, 23)
    assert CAL.next_working_day(D(2026, 3, 18)) == D(2026, 3, 20)  # the 19th is the patron's day
    assert CAL.next_working_day(D(2026, 4, 3)) == D(2026, 4, 7)  # Easter weekend and Monday
    assert CAL.next_working_day(D(2026, 3, 18), include=True) == D(2026, 3, 18)


def test_days_off_between_lists_holidays_patron_and_closures_on_weekdays_only():
    days = CAL.days_off_between(D(2026, 3, 1), D(2026, 4, 30))
    assert [(d.day, d.kind) for d in days] == [(D(2026, 3, 19), "patron"), (D(2026, 4, 6), "holiday")]
    # Easter Sunday and 25 April 2026 (a Saturday) close nothing more than the weekend.


def test_holiday_names_in_the_users_language():
    set_language("it")
    try:
        assert CAL.day_off(D(2026, 4, 6)).name == "Lunedì dell'Angelo"
        assert CAL.day_off(D(2026, 3, 19)).name == "Festa del patrono di Dalmine"
    finally:
        set_language("en")
    assert CAL.day_off(D(2026, 4, 6)).name == "Easter Monday"


def test_a_technician_is_present_on_their_days_and_not_when_absent():
    anna = TechnicianSchedule(uuid.uuid4(), "Anna", weekdays="1234",
                              absences=(Period(D(2026, 3, 10), D(2026, 3, 11), "Corso"),))
    assert CAL.technician_present(anna, D(2026, 3, 9))
    assert not CAL.technician_present(anna, D(2026, 3, 10))
    assert CAL.technician_absence(anna, D(2026, 3, 11)) == "they are absent (Corso)"
    assert CAL.technician_absence(anna, D(2026, 3, 13)) == "it is not one of their working days"  # a Friday
    assert CAL.technician_absence(anna, D(2026, 4, 6)).startswith("the lab is closed")
    assert CAL.technician_absence(anna, D(2026, 3, 14)) == "the lab is closed (weekend)"


def test_patron_day_and_weekdays_parsing():
    assert parse_patron_day("03-19") == (3, 19)
    assert parse_patron_day("02-29") == (2, 29)
    assert parse_patron_day("02-30") is None
    assert parse_patron_day("3-19") is None
    assert valid_weekdays("531") == "135"
    assert valid_weekdays("118") is None and valid_weekdays("") is None
