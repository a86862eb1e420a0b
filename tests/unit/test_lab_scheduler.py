"""The automatic plan on hand-made labs: the bad inputs of issue 15 that the core sees, each with its
Italian reason, the plan's order (urgent first, then due date) and its improvement over plain EDD."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from frontdesk.domain.clock import ROME
from frontdesk.domain.lab import planning as p
from frontdesk.domain.lab.calendar import LabCalendar, Period, TechnicianSchedule
from frontdesk.domain.lab.equipment import Machine
from frontdesk.domain.lab.scheduler import (
    URGENT,
    LabMachine,
    LabState,
    PendingTest,
    PlacedSlot,
    Technician,
    make_plan,
    stable_until,
)
from frontdesk.i18n import set_language

D = dt.date
CAL = LabCalendar()
MONDAY = dt.datetime(2026, 3, 23, 7, 0, tzinfo=ROME)  # Monday 23 March 2026, before the lab opens
VALID = D(2026, 12, 31)
TENSILE = Machine(uuid.uuid4(), "TR-01", "Zwick Z250", "tensile")
CHAMBER = Machine(uuid.uuid4(), "NS-01", "Camera nebbia salina", "salt_spray", capacity=1, continuous=True)
ANNA = Technician(TechnicianSchedule(uuid.uuid4(), "Anna Bonfanti"), frozenset({"TENSILE", "NSS"}))


def rome(y, m, d, hh, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=ROME)


def lab(*machines: LabMachine, technicians=(ANNA,), now=MONDAY) -> LabState:
    return LabState(CAL, machines, technicians, now, horizon_days=60)


def tensile(minutes=60, **kw) -> PendingTest:
    return PendingTest(uuid.uuid4(), "TENSILE", "tensile", minutes, **kw)


def exposure(hours, **kw) -> PendingTest:
    return PendingTest(uuid.uuid4(), "NSS", "salt_spray", hours * 60, **kw)


@pytest.fixture
def italian():
    set_language("it")
    yield
    set_language("en")


def only_unplaced(plan):
    assert not plan.planned
    (unplaced,) = plan.unplaced
    return unplaced


def test_tests_go_at_the_earliest_slot_urgent_first_then_by_due_date():
    late_due, early_due = tensile(120, due_on=D(2026, 3, 30)), tensile(120, due_on=D(2026, 3, 24))
    urgent = tensile(120, due_on=D(2026, 4, 10), priority=URGENT)
    plan = make_plan(lab(LabMachine(TENSILE, VALID)), [late_due, early_due, urgent])
    starts = {test_id: planned.start for test_id, planned in plan.planned.items()}
    assert starts[urgent.id] == rome(2026, 3, 23, 8)
    assert starts[early_due.id] == rome(2026, 3, 23, 10)
    assert starts[late_due.id] == rome(2026, 3, 23, 12)
    assert {planned.technician_id for planned in plan.planned.values()} == {ANNA.schedule.staff_id}
    assert not plan.late and not plan.unplaced


def test_preparation_comes_before_the_machine_time():
    test = tensile(60, prep_min=90, released_at=rome(2026, 3, 23, 9))
    plan = make_plan(lab(LabMachine(TENSILE, VALID)), [test])
    assert plan.planned[test.id].start == rome(2026, 3, 23, 10, 30)


def test_a_test_type_no_machine_can_run(italian):
    unplaced = only_unplaced(make_plan(lab(LabMachine(TENSILE, VALID)), [exposure(48)]))
    assert unplaced.rule == p.KIND
    assert unplaced.reason == "Nessuno strumento di tipo “salt_spray” può eseguire il tipo di prova NSS."


def test_a_machine_with_no_working_hours(italian):
    weekend_only = Machine(uuid.uuid4(), "TR-02", "Trazione", "tensile", weekdays="67")
    unplaced = only_unplaced(make_plan(lab(LabMachine(weekend_only, VALID)), [tensile()]))
    assert unplaced.rule == p.HOURS
    assert unplaced.reason == "Nessuno strumento di tipo “tensile” ha un orario di lavoro."


def test_a_test_longer_than_a_working_day(italian):
    unplaced = only_unplaced(make_plan(lab(LabMachine(TENSILE, VALID)), [tensile(600)]))
    assert unplaced.rule == p.TOO_LONG
    assert "600 minuti" in unplaced.reason


def test_a_calibration_that_lapses_in_the_middle_of_a_chambers_exposure(italian):
    unplaced = only_unplaced(make_plan(lab(LabMachine(CHAMBER, D(2026, 3, 30))), [exposure(240)]))
    assert unplaced.rule == p.CALIBRATION
    assert unplaced.reason == ("La taratura di ogni strumento di tipo “salt_spray” scade prima che questa prova "
                               "possa finire: fai tarare prima uno strumento.")
    assert make_plan(lab(LabMachine(CHAMBER, D(2026, 4, 30))), [exposure(240)]).planned  # valid long enough


def test_a_machine_never_calibrated_takes_no_test(italian):
    unplaced = only_unplaced(make_plan(lab(LabMachine(TENSILE, None)), [tensile()]))
    assert unplaced.rule == p.CALIBRATION


def test_nobody_authorised_for_the_method(italian):
    mario = Technician(TechnicianSchedule(uuid.uuid4(), "Mario Rota"), frozenset({"NSS"}))
    unplaced = only_unplaced(make_plan(lab(LabMachine(TENSILE, VALID), technicians=(mario,)), [tensile()]))
    assert unplaced.rule == p.TECHNICIAN
    assert unplaced.reason == "Nessun tecnico è autorizzato per il tipo di prova TENSILE."


def test_a_chamber_request_longer_than_any_gap_before_the_due_date(italian):
    """The chamber is booked (pinned) on Tuesday and on Friday: a 96-hour exposure fits no gap before
    its due date and is planned after the second booking, flagged late by how much."""
    pinned = [exposure(1, pinned=PlacedSlot(CHAMBER.id, rome(2026, 3, 24, 9), rome(2026, 3, 24, 10))),
              exposure(1, pinned=PlacedSlot(CHAMBER.id, rome(2026, 3, 27, 9), rome(2026, 3, 27, 10)))]
    long_one = exposure(96, due_on=D(2026, 3, 31))
    plan = make_plan(lab(LabMachine(CHAMBER, VALID)), [*pinned, long_one])
    planned = plan.planned[long_one.id]
    assert planned.start == rome(2026, 3, 27, 10) and planned.end == rome(2026, 3, 31, 11)  # summer time
    assert planned.technician_id == ANNA.schedule.staff_id  # who loads it (and unloads it)
    assert not plan.late  # ends on its due day

    tighter = exposure(96, due_on=D(2026, 3, 27))
    plan = make_plan(lab(LabMachine(CHAMBER, VALID)), [*pinned, tighter])
    (late,) = plan.late
    assert late.test_id == tighter.id and late.by == dt.timedelta(days=3, hours=10)
    assert late.reason == "3 g 10 h di ritardo: da consegnare entro il 27 mar 2026."


def test_a_technician_absent_all_week(italian):
    away = Technician(TechnicianSchedule(uuid.uuid4(), "Anna Bonfanti",
                                         absences=(Period(D(2026, 3, 23), D(2026, 3, 27), "Ferie"),)),
                      frozenset({"TENSILE"}))
    test = tensile(60, due_on=D(2026, 3, 27))
    plan = make_plan(lab(LabMachine(TENSILE, VALID), technicians=(away,)), [test])
    assert plan.planned[test.id].start == rome(2026, 3, 30, 8)  # the Monday she is back
    (late,) = plan.late
    assert late.reason == "2 g 8 h di ritardo: da consegnare entro il 27 mar 2026."  # summer time


def test_out_of_service_and_holidays_are_skipped():
    broken = p.Outage(rome(2026, 3, 23, 0), rome(2026, 3, 24, 12), "Cella di carico guasta")
    test = tensile(360)
    plan = make_plan(lab(LabMachine(TENSILE, VALID, (broken,))), [test])
    assert plan.planned[test.id].start == rome(2026, 3, 25, 8)  # Tuesday afternoon is too short
    easter = make_plan(lab(LabMachine(TENSILE, VALID), now=rome(2026, 4, 3, 18)), [test])
    assert easter.planned[test.id].start == rome(2026, 4, 7, 8)  # not the weekend, not Easter Monday


def test_a_kept_slot_on_a_machine_that_failed_is_planned_again():
    test = tensile(60, current=PlacedSlot(TENSILE.id, rome(2026, 3, 23, 8), rome(2026, 3, 23, 9)))
    broken = p.Outage(rome(2026, 3, 23, 7), rome(2026, 3, 23, 12), "Guasto")
    plan = make_plan(lab(LabMachine(TENSILE, VALID, (broken,))), [test])
    assert plan.planned[test.id].start == rome(2026, 3, 23, 12) and not plan.planned[test.id].kept


def test_a_running_test_holds_its_machine_and_is_left_out_when_its_machine_fails():
    slot = PlacedSlot(TENSILE.id, rome(2026, 3, 23, 8), rome(2026, 3, 23, 12))
    running, waiting = tensile(240, pinned=slot, current=slot, running=True), tensile(60)
    plan = make_plan(lab(LabMachine(TENSILE, VALID)), [running, waiting])
    assert plan.planned[running.id].kept and plan.planned[waiting.id].start == rome(2026, 3, 23, 12)
    broken = p.Outage(rome(2026, 3, 23, 10), None, "Cella di carico guasta")
    plan = make_plan(lab(LabMachine(TENSILE, VALID, (broken,))), [running])
    assert running.id not in plan.planned and not plan.unplaced  # interrupted: not planned again


def test_a_late_test_takes_the_place_of_a_longer_one_and_fewer_are_late():
    """One machine, days of 9 hours: plain EDD runs the long test on Monday and the last two of four
    short ones end late, on Wednesday; the improvement runs the short ones on Monday and Tuesday and
    only the long one is late."""
    long_one = tensile(480, due_on=D(2026, 3, 23))
    short = [tensile(270, due_on=D(2026, 3, 24)) for _n in range(4)]
    state = lab(LabMachine(TENSILE, VALID))
    assert len(make_plan(state, [long_one, *short], improve=False).late) == 2
    plan = make_plan(state, [long_one, *short])
    assert [late.test_id for late in plan.late] == [long_one.id]
    assert plan.planned[long_one.id].start == rome(2026, 3, 25, 8)


def test_a_late_test_longer_than_those_before_it_goes_last_and_fewer_are_late():
    """Plain EDD runs the 4-hour test due Monday first, then the 8-hour one cannot end on Monday and
    takes Tuesday from 08:00, late; the 4-hour test released on Tuesday at 08:30 (too late to swap
    with it) waits until Wednesday, late too. The improvement places the late 8-hour test again
    after the others, on Wednesday, and only it is late."""
    first = tensile(240, due_on=D(2026, 3, 23))
    long_one = tensile(480, due_on=D(2026, 3, 23), released_at=rome(2026, 3, 23, 7, 1))
    short = [tensile(240, due_on=D(2026, 3, 24)), tensile(240, due_on=D(2026, 3, 24),
                                                          released_at=rome(2026, 3, 24, 8, 30))]
    state = lab(LabMachine(TENSILE, VALID))
    assert len(make_plan(state, [first, long_one, *short], improve=False).late) == 2
    plan = make_plan(state, [first, long_one, *short])
    assert [late.test_id for late in plan.late] == [long_one.id]
    assert plan.planned[long_one.id].start == rome(2026, 3, 25, 8)
    assert [plan.planned[t.id].start for t in short] == [rome(2026, 3, 23, 12), rome(2026, 3, 24, 8, 30)]


def test_a_late_test_goes_first_when_the_tests_before_it_can_wait_and_stay_on_time():
    """A chamber of two places: two 24-hour exposures ready on Tuesday (due Wednesday and Thursday)
    fill it from Tuesday 08:00, so plain EDD starts the 72-hour one, due Thursday, only on Friday,
    late. The improvement loads it on Monday first; the Thursday one waits until Wednesday, on time."""
    chamber = Machine(uuid.uuid4(), "NS-02", "Camera nebbia salina", "salt_spray", capacity=2, continuous=True)
    monday_7 = rome(2026, 3, 23, 7)
    wednesday = exposure(24, due_on=D(2026, 3, 25), released_at=monday_7, prep_min=25 * 60)
    thursday = exposure(24, due_on=D(2026, 3, 26), released_at=monday_7, prep_min=25 * 60)
    long_one = exposure(72, due_on=D(2026, 3, 26), released_at=rome(2026, 3, 23, 7, 30))
    state = lab(LabMachine(chamber, VALID))
    edd = make_plan(state, [wednesday, thursday, long_one], improve=False)
    assert [late.test_id for late in edd.late] == [long_one.id]
    plan = make_plan(state, [wednesday, thursday, long_one])
    assert not plan.late
    assert plan.planned[long_one.id].start == rome(2026, 3, 23, 8)
    assert plan.planned[wednesday.id].start == rome(2026, 3, 24, 8)
    assert plan.planned[thursday.id].start == rome(2026, 3, 25, 8)


def test_the_stable_window_is_the_next_working_days_today_included():
    assert stable_until(lab()) == rome(2026, 3, 25, 0)  # Monday: Monday and Tuesday
    assert stable_until(lab(now=rome(2026, 3, 28, 10))) == rome(2026, 4, 1, 0)  # Saturday: Monday and Tuesday
    assert stable_until(lab(now=rome(2026, 4, 3, 10))) == rome(2026, 4, 8, 0)  # Friday; Easter Monday is off


def test_a_slot_in_the_stable_window_stays_and_one_after_it_is_planned_again():
    soon = tensile(60, current=PlacedSlot(TENSILE.id, rome(2026, 3, 24, 15), rome(2026, 3, 24, 16),
                                          ANNA.schedule.staff_id))
    later = tensile(60, current=PlacedSlot(TENSILE.id, rome(2026, 3, 26, 15), rome(2026, 3, 26, 16)))
    urgent = tensile(60, priority=URGENT)
    plan = make_plan(lab(LabMachine(TENSILE, VALID)), [soon, later, urgent])
    assert plan.planned[soon.id].start == rome(2026, 3, 24, 15) and plan.planned[soon.id].kept
    assert plan.planned[urgent.id].start == rome(2026, 3, 23, 8)
    assert plan.planned[later.id].start == rome(2026, 3, 23, 9) and not plan.planned[later.id].kept


def test_a_chamber_is_unloaded_on_a_day_someone_authorised_is_there():
    away_wednesday = Technician(TechnicianSchedule(uuid.uuid4(), "Anna Bonfanti",
                                                   absences=(Period(D(2026, 3, 25), D(2026, 3, 25), "Corso"),)),
                                frozenset({"NSS"}))
    test = exposure(48)
    plan = make_plan(lab(LabMachine(CHAMBER, VALID), technicians=(away_wednesday,)), [test])
    assert plan.planned[test.id].start == rome(2026, 3, 24, 8)  # Monday's run would end on her day off
    assert plan.planned[test.id].end == rome(2026, 3, 26, 8)


def test_a_chamber_holds_its_capacity_and_the_next_test_waits_for_a_place():
    chamber = Machine(uuid.uuid4(), "NS-02", "Camera nebbia salina", "salt_spray", capacity=3, continuous=True)
    tests = [exposure(24, due_on=D(2026, 3, 26 + n)) for n in range(4)]
    plan = make_plan(lab(LabMachine(chamber, VALID)), tests)
    assert [plan.planned[t.id].start for t in tests] == [rome(2026, 3, 23, 8)] * 3 + [rome(2026, 3, 24, 8)]
