"""The date promised at the desk (`domain.lab.promise.promise_of`) for a new request of 6 tests (a
salt-spray exposure among them) on the loaded plan of 10,000 pending tests on 30 machines (the
seeded lab of bench.lab_schedule). The plan is made once (`make_plan`) and stored as the tests'
current slots; `load_plan` loads it (the intake screen's board, built in the background: its time
is printed in the note); then the promise is timed, p95 over many calls. Baseline, in the same
run: `make_plan` of the whole 10,006 tests, what a date would cost without the loaded plan.
Target: the promise under 50 ms. The seeded tests arrive over 90 days, so the machines are free
sooner than in the middle of the plan: each run also times the request as if released on day 45,
where the plan is busiest, and the figure is the slower of the two. The note says whether the
replan (the baseline) gives the new tests the same ends as the promise.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

from bench.context import Context, log
from bench.lab_instances import seeded_lab
from bench.table import Row, Stats, percentile

# (test type, machine kind, machine minutes, prep minutes) of the new request
_NEW = (("TENSILE_RT", "tensile", 45, 30), ("TENSILE_HT", "tensile", 150, 60), ("HARDNESS_HV", "hardness", 30, 15),
        ("CHARPY_KV", "pendulum", 60, 30), ("METALLOGRAPHY", "microscope", 120, 60),
        ("SALT_SPRAY_NSS", "salt_spray", 96 * 60, 0))


def measure(ctx: Context) -> list[Row]:
    from frontdesk.domain.lab.promise import line_id, promise_of
    from frontdesk.domain.lab.scheduler import NORMAL, PendingTest, PlacedSlot, load_plan, make_plan

    runs, calls = ctx.runs_for(quick=1, full=3), 50 if ctx.quick else 200
    state, pending = seeded_lab(15)
    plan = make_plan(state, pending)
    stored = []
    for test in pending:  # the stored plan: each test with its current slot
        slot = plan.planned.get(test.id)
        current = slot and PlacedSlot(slot.machine_id, slot.start, slot.end, slot.technician_id)
        stored.append(PendingTest(test.id, test.test_type, test.kind, test.machine_minutes, test.prep_min,
                                  test.priority, test.due_on, test.released_at, current=current))
    due = state.now.date() + dt.timedelta(days=20)
    new = [PendingTest(line_id(n), code, kind, minutes, prep, NORMAL, due, state.now)
           for n, (code, kind, minutes, prep) in enumerate(_NEW)]
    busy = [dataclasses.replace(t, released_at=state.now + dt.timedelta(days=45), due_on=due + dt.timedelta(days=45))
            for t in new]
    log(f"lab promise: {runs} runs x {calls} promises of 6 tests on {len(stored):,} planned tests ...")
    loads, promises, baseline, each = [], [], [], {"today": [], "day 45": []}
    for _run in range(runs):
        started = time.perf_counter()
        loaded = load_plan(state, stored)
        loads.append(time.perf_counter() - started)
        for name, request in (("today", new), ("day 45", busy)):
            times = []
            for _call in range(calls):
                started = time.perf_counter()
                shown = promise_of(loaded, request, due_on=request[0].due_on, lead_days=2)
                times.append(time.perf_counter() - started)
            each[name].append(percentile(times, 95))
        promises.append(max(each["today"][-1], each["day 45"][-1]))
        started = time.perf_counter()
        replan = make_plan(state, [*stored, *new])
        baseline.append(time.perf_counter() - started)
    promised = promise_of(loaded, new, due_on=due, lead_days=2)
    same = [line.end for line in promised.lines] == [replan.planned[t.id].end for t in new]
    ratio = Stats.of(baseline).median / Stats.of(promises).median
    note = (f"{len(stored):,} planned tests on {len(state.machines)} machines; load_plan (board build) "
            f"{Stats.of(loads).median * 1000:.0f} ms; p95 today {Stats.of(each['today']).median * 1000:.2f} ms, "
            f"released on day 45 {Stats.of(each['day 45']).median * 1000:.2f} ms (report day {shown.report_on}); "
            f"report day today {promised.report_on}, replan gives the same ends: {'yes' if same else 'no'}; "
            f"make_plan / promise = {ratio:.0f}x")
    log(f"lab promise: {note}")
    return [Row("promised date, 6 new tests on the loaded plan p95", Stats.of(promises),
                "make_plan of all 10,006 tests", Stats.of(baseline), target="< 50 ms", unit="ms", note=note)]
