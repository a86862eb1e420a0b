"""The lab manager's timeline as read (issue 15, point 4): a day or an ISO week, one lane per active
machine with its tests (sample, test, company, technician, pin, flag, how late), the calibration
lapse and the out-of-service periods within the range, the time each machine does not work (the
lab's days off, its own hours, the day clocks change), a chamber's load against its capacity, and
the latest automatic plan run."""

from __future__ import annotations

import datetime as dt

import pytest
from lab_rows import SALT_SPRAY, TENSILE, machine, make_test_type, request_with_tests, technician

from frontdesk.db.lab_models import Equipment, PlanRun, TestJob
from frontdesk.domain.clock import ROME
from frontdesk.domain.ids import new_id
from frontdesk.i18n import set_language
from frontdesk.services.lab.equipment import put_out_of_service
from frontdesk.services.lab.planning import plan_test
from frontdesk.services.lab.timeline import (
    AFTER_HOURS,
    CLOSED_DAY,
    DAY,
    WEEK,
    LoadStep,
    OffTime,
    lab_timeline,
    range_of,
)

MONDAY, TUESDAY, WEDNESDAY = dt.date(2027, 3, 22), dt.date(2027, 3, 23), dt.date(2027, 3, 24)
UTC = dt.UTC


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ROME)


def utc(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC)


@pytest.fixture
def lab(db, admin):
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile, spray))
    return dict(tensile=tensile, spray=spray, anna=anna,
                tr=machine(db, admin, code="TR-01", kind="tensile_machine", name="Zwick Z250"),
                tr2=machine(db, admin, code="TR-02", kind="tensile_machine", name="MTS C45",
                            calibrated_until=WEDNESDAY),
                ns=machine(db, admin, code="NS-01", kind="salt_spray_chamber", capacity=2, continuous=True,
                           name="Camera nebbia salina"))


def plan(db, admin, lab, test_id, machine_key, start, *, pin=False):
    return plan_test(db, test_id=test_id, equipment_id=lab[machine_key], start=start, technician_id=lab["anna"],
                     actor=admin, pin=pin)


def lane(timeline, code):
    [found] = [lane for lane in timeline.lanes if lane.code == code]
    return found


def test_a_day_and_a_week_are_ranges_of_rome_days():
    assert range_of(WEDNESDAY, DAY) == (WEDNESDAY, WEDNESDAY)
    assert range_of(WEDNESDAY, WEEK) == (MONDAY, dt.date(2027, 3, 28))
    assert range_of(dt.date(2027, 3, 28), WEEK) == (MONDAY, dt.date(2027, 3, 28))  # a Sunday ends its week


def test_bars_of_a_day_carry_what_the_lab_manager_reads(db, admin, lab):
    [first, second] = request_with_tests(db, lab["tensile"], count=2, company="Fonderia Orobica",
                                         priority="urgent", due_on=dt.date(2027, 3, 30))
    plan(db, admin, lab, first, "tr", at(TUESDAY, 9), pin=True)
    plan(db, admin, lab, second, "tr", at(TUESDAY, 10))
    with db.begin() as session:
        row = session.get(TestJob, second)
        row.plan_flag, row.plan_flag_reason = "moved", "Cella di carico guasta"

    timeline = lab_timeline(db, day=TUESDAY)
    assert (timeline.span, timeline.first, timeline.last) == (DAY, TUESDAY, TUESDAY)
    assert (timeline.start, timeline.end) == (utc(MONDAY, 23), utc(TUESDAY, 23))
    assert [lane.code for lane in timeline.lanes] == ["NS-01", "TR-01", "TR-02"]  # active machines, by code
    a, b = lane(timeline, "TR-01").bars
    assert (a.test_id, a.start, a.end, a.status) == (first, utc(TUESDAY, 8), utc(TUESDAY, 8, 45), "scheduled")
    assert (a.test_name, a.company, a.technician_name, a.technician_id) == (
        "Tensile test", "Fonderia Orobica", "Anna Bonfanti", lab["anna"])
    assert a.sample_lab_id.startswith("L1-") and a.priority == "urgent" and a.due_on == dt.date(2027, 3, 30)
    assert (a.pinned, a.plan_flag, a.late_by, a.movable) == (True, "", None, True)
    assert (b.test_id, b.pinned, b.plan_flag, b.plan_flag_reason) == (second, False, "moved", "Cella di carico guasta")
    assert lane(timeline, "TR-02").bars == () and lane(timeline, "TR-01").load == ()
    assert lab_timeline(db, day=WEDNESDAY).lanes[1].bars == ()  # nothing of Tuesday on Wednesday
    week = lab_timeline(db, day=WEDNESDAY, span=WEEK)
    assert [b.test_id for b in lane(week, "TR-01").bars] == [first, second]
    assert len(week.days) == 7 and week.end - week.start == dt.timedelta(days=7, hours=-1)  # clocks go forward


def test_a_test_started_or_done_is_drawn_but_not_movable_and_a_cancelled_one_is_not_drawn(db, admin, lab):
    running, done, cancelled = request_with_tests(db, lab["tensile"], count=3)
    for test_id, hour in ((running, 9), (done, 11), (cancelled, 14)):
        plan(db, admin, lab, test_id, "tr", at(TUESDAY, hour))
    with db.begin() as session:
        session.get(TestJob, running).status = "in_progress"
        session.get(TestJob, done).status = "completed"
        session.get(TestJob, cancelled).status = "cancelled"
    bars = {b.test_id: b for b in lane(lab_timeline(db, day=TUESDAY), "TR-01").bars}
    assert set(bars) == {running, done}
    assert (bars[running].movable, bars[running].done, bars[done].movable, bars[done].done) == (
        False, False, False, True)


def test_late_by_is_how_far_the_end_passes_the_end_of_the_due_day_in_rome(db, admin, lab):
    [late] = request_with_tests(db, lab["tensile"], due_on=MONDAY)
    [on_time] = request_with_tests(db, lab["tensile"], due_on=TUESDAY)
    [no_date] = request_with_tests(db, lab["tensile"])
    for test_id, hour in ((late, 9), (on_time, 15), (no_date, 11)):
        plan(db, admin, lab, test_id, "tr", at(TUESDAY, hour))
    bars = {b.test_id: b for b in lane(lab_timeline(db, day=TUESDAY), "TR-01").bars}
    assert bars[late].late_by == dt.timedelta(hours=9, minutes=45)  # Monday ended at midnight; it ends at 09:45
    assert bars[on_time].late_by is None and bars[no_date].late_by is None


def test_a_chamber_shows_its_load_over_the_range_against_its_capacity(db, admin, lab):
    first, second = (request_with_tests(db, lab["spray"], hours=48)[0] for _ in range(2))
    plan(db, admin, lab, first, "ns", at(TUESDAY, 9))  # to Thursday 09:00
    plan(db, admin, lab, second, "ns", at(WEDNESDAY, 10))  # to Friday 10:00
    chamber = lane(lab_timeline(db, day=TUESDAY, span=WEEK), "NS-01")
    assert (chamber.capacity, chamber.is_chamber, chamber.peak_load) == (2, True, 2)
    thursday, friday = dt.date(2027, 3, 25), dt.date(2027, 3, 26)
    assert chamber.load == (
        LoadStep(utc(dt.date(2027, 3, 21), 23), utc(TUESDAY, 8), 0),
        LoadStep(utc(TUESDAY, 8), utc(WEDNESDAY, 9), 1),
        LoadStep(utc(WEDNESDAY, 9), utc(thursday, 8), 2),
        LoadStep(utc(thursday, 8), utc(friday, 9), 1),
        LoadStep(utc(friday, 9), utc(dt.date(2027, 3, 28), 22), 0))
    day = lane(lab_timeline(db, day=WEDNESDAY), "NS-01")  # a day: the same steps, cut to it
    assert [(s.start, s.end, s.count) for s in day.load] == [(utc(TUESDAY, 23), utc(WEDNESDAY, 9), 1),
                                                             (utc(WEDNESDAY, 9), utc(WEDNESDAY, 23), 2)]
    with db.begin() as session:
        session.get(TestJob, first).status = "completed"  # a test taken out no longer fills the chamber
    assert lane(lab_timeline(db, day=WEDNESDAY), "NS-01").peak_load == 1


def test_a_long_exposure_that_began_weeks_before_still_shows_in_the_range(db, admin, lab):
    [long] = request_with_tests(db, lab["spray"], hours=720)  # 30 days, from 1 March
    plan(db, admin, lab, long, "ns", at(dt.date(2027, 3, 1), 9))
    chamber = lane(lab_timeline(db, day=TUESDAY), "NS-01")
    assert [b.test_id for b in chamber.bars] == [long] and chamber.peak_load == 1


def test_a_calibration_lapse_is_given_when_it_falls_within_the_range(db, admin, lab):
    week = lane(lab_timeline(db, day=TUESDAY, span=WEEK), "TR-02")
    assert week.valid_until == WEDNESDAY
    assert week.calibration_lapses_at == utc(WEDNESDAY, 23)  # the Rome midnight after its last valid day
    assert lane(lab_timeline(db, day=TUESDAY), "TR-02").calibration_lapses_at is None
    assert lane(lab_timeline(db, day=dt.date(2027, 3, 25)), "TR-02").calibration_lapses_at == utc(WEDNESDAY, 23)
    assert lane(lab_timeline(db, day=dt.date(2027, 3, 26)), "TR-02").calibration_lapses_at is None  # lapsed before
    assert lane(lab_timeline(db, day=TUESDAY, span=WEEK), "TR-01").calibration_lapses_at is None
    bare = machine(db, admin, code="HD-01", kind="hardness_tester", calibrated_until=None)
    assert lane(lab_timeline(db, day=TUESDAY), "HD-01").valid_until is None and bare


def test_out_of_service_periods_overlapping_the_range_are_given(db, admin, lab):
    thursday = dt.date(2027, 3, 25)
    put_out_of_service(db, equipment_id=lab["tr"], starts_at=at(dt.date(2027, 3, 1), 8),
                       ends_at=at(dt.date(2027, 3, 5), 17), reason="Vecchio guasto", actor=admin)  # before
    put_out_of_service(db, equipment_id=lab["tr"], starts_at=at(thursday, 14), ends_at=at(dt.date(2027, 3, 26), 12),
                       reason="Cella di carico da sostituire", actor=admin)
    put_out_of_service(db, equipment_id=lab["ns"], starts_at=at(dt.date(2027, 3, 10), 9), reason="Guasto ugello",
                       actor=admin)  # until further notice
    week = lab_timeline(db, day=TUESDAY, span=WEEK)
    [outage] = lane(week, "TR-01").outages
    assert (outage.start, outage.end, outage.reason) == (utc(thursday, 13), utc(dt.date(2027, 3, 26), 11),
                                                         "Cella di carico da sostituire")
    [open_ended] = lane(week, "NS-01").outages
    assert (open_ended.end, open_ended.reason) == (None, "Guasto ugello")
    assert lane(lab_timeline(db, day=TUESDAY), "TR-01").outages == ()  # not on Tuesday


def test_non_working_time_is_the_hours_outside_the_machine_s_and_the_days_the_lab_is_closed(db, admin, lab):
    tuesday = lane(lab_timeline(db, day=TUESDAY), "TR-01")
    assert tuesday.off_times == (OffTime(utc(MONDAY, 23), utc(TUESDAY, 7), AFTER_HOURS),
                                 OffTime(utc(TUESDAY, 16), utc(TUESDAY, 23), AFTER_HOURS))
    week = lab_timeline(db, day=TUESDAY, span=WEEK)
    closed = [o for o in lane(week, "TR-01").off_times if o.kind == CLOSED_DAY]
    # Saturday, and Easter Sunday (28 March 2027), 23 hours long: the clocks go forward.
    assert closed == [OffTime(utc(dt.date(2027, 3, 26), 23), utc(dt.date(2027, 3, 27), 23), CLOSED_DAY, "Weekend"),
                      OffTime(utc(dt.date(2027, 3, 27), 23), utc(dt.date(2027, 3, 28), 22), CLOSED_DAY,
                              "Easter Sunday")]
    patron_week = lab_timeline(db, day=dt.date(2027, 3, 17), span=WEEK)
    friday = patron_week.days[4]
    assert (friday.day, friday.working, friday.why_off) == (dt.date(2027, 3, 19), False,
                                                            "Patron saint's day of Dalmine")
    assert OffTime(utc(dt.date(2027, 3, 18), 23), utc(dt.date(2027, 3, 19), 23), CLOSED_DAY,
                   "Patron saint's day of Dalmine") in lane(patron_week, "TR-01").off_times
    set_language("it")
    try:
        easter_monday = lab_timeline(db, day=dt.date(2027, 3, 29))
        [whole_day] = lane(easter_monday, "NS-01").off_times  # a chamber is loaded only on working days too
        assert (whole_day.kind, whole_day.why) == (CLOSED_DAY, "Lunedì dell'Angelo")
        assert lane(lab_timeline(db, day=dt.date(2027, 3, 27)), "TR-01").off_times[0].why == "Fine settimana"
    finally:
        set_language("en")


def test_a_machine_s_own_weekdays_and_hours_shade_its_lane_only(db, admin, lab):
    with db.begin() as session:
        row = session.get(Equipment, lab["tr2"])
        row.weekdays, row.hours_from, row.hours_to = "1234", "07:30", "19:00"
    week = lab_timeline(db, day=TUESDAY, span=WEEK)
    friday = dt.date(2027, 3, 26)
    assert OffTime(utc(dt.date(2027, 3, 25), 23), utc(friday, 23), CLOSED_DAY,
                   "Not a working day of this machine") in lane(week, "TR-02").off_times
    assert OffTime(utc(friday, 7), utc(friday, 16), AFTER_HOURS) not in lane(week, "TR-01").off_times
    assert OffTime(utc(friday, 16), utc(friday, 23), AFTER_HOURS) in lane(week, "TR-01").off_times
    assert lane(week, "TR-02").off_times[:2] == (OffTime(utc(dt.date(2027, 3, 21), 23), utc(MONDAY, 6, 30),
                                                         AFTER_HOURS),
                                                 OffTime(utc(MONDAY, 18), utc(MONDAY, 23), AFTER_HOURS))


def test_a_retired_machine_has_no_lane(db, admin, lab):
    with db.begin() as session:
        session.get(Equipment, lab["tr2"]).active = False
    assert [lane.code for lane in lab_timeline(db, day=TUESDAY).lanes] == ["NS-01", "TR-01"]


def test_the_latest_plan_run_is_given_with_its_counts(db, admin, lab):
    assert lab_timeline(db, day=TUESDAY).latest_run is None
    with db.begin() as session:
        session.add_all([
            PlanRun(id=new_id(), made_at=utc(MONDAY, 2), cause="night", late=5, unplaced=1, tests=40),
            PlanRun(id=new_id(), made_at=utc(TUESDAY, 10, 12), cause="change", made_by_name="Anna Bonfanti",
                    late=2, unplaced=3, tests=41,
                    details='{"late": [], "unplaced": []}'),
            PlanRun(id=new_id(), made_at=utc(MONDAY, 9), cause="manual", late=0, unplaced=0, tests=40)])
    run = lab_timeline(db, day=dt.date(2027, 4, 2), span=WEEK).latest_run
    assert (run.made_at, run.cause, run.made_by_name, run.late, run.unplaced) == (
        utc(TUESDAY, 10, 12), "change", "Anna Bonfanti", 2, 3)

