"""The lab's automatic plan (`domain.lab.scheduler.make_plan`) of 10,000 pending tests on 30 machines
(five salt-spray chambers of 22 places among them) on a seeded instance loaded enough that plain
earliest-due-date placement misses some due dates. Baseline, in the same run: the same engine with
its improvement pass off (plain EDD). Target: the full plan under 2 s; the late counts of both are
printed in the note (the heuristic must meet more due dates than plain EDD).
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid

from bench.context import Context, log
from bench.table import Row, Stats

# kind, machines, capacity, continuous, test types as (code, machine minutes, prep minutes)
_KINDS = (
    ("tensile", 8, 1, False, (("TENSILE_RT", 45, 30), ("TENSILE_HT", 150, 60))),
    ("hardness", 6, 1, False, (("HARDNESS_HBW", 20, 15), ("HARDNESS_HV", 30, 15))),
    ("pendulum", 5, 1, False, (("CHARPY_KV", 60, 30),)),
    ("microscope", 6, 1, False, (("METALLOGRAPHY", 120, 60),)),
    ("salt_spray", 5, 22, True, (("SALT_SPRAY_NSS", 24 * 60, 0), ("SALT_SPRAY_168", 168 * 60, 0))),
)


def seeded_lab(seed: int, tests: int = 10_000):
    """A lab of 30 machines, eight technicians, and `tests` pending tests with due dates (seeded)."""
    from frontdesk.domain.lab.calendar import LabCalendar, Period, TechnicianSchedule
    from frontdesk.domain.lab.equipment import Machine
    from frontdesk.domain.lab.scheduler import NORMAL, URGENT, LabMachine, LabState, PendingTest, Technician

    rng = random.Random(seed)
    now = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)
    calendar = LabCalendar(closures=(Period(dt.date(2026, 12, 24), dt.date(2026, 12, 31), "Chiusura natalizia"),))
    machines, types = [], []
    for kind, count, capacity, continuous, kind_types in _KINDS:
        for n in range(count):
            machine = Machine(uuid.UUID(int=rng.getrandbits(128)), f"{kind[:2].upper()}-{n:02d}", kind, kind,
                              capacity=capacity, continuous=continuous)
            machines.append(LabMachine(machine, dt.date(2027, 1, 1) + dt.timedelta(days=rng.randrange(60, 400))))
        types += [(code, kind, minutes, prep) for code, minutes, prep in kind_types]
    codes = frozenset(code for code, *_rest in types)
    technicians = tuple(Technician(TechnicianSchedule(uuid.UUID(int=rng.getrandbits(128)), f"Tecnico {n}"),
                                   codes) for n in range(8))
    pending = []
    for _n in range(tests):
        code, kind, minutes, prep = rng.choice(types)
        released = now + dt.timedelta(days=rng.randrange(0, 90), hours=rng.randrange(0, 24))
        due = released.date() + dt.timedelta(days=rng.randrange(6, 30) + minutes // (60 * 24))
        pending.append(PendingTest(uuid.UUID(int=rng.getrandbits(128)), code, kind, minutes, prep,
                                   URGENT if rng.random() < 0.05 else NORMAL, due, released))
    return LabState(calendar, tuple(machines), technicians, now), pending


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
