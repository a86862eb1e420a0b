"""The exact model of the lab plan's benchmark (bench/lab_schedule_optimum.py) on labs small enough
to solve by hand: it finds the known optimum, accepts the heuristic's plan, keeps the rules the
heuristic keeps (a chamber unloaded only when someone authorised is there, no end after the
calibration lapses), and the figure says it skips when OR-Tools is not installed.

The solver tests need OR-Tools, a benchmark-only extra (`pip install -e '.[solver]'`) that CI does
not install: there they are skipped, saying so."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
import uuid
from types import SimpleNamespace

import pytest

from bench import lab_schedule_optimum as optimum
from frontdesk.domain.clock import ROME
from frontdesk.domain.lab.calendar import LabCalendar, Period, TechnicianSchedule
from frontdesk.domain.lab.equipment import Machine
from frontdesk.domain.lab.scheduler import LabMachine, LabState, PendingTest, Technician, make_plan

MONDAY = dt.datetime(2026, 3, 23, 7, 0, tzinfo=ROME)  # before the lab opens at 08:00
TENSILE = Machine(uuid.UUID(int=1), "TR-01", "Zwick Z250", "tensile")
CHAMBER = Machine(uuid.UUID(int=2), "NS-01", "Camera nebbia salina", "salt_spray", capacity=2, continuous=True)
ANNA = TechnicianSchedule(uuid.UUID(int=3), "Anna Bonfanti", absences=(Period(dt.date(2026, 3, 31),
                                                                              dt.date(2026, 3, 31)),))
CREW = (Technician(ANNA, frozenset({"TENSILE", "NSS"})),)


@pytest.fixture
def cp_sat():
    pytest.importorskip("ortools", reason="OR-Tools is a benchmark-only extra ('.[solver]'), not installed in CI")


def lab(*machines: LabMachine) -> LabState:
    return LabState(LabCalendar(), machines, CREW, MONDAY, horizon_days=40)


def tensile(n: int, minutes: int) -> PendingTest:
    return PendingTest(uuid.UUID(int=100 + n), "TENSILE", "tensile", minutes, due_on=dt.date(2026, 3, 23))


def test_the_optimum_known_by_hand_is_found_and_the_heuristic_plan_fits_the_model(cp_sat):
    # Five tests due on Monday on one machine open 08:00-17:00 (540 minutes): 780 minutes in all, so
    # one must be late, and the four shortest fill the day exactly: the optimum is one late test.
    tests = [tensile(n, minutes) for n, minutes in enumerate((240, 60, 240, 120, 120))]
    state = lab(LabMachine(TENSILE, dt.date(2026, 12, 31)))
    rules = optimum.Rules(state)
    outcome = optimum.solve(rules, tests, limit=10)
    assert (outcome.status, outcome.late, outcome.bound) == ("OPTIMAL", 1, 1)
    late = [t for t in tests if t.id not in outcome.slots]
    assert [t.machine_minutes for t in late] == [240]
    minutes = {t.id: t.machine_minutes for t in tests}
    spans = sorted((start, start + minutes[test_id]) for test_id, (_machine, start) in outcome.slots.items())
    assert spans[0][0] == 60 and spans[-1][1] == 600  # from 08:00 to 17:00, one after the other
    assert all(one[1] <= other[0] for one, other in itertools.pairwise(spans))
    assert optimum.rule_problems(rules, tests, outcome.slots) == []

    plan = make_plan(state, tests)
    slots = {p.test_id: (p.machine_id, rules.minutes(p.start)) for p in plan.planned.values()}
    assert len(slots) == 5 and optimum.plan_problems(rules, tests, slots) == []
    on_time = {k: v for k, v in slots.items() if k not in {late.test_id for late in plan.late}}
    accepted = optimum.solve(rules, tests, hint=on_time, fixed=True, limit=10)
    assert accepted.late == len(plan.late) and accepted.slots == on_time


def test_the_model_refuses_what_the_rules_refuse(cp_sat):
    state = lab(LabMachine(TENSILE, dt.date(2026, 3, 24)), LabMachine(CHAMBER, dt.date(2026, 12, 31)))
    rules = optimum.Rules(state)
    # A 24-hour exposure loaded on Monday 30 March would be unloaded on Tuesday 31, when Anna, the only
    # one authorised, is absent: no start that day; Wednesday's loading is fine (Thursday unloading).
    exposure = PendingTest(uuid.UUID(int=200), "NSS", "salt_spray", 24 * 60, due_on=dt.date(2026, 4, 30))
    starts = rules.starts(state.machines[1], exposure, rules.end)
    monday_30 = rules.minutes(dt.datetime(2026, 3, 30, 10, 0, tzinfo=ROME))
    wednesday_1 = rules.minutes(dt.datetime(2026, 4, 1, 10, 0, tzinfo=ROME))
    assert not optimum._inside(starts, monday_30) and optimum._inside(starts, wednesday_1)
    # The tensile machine's calibration lapses at Tuesday's midnight: a test due later still cannot
    # run after it, so four 4-hour tests fit on Monday and Tuesday (two a day), the fifth is late.
    tests = [PendingTest(uuid.UUID(int=300 + n), "TENSILE", "tensile", 240, due_on=dt.date(2026, 4, 30))
             for n in range(5)]
    outcome = optimum.solve(rules, tests, limit=10)
    assert (outcome.status, outcome.late) == ("OPTIMAL", 1)
    assert max(start for _machine, start in outcome.slots.values()) + 240 <= rules.minutes(
        dt.datetime(2026, 3, 25, 0, 0, tzinfo=ROME))
    assert optimum.rule_problems(rules, tests, outcome.slots) == []


def test_without_ortools_the_figure_says_so_and_skips(monkeypatch):
    monkeypatch.setitem(sys.modules, "ortools", None)  # import ortools raises ImportError
    (row,) = optimum.measure(SimpleNamespace(runs_for=lambda quick, full: quick))
    assert row.value is None and "OR-Tools is not installed" in row.note and ".[solver]" in row.note
