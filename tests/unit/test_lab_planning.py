"""The planning rules, one by one: the machine's kind, working days and hours (one-at-a-time and
continuous machines), capacity over time, calibration, out of service, the technician."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from frontdesk.domain.clock import ROME
from frontdesk.domain.lab import planning as p
from frontdesk.domain.lab.calendar import LabCalendar, Period, TechnicianSchedule
from frontdesk.domain.lab.equipment import Machine

D = dt.date
CAL = LabCalendar(closures=(Period(D(2026, 8, 10), D(2026, 8, 21), "Chiusura estiva"),))
TENSILE = Machine(uuid.uuid4(), "TR-01", "Zwick Z250", "tensile", capacity=1)
CHAMBER = Machine(uuid.uuid4(), "NS-01", "Camera nebbia salina", "salt_spray", capacity=3, continuous=True)
ANNA = TechnicianSchedule(uuid.uuid4(), "Anna Bonfanti", absences=(Period(D(2026, 3, 26), D(2026, 3, 26), "Corso"),))


def rome(y, m, d, hh, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=ROME)


def tensile_test(minutes=45) -> p.TestNeeds:
    return p.TestNeeds(uuid.uuid4(), "tensile", minutes, prep_min=30)


def chamber_test(hours) -> p.TestNeeds:
    return p.TestNeeds(uuid.uuid4(), "salt_spray", p.machine_minutes(hours=hours, duration_min=0))


def plan(test, machine, start, **kw):
    kw.setdefault("valid_until", D(2026, 12, 31))
    kw.setdefault("technician", ANNA)
    kw.setdefault("authorised", True)
    return p.check_slot(test=test, machine=machine, start=start, calendar=CAL, **kw)


def refused(test, machine, start, **kw) -> p.SlotRefused:
    with pytest.raises(p.SlotRefused) as caught:
        plan(test, machine, start, **kw)
    return caught.value


def test_a_good_slot_returns_start_and_end_in_utc():
    slot = plan(tensile_test(45), TENSILE, rome(2026, 3, 24, 9))
    assert slot.start == dt.datetime(2026, 3, 24, 8, tzinfo=dt.UTC)
    assert slot.end - slot.start == dt.timedelta(minutes=45)  # preparation is not machine time


def test_machine_minutes_of_an_exposure_and_of_a_fixed_test():
    assert p.machine_minutes(hours=48, duration_min=0) == 2880
    assert p.machine_minutes(hours=None, duration_min=40) == 40


def test_the_machine_must_be_of_the_kind_the_test_needs_and_active():
    error = refused(tensile_test(), CHAMBER, rome(2026, 3, 24, 9))
    assert error.rule == p.KIND and "“tensile”" in error.message and "NS-01" in error.message
    retired = Machine(uuid.uuid4(), "TR-02", "Old", "tensile", active=False)
    assert refused(tensile_test(), retired, rome(2026, 3, 24, 9)).rule == p.INACTIVE


def test_a_one_at_a_time_machine_works_only_in_its_hours_on_working_days():
    assert refused(tensile_test(), TENSILE, rome(2026, 3, 24, 7, 30)).message == \
        "It cannot start then: TR-01 Zwick Z250 works from 08:00 to 17:00."
    error = refused(tensile_test(), TENSILE, rome(2026, 3, 28, 9))  # Saturday
    assert error.rule == p.DAY_CLOSED and "Saturday 28 March 2026" in error.message
    error = refused(tensile_test(), TENSILE, rome(2026, 4, 6, 9))  # Easter Monday
    assert error.rule == p.DAY_CLOSED and "Easter Monday" in error.message
    assert refused(tensile_test(), TENSILE, rome(2026, 8, 12, 9)).rule == p.DAY_CLOSED  # closure
    error = refused(tensile_test(60), TENSILE, rome(2026, 3, 24, 16, 30))
    assert error.rule == p.HOURS and "17:30" in error.message
    assert plan(tensile_test(60), TENSILE, rome(2026, 3, 24, 16)).end == rome(2026, 3, 24, 17)  # exactly at 17:00


def test_a_test_longer_than_a_working_day_is_refused_on_a_one_at_a_time_machine():
    error = refused(tensile_test(600), TENSILE, rome(2026, 3, 24, 8))
    assert error.rule == p.TOO_LONG and "600 minutes" in error.message


def test_a_machine_that_does_not_work_that_weekday():
    monday_to_thursday = Machine(uuid.uuid4(), "HD-01", "Durometro", "hardness", weekdays="1234")
    test = p.TestNeeds(uuid.uuid4(), "hardness", 20)
    assert refused(test, monday_to_thursday, rome(2026, 3, 27, 9)).rule == p.DAY_CLOSED  # a Friday
    assert plan(test, monday_to_thursday, rome(2026, 3, 26, 9), technician=TechnicianSchedule(uuid.uuid4(), "Luca"))


def test_a_chamber_runs_through_nights_and_holidays_but_is_unloaded_in_working_hours():
    slot = plan(chamber_test(120), CHAMBER, rome(2026, 4, 9, 10))  # Thursday, through the weekend
    assert slot.end == rome(2026, 4, 14, 10)
    slot = plan(chamber_test(72), CHAMBER, rome(2026, 4, 24, 10))  # Friday, through 25 April and Sunday
    assert slot.end == rome(2026, 4, 27, 10)


def test_a_chamber_exposure_ending_on_a_holiday_or_sunday_or_at_night_is_refused_saying_when():
    error = refused(chamber_test(96), CHAMBER, rome(2026, 4, 2, 10))  # ends Easter Monday 10:00
    assert error.rule == p.UNLOAD
    assert "Monday 6 April 2026, 10:00" in error.message and "Easter Monday" in error.message
    error = refused(chamber_test(72), CHAMBER, rome(2026, 3, 26, 10))  # ends Sunday 29 March
    assert error.rule == p.UNLOAD and "Sunday 29 March 2026" in error.message
    error = refused(chamber_test(24), CHAMBER, rome(2026, 3, 24, 16, 30) + dt.timedelta(hours=1))  # 17:30 start
    assert error.rule == p.START
    error = refused(chamber_test(18), CHAMBER, rome(2026, 3, 24, 10))  # ends 04:00
    assert error.rule == p.UNLOAD and "works from 08:00 to 17:00" in error.message
    # Exposure hours are real hours: over the night summer time starts (29 March), 168 h from 10:00
    # end at 11:00 on the clock.
    slot = plan(chamber_test(168), CHAMBER, rome(2026, 3, 24, 10))
    assert slot.end == rome(2026, 3, 31, 11)


def test_capacity_over_time_counts_the_overlapping_tests_at_each_instant():
    def booking(start, hours):
        return p.Booking(uuid.uuid4(), start, start + dt.timedelta(hours=hours))

    # Three in the chamber but never more than two at once: a third fits.
    bookings = [booking(rome(2026, 3, 23, 9), 48), booking(rome(2026, 3, 23, 10), 24),
                booking(rome(2026, 3, 24, 11), 48)]
    assert plan(chamber_test(24), CHAMBER, rome(2026, 3, 24, 9), bookings=bookings)
    full = [*bookings, booking(rome(2026, 3, 24, 12), 24)]
    error = refused(chamber_test(24), CHAMBER, rome(2026, 3, 24, 9), bookings=full)
    assert error.rule == p.CAPACITY
    assert error.message == ("NS-01 Camera nebbia salina is full then: it holds 3 tests at once and 3 are "
                             "already booked over that time.")
    # A tensile machine: one at a time; back to back is fine.
    first = booking(rome(2026, 3, 24, 9), 1)
    assert refused(tensile_test(45), TENSILE, rome(2026, 3, 24, 9, 30), bookings=[first]).rule == p.CAPACITY
    assert plan(tensile_test(45), TENSILE, rome(2026, 3, 24, 10), bookings=[first])
    # The test's own earlier booking never blocks its move.
    test = tensile_test(45)
    own = p.Booking(test.id, rome(2026, 3, 24, 9), rome(2026, 3, 24, 9, 45))
    assert plan(test, TENSILE, rome(2026, 3, 24, 9, 15), bookings=[own])


def test_the_test_must_end_before_the_calibration_lapses():
    assert plan(tensile_test(), TENSILE, rome(2026, 3, 24, 9), valid_until=D(2026, 3, 24))  # that day included
    error = refused(tensile_test(), TENSILE, rome(2026, 3, 24, 9), valid_until=D(2026, 3, 23))
    assert error.rule == p.CALIBRATION and "valid until 23 Mar 2026" in error.message
    error = refused(chamber_test(168), CHAMBER, rome(2026, 3, 24, 10), valid_until=D(2026, 3, 30))
    assert error.rule == p.CALIBRATION and "31 Mar 2026" in error.message  # it starts valid but ends lapsed
    error = refused(tensile_test(), TENSILE, rome(2026, 3, 24, 9), valid_until=None)
    assert error.rule == p.CALIBRATION and "no passing calibration" in error.message


def test_an_out_of_service_period_overlapping_the_test_refuses_it_with_its_reason():
    outage = p.Outage(rome(2026, 3, 24, 12), rome(2026, 3, 25, 12), "Cella di carico in riparazione")
    error = refused(tensile_test(), TENSILE, rome(2026, 3, 24, 14), outages=[outage])
    assert error.rule == p.OUT_OF_SERVICE and "Cella di carico in riparazione" in error.message
    assert plan(tensile_test(), TENSILE, rome(2026, 3, 24, 9), outages=[outage])  # before it
    open_ended = p.Outage(rome(2026, 3, 20, 12), None, "Guasto")
    error = refused(tensile_test(), TENSILE, rome(2026, 6, 24, 9), outages=[open_ended])
    assert "until further notice: Guasto" in error.message
    error = refused(chamber_test(168), CHAMBER, rome(2026, 3, 23, 10), outages=[outage])  # inside the exposure
    assert error.rule == p.OUT_OF_SERVICE


def test_a_technician_must_be_chosen_authorised_and_present():
    assert refused(tensile_test(), TENSILE, rome(2026, 3, 24, 9), technician=None).rule == p.TECHNICIAN
    error = refused(tensile_test(), TENSILE, rome(2026, 3, 24, 9), authorised=False)
    assert error.message == "Anna Bonfanti is not authorised for this method."
    error = refused(tensile_test(), TENSILE, rome(2026, 3, 26, 9))
    assert error.rule == p.ABSENT and "they are absent (Corso)" in error.message


def test_a_chamber_needs_the_technician_only_on_the_loading_day():
    # Anna is absent on Thursday 26 March, during the exposure: it does not matter.
    assert plan(chamber_test(72), CHAMBER, rome(2026, 3, 24, 10))
    error = refused(chamber_test(24), CHAMBER, rome(2026, 3, 26, 10))
    assert error.rule == p.ABSENT


def test_most_at_once_sweeps_the_overlaps():
    t0 = rome(2026, 3, 24, 8)
    h = dt.timedelta(hours=1)
    bookings = [p.Booking(uuid.uuid4(), t0, t0 + 2 * h), p.Booking(uuid.uuid4(), t0 + 2 * h, t0 + 3 * h),
                p.Booking(uuid.uuid4(), t0 + h, t0 + 4 * h)]
    assert p.most_at_once(bookings, t0, t0 + 5 * h) == 2
    assert p.most_at_once(bookings, t0 + 4 * h, t0 + 5 * h) == 0
