"""The date promised at the desk (`domain.lab.promise.promise_of`) for a new request of 6 tests (a
salt-spray exposure among them) on the loaded plan of 10,000 pending tests on 30 machines (the
seeded lab of bench.lab_schedule). The plan is made once (`make_plan`) and stored as the tests'
current slots; `load_plan` loads it (the intake screen's board, built in the background: its time
is printed in the note); then the promise is timed, p95 over many calls. Baseline, in the same
run: `make_plan` of the whole 10,006 tests, what a date would cost without the loaded plan.
Target: the promise under 50 ms.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

from bench.context import Context, log
from bench.lab_schedule import seeded_lab
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
    log(f"lab promise: {runs} runs x {calls} promises of 6 tests on {len(stored):,} planned tests ...")
    loads, promises, baseline, shown = [], [], [], None
    for _run in range(runs):
        started = time.perf_counter()
        loaded = load_plan(state, stored)
        loads.append(time.perf_counter() - started)
        times = []
        for _call in range(calls):
            started = time.perf_counter()
            shown = promise_of(loaded, new, due_on=due, lead_days=2)
            times.append(time.perf_counter() - started)
        promises.append(percentile(times, 95))
        started = time.perf_counter()
        make_plan(state, [*stored, *(PendingTest(uuid.uuid4(), t.test_type, t.kind, t.machine_minutes, t.prep_min,
                                                 t.priority, t.due_on, t.released_at) for t in new)])
        baseline.append(time.perf_counter() - started)
    ratio = Stats.of(baseline).median / Stats.of(promises).median
    note = (f"{len(stored):,} planned tests on {len(state.machines)} machines; load_plan (board build) "
            f"{Stats.of(loads).median * 1000:.0f} ms; report day {shown.report_on}; make_plan / promise = {ratio:.0f}x")
    log(f"lab promise: {note}")
    return [Row("promised date, 6 new tests on the loaded plan p95", Stats.of(promises),
                "make_plan of all 10,006 tests", Stats.of(baseline), target="< 50 ms", unit="ms", note=note)]
