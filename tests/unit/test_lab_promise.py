"""The date promised at the desk (domain.lab.promise, scheduler.load_plan / LoadedPlan.tentative): new
tests placed tentatively where make_plan would put them on that load, the loaded plan unchanged
after, urgent tests passing normal ones outside the stable window but not kept ones, the report-day
rule over weekends, holidays and closures, a test no machine can run, and (hypothesis) every
tentative slot keeping the planning rules against the loaded bookings."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_lab_scheduler_properties import fits, labs, ready, requests

from frontdesk.domain.clock import ROME
from frontdesk.domain.lab import planning as p
from frontdesk.domain.lab.calendar import LabCalendar, Period, TechnicianSchedule
from frontdesk.domain.lab.equipment import Machine
from frontdesk.domain.lab.promise import line_id, promise_of, report_day
from frontdesk.domain.lab.scheduler import (
    NORMAL,
    URGENT,
    LabMachine,
    LabState,
    PendingTest,
    PlacedSlot,
    Planned,
    Technician,
    Unplaced,
    load_plan,
    make_plan,
    stable_until,
)
from frontdesk.i18n import set_language

MONDAY = dt.datetime(2027, 3, 1, 7, 0, tzinfo=ROME)  # a Monday; 19 March (the patron) far away
TR = uuid.UUID(int=1001)
NS = uuid.UUID(int=1002)
ANNA = uuid.UUID(int=2001)


def lab(now: dt.datetime = MONDAY, *, stable_days: int = 1) -> LabState:
    valid = dt.date(2028, 1, 1)
    machines = (LabMachine(Machine(TR, "TR-01", "Trazione", "tensile"), valid),
                LabMachine(Machine(NS, "NS-01", "Camera", "salt_spray", capacity=2, continuous=True), valid))
    anna = Technician(TechnicianSchedule(ANNA, "Anna Bonfanti"), frozenset({"TENSILE", "NSS"}))
    return LabState(LabCalendar(), machines, (anna,), now, stable_days=stable_days, horizon_days=60)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=ROME)


def slotted(n: int, start: dt.datetime, minutes: int, *, priority: str = NORMAL, pinned: bool = False,
            machine: uuid.UUID = TR, code: str = "TENSILE", kind: str = "tensile") -> PendingTest:
    slot = PlacedSlot(machine, start, start + dt.timedelta(minutes=minutes), ANNA)
    return PendingTest(uuid.UUID(int=n), code, kind, minutes, 0, priority, None, MONDAY,
                       pinned=slot if pinned else None, current=slot)


def new(n: int, minutes: int = 120, *, priority: str = NORMAL, code: str = "TENSILE", kind: str = "tensile",
        due_on: dt.date | None = None, prep: int = 0) -> PendingTest:
    return PendingTest(line_id(n), code, kind, minutes, prep, priority, due_on, MONDAY)


def test_the_tentative_slot_is_the_one_make_plan_gives_a_new_test_on_that_load():
    state = lab()
    existing = [slotted(1, at(1, 8), 240, pinned=True), slotted(2, at(1, 13), 180, pinned=True),
                slotted(3, at(2, 8), 60, pinned=True), slotted(4, at(1, 9), 1440, machine=NS, code="NSS",
                                                                  kind="salt_spray", pinned=True),
                slotted(5, at(1, 9), 2880, machine=NS, code="NSS", kind="salt_spray", pinned=True)]
    asked = [new(0, 60, prep=30), new(1, 180), new(2, 1440, code="NSS", kind="salt_spray")]
    found = load_plan(state, existing).tentative(asked)
    plan = make_plan(state, existing + asked)
    for test in asked:
        got, want = found[test.id], plan.planned[test.id]
        assert (got.machine_id, got.start, got.end) == (want.machine_id, want.start, want.end)
    assert found[line_id(0)].start == at(1, 12)  # between the two morning tests, once prepared
    assert found[line_id(1)].start == at(2, 9)  # Monday afternoon is full; Tuesday after test 3
    assert found[line_id(2)].start == at(2, 9)  # the chamber's two places free when test 4 is unloaded


def test_the_loaded_plan_is_the_same_after_a_tentative_placement():
    loaded = load_plan(lab(), [slotted(1, at(1, 8), 240, pinned=True)])
    lanes = {m: (lane.times[:], lane.load[:]) for m, lane in loaded._full.lanes.items()}
    first = loaded.tentative([new(0, 60)])
    loaded.tentative([new(0, 300), new(1, 300), new(2, 300), new(3, 2000, code="NSS", kind="salt_spray")])
    assert loaded.tentative([new(0, 60)]) == first
    assert {m: (lane.times, lane.load) for m, lane in loaded._full.lanes.items()} == lanes
    assert first[line_id(0)].start == at(1, 12)


def test_an_urgent_request_passes_normal_tests_outside_the_stable_window_but_not_kept_ones():
    # Monday (the stable window: one working day) holds a normal test, Tuesday a pinned one,
    # Wednesday a normal one planned, Thursday an urgent one: each a whole working day.
    day = 540
    existing = [slotted(1, at(1, 8), day), slotted(2, at(2, 8), day, pinned=True), slotted(3, at(3, 8), day),
                slotted(4, at(4, 8), day, priority=URGENT)]
    loaded = load_plan(lab(), existing)
    urgent = loaded.tentative([new(0, day, priority=URGENT)])[line_id(0)]
    normal = loaded.tentative([new(0, day)])[line_id(0)]
    assert urgent.start == at(3, 8)  # passes Wednesday's normal test, not Monday's, Tuesday's nor Thursday's
    assert normal.start == at(5, 8)  # after everything: Friday
    assert make_plan(lab(), [*existing, new(0, day, priority=URGENT)]).planned[line_id(0)].start == urgent.start


def test_a_request_of_both_priorities_places_normal_tests_behind_its_urgent_ones():
    loaded = load_plan(lab(), [slotted(1, at(1, 8), 540)])
    found = loaded.tentative([new(0, 540), new(1, 540, priority=URGENT)])
    assert found[line_id(1)].start == at(2, 8) and found[line_id(0)].start == at(3, 8)


def test_tests_without_a_slot_take_their_place_before_the_new_request():
    waiting = PendingTest(uuid.UUID(int=9), "TENSILE", "tensile", 540, 0, NORMAL, None, MONDAY)
    loaded = load_plan(lab(), [waiting])
    assert loaded.tentative([new(0, 540)])[line_id(0)].start == at(2, 8)


def test_the_report_day_skips_weekends_holidays_and_closures():
    calendar = LabCalendar(closures=(Period(dt.date(2026, 12, 24), dt.date(2026, 12, 31), "Chiusura natalizia"),))
    friday = dt.datetime(2026, 12, 4, 15, 0, tzinfo=ROME)
    assert report_day(friday, lead_days=2, calendar=calendar) == dt.date(2026, 12, 9)  # weekend, 8 Dec holiday
    assert report_day(friday, lead_days=0, calendar=calendar) == dt.date(2026, 12, 4)
    saturday = dt.datetime(2026, 12, 4, 23, 30, tzinfo=dt.UTC)  # 00:30 on Saturday in Rome
    assert report_day(saturday, lead_days=0, calendar=calendar) == dt.date(2026, 12, 7)
    assert report_day(saturday, lead_days=1, calendar=calendar) == dt.date(2026, 12, 9)
    before_closure = dt.datetime(2026, 12, 23, 11, 0, tzinfo=ROME)
    assert report_day(before_closure, lead_days=1, calendar=calendar) == dt.date(2027, 1, 4)  # closure, 1 Jan
    assert report_day(before_closure, lead_days=2, calendar=calendar) == dt.date(2027, 1, 5)
    assert report_day(before_closure, lead_days=3, calendar=calendar) == dt.date(2027, 1, 7)  # 6 Jan holiday


def test_the_request_is_promised_from_its_last_test_and_says_how_late_it_is():
    loaded = load_plan(lab(), [slotted(1, at(1, 8), 540)])
    promise = promise_of(loaded, [new(0, 60), new(1, 96 * 60, code="NSS", kind="salt_spray")],
                         due_on=dt.date(2027, 3, 3), lead_days=2)
    first, chamber = promise.lines
    assert first.end == at(2, 9) and first.report_on == dt.date(2027, 3, 4)
    assert chamber.end == at(5, 8) and chamber.report_on == dt.date(2027, 3, 9)  # Friday + weekend + 2
    assert promise.report_on == dt.date(2027, 3, 9) and promise.days_late == 6 and not promise.meets_due
    on_time = promise_of(loaded, [new(0, 60)], due_on=dt.date(2027, 3, 4), lead_days=2)
    assert on_time.meets_due and on_time.days_late == 0 and on_time.reason == ""


def test_a_test_no_machine_can_run_gives_its_reason_and_the_request_no_date():
    loaded = load_plan(lab(), [])
    promise = promise_of(loaded, [new(0, 60), new(1, 30, code="CHARPY", kind="pendulum"),
                                  "The test XRF is not in the lab's catalogue."], due_on=None, lead_days=2)
    placed, pendulum, unknown = promise.lines
    assert placed.report_on is not None and pendulum.end is None and "pendulum" in pendulum.reason
    assert unknown.reason == "The test XRF is not in the lab's catalogue."
    assert promise.report_on is None and promise.reason.startswith("Date cannot be guaranteed: No machine")
    assert not promise.meets_due and promise.days_late == 0
    assert isinstance(loaded.tentative([new(0, 30, code="CHARPY", kind="pendulum")])[line_id(0)], Unplaced)
    set_language("it")
    try:
        again = promise_of(loaded, [new(1, 30, code="CHARPY", kind="pendulum")], due_on=None, lead_days=2)
        assert again.reason.startswith("Data non garantibile: Nessuno strumento")
    finally:
        set_language("en")


def test_no_test_asked_promises_nothing():
    promise = promise_of(load_plan(lab(), []), [], due_on=None, lead_days=2)
    assert promise.lines == () and promise.report_on is None and promise.reason == ""


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_tentative_slot_keeps_the_rules_against_the_loaded_bookings(data):
    state = data.draw(labs())
    tests = data.draw(requests(state.now, 10))
    plan = make_plan(state, tests)
    stored = []
    for test in tests:
        slot = plan.planned.get(test.id)
        current = slot and PlacedSlot(slot.machine_id, slot.start, slot.end, slot.technician_id)
        stored.append(PendingTest(test.id, test.test_type, test.kind, test.machine_minutes, test.prep_min,
                                  test.priority, test.due_on, test.released_at, current=current))
    loaded = load_plan(state, stored)
    arriving = [PendingTest(line_id(n), t.test_type, t.kind, t.machine_minutes, t.prep_min, t.priority, t.due_on,
                            state.now) for n, t in enumerate(data.draw(requests(state.now, 6)))]
    found = loaded.tentative(arriving)
    assert loaded.tentative(arriving) == found
    frozen_until = stable_until(state)
    by_id = {t.id: t for t in [*stored, *arriving]}
    machines = {m.machine.id: m for m in state.machines}
    placed = {k: v for k, v in found.items() if isinstance(v, Planned)}
    for test in arriving:
        slot = found[test.id]
        if not isinstance(slot, Planned):
            continue
        urgent = test.priority == URGENT
        others = [t for t in [*plan.planned.values(), *placed.values()]
                  if t.machine_id == slot.machine_id and t.test_id != test.id
                  and (not urgent or by_id[t.test_id].priority == URGENT or t.start < frozen_until)]
        bookings = [p.Booking(t.test_id, t.start, t.end) for t in others]
        assert slot.start >= ready(state, test)
        assert fits(state, test, machines[slot.machine_id], slot.start, bookings)
