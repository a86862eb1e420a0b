"""The automatic plan against the planning rules, on random labs (hypothesis): every slot passes
`planning.check_slot` (kind, working days and hours, unloading, capacity, calibration, out of
service, the technician) and starts after preparation; no normal test takes a slot an urgent one
could have used; pinned tests and tests in the stable window keep their slots when a request arrives."""

from __future__ import annotations

import datetime as dt
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdesk.domain.clock import ROME
from frontdesk.domain.lab import planning as p
from frontdesk.domain.lab.calendar import LabCalendar, Period, TechnicianSchedule
from frontdesk.domain.lab.equipment import Machine
from frontdesk.domain.lab.scheduler import (
    NORMAL,
    URGENT,
    LabMachine,
    LabState,
    PendingTest,
    PlacedSlot,
    Technician,
    make_plan,
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TYPES = {"TENSILE": "tensile", "CHARPY": "tensile", "NSS": "salt_spray"}
HORIZON = 45
uuids = st.uuids()


@st.composite
def labs(draw) -> LabState:
    day = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 700)))
    now = dt.datetime.combine(day, dt.time(draw(st.integers(0, 23)), draw(st.sampled_from((0, 17, 30)))),
                              tzinfo=ROME)
    closures = tuple(Period(day + dt.timedelta(days=d), day + dt.timedelta(days=d + n), "Chiusura")
                     for d, n in draw(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4)), max_size=2)))
    calendar = LabCalendar(patron_day=draw(st.sampled_from(("03-19", "06-24", "12-07"))), closures=closures)
    machines = []
    for kind in ("tensile", "salt_spray"):
        for n in range(draw(st.integers(0 if kind == "salt_spray" else 1, 2))):
            start = draw(st.integers(6, 10))
            machine = Machine(draw(uuids), f"{kind[:2].upper()}-{n}", kind, kind,
                              capacity=draw(st.integers(1, 3)) if kind == "salt_spray" else 1,
                              continuous=kind == "salt_spray",
                              hours_from=dt.time(start, draw(st.sampled_from((0, 30)))),
                              hours_to=dt.time(draw(st.integers(start + 3, 19)), 0),
                              weekdays=draw(st.sampled_from(("12345", "1234", "135", "123456"))))
            valid = draw(st.sampled_from((None, -2, 3, 20, 90, 90, 90, 90))) if draw(st.booleans()) else 90
            valid = None if valid is None else day + dt.timedelta(days=valid)
            outages = tuple(p.Outage(now + dt.timedelta(hours=h), None if n_h is None else
                                     now + dt.timedelta(hours=h + n_h), "Guasto")
                            for h, n_h in draw(st.lists(st.tuples(st.integers(0, 400),
                                                                  st.none() | st.integers(1, 200)), max_size=2)))
            machines.append(LabMachine(machine, valid, outages))
    technicians = tuple(
        Technician(TechnicianSchedule(draw(uuids), f"T{n}", weekdays=draw(st.sampled_from(("12345", "24", "135"))),
                                      absences=tuple(Period(day + dt.timedelta(days=d), day + dt.timedelta(days=d + k))
                                                     for d, k in draw(st.lists(st.tuples(st.integers(0, 20),
                                                                                         st.integers(0, 6)),
                                                                               max_size=2)))),
                   frozenset(TYPES) if n == 0 else frozenset(draw(st.sets(st.sampled_from(sorted(TYPES)), min_size=1))))
        for n in range(draw(st.integers(1, 3))))
    return LabState(calendar, tuple(machines), technicians, now, stable_days=draw(st.integers(1, 3)),
                    horizon_days=HORIZON)


@st.composite
def requests(draw, now: dt.datetime, size: int = 10, due_days: int = 20) -> list[PendingTest]:
    tests = []
    for _n in range(draw(st.integers(1, size))):
        code = draw(st.sampled_from(sorted(TYPES)))
        minutes = draw(st.integers(60, 3000) if TYPES[code] == "salt_spray" else st.integers(10, 300))
        released = now + dt.timedelta(minutes=draw(st.integers(-600, 6000)))
        tests.append(PendingTest(draw(uuids), code, TYPES[code], minutes, draw(st.integers(0, 120)),
                                 draw(st.sampled_from((NORMAL, NORMAL, URGENT))),
                                 draw(st.none() | st.integers(0, due_days).map(
                                     lambda d, r=released: r.date() + dt.timedelta(days=d))), released))
    return tests


def _bookings(plan, machine_id, but: uuid.UUID | None = None) -> list[p.Booking]:
    return [p.Booking(t.test_id, t.start, t.end) for t in plan.planned.values()
            if t.machine_id == machine_id and t.test_id != but]


def fits(state: LabState, test: PendingTest, item: LabMachine, start: dt.datetime, bookings) -> bool:
    """Whether `test` may run on the machine from `start` by the planning's own rules, with some
    technician authorised and present (for a chamber: on the loading and the unloading day)."""
    needs = p.TestNeeds(test.id, test.kind, test.machine_minutes, test.prep_min)
    staff = [t.schedule for t in state.technicians if test.test_type in t.test_types]
    for person in staff:
        try:
            slot = p.check_slot(test=needs, machine=item.machine, start=start, calendar=state.calendar,
                                bookings=bookings, valid_until=item.valid_until, outages=item.outages,
                                technician=person, authorised=True)
        except p.SlotRefused:
            continue
        if not item.machine.continuous:
            return True
        unload = p.rome_day_of(slot.end)
        return any(state.calendar.technician_absence(other, unload) is None for other in staff)
    return False


def ready(state: LabState, test: PendingTest) -> dt.datetime:
    now = state.now.astimezone(dt.UTC).replace(second=0, microsecond=0)
    return max(now, test.released_at) + dt.timedelta(minutes=test.prep_min)


def check_rules(state: LabState, tests: list[PendingTest], plan) -> None:
    machines = {m.machine.id: m for m in state.machines}
    by_id = {t.id: t for t in tests}
    assert set(plan.planned) | {u.test_id for u in plan.unplaced} == set(by_id)
    for planned in plan.planned.values():
        test = by_id[planned.test_id]
        if planned.kept:
            continue
        item = machines[planned.machine_id]
        assert planned.start >= ready(state, test), "started before preparation was done"
        assert fits(state, test, item, planned.start, _bookings(plan, item.machine.id, test.id))
        person = next(t for t in state.technicians if t.schedule.staff_id == planned.technician_id)
        assert test.test_type in person.test_types  # a chamber's: who loads it, present on the loading day
        assert state.calendar.technician_absence(person.schedule, p.rome_day_of(planned.start)) is None


def check_urgent_rule(state: LabState, tests: list[PendingTest], plan) -> None:
    """No normal test starts earlier than an urgent one on a slot the urgent one could have used
    among the kept and urgent tests."""
    machines = {m.machine.id: m for m in state.machines}
    by_id = {t.id: t for t in tests}
    ahead = [t for t in plan.planned.values() if t.kept or by_id[t.test_id].priority == URGENT]
    urgent = [t for t in tests if t.priority == URGENT and not (t.id in plan.planned and plan.planned[t.id].kept)]
    for normal in plan.planned.values():
        n_test = by_id[normal.test_id]
        if normal.kept or n_test.priority == URGENT:
            continue
        for u_test in urgent:
            u_start = plan.planned[u_test.id].start if u_test.id in plan.planned else None
            if u_test.kind != n_test.kind or (u_start is not None and u_start <= normal.start) \
                    or normal.start < ready(state, u_test):
                continue
            others = [p.Booking(t.test_id, t.start, t.end) for t in ahead
                      if t.machine_id == normal.machine_id and t.test_id != u_test.id]
            assert not fits(state, u_test, machines[normal.machine_id], normal.start, others), \
                "a normal test took a slot an urgent one could have used"


@SETTINGS
@given(st.data())
def test_every_slot_keeps_every_rule_and_the_urgent_rule(data):
    state = data.draw(labs())
    tests = data.draw(requests(state.now, 12))
    for improve in (True, False):
        plan = make_plan(state, tests, improve=improve)
        check_rules(state, tests, plan)
        check_urgent_rule(state, tests, plan)
        for late in plan.late:
            assert plan.planned[late.test_id].end > dt.datetime.combine(
                late.due_on + dt.timedelta(days=1), dt.time(0), tzinfo=ROME)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_on_a_crowded_lab_moving_late_tests_keeps_every_rule(data):
    """Many tests due within days: late tests take the place of longer ones (the improvement pass)."""
    state = data.draw(labs())
    tests = data.draw(requests(state.now, 30, due_days=3))
    plan = make_plan(state, tests)
    check_rules(state, tests, plan)
    check_urgent_rule(state, tests, plan)


@SETTINGS
@given(st.data())
def test_pinned_and_stable_tests_keep_their_slots_when_a_request_arrives(data):
    state = data.draw(labs())
    tests = data.draw(requests(state.now, 8))
    first = make_plan(state, tests)
    pinned = data.draw(st.sets(st.sampled_from(sorted(first.planned)) if first.planned else st.nothing()))
    again = []
    for test in tests:
        slot = first.planned.get(test.id)
        placed = slot and PlacedSlot(slot.machine_id, slot.start, slot.end, slot.technician_id)
        again.append(PendingTest(test.id, test.test_type, test.kind, test.machine_minutes, test.prep_min,
                                 test.priority, test.due_on, test.released_at,
                                 pinned=placed if test.id in pinned else None, current=placed))
    arriving = data.draw(requests(state.now, 6))
    second = make_plan(state, again + arriving)
    check_rules(state, again + arriving, second)
    working, day = 0, state.now.date()
    while working < state.stable_days:  # the next stable_days working days, today included
        working += state.calendar.is_working_day(day)
        day += dt.timedelta(days=1)
    stable_until = dt.datetime.combine(day, dt.time(0), tzinfo=ROME)
    for test in again:
        if test.current and (test.pinned or test.current.start < stable_until):
            kept = second.planned[test.id]
            assert (kept.machine_id, kept.start, kept.end) == (test.current.machine_id, test.current.start,
                                                                 test.current.end)
            assert kept.kept and kept.technician_id == test.current.technician_id
