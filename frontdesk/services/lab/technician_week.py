"""A technician's planned week: what they run, load and unload each day, and whether they are at
work that day. Reads only; documents.lab.technician_week draws it.

A test on a continuous machine (a salt-spray chamber) runs for days without anyone at it, but its
technician loads it at its planned start and unloads it at its planned end: the week shows those
two moments, not the run. A test on any other machine is a run from its planned start to its end,
counted in the day's planned hours. Tests cancelled or rejected, of a cancelled request or sent to
an external lab are left out; done ones stay (the status says so), so a past week reads back whole.

A technician sees their own week (Permission.RUN_TESTS); whoever plans tests (PLAN_TESTS) sees
anyone's. Imports no Qt.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from frontdesk.db.lab_models import Equipment, LabRequest, Sample, TestJob, TestType
from frontdesk.db.models import Company
from frontdesk.documents.lab.technician_week import render_technician_week
from frontdesk.domain.clock import as_utc, rome_day_bounds, utcnow
from frontdesk.domain.errors import PermissionDenied
from frontdesk.domain.lab.calendar import rome_day_of
from frontdesk.domain.lab.test_status import COMPLETED, IN_PROGRESS, REPORTED, SCHEDULED, VERIFIED
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _
from frontdesk.services.desk.printers import PrintJob, print_job
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.lab.calendar import lab_calendar_in, technician_in
from frontdesk.services.lab.planning import test_type_name

PLANNED = (SCHEDULED, IN_PROGRESS, COMPLETED, VERIFIED, REPORTED)  # has (or had) a slot; not cancelled
WORKING, ABSENT, CLOSED, OFF = "working", "absent", "closed", "off"
RUN, LOAD, UNLOAD = "run", "load", "unload"
WEEK_KIND = "report"  # printed on the A4 printer, like the intake receipt


@dataclass(frozen=True)
class WeekItem:
    test_id: uuid.UUID
    kind: str  # run | load | unload
    start: dt.datetime  # aware UTC: the run's start, or the moment of loading / unloading
    end: dt.datetime | None  # a run's end; None for a moment
    machine_code: str
    machine_name: str
    room: str
    sample_lab_id: str
    test_name: str
    hours: int | None  # the exposure chosen (salt spray)
    request_number: str
    company: str
    status: str


@dataclass(frozen=True)
class WeekDay:
    day: dt.date
    state: str  # working | absent | closed | off (not a working day of theirs, or of the lab)
    reason: str  # an absence's reason, or the holiday's or closure's name
    items: tuple[WeekItem, ...]  # by time
    planned_minutes: int  # run time falling on this day (loading and unloading count none)


@dataclass(frozen=True)
class TechnicianWeek:
    staff_id: uuid.UUID
    name: str
    days: tuple[WeekDay, ...]  # Monday to Sunday

    @property
    def first(self) -> dt.date:
        return self.days[0].day

    @property
    def last(self) -> dt.date:
        return self.days[-1].day

    @property
    def planned_minutes(self) -> int:
        return sum(d.planned_minutes for d in self.days)

    @property
    def absent_all_week(self) -> bool:
        """Away on every day they would have worked (there was at least one)."""
        states = {d.state for d in self.days}
        return ABSENT in states and WORKING not in states


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _may_see(actor: Actor, staff_id: uuid.UUID) -> None:
    require(actor, Permission.RUN_TESTS)
    if actor.staff_id != staff_id and not actor.can(Permission.PLAN_TESTS):
        raise PermissionDenied(_("You can see only your own week of work."))


def _day_state(calendar, schedule, day: dt.date) -> tuple[str, str]:
    off = calendar.day_off(day)
    if off is not None:
        return CLOSED, off.name
    weekday = str(day.isoweekday())
    if weekday not in calendar.weekdays or weekday not in schedule.weekdays:
        return OFF, ""
    absence = next((a for a in schedule.absences if a.covers(day)), None)
    if absence is not None:
        return ABSENT, absence.reason
    return WORKING, ""


def _minutes_within(start: dt.datetime, end: dt.datetime, day: dt.date) -> int:
    first, last = rome_day_bounds(day)
    overlap = min(end, last) - max(start, first)
    return max(0, int(overlap.total_seconds() // 60))


def _item(row, kind: str, moment: dt.datetime, until: dt.datetime | None) -> WeekItem:
    test, lab_id, number, company, test_type, machine = row
    return WeekItem(test.id, kind, moment, until, machine.code if machine else "", machine.name if machine else "",
                    machine.room if machine else "", lab_id, test_type_name(test_type), test.hours, number, company,
                    test.status)


def technician_week(db, *, staff_id: uuid.UUID, week_start: dt.date, actor: Actor) -> TechnicianWeek:
    """The week (Monday to Sunday) holding `week_start` of a technician: each day's state and items.
    Raises PermissionDenied (someone else's week without PLAN_TESTS), NotFound (no such technician)."""
    _may_see(actor, staff_id)
    monday = monday_of(week_start)
    days = [monday + dt.timedelta(days=i) for i in range(7)]
    week_from, week_to = rome_day_bounds(days[0])[0], rome_day_bounds(days[-1])[1]
    with db.read() as session:
        technician = technician_in(session, staff_id, since=monday)
        schedule, calendar = technician.schedule(), lab_calendar_in(session)
        stmt = (select(TestJob, Sample.lab_id, LabRequest.number, Company.name, TestType, Equipment)
                .join(Sample, TestJob.sample_id == Sample.id)
                .join(LabRequest, Sample.request_id == LabRequest.id)
                .join(Company, LabRequest.company_id == Company.id)
                .join(TestType, TestJob.test_type_id == TestType.id)
                .outerjoin(Equipment, TestJob.equipment_id == Equipment.id)
                .where(TestJob.technician_id == staff_id, TestJob.status.in_(PLANNED),
                       TestJob.subcontracted.is_(False), LabRequest.status != "cancelled",
                       TestJob.planned_start < week_to, TestJob.planned_end >= week_from)
                .order_by(TestJob.planned_start, TestJob.id))
        by_day: dict[dt.date, list[WeekItem]] = {d: [] for d in days}
        minutes: dict[dt.date, int] = dict.fromkeys(days, 0)
        for row in session.execute(stmt):
            test, machine = row[0], row[5]
            start, end = as_utc(test.planned_start), as_utc(test.planned_end)
            if machine is not None and machine.continuous:
                for kind, moment in ((LOAD, start), (UNLOAD, end)):
                    if week_from <= moment < week_to:
                        by_day[rome_day_of(moment)].append(_item(row, kind, moment, None))
                continue
            for day in days:
                share = _minutes_within(start, end, day)
                if share or (start == end and rome_day_of(start) == day):
                    by_day[day].append(_item(row, RUN, start, end))
                    minutes[day] += share
        week = []
        for day in days:
            state, reason = _day_state(calendar, schedule, day)
            items = tuple(sorted(by_day[day], key=lambda i: (i.start, i.kind != UNLOAD, i.sample_lab_id)))
            week.append(WeekDay(day, state, reason, items, minutes[day]))
        return TechnicianWeek(technician.staff_id, technician.name, tuple(week))


def technician_week_pdf(db, *, staff_id: uuid.UUID, week_start: dt.date, actor: Actor) -> bytes:
    """The week drawn as an A4 landscape PDF in the user's language."""
    week = technician_week(db, staff_id=staff_id, week_start=week_start, actor=actor)
    with db.read() as session:
        point_name = read_settings(session).point_name
    return render_technician_week(week, point_name=point_name, printed_at=utcnow())


def technician_week_print_job(db, *, staff_id: uuid.UUID, week_start: dt.date, actor: Actor) -> PrintJob:
    """The week's PDF for the printer set for reports (A4). The job's title names no one."""
    pdf = technician_week_pdf(db, staff_id=staff_id, week_start=week_start, actor=actor)
    monday = monday_of(week_start)
    return print_job(db, kind=WEEK_KIND, title=_("Week of work from {day}").format(day=monday.isoformat()), pdf=pdf)
