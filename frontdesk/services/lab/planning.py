"""Manual planning: put a test on a machine at a start time with a technician, under every rule of
domain.lab.planning, checked inside the one write transaction that saves it.

The database begins writers with BEGIN IMMEDIATE, so two windows booking the last place of a
chamber at once are serialised: the second reads the first's booking and is refused with the
capacity message. A test's status only moves forward: once in progress it is no longer planned
here. Moving a planned test is the same call with a new slot.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from frontdesk.db.lab_models import Authorisation, Equipment, LabRequest, Sample, TestJob, TestType
from frontdesk.db.models import Company, StaffMember
from frontdesk.domain.clock import as_utc, rome_day_bounds
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.lab.calendar import rome_day_of
from frontdesk.domain.lab.equipment import Machine, parse_hour
from frontdesk.domain.lab.planning import Booking, Outage, TestNeeds, check_slot, machine_minutes
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _, language
from frontdesk.services.lab.calendar import lab_calendar_in, technician_in
from frontdesk.services.lab.equipment import outages_in, valid_until_in
from frontdesk.services.staff import audit

PLANNABLE = ("requested", "scheduled")
ANY = object()  # plan_test without a check of what the person saw
BOOKED = ("scheduled", "in_progress")


@dataclass(frozen=True)
class PlannableTest:
    test_id: uuid.UUID
    sample_lab_id: str
    company: str
    test_type_id: uuid.UUID
    test_code: str
    test_name: str
    equipment_kind: str
    hours: int | None
    machine_minutes: int
    prep_min: int
    due_on: dt.date | None
    priority: str  # normal | urgent
    status: str  # requested | scheduled
    equipment_id: uuid.UUID | None
    equipment_code: str
    planned_start: dt.datetime | None
    planned_end: dt.datetime | None
    technician_id: uuid.UUID | None
    technician_name: str
    pinned: bool = False
    moved_because: str = ""  # its machine failed and the plan moved it (lab_test.plan_flag "moved"): why


@dataclass(frozen=True)
class MachineBooking:
    test_id: uuid.UUID
    sample_lab_id: str
    test_name: str
    start: dt.datetime
    end: dt.datetime
    technician_name: str
    status: str


@dataclass(frozen=True)
class MachineChoice:
    id: uuid.UUID
    code: str
    name: str
    capacity: int
    continuous: bool
    hours_from: str
    hours_to: str

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}".strip()


@dataclass(frozen=True)
class TechnicianChoice:
    staff_id: uuid.UUID
    name: str


@dataclass(frozen=True)
class PlanningChoices:
    machines: tuple[MachineChoice, ...]  # active, of the kind the test needs
    technicians: tuple[TechnicianChoice, ...]  # authorised for the method, active


@dataclass(frozen=True)
class PlannedTest:
    test_id: uuid.UUID
    equipment_id: uuid.UUID
    planned_start: dt.datetime
    planned_end: dt.datetime
    technician_id: uuid.UUID
    status: str


def test_type_name(test_type: TestType) -> str:
    """The test type's name in the user's language."""
    return test_type.name_it if language() == "it" else test_type.name_en


def machine_of(e: Equipment) -> Machine:
    return Machine(e.id, e.code, e.name, e.kind, e.capacity, e.continuous, parse_hour(e.hours_from, field="hours_from"),
                   parse_hour(e.hours_to, field="hours_to"), e.weekdays, e.active)


def _bookings(session, equipment_id: uuid.UUID, start: dt.datetime, end: dt.datetime) -> list[Booking]:
    stmt = select(TestJob.id, TestJob.planned_start, TestJob.planned_end).where(
        TestJob.equipment_id == equipment_id, TestJob.status.in_(BOOKED),
        TestJob.planned_start < end, TestJob.planned_end > start)
    return [Booking(i, as_utc(s), as_utc(e)) for i, s, e in session.execute(stmt)]


def is_authorised(session, staff_id: uuid.UUID, test_type_id: uuid.UUID) -> bool:
    return session.scalar(select(Authorisation.id).where(
        Authorisation.staff_id == staff_id, Authorisation.test_type_id == test_type_id,
        Authorisation.active.is_(True))) is not None


def plan_test(db, *, test_id: uuid.UUID, equipment_id: uuid.UUID, start: dt.datetime, technician_id: uuid.UUID | None,
              actor: Actor, expected_start: dt.datetime | object | None = ANY, pin: bool = False) -> PlannedTest:
    """Plan (or move) a test: machine, start (an aware datetime), technician; every rule checked in
    the transaction that saves it. Raises domain.lab.planning.SlotRefused with the reason.

    `expected_start`: the start the person saw (None: unplanned). When the test has been planned or
    moved elsewhere since, Conflict says so and nothing changes (two windows moving the same test).
    `pin`: a move by hand that the automatic plan must leave (the timeline pins what it moves). A
    plan by hand clears the test's flag for the lab manager."""
    require(actor, Permission.PLAN_TESTS)
    if start.tzinfo is None:
        raise ValidationError(_("The start time has no time zone."), field="start")
    with db.begin() as session:
        test = session.get(TestJob, test_id)
        if test is None:
            raise NotFound(_("The test no longer exists."))
        if test.status in ("cancelled", "rejected") or test.sample.request.status == "cancelled":
            raise Conflict(_("This test was cancelled: it cannot be planned."))
        if test.status not in PLANNABLE:
            raise Conflict(_("This test is already in progress or done: its plan can no longer change."))
        if expected_start is not ANY and _moment(test.planned_start) != _moment(expected_start):
            raise Conflict(_("Someone else has just planned or moved this test: look at its new slot and try again."))
        machine_row = session.get(Equipment, equipment_id)
        if machine_row is None:
            raise NotFound(_("The machine no longer exists."), field="equipment")
        test_type = test.test_type
        needs = TestNeeds(test.id, test_type.equipment_kind,
                          machine_minutes(hours=test.hours, duration_min=test_type.duration_min),
                          test_type.prep_min, test_type.id)
        machine = machine_of(machine_row)
        start_utc = start.astimezone(dt.UTC)
        end_utc = start_utc + dt.timedelta(minutes=max(needs.machine_minutes, 0))
        schedule, authorised = None, False
        if technician_id is not None:
            schedule = technician_in(session, technician_id, since=rome_day_of(start_utc)).schedule()
            authorised = is_authorised(session, technician_id, test_type.id)
        slot = check_slot(
            test=needs, machine=machine, start=start_utc, calendar=lab_calendar_in(session),
            bookings=_bookings(session, equipment_id, start_utc, end_utc),
            valid_until=valid_until_in(session, equipment_id),
            outages=[Outage(o.starts_at, o.ends_at, o.reason) for o in outages_in(session, equipment_id)],
            technician=schedule, authorised=authorised)
        test.equipment_id = equipment_id
        test.planned_start = slot.start
        test.planned_end = slot.end
        test.technician_id = technician_id
        test.status = "scheduled"
        test.pinned = test.pinned or pin
        test.plan_flag, test.plan_flag_reason = "", ""
        audit.record_change(session, actor, "lab_test.plan", test)
        session.flush()
        return PlannedTest(test.id, equipment_id, slot.start, slot.end, technician_id, test.status)


def pin_test(db, *, test_id: uuid.UUID, pinned: bool, actor: Actor) -> None:
    """Pin a planned test to its slot (the automatic plan leaves it) or let the plan move it again."""
    require(actor, Permission.PLAN_TESTS)
    with db.begin() as session:
        test = session.get(TestJob, test_id)
        if test is None:
            raise NotFound(_("The test no longer exists."))
        if pinned and (test.status != "scheduled" or test.planned_start is None):
            raise Conflict(_("Only a planned test that has not started can be pinned."))
        if test.pinned == pinned:
            return
        test.pinned = pinned
        test.plan_flag, test.plan_flag_reason = "", ""
        audit.record_change(session, actor, "lab_test.pin" if pinned else "lab_test.unpin", test)


def _moment(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else as_utc(value).replace(microsecond=0)


def planning_choices(db, *, test_id: uuid.UUID) -> PlanningChoices:
    """The machines a test may go on (active, of its kind) and the technicians authorised for it."""
    with db.read() as session:
        test = session.get(TestJob, test_id)
        if test is None:
            raise NotFound(_("The test no longer exists."))
        kind = test.test_type.equipment_kind
        machines = session.scalars(select(Equipment).where(Equipment.kind == kind, Equipment.active.is_(True))
                                   .order_by(Equipment.code))
        staff = session.scalars(select(StaffMember).join(Authorisation, Authorisation.staff_id == StaffMember.id)
                                .where(Authorisation.test_type_id == test.test_type_id, Authorisation.active.is_(True),
                                       StaffMember.active.is_(True)).order_by(StaffMember.display_name))
        return PlanningChoices(
            tuple(MachineChoice(m.id, m.code, m.name, m.capacity, m.continuous, m.hours_from, m.hours_to)
                  for m in machines),
            tuple(TechnicianChoice(s.id, s.display_name) for s in staff))


def plannable_tests(db, *, limit: int = 500) -> list[PlannableTest]:
    """Tests asked for and not yet under way (requested or scheduled): urgent first, then by due date."""
    with db.read() as session:
        stmt = (select(TestJob, Sample.lab_id, Company.name, TestType, LabRequest.due_on, LabRequest.priority,
                       Equipment.code, StaffMember.display_name)
                .join(Sample, TestJob.sample_id == Sample.id)
                .join(LabRequest, Sample.request_id == LabRequest.id)
                .join(Company, LabRequest.company_id == Company.id)
                .join(TestType, TestJob.test_type_id == TestType.id)
                .outerjoin(Equipment, TestJob.equipment_id == Equipment.id)
                .outerjoin(StaffMember, TestJob.technician_id == StaffMember.id)
                .where(TestJob.status.in_(PLANNABLE), LabRequest.status == "open")
                .order_by((LabRequest.priority == "urgent").desc(), LabRequest.due_on.is_(None),
                          LabRequest.due_on, Sample.lab_id)
                .limit(limit))
        rows = []
        for test, lab_id, company, test_type, due_on, priority, code, technician in session.execute(stmt):
            rows.append(PlannableTest(
                test.id, lab_id, company, test_type.id, test_type.code, test_type_name(test_type),
                test_type.equipment_kind,
                test.hours, machine_minutes(hours=test.hours, duration_min=test_type.duration_min),
                test_type.prep_min, due_on, priority, test.status, test.equipment_id, code or "",
                test.planned_start and as_utc(test.planned_start), test.planned_end and as_utc(test.planned_end),
                test.technician_id, technician or "", test.pinned,
                test.plan_flag_reason if test.plan_flag == "moved" else ""))
        return rows


def machine_bookings(db, *, equipment_id: uuid.UUID, day: dt.date) -> list[MachineBooking]:
    """The tests on the machine (scheduled or in progress) during a Rome day, by start."""
    first, last = rome_day_bounds(day)
    with db.read() as session:
        stmt = (select(TestJob, Sample.lab_id, TestType, StaffMember.display_name)
                .join(Sample, TestJob.sample_id == Sample.id)
                .join(TestType, TestJob.test_type_id == TestType.id)
                .outerjoin(StaffMember, TestJob.technician_id == StaffMember.id)
                .where(TestJob.equipment_id == equipment_id, TestJob.status.in_(BOOKED),
                       TestJob.planned_start < last, TestJob.planned_end > first)
                .order_by(TestJob.planned_start))
        return [MachineBooking(t.id, lab_id, test_type_name(tt), as_utc(t.planned_start), as_utc(t.planned_end),
                               name or "", t.status) for t, lab_id, tt, name in session.execute(stmt)]


