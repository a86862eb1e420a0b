"""What the lab's automatic plan is made from, read from the database in one transaction: the lab's
calendar, every machine with its calibration and out-of-service periods, the technicians with the
test types they are authorised for, and the tests (domain.lab.scheduler's LabState and PendingTest).

Pending: tests asked for or scheduled, of open requests, not sent to an external lab. Their
`current` slot is where they are planned now, `pinned` the slot when the lab manager pinned it.
Running: tests in progress hold their machine until their planned end (`running`), so the plan
places nothing over them; they are never moved.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select

from frontdesk.db.lab_models import (
    Authorisation,
    Calibration,
    Equipment,
    LabRequest,
    OutOfService,
    Sample,
    TestJob,
    TestType,
)
from frontdesk.db.models import StaffMember
from frontdesk.domain.clock import as_utc
from frontdesk.domain.lab.calendar import rome_day_of
from frontdesk.domain.lab.planning import Outage, machine_minutes
from frontdesk.domain.lab.scheduler import LabMachine, LabState, PendingTest, PlacedSlot, Technician
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.lab.calendar import lab_calendar_in, technician_in
from frontdesk.services.lab.planning import machine_of

PENDING = ("requested", "scheduled")


def lab_state_in(session, now: dt.datetime) -> LabState:
    """The lab as the plan sees it at `now` (aware)."""
    settings = read_settings(session)
    today = rome_day_of(now)
    valid: dict[uuid.UUID, dt.date] = {}
    for equipment_id, next_due in session.execute(
            select(Calibration.equipment_id, Calibration.next_due).where(Calibration.result == "pass")
            .order_by(Calibration.performed_on, Calibration.created_at)):
        valid[equipment_id] = next_due  # the latest passing record wins, as valid_until_in says
    outages: dict[uuid.UUID, list[Outage]] = {}
    for o in session.scalars(select(OutOfService).where(
            (OutOfService.ends_at.is_(None)) | (OutOfService.ends_at > now.astimezone(dt.UTC)))):
        outages.setdefault(o.equipment_id, []).append(
            Outage(as_utc(o.starts_at), o.ends_at and as_utc(o.ends_at), o.reason))
    machines = tuple(LabMachine(machine_of(e), valid.get(e.id), tuple(outages.get(e.id, ())))
                     for e in session.scalars(select(Equipment).order_by(Equipment.code)))
    authorised: dict[uuid.UUID, set[str]] = {}
    for staff_id, code in session.execute(
            select(Authorisation.staff_id, TestType.code).join(TestType, Authorisation.test_type_id == TestType.id)
            .join(StaffMember, Authorisation.staff_id == StaffMember.id)
            .where(Authorisation.active.is_(True), StaffMember.active.is_(True))):
        authorised.setdefault(staff_id, set()).add(code)
    technicians = tuple(Technician(technician_in(session, staff_id, since=today).schedule(), frozenset(codes))
                        for staff_id, codes in sorted(authorised.items(), key=lambda item: item[0].int))
    return LabState(lab_calendar_in(session), machines, technicians, now, stable_days=settings.lab_stable_days)


def pending_tests_in(session) -> list[PendingTest]:
    """The tests the plan places (PENDING) and the tests running on their machines (`running`)."""
    stmt = (select(TestJob.id, TestJob.status, TestJob.hours, TestJob.equipment_id, TestJob.planned_start,
                   TestJob.planned_end, TestJob.technician_id, TestJob.pinned, TestType.code,
                   TestType.equipment_kind, TestType.duration_min, TestType.prep_min, LabRequest.priority,
                   LabRequest.due_on, LabRequest.received_at)
            .join(Sample, TestJob.sample_id == Sample.id)
            .join(LabRequest, Sample.request_id == LabRequest.id)
            .join(TestType, TestJob.test_type_id == TestType.id)
            .where(TestJob.status.in_((*PENDING, "in_progress")), TestJob.subcontracted.is_(False),
                   LabRequest.status == "open")
            .order_by(TestJob.id))
    tests = []
    for (test_id, status, hours, equipment_id, start, end, technician_id, pinned, code, kind, duration, prep,
         priority, due_on, received_at) in session.execute(stmt):
        slot = None
        if equipment_id is not None and start is not None and end is not None:
            slot = PlacedSlot(equipment_id, as_utc(start), as_utc(end), technician_id)
        running = status == "in_progress"
        if running and slot is None:
            continue  # started without a plan: nothing to hold
        tests.append(PendingTest(
            test_id, code, kind, machine_minutes(hours=hours, duration_min=duration), prep, priority, due_on,
            as_utc(received_at), pinned=slot if (pinned or running) else None, current=slot, running=running))
    return tests
