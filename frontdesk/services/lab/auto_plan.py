"""The lab's automatic plan, made and stored at the planning desk (site setting `lab_planning_desk`):
`replan` places the pending tests (domain.lab.scheduler.make_plan) and writes the slots that
changed with one PlanRun row, all in one write transaction; `plan_due` says whether a run is due;
`latest_run` is the newest run, the same at every desk once synced.

Who: the lab staff who plan (Permission.PLAN_TESTS) or the desk itself for the automatic runs.
Where: only at the planning desk; any other desk reads the synced plan and is refused here.

Status never steps back (TEST_STATUS_RANK): a requested test the plan places becomes scheduled; a
scheduled test it can no longer place loses its slot but stays scheduled, flagged "moved" with the
reason for the lab manager. Tests in progress hold their machine and are never written.

When a run is due (`plan_due`): "night" when no run was made since the last midnight in Rome;
"change" when what the plan is made from changed since this desk's last run. The detector is a
signature of the tables the plan reads (requests, tests, test types, machines, calibrations,
outages, closures, technician days, absences, authorisations, staff, site settings), kept in this
desk's own settings (`setting`, never synced) at the end of each run, in its transaction. Per table
it holds the row count and the sum, over every row, of its `updated_at` within its hour in
microseconds: a sum, not a maximum, because rows pulled by sync keep their origin's timestamps,
which may be older than the last run; any row whose `updated_at` moved (a local edit, a row a pull
changed or brought) moves the sum, whatever its age. A plan's own writes are inside the signature
it stores, and its rows coming back from the hub (only their `hlc` changes) leave it as it was, so
a run never makes the next one due. Of the tests only those the plan reads are summed (pending or
running, on the status index; a test leaving them changes the count) with their requests: one pass
of aggregates whose cost follows the pending tests, not the lab's history (bench/lab_replan.py:
about 20-30 ms with 3,500 pending tests among 85,000 on a loaded 2-core machine, 1 ms on the
small demo's 151 tests), run in the background every minute.

The slots are written with one executemany UPDATE (with the stage, updated_at and updated_desk the
ORM would stamp): the ORM's flush of thousands of tests took seconds.
Not for Qt; no session kept outside a call.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, select, text, update

from frontdesk.db.lab_models import PLAN_CAUSES, PlanRun, TestJob
from frontdesk.domain.clock import rome_day_bounds, today_in_rome, utcnow
from frontdesk.domain.errors import Conflict, ValidationError
from frontdesk.domain.lab.scheduler import PendingTest, Plan, Planned, make_plan, unplaced_reason
from frontdesk.domain.lab.test_status import stage_of
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _
from frontdesk.services.desk.settings import read_flag, read_settings, write_setting
from frontdesk.services.lab.plan_state import lab_state_in, pending_tests_in
from frontdesk.services.staff import audit

SIGNATURE_KEY = "lab_plan_signature"
# The tables the plan is read from (services.lab.plan_state and the calendar it reads).
PLAN_INPUT_TABLES = ("lab_request", "lab_test", "lab_test_type", "lab_equipment", "lab_calibration",
                     "lab_out_of_service", "lab_closure", "lab_technician_days", "lab_absence",
                     "lab_authorisation", "staff_member", "site_setting")
# The tests the plan reads (pending or running; a test leaving them changes the count) and their
# requests: a year of finished tests is not read every minute.
PLAN_TESTS_READ = ("requested", "scheduled", "in_progress")
_READ = ", ".join(f"'{status}'" for status in PLAN_TESTS_READ)
_ONLY = {"lab_test": f" WHERE status IN ({_READ})",
         "lab_request": " WHERE id IN (SELECT s.request_id FROM lab_sample s JOIN lab_test t ON t.sample_id = s.id "
                        f"WHERE t.status IN ({_READ}))"}
# updated_at is stored as naive UTC text 'YYYY-MM-DD HH:MM:SS.ffffff': minutes and seconds within
# the hour, in microseconds (below 3.6e9 a row: the sum of millions of rows stays an exact integer).
_WITHIN_HOUR = ("CAST(round((substr(updated_at, 15, 2) * 60 + substr(updated_at, 18, 9)) * 1000000) AS INTEGER)")


@dataclass(frozen=True)
class LateTest:
    test_id: uuid.UUID
    due_on: dt.date
    minutes: int


@dataclass(frozen=True)
class UnplacedTest:
    test_id: uuid.UUID
    rule: str
    reason: str  # in the language of whoever reads it (written again from the parts below)
    kind: str
    test_type: str
    minutes: int


@dataclass(frozen=True)
class PlanOutcome:
    made_at: dt.datetime
    tests: int  # pending tests the plan placed or tried to
    moved: int  # tests whose slot it wrote
    late: tuple[LateTest, ...]
    unplaced: tuple[UnplacedTest, ...]
    elapsed_ms: int


@dataclass(frozen=True)
class PlanRunSummary:
    """A run of the automatic plan as every desk sees it (synced)."""

    made_at: dt.datetime
    cause: str  # PLAN_CAUSES
    made_by_name: str  # '' when the desk made it by itself
    tests: int
    moved: int
    late: tuple[LateTest, ...]
    unplaced: tuple[UnplacedTest, ...]
    elapsed_ms: int


@dataclass(frozen=True)
class PlanOverview:
    """Where the plan is made and its newest run, for the planning screen."""

    planning_desk: str  # '' when no desk is the planning desk
    here: bool  # this desk is the planning desk
    latest: PlanRunSummary | None


def _refuse_unless_planning_desk(session, desk: str) -> None:
    planning_desk = read_settings(session).lab_planning_desk
    if not planning_desk:
        raise Conflict(_("No desk computes the lab's plan yet: choose the planning desk in Settings, "
                         "in the Laboratory group."))
    if planning_desk != desk:
        raise Conflict(_("The lab's plan is computed at desk {desk}: here you see the synced plan.")
                       .format(desk=planning_desk))


def replan(db, *, actor: Actor, cause: str, now: dt.datetime | None = None) -> PlanOutcome:
    """Make the lab's plan now and store it: the slots that changed, one PlanRun, one audit event,
    in one write transaction (nothing is written when any step fails). Raises Conflict away from
    the planning desk, PermissionDenied without Permission.PLAN_TESTS (the desk itself may)."""
    require(actor, Permission.PLAN_TESTS)
    if cause not in PLAN_CAUSES:
        raise ValidationError(_("Unknown reason for computing the plan: {cause}.").format(cause=cause))
    with db.begin() as session:
        return replan_in(session, desk=db.desk, actor=actor, cause=cause, now=now or utcnow())


def replan_in(session, *, desk: str, actor: Actor, cause: str, now: dt.datetime) -> PlanOutcome:
    """`replan` inside a write transaction that is already open (a machine put out of service
    remakes the plan in its own transaction)."""
    started = time.perf_counter()
    _refuse_unless_planning_desk(session, desk)
    everything = pending_tests_in(session)
    tests = [t for t in everything if not t.running]
    plan = make_plan(lab_state_in(session, now), everything)
    moved = _write_slots(session, desk, tests, plan)
    late = tuple(LateTest(item.test_id, item.due_on, int(item.by.total_seconds() // 60)) for item in plan.late)
    by_id = {test.id: test for test in tests}
    unplaced = tuple(UnplacedTest(item.test_id, item.rule, item.reason, by_id[item.test_id].kind,
                                  by_id[item.test_id].test_type, by_id[item.test_id].machine_minutes)
                     for item in plan.unplaced)
    elapsed_ms = round((time.perf_counter() - started) * 1000)
    run = PlanRun(made_at=now, made_by=actor.staff_id, made_by_name=actor.name if actor.staff_id else "",
                  cause=cause, tests=len(tests), moved=moved, late=len(late), unplaced=len(unplaced),
                  elapsed_ms=elapsed_ms, details=json.dumps(_details(late, unplaced), ensure_ascii=False))
    session.add(run)
    session.flush()
    audit.record(session, actor, "lab_plan.make", record_type="lab_plan_run", record_id=run.id,
                 changes={"cause": cause, "tests": len(tests), "moved": moved, "late": len(late),
                          "unplaced": len(unplaced)})
    write_setting(session, SIGNATURE_KEY, _signature(session))
    return PlanOutcome(now, len(tests), moved, late, unplaced, elapsed_ms)


_TESTS = TestJob.__table__
_SLOT = ("equipment_id", "planned_start", "planned_end", "technician_id")
_PLACE = (*_SLOT, "status", "stage", "updated_at", "updated_desk")
_TAKE_BACK = (*_SLOT, "pinned", "plan_flag", "plan_flag_reason", "updated_at", "updated_desk")


def _bulk_update(columns: tuple[str, ...]):
    """One UPDATE of these columns by id, run with executemany (the ORM's flush of thousands of
    tests costs seconds; the outbox and checksum triggers fire all the same)."""
    return (update(_TESTS).where(_TESTS.c.id == bindparam("b_id"))
            .values({name: bindparam(f"b_{name}", type_=_TESTS.c[name].type) for name in columns}))


def _write_slots(session, desk: str, tests: list[PendingTest], plan: Plan) -> int:
    """Write the slots the plan changed (never a running test's: `tests` holds none); returns how many.
    The columns the ORM would stamp (stage, updated_at, updated_desk) are written here too."""
    unplaced = {item.test_id: item for item in plan.unplaced}
    placed: dict[uuid.UUID, Planned] = {}
    lost: set[uuid.UUID] = set()
    for test in tests:
        slot = plan.planned.get(test.id)
        current = test.current
        if slot is not None:
            if current is None or (current.machine_id, current.start, current.end, current.technician_id) != (
                    slot.machine_id, slot.start, slot.end, slot.technician_id):
                placed[test.id] = slot
        elif test.id in unplaced and current is not None:
            lost.add(test.id)
    if not placed and not lost:
        return 0
    now = utcnow()
    if placed:
        runs = session.execute(select(TestJob.id, TestJob.round, TestJob.status).where(TestJob.id.in_(list(placed))))
        rows = []
        for test_id, round_, status in runs:
            slot = placed[test_id]
            status = "scheduled" if status == "requested" else status
            rows.append({"b_id": test_id, "b_equipment_id": slot.machine_id, "b_planned_start": slot.start,
                         "b_planned_end": slot.end, "b_technician_id": slot.technician_id, "b_status": status,
                         "b_stage": stage_of(round_, status), "b_updated_at": now, "b_updated_desk": desk})
        session.execute(_bulk_update(_PLACE), rows)
    if lost:  # it keeps its status (never a step back), without a slot, for the lab manager
        session.execute(_bulk_update(_TAKE_BACK), [
            {"b_id": test_id, "b_equipment_id": None, "b_planned_start": None, "b_planned_end": None,
             "b_technician_id": None, "b_pinned": False, "b_plan_flag": "moved",
             "b_plan_flag_reason": unplaced[test_id].reason[:300], "b_updated_at": now, "b_updated_desk": desk}
            for test_id in lost])
    return len(placed) + len(lost)


def _details(late: tuple[LateTest, ...], unplaced: tuple[UnplacedTest, ...]) -> dict[str, list[dict[str, object]]]:
    return {"late": [{"test_id": str(item.test_id), "due_on": item.due_on.isoformat(), "minutes": item.minutes}
                     for item in late],
            "unplaced": [{"test_id": str(item.test_id), "rule": item.rule, "reason": item.reason, "kind": item.kind,
                          "type": item.test_type, "minutes": item.minutes} for item in unplaced]}


def _signature(session) -> dict[str, list[int]]:
    """Per table the plan reads: [rows, the sum of their updated_at within the hour in µs]; of the
    tests only those the plan reads (PLAN_TESTS_READ, on the status index) and their requests."""
    parts = " UNION ALL ".join(
        f"SELECT '{table}', count(*), coalesce(sum({_WITHIN_HOUR}), 0) FROM {table}{_ONLY.get(table, '')}"
        for table in PLAN_INPUT_TABLES)
    return {table: [rows, total] for table, rows, total in session.execute(text(parts))}


def plan_due(db, *, now: dt.datetime | None = None) -> str | None:
    """The cause of a run due at this desk ("night", "change"), None when none is due or this is not
    the planning desk."""
    now = now or utcnow()
    with db.read() as session:
        if read_settings(session).lab_planning_desk != db.desk or not db.desk:
            return None
        midnight = rome_day_bounds(today_in_rome(now))[0]
        if session.scalar(select(PlanRun.id).where(PlanRun.made_at >= midnight).limit(1)) is None:
            return "night"
        if read_flag(session, SIGNATURE_KEY) != _signature(session):
            return "change"
        return None


def replan_if_due(db, *, now: dt.datetime | None = None) -> PlanOutcome | None:
    """Make the plan as the desk itself when a run is due here; None when none was due."""
    cause = plan_due(db, now=now)
    if cause is None:
        return None
    return replan(db, actor=Actor.desk_itself(db.desk), cause=cause, now=now)


def _summary(run: PlanRun) -> PlanRunSummary:
    details = json.loads(run.details or "{}")
    late = tuple(LateTest(uuid.UUID(item["test_id"]), dt.date.fromisoformat(item["due_on"]), int(item["minutes"]))
                 for item in details.get("late", ()))
    unplaced = tuple(_unplaced(item) for item in details.get("unplaced", ()))
    return PlanRunSummary(run.made_at, run.cause, run.made_by_name, run.tests, run.moved, late, unplaced,
                          run.elapsed_ms)


def _unplaced(item: dict) -> UnplacedTest:
    """A stored unplaced test, its reason written again in the reader's language."""
    reason = unplaced_reason(item["rule"], kind=item["kind"], test_type=item["type"], minutes=int(item["minutes"]))
    return UnplacedTest(uuid.UUID(item["test_id"]), item["rule"], reason, item["kind"], item["type"],
                        int(item["minutes"]))


def _latest_in(session) -> PlanRunSummary | None:
    run = session.scalar(select(PlanRun).order_by(PlanRun.made_at.desc(), PlanRun.id.desc()).limit(1))
    return None if run is None else _summary(run)


def latest_run(db) -> PlanRunSummary | None:
    """The newest run of the automatic plan (at whichever desk made it), or None."""
    with db.read() as session:
        return _latest_in(session)


def plan_overview(db) -> PlanOverview:
    with db.read() as session:
        planning_desk = read_settings(session).lab_planning_desk
        return PlanOverview(planning_desk, bool(planning_desk) and planning_desk == db.desk, _latest_in(session))
