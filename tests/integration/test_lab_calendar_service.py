"""The lab's calendar as stored: closures, the patron saint's day from the site settings,
technicians' days and absences, with the bad input refused (issue 13, point 3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from lab_rows import technician
from sqlalchemy import func, select

from frontdesk.db.lab_models import Absence, LabClosure
from frontdesk.domain.errors import Conflict, ValidationError
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import get_settings, update_settings
from frontdesk.services.lab import calendar as cal

D = dt.date


def test_the_calendar_follows_the_site_settings_and_the_closures(db, admin):
    calendar = cal.lab_calendar(db)
    assert (calendar.municipality, calendar.patron_day) == ("Dalmine", "03-19")
    assert not calendar.is_working_day(D(2027, 3, 19))
    update_settings(db, changes={"lab_municipality": "Bergamo", "lab_patron_day": "08-26"}, actor=admin)
    calendar = cal.lab_calendar(db)
    assert calendar.is_working_day(D(2027, 3, 19)) and not calendar.is_working_day(D(2027, 8, 26))
    closure = cal.add_closure(db, starts_on=D(2027, 8, 9), ends_on=D(2027, 8, 20), reason="Chiusura estiva",
                              actor=admin)
    assert not cal.lab_calendar(db).is_working_day(D(2027, 8, 12))
    assert [c.reason for c in cal.closures(db, since=D(2027, 1, 1))] == ["Chiusura estiva"]
    cal.withdraw_closure(db, closure_id=closure.id, actor=admin)
    assert cal.lab_calendar(db).is_working_day(D(2027, 8, 12))
    assert cal.closures(db, since=D(2027, 1, 1)) == []
    with pytest.raises(Conflict):
        cal.withdraw_closure(db, closure_id=closure.id, actor=admin)


def test_upcoming_days_off_include_the_patron_day(db):
    days = cal.upcoming_days_off(db, days=60, today=D(2027, 3, 1))
    assert [(d.day, d.kind) for d in days] == [(D(2027, 3, 19), "patron"), (D(2027, 3, 29), "holiday")]


@pytest.mark.parametrize("value", ["19-03", "02-30", "3/19", ""])
def test_a_patron_day_that_is_not_a_day_is_refused_in_italian(db, admin, value):
    set_language("it")
    with pytest.raises(ValidationError) as caught:
        update_settings(db, changes={"lab_patron_day": value}, actor=admin)
    assert caught.value.message in ("19-03 non è un giorno dell'anno.", "02-30 non è un giorno dell'anno.",
                                    "Scrivi il giorno del patrono come MM-GG, per esempio 03-19 per il 19 marzo.")
    assert get_settings(db).lab_patron_day == "03-19"


def test_technicians_days_and_absences(db, admin):
    anna = technician(db, "Anna Bonfanti")
    assert cal.set_technician_days(db, staff_id=anna, weekdays="4321", actor=admin) == "1234"
    absence = cal.add_absence(db, staff_id=anna, starts_on=D(2027, 3, 22), ends_on=D(2027, 3, 23), reason="Corso",
                              actor=admin)
    [tech] = [t for t in cal.technicians(db, since=D(2027, 1, 1)) if t.staff_id == anna]
    assert tech.weekdays == "1234" and [a.reason for a in tech.absences] == ["Corso"]
    calendar = cal.lab_calendar(db)
    assert not calendar.technician_present(tech.schedule(), D(2027, 3, 22))
    assert not calendar.technician_present(tech.schedule(), D(2027, 3, 26))  # a Friday
    assert calendar.technician_present(tech.schedule(), D(2027, 3, 24))
    cal.withdraw_absence(db, absence_id=absence.id, actor=admin)
    [tech] = [t for t in cal.technicians(db, since=D(2027, 1, 1)) if t.staff_id == anna]
    assert tech.absences == ()


def test_bad_periods_and_weekdays_are_refused_and_nothing_is_written(db, admin):
    anna = technician(db, "Anna Bonfanti")
    set_language("it")
    with pytest.raises(ValidationError, match=re.escape("L'ultimo giorno non può venire prima del primo.")):
        cal.add_closure(db, starts_on=D(2027, 8, 20), ends_on=D(2027, 8, 9), actor=admin)
    with pytest.raises(ValidationError, match=re.escape("L'ultimo giorno non può venire prima del primo.")):
        cal.add_absence(db, staff_id=anna, starts_on=D(2027, 8, 20), ends_on=D(2027, 8, 9), actor=admin)
    with pytest.raises(ValidationError, match=re.escape("Scegli almeno un giorno lavorativo della settimana.")):
        cal.set_technician_days(db, staff_id=anna, weekdays="", actor=admin)
    with pytest.raises(ValidationError, match=re.escape("Scegli almeno un giorno lavorativo della settimana.")):
        cal.set_technician_days(db, staff_id=anna, weekdays="89", actor=admin)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(LabClosure)) == 0
        assert session.scalar(select(func.count()).select_from(Absence)) == 0
