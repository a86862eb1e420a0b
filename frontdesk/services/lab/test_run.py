"""Running a test: start, pause, resume, complete (RUN_TESTS), each step as domain.lab.test_status
allows it.

Each step is one write transaction; the database begins writers with BEGIN IMMEDIATE, so the step
re-reads the test's status after any other desk window's write: of two technicians completing the
same test at once, the second reads the first's completion and is told who completed it. Start
and complete are refused, with nothing written, to someone not authorised for the method (an
active lab_authorisation row: the administrator too, as in services.lab.planning), on a machine
out of service, retired, or whose calibration lapses within the test's run (the rules of
domain.lab.planning), and complete without a result of the test's current round. A test sent to an
external lab is completed once its external results are in, with no machine or authorisation here. Starting takes
the sample to the test in its chain of custody, unless it is already at a test.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.lab_models import Equipment, TestJob, TestResult
from frontdesk.db.models import StaffMember
from frontdesk.domain.clock import as_utc, utcnow
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.lab import custody as custody_rule
from frontdesk.domain.lab import test_status as ts
from frontdesk.domain.lab.planning import Outage, check_calibration, check_out_of_service
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _, format_datetime
from frontdesk.services.lab.custody import append_step, last_step
from frontdesk.services.lab.equipment import outages_in, valid_until_in
from frontdesk.services.lab.planning import is_authorised, machine_of, test_type_name
from frontdesk.services.staff import audit


@dataclass(frozen=True)
class TestRun:
    """A test's run after a step."""

    __test__ = False
    test_id: uuid.UUID
    status: str
    paused: bool
    round: int
    started_at: dt.datetime | None
    started_by: uuid.UUID | None
    completed_at: dt.datetime | None
    completed_by: uuid.UUID | None


def _run(test: TestJob) -> TestRun:
    return TestRun(test.id, test.status, bool(test.paused), test.round, test.started_at and as_utc(test.started_at),
                   test.started_by, test.completed_at and as_utc(test.completed_at), test.completed_by)


def _staff_name(session: Session, staff_id: uuid.UUID | None) -> str:
    name = session.scalar(select(StaffMember.display_name).where(StaffMember.id == staff_id)) if staff_id else None
    return name or _("another desk")


def _already(session: Session, test: TestJob, step: str) -> None:
    """A step already taken by someone else (two windows at once): say by whom and when."""
    if step == ts.COMPLETE and test.completed_at is not None and test.status in (ts.COMPLETED, ts.VERIFIED,
                                                                                 ts.REPORTED):
        raise Conflict(_("This test was already completed by {name} ({when}).").format(
            name=_staff_name(session, test.completed_by), when=format_datetime(as_utc(test.completed_at))))
    if step == ts.START and test.status == ts.IN_PROGRESS and test.started_at is not None:
        raise Conflict(_("This test was already started by {name} ({when}).").format(
            name=_staff_name(session, test.started_by), when=format_datetime(as_utc(test.started_at))))


def _check_may_run(session: Session, test: TestJob, actor: Actor, begin: dt.datetime, end: dt.datetime) -> None:
    """The actor is authorised for the method; the machine is in service and in calibration from
    `begin` to `end`."""
    if not is_authorised(session, actor.staff_id, test.test_type_id):
        raise ValidationError(_("{name} is not authorised for this method ({test}): ask the lab manager.").format(
            name=actor.label, test=test_type_name(test.test_type)))
    machine_row = session.get(Equipment, test.equipment_id) if test.equipment_id else None
    if machine_row is None:
        raise ValidationError(_("This test is not planned on a machine: plan it first."))
    machine = machine_of(machine_row)
    if not machine_row.active:
        raise ValidationError(_("{machine} is retired: it cannot be used.").format(machine=machine.label))
    check_out_of_service(machine, begin, end,
                         [Outage(o.starts_at, o.ends_at, o.reason) for o in outages_in(session, machine_row.id)])
    check_calibration(machine, end, valid_until_in(session, machine_row.id))


def _take_to_test(session: Session, test: TestJob, actor: Actor, now: dt.datetime) -> None:
    last = last_step(session, test.sample_id)
    if last is not None and last.kind == custody_rule.TO_TEST:
        return  # already at a test
    append_step(session, sample=test.sample, kind=custody_rule.TO_TEST, test_id=test.id, actor=actor, now=now)


def _step(db, test_id: uuid.UUID, step: str, actor: Actor, now: dt.datetime | None) -> TestRun:
    require(actor, Permission.RUN_TESTS)
    now = (now or utcnow()).astimezone(dt.UTC)
    with db.begin() as session:
        test = session.get(TestJob, test_id)
        if test is None:
            raise NotFound(_("The test no longer exists."))
        try:
            status = ts.next_status(ts.Run(test.status, bool(test.paused)), step)
        except ts.StepRefused:
            _already(session, test, step)
            raise
        if step == ts.START:
            planned_start = as_utc(test.planned_start) if test.planned_start else now
            planned_end = as_utc(test.planned_end) if test.planned_end else now
            # started late, it runs its planned length from now
            end = max(planned_end, now + (planned_end - planned_start))
            _check_may_run(session, test, actor, min(now, planned_start), end)
            _take_to_test(session, test, actor, now)
            test.started_at, test.started_by = now, actor.staff_id
        elif step == ts.COMPLETE:
            if not test.subcontracted:  # an external lab ran it on its own machines
                _check_may_run(session, test, actor, as_utc(test.started_at) if test.started_at else now, now)
            has_result = session.scalar(select(TestResult.id).where(
                TestResult.test_id == test.id, TestResult.round == test.round).limit(1))
            if has_result is None:
                raise ValidationError(_("Enter the results of this test before completing it."))
            test.completed_at, test.completed_by = now, actor.staff_id
        elif step in (ts.PAUSE, ts.RESUME):
            test.paused = step == ts.PAUSE
        test.status = status
        audit.record_change(session, actor, f"lab_test.{step}", test)
        session.flush()
        return _run(test)


def start_test(db, *, test_id: uuid.UUID, actor: Actor, now: dt.datetime | None = None) -> TestRun:
    """Start a scheduled test: in progress from now, the sample taken to it."""
    return _step(db, test_id, ts.START, actor, now)


def pause_test(db, *, test_id: uuid.UUID, actor: Actor, now: dt.datetime | None = None) -> TestRun:
    """Pause a test in progress (a flag: it stays in progress)."""
    return _step(db, test_id, ts.PAUSE, actor, now)


def resume_test(db, *, test_id: uuid.UUID, actor: Actor, now: dt.datetime | None = None) -> TestRun:
    """Resume a paused test."""
    return _step(db, test_id, ts.RESUME, actor, now)


def complete_test(db, *, test_id: uuid.UUID, actor: Actor, now: dt.datetime | None = None) -> TestRun:
    """Complete a test in progress, not paused, with a result of its current round entered."""
    return _step(db, test_id, ts.COMPLETE, actor, now)
