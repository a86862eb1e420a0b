"""The lab's automatic plan (`domain.lab.scheduler.make_plan`) of 10,000 pending tests on 30 machines
(five salt-spray chambers of 22 places among them) on a seeded instance loaded enough that plain
earliest-due-date placement misses some due dates. Baseline, in the same run: the same engine with
its improvement pass off (plain EDD). Target: the full plan under 2 s; the late counts of both are
printed in the note (the heuristic must meet more due dates than plain EDD). The instance comes
from `bench/lab_instances.py` (`LARGE`).
"""

from __future__ import annotations

import time

from bench.context import Context, log
from bench.lab_instances import seeded_lab
from bench.table import Row, Stats


def measure(ctx: Context) -> list[Row]:
    from frontdesk.domain.lab.scheduler import make_plan

    runs = ctx.runs_for(quick=1, full=3)
    state, pending = seeded_lab(15)
    make_plan(state, pending[:200])  # imports, holidays tables
    times, baseline, late, late_edd, unplaced = [], [], 0, 0, 0
    for _run in range(runs):
        started = time.perf_counter()
        plan = make_plan(state, pending)
        times.append(time.perf_counter() - started)
        started = time.perf_counter()
        edd = make_plan(state, pending, improve=False)
        baseline.append(time.perf_counter() - started)
        late, late_edd, unplaced = len(plan.late), len(edd.late), len(plan.unplaced)
    note = (f"{len(pending):,} tests on {len(state.machines)} machines; late: heuristic {late}, plain EDD "
            f"{late_edd}; unplaced {unplaced}")
    log(f"lab schedule: {note}")
    return [Row("lab plan of 10,000 tests on 30 machines", Stats.of(times), "same engine, plain EDD",
                Stats.of(baseline), target="< 2 s", note=note)]
