"""The automatic plan remade at the planning desk through its service (`services.lab.auto_plan.replan`:
read the lab and its pending tests, make the plan, write the slots that changed, one PlanRun, the
audit event, commit), on a copy of the demo database (the `--large` one: a year of the lab's
requests, with the tests of the last days pending on its six machines). Baseline, in the same run:
the pure `make_plan` on the same state and tests, read beforehand. Before each run the scheduled
tests' slots are taken back (raw SQL), so each run writes every slot it gives: the worst case of a
replan. The ratio is what reading and writing add to the plan itself.

Second figure: `plan_due`, the check the app runs every minute at the planning desk (a settings read,
the newest run, and the signature of the plan's tables), beside a raw sqlite3 `count(*)` of the tests.
Target: under 50 ms. It runs on the worker thread once a minute, so it never holds the screen; most of
it is summing the requests of the pending tests (about 8 ms in raw sqlite3 on the large demo).
"""

from __future__ import annotations

import sqlite3
import time

from bench.context import Context, log, remove_db
from bench.table import Row, Stats

DUE_CHECKS = 50
_TAKE_BACK = ("UPDATE lab_test SET equipment_id = NULL, planned_start = NULL, planned_end = NULL, technician_id = NULL "
              "WHERE status = 'scheduled' AND NOT pinned")


def measure(ctx: Context) -> list[Row]:
    from sqlalchemy import text

    from frontdesk.domain.clock import utcnow
    from frontdesk.domain.lab.scheduler import make_plan
    from frontdesk.domain.roles import Actor
    from frontdesk.services.desk.settings import update_settings
    from frontdesk.services.desk.setup import first_admin_actor, open_desk
    from frontdesk.services.lab.auto_plan import plan_due, replan
    from frontdesk.services.lab.plan_state import lab_state_in, pending_tests_in

    path = ctx.workdir / "lab-replan.sqlite"
    remove_db(path)
    source, target = sqlite3.connect(ctx.demo_db()), sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    db = open_desk(path)
    try:
        update_settings(db, changes={"lab_planning_desk": db.desk}, actor=first_admin_actor(db))
        desk = Actor.desk_itself(db.desk)
        replan(db, actor=desk, cause="manual")  # warm: imports, the holidays, the page cache
        runs = ctx.runs_for(quick=3, full=5)
        service, pure, moved = [], [], []
        for _run in range(runs):
            with db.begin() as session:  # every slot the plan gave is taken back: the run writes them all again
                session.execute(text(_TAKE_BACK))
            now = utcnow()
            with db.read() as session:
                state, tests = lab_state_in(session, now), pending_tests_in(session)
            started = time.perf_counter()
            outcome = replan(db, actor=desk, cause="manual", now=now)
            service.append(time.perf_counter() - started)
            moved.append(outcome.moved)
            started = time.perf_counter()
            make_plan(state, tests)
            pure.append(time.perf_counter() - started)
        checks, raw = [], []
        conn = sqlite3.connect(path)
        try:
            for _n in range(DUE_CHECKS):
                started = time.perf_counter()
                due = plan_due(db)
                checks.append(time.perf_counter() - started)
                started = time.perf_counter()
                conn.execute("SELECT count(*) FROM lab_test").fetchone()
                raw.append(time.perf_counter() - started)
            rows = conn.execute("SELECT count(*) FROM lab_test").fetchone()[0]
        finally:
            conn.close()
    finally:
        db.dispose()
    note = (f"{outcome.tests:,} pending tests ({rows:,} tests in all), {len(state.machines)} machines; "
            f"slots written per run {min(moved)}-{max(moved)}; late {len(outcome.late)}, "
            f"unplaced {len(outcome.unplaced)}")
    log(f"lab replan: {note}; plan due after the runs: {due}")
    return [Row("lab replan at the planning desk (read, plan, write, commit)", Stats.of(service),
                "pure make_plan, same state", Stats.of(pure), target="< 2 s", note=note),
            Row("lab plan due? (checked every minute)", Stats.of(checks), "raw sqlite3 count(*) of the tests",
                Stats.of(raw), target="< 50 ms", unit="ms", note=f"{rows:,} tests; {DUE_CHECKS} checks")]
