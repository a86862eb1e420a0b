"""The lab plan beside the best possible plan: on 20 seeded instances of 100 tests (`lab_instances.SMALL`:
five machines, a salt-spray chamber of 5 places among them), the heuristic's late tests
(`make_plan`) beside the fewest possible, computed by OR-Tools CP-SAT: a benchmark-only extra
(`pip install -e '.[solver]'`, about 230 MB), never shipped with the app. Target: over the instances
the solver proves optimal within 60 s (2 workers), the heuristic's total at most 1.1 x the solver's
total + 2; the others are printed with the solver's bound. Without OR-Tools the figure says so.

The model holds the heuristic's rules for these instances (every test of normal priority, none
pinned or kept, so the urgent and stable rules restrict neither): a test runs on one active machine
of its kind, inside one working window of a day when a technician authorised for its type is
present (a one-at-a-time machine), or loaded and unloaded inside such windows (a chamber); it starts
once released and prepared, ends before the calibration lapses, clear of out-of-service periods; a
machine of capacity 1 takes one test at a time (NoOverlap), a chamber holds at most its capacity
(Cumulative). Only tests on time are placed: a late test can go after every due date, where it
takes nothing from the others, so leaving it out changes no count (checked on every instance: the
engine completes the solver's plan with every test placed). Time is whole minutes after `now`,
divided by the greatest common divisor of every duration and domain bound (5 minutes for hardness
tests, an hour for the chamber): the constraints are differences of such numbers, so an optimal
plan on that grid exists. The machine kinds share nothing, so each is its own model (see `solve`).

Three checks keep the model neither looser nor tighter than the rules: the heuristic's whole plan
meets the model's constraints (each start in its domain, each machine's capacity), the solver accepts
the heuristic's on-time tests as a solution when fixed to them, and every test of the solver's plan
passes the planning's own `check_slot` (working time, capacity, calibration, outages, technician)
with its release, preparation and due date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import time
import uuid
from dataclasses import dataclass

from bench.context import Context, log
from bench.lab_instances import SMALL, seeded_lab
from bench.table import Row, Stats

INSTANCES, TESTS, LIMIT_S, WORKERS = 20, 100, 60.0, 2
FIGURE = "late tests of the lab plan, 100 tests, instances proven optimal"
TIMES = "lab plan of 100 tests, 5 machines (heuristic)"


@dataclass(frozen=True)
class Choice:
    """A machine a test may run on, and its feasible starts there (inclusive minute intervals)."""

    machine_id: uuid.UUID
    starts: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Outcome:
    status: str  # OPTIMAL, FEASIBLE, or what else CP-SAT answers
    late: int | None  # the solver's best plan; None when it found none
    bound: int  # no plan has fewer late tests
    seconds: float
    slots: dict[uuid.UUID, tuple[uuid.UUID, int]]  # the on-time tests: machine, start minute


def _intersect(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        low, high = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if low <= high:
            out.append((low, high))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return out


def _remove(spans: list[tuple[int, int]], low: int, high: int) -> list[tuple[int, int]]:
    out = []
    for a, b in spans:
        if b < low or a > high:
            out.append((a, b))
            continue
        if a < low:
            out.append((a, low - 1))
        if b > high:
            out.append((high + 1, b))
    return out


class Rules:
    """The planning rules of one lab state as minutes after `now` (floored to the minute, as the
    engine does), written from the calendar's and the machines' own terms."""

    def __init__(self, state) -> None:
        from frontdesk.domain.lab.calendar import at_rome, rome_day_of

        self.state = state
        self.epoch = state.now.astimezone(dt.UTC).replace(second=0, microsecond=0)
        self.today = rome_day_of(self.epoch)
        self.end = self.minutes(at_rome(self.today + dt.timedelta(days=state.horizon_days + 1), dt.time(0)))
        self._windows: dict[uuid.UUID, list[tuple[int, int, dt.date]]] = {}
        self._staffed: dict[tuple[str, dt.date], bool] = {}

    def minutes(self, moment: dt.datetime) -> int:
        return int((moment - self.epoch).total_seconds() // 60)

    def moment(self, minutes: int) -> dt.datetime:
        return self.epoch + dt.timedelta(minutes=minutes)

    def windows(self, machine) -> list[tuple[int, int, dt.date]]:
        """The machine's working windows (open, close, day) on the lab's working days of the horizon."""
        from frontdesk.domain.lab.calendar import at_rome

        if machine.id not in self._windows:
            days = (self.today + dt.timedelta(days=n) for n in range(self.state.horizon_days + 1))
            self._windows[machine.id] = [
                (self.minutes(at_rome(day, machine.hours_from)), self.minutes(at_rome(day, machine.hours_to)), day)
                for day in days if machine.minutes_a_day() > 0 and machine.works_on(day)
                and self.state.calendar.is_working_day(day)]
        return self._windows[machine.id]

    def staffed(self, test_type: str, day: dt.date) -> bool:
        key = (test_type, day)
        if key not in self._staffed:
            self._staffed[key] = any(test_type in t.test_types and self.state.calendar.technician_absence(
                t.schedule, day) is None for t in self.state.technicians)
        return self._staffed[key]

    def ready(self, test) -> int:
        released = max(0, self.minutes(test.released_at)) if test.released_at else 0
        return released + test.prep_min

    def due(self, test) -> int | None:
        from frontdesk.domain.lab.calendar import at_rome

        return None if test.due_on is None else self.minutes(at_rome(test.due_on + dt.timedelta(days=1), dt.time(0)))

    def starts(self, item, test, until: int) -> list[tuple[int, int]]:
        """Every start of `test` on the machine `item` (a LabMachine) that the rules allow, ending by `until`."""
        from frontdesk.domain.lab.planning import calibration_lapses_at

        machine, minutes = item.machine, test.machine_minutes
        if not machine.active or machine.kind != test.kind or item.valid_until is None:
            return []
        last_end = min(until, self.minutes(calibration_lapses_at(item.valid_until)))
        windows = [(o, c) for o, c, day in self.windows(machine) if self.staffed(test.test_type, day)]
        if machine.continuous:  # loaded in one staffed window, unloaded in another
            spans = _intersect(windows, [(o - minutes, c - minutes) for o, c in windows])
        else:
            spans = [(o, c - minutes) for o, c in windows if c - minutes >= o]
        spans = _intersect(spans, [(self.ready(test), last_end - minutes)])
        for outage in item.outages:
            begins = self.minutes(outage.starts_at)
            ends = self.end if outage.ends_at is None else self.minutes(outage.ends_at)
            spans = _remove(spans, begins - minutes + 1, ends - 1)
        return spans


def _inside(spans: list[tuple[int, int]], value: int) -> bool:
    return any(a <= value <= b for a, b in spans)


def plan_problems(rules: Rules, tests, slots: dict[uuid.UUID, tuple[uuid.UUID, int]]) -> list[str]:
    """What in `slots` (test id -> machine, start minute) the model's constraints refuse: a start
    outside its domain, a machine over capacity. Empty when the plan is feasible for the model."""
    machines = {item.machine.id: item for item in rules.state.machines}
    by_id = {test.id: test for test in tests}
    problems, events = [], {}
    for test_id, (machine_id, start) in slots.items():
        test = by_id[test_id]
        if not _inside(rules.starts(machines[machine_id], test, rules.end), start):
            problems.append(f"{test.test_type} {test_id} may not start at minute {start} on "
                            f"{machines[machine_id].machine.code}")
        events.setdefault(machine_id, []).extend([(start, 1), (start + test.machine_minutes, -1)])
    for machine_id, moments in events.items():
        running = 0
        for moment, step in sorted(moments):  # an end before a start at the same minute
            running += step
            if running > machines[machine_id].machine.capacity:
                problems.append(f"{machines[machine_id].machine.code} over capacity at minute {moment}")
                break
    return problems


def choices(rules: Rules, tests) -> dict[uuid.UUID, list[Choice]]:
    """For each test with a due date, the machines it can run on and end on time, with the starts."""
    found = {}
    for test in tests:
        due = rules.due(test)
        if due is None:
            continue
        found[test.id] = [Choice(item.machine.id, tuple(spans)) for item in rules.state.machines
                          if (spans := rules.starts(item, test, due))]
    return found


def grid_of(tests, options: dict[uuid.UUID, list[Choice]]) -> int:
    """The greatest common divisor of every duration and domain bound: the model's unit of time."""
    grid = 0
    for test in tests:
        grid = math.gcd(grid, test.machine_minutes)
    for choice_list in options.values():
        for choice in choice_list:
            for low, high in choice.starts:
                grid = math.gcd(grid, low, high)
    return grid or 1


def _energy_limits(rules: Rules, by_id, options: dict[uuid.UUID, list[Choice]]):
    """Redundant limits that let the solver bound the late count: for each machine and each span from
    an earliest start to a latest end, the tests that can only run inside it fit in the machine time
    the span holds (times the capacity). Yields (machine id, test ids, minutes of machine time)."""
    machines = {item.machine.id: item.machine for item in rules.state.machines}
    spans: dict[uuid.UUID, list[tuple[int, int, uuid.UUID]]] = {}
    for test_id, choice_list in options.items():
        for choice in choice_list:
            spans.setdefault(choice.machine_id, []).append(
                (choice.starts[0][0], choice.starts[-1][1] + by_id[test_id].machine_minutes, test_id))
    for machine_id, items in spans.items():
        machine = machines[machine_id]
        windows = [(o, c) for o, c, _day in rules.windows(machine)]
        for first in sorted({begin for begin, _end, _test in items}):
            for last in sorted({end for _begin, end, _test in items if end > first}):
                members = [test for begin, end, test in items if begin >= first and end <= last]
                room = last - first if machine.continuous else sum(
                    max(0, min(c, last) - max(o, first)) for o, c in windows)
                if sum(by_id[t].machine_minutes for t in members) > machine.capacity * room:
                    yield machine_id, members, room


def solve(rules: Rules, tests, *, hint: dict[uuid.UUID, tuple[uuid.UUID, int]] | None = None,
          fixed: bool = False, limit: float = LIMIT_S, workers: int = WORKERS) -> Outcome:
    """The fewest late tests: CP-SAT over the tests with a due date. With `fixed`, the on-time tests
    of `hint` are imposed (a check that the model accepts them). The machine kinds share nothing (a
    technician is present or not, never booked up), so each kind is solved on its own: a first try
    each, then what is left of `limit` shared by those not proven optimal, started again from their
    best plan. The sum of the parts' optima is the optimum, of their bounds a bound."""
    kinds = sorted({test.kind for test in tests})
    parts: dict[str, Outcome] = {}
    started = time.perf_counter()
    for first_round in (True, False):  # a short try each, then the rest of the time to the unproven
        unproven = [kind for kind in kinds if kind not in parts or parts[kind].status != "OPTIMAL"]
        for n, kind in enumerate(unproven):
            left = limit - (time.perf_counter() - started)
            share = limit / (2 * len(kinds)) if first_round else left / (len(unproven) - n)
            outcome = _solve_kind(rules, [t for t in tests if t.kind == kind],
                                  hint if first_round else parts[kind].slots, fixed, max(share, 0.1), workers)
            parts[kind] = outcome if first_round else _best(parts[kind], outcome)
    found = all(part.late is not None for part in parts.values())
    statuses = {part.status for part in parts.values()}
    status = "OPTIMAL" if statuses == {"OPTIMAL"} else "FEASIBLE" if found else "UNKNOWN"
    return Outcome(status, sum(part.late for part in parts.values()) if found else None,
                   sum(part.bound for part in parts.values()), time.perf_counter() - started,
                   {k: v for part in parts.values() for k, v in part.slots.items()})


def _best(one: Outcome, other: Outcome) -> Outcome:
    """Two tries at one part: the better plan, the higher bound (optimal when they meet)."""
    bound = max(one.bound, other.bound)
    plan = other if other.late is not None and (one.late is None or other.late <= one.late) else one
    return Outcome("OPTIMAL" if plan.late == bound else plan.status, plan.late, bound, one.seconds + other.seconds,
                   plan.slots)


def _solve_kind(rules: Rules, tests, hint, fixed: bool, limit: float, workers: int) -> Outcome:
    from ortools.sat.python import cp_model

    options = choices(rules, tests)
    grid = grid_of(tests, options)
    model = cp_model.CpModel()
    capacity = {item.machine.id: item.machine.capacity for item in rules.state.machines}
    intervals: dict[uuid.UUID, list] = {}
    late, starts = [], {}
    by_id = {test.id: test for test in tests}
    for test_id, choice_list in options.items():
        size = by_id[test_id].machine_minutes // grid
        chosen = []
        for choice in choice_list:
            domain = cp_model.Domain.from_intervals([[a // grid, b // grid] for a, b in choice.starts])
            start = model.new_int_var_from_domain(domain, "")
            on = model.new_bool_var("")
            intervals.setdefault(choice.machine_id, []).append(
                model.new_optional_fixed_size_interval_var(start, size, on, ""))
            chosen.append(on)
            starts[(test_id, choice.machine_id)] = (on, start, choice.starts[0][0] // grid)
        late.append(model.new_bool_var(""))
        model.add_exactly_one([*chosen, late[-1]])
    for machine_id, machine_intervals in intervals.items():
        if capacity[machine_id] == 1:
            model.add_no_overlap(machine_intervals)
        else:
            model.add_cumulative(machine_intervals, [1] * len(machine_intervals), capacity[machine_id])
    for machine_id, members, room in _energy_limits(rules, by_id, options):
        model.add(sum(by_id[test_id].machine_minutes // grid * starts[(test_id, machine_id)][0]
                      for test_id in members) <= capacity[machine_id] * room // grid)
    model.minimize(sum(late))
    if hint is not None:
        for (test_id, machine_id), (on, start, first) in starts.items():
            slot = hint.get(test_id)
            chosen = slot is not None and slot[0] == machine_id
            assert not chosen or slot[1] % grid == 0, f"a hinted start off the {grid}-minute grid: {slot}"
            model.add_hint(on, chosen)
            model.add_hint(start, slot[1] // grid if chosen else first)
        for test_id, is_late in zip(options, late, strict=True):
            model.add_hint(is_late, test_id not in hint)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    solver.parameters.optimize_with_core = True  # raises the bound on a count of late tests far faster
    solver.parameters.cp_model_presolve = False  # it trades each test's late flag for 1 - sum(on), and loses its bound
    solver.parameters.fix_variables_to_their_hinted_value = fixed
    started = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    slots = {test_id: (machine_id, solver.value(start) * grid)
             for (test_id, machine_id), (on, start, _first) in starts.items() if found and solver.value(on)}
    return Outcome(solver.status_name(status), round(solver.objective_value) if found else None,
                   math.ceil(solver.best_objective_bound - 1e-6), seconds, slots)


def rule_problems(rules: Rules, tests, slots: dict[uuid.UUID, tuple[uuid.UUID, int]]) -> list[str]:
    """What the planning's own `check_slot` (and the release, preparation, due date and unloading
    technician) refuses in the on-time plan `slots`: empty when the solver kept every rule."""
    from frontdesk.domain.lab.calendar import rome_day_of
    from frontdesk.domain.lab.planning import Booking, SlotRefused, TestNeeds, check_slot

    machines = {item.machine.id: item for item in rules.state.machines}
    by_id = {test.id: test for test in tests}
    bookings: dict[uuid.UUID, list[Booking]] = {}
    for test_id, (machine_id, start) in slots.items():
        bookings.setdefault(machine_id, []).append(Booking(test_id, rules.moment(start), rules.moment(
            start + by_id[test_id].machine_minutes)))
    problems = []
    for test_id, (machine_id, start) in slots.items():
        test, item = by_id[test_id], machines[machine_id]
        begins, ends = rules.moment(start), rules.moment(start + test.machine_minutes)
        day = rome_day_of(begins)
        crew = next((t for t in rules.state.technicians if test.test_type in t.test_types
                     and rules.state.calendar.technician_absence(t.schedule, day) is None), None)
        try:
            check_slot(test=TestNeeds(test.id, test.kind, test.machine_minutes, test.prep_min), machine=item.machine,
                       start=begins, calendar=rules.state.calendar, bookings=bookings[machine_id],
                       valid_until=item.valid_until, outages=item.outages, technician=crew and crew.schedule,
                       authorised=crew is not None)
        except SlotRefused as refused:
            problems.append(f"{test.test_type} {test_id} at {begins:%Y-%m-%d %H:%M}: {refused.rule}")
        if start < rules.ready(test) or start + test.machine_minutes > rules.due(test):
            problems.append(f"{test.test_type} {test_id} before its release and preparation, or late")
        if item.machine.continuous and not rules.staffed(test.test_type, rome_day_of(ends)):
            problems.append(f"{test.test_type} {test_id}: nobody to unload it on {rome_day_of(ends)}")
    return problems


def _slots(rules: Rules, plan) -> dict[uuid.UUID, tuple[uuid.UUID, int]]:
    return {p.test_id: (p.machine_id, rules.minutes(p.start)) for p in plan.planned.values()}


@dataclass(frozen=True)
class Compared:
    seed: int
    heuristic: int  # late tests of make_plan
    edd: int  # late tests of plain EDD (the engine without its improvement pass)
    heuristic_s: float
    outcome: Outcome
    completed: int  # late tests once the engine places the solver's late tests around its on-time ones


def compare(seed: int, *, limit: float = LIMIT_S, tests: int = TESTS) -> Compared:
    """One instance: the heuristic's plan, the solver's, and the checks (AssertionError when one fails)."""
    from frontdesk.domain.lab.scheduler import PlacedSlot, make_plan

    state, pending = seeded_lab(seed, tests, SMALL)
    rules = Rules(state)
    started = time.perf_counter()
    plan = make_plan(state, pending)
    heuristic_s = time.perf_counter() - started
    edd = make_plan(state, pending, improve=False)
    assert not plan.unplaced, f"seed {seed}: the heuristic left {len(plan.unplaced)} tests unplaced"
    problems = plan_problems(rules, pending, _slots(rules, plan))
    assert not problems, f"seed {seed}: the heuristic's plan breaks the model: {problems[:3]}"
    late_ids = {late.test_id for late in plan.late}
    on_time = {k: v for k, v in _slots(rules, plan).items() if k not in late_ids}
    accepted = solve(rules, pending, hint=on_time, fixed=True, limit=limit)
    assert accepted.late == len(plan.late), (
        f"seed {seed}: the model refuses the heuristic's on-time tests ({accepted.status})")
    outcome = solve(rules, pending, hint=on_time, limit=limit)
    assert outcome.late is not None, f"seed {seed}: no plan found in {limit:.0f} s ({outcome.status})"
    problems = rule_problems(rules, pending, outcome.slots)
    assert not problems, f"seed {seed}: the solver's plan breaks the rules: {problems[:3]}"
    pinned = [dataclasses.replace(t, pinned=PlacedSlot(outcome.slots[t.id][0], rules.moment(outcome.slots[t.id][1]),
                                                       rules.moment(outcome.slots[t.id][1] + t.machine_minutes)))
              if t.id in outcome.slots else t for t in pending]
    completed = make_plan(state, pinned)
    assert not completed.unplaced and len(completed.late) >= outcome.bound, (
        f"seed {seed}: the solver's plan cannot be completed ({len(completed.unplaced)} unplaced, "
        f"{len(completed.late)} late, bound {outcome.bound})")
    return Compared(seed, len(plan.late), len(edd.late), heuristic_s, outcome, len(completed.late))


def summary(results: list[Compared]) -> tuple[int, int, str]:
    """The totals over the instances proven optimal (heuristic, solver) and the note: the check,
    then the others with the solver's bound."""
    proven = [r for r in results if r.outcome.status == "OPTIMAL"]
    heuristic, optimum = sum(r.heuristic for r in proven), sum(r.outcome.late for r in proven)
    allowed = 1.1 * optimum + 2
    note = (f"{len(proven)} of {len(results)} instances proven optimal in {LIMIT_S:.0f} s: heuristic {heuristic} "
            f"late, optimum {optimum} (plain EDD {sum(r.edd for r in proven)}); target {heuristic} <= 1.1 x "
            f"{optimum} + 2 = {allowed:.1f}: {'met' if heuristic <= allowed else 'NOT met'}")
    others = [f"seed {r.seed}: heuristic {r.heuristic}, solver {r.outcome.late} ({r.outcome.status}), bound "
              f"{r.outcome.bound}" for r in results if r.outcome.status != "OPTIMAL"]
    if others:
        note += "; not proven: " + "; ".join(others)
    return heuristic, optimum, note


def measure(ctx: Context) -> list[Row]:
    try:
        import ortools  # noqa: F401
    except ImportError:
        log("lab schedule optimum: skipped, OR-Tools is not installed (pip install -e '.[solver]')")
        return [Row(FIGURE, None, note="skipped: OR-Tools is not installed (benchmark-only extra: "
                    "pip install -e '.[solver]')")]
    count = ctx.runs_for(quick=3, full=INSTANCES)
    results = []
    for seed in range(1, count + 1):
        result = compare(seed)
        results.append(result)
        log(f"lab optimum seed {seed:2d}: heuristic {result.heuristic:2d} late (EDD {result.edd:2d}), solver "
            f"{result.outcome.late:2d} {result.outcome.status} bound {result.outcome.bound:2d} in "
            f"{result.outcome.seconds:5.1f} s, diff {result.heuristic - result.outcome.late:+d}")
    heuristic, optimum, note = summary(results)
    log(f"lab schedule optimum: {note}")
    per_instance = ", ".join(f"{r.heuristic}/{r.outcome.late}{'' if r.outcome.status == 'OPTIMAL' else '?'}"
                             for r in results)
    return [Row(FIGURE, Stats.of([heuristic]), "1.1 x CP-SAT optimum + 2", Stats.of([1.1 * optimum + 2]),
                target="<= 1x", unit="late", note=note),
            Row(TIMES, Stats.of([r.heuristic_s for r in results]), "CP-SAT, 2 workers, 60 s limit",
                Stats.of([r.outcome.seconds for r in results]), unit="ms",
                note=f"late per instance, heuristic/optimum (? not proven): {per_instance}")]
