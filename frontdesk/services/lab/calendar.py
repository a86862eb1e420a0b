"""The lab's calendar as stored: closures, technicians' working days and absences, and the domain
calendar (domain.lab.calendar.LabCalendar) built from them and the site settings.

Writes need Permission.MANAGE_EQUIPMENT and are audited; a closure or an absence is withdrawn
(`active` False), never deleted, so the trail and sync keep it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select

from frontdesk.db.lab_models import Absence, Authorisation, LabClosure, TechnicianDays
from frontdesk.db.models import StaffMember
from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.ids import new_id, reference_id
from frontdesk.domain.lab.calendar import LAB_WEEKDAYS, DayOff, LabCalendar, Period, TechnicianSchedule, valid_weekdays
from frontdesk.domain.roles import Actor, Permission, Role, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.staff import audit

MAX_PERIOD_DAYS = 366
TECHNICIAN_ROLES = (Role.LAB_TECHNICIAN.value, Role.LAB_MANAGER.value)


@dataclass(frozen=True)
class ClosureRecord:
    id: uuid.UUID
    starts_on: dt.date
    ends_on: dt.date
    reason: str


@dataclass(frozen=True)
class AbsenceRecord:
    id: uuid.UUID
    staff_id: uuid.UUID
    starts_on: dt.date
    ends_on: dt.date
    reason: str


@dataclass(frozen=True)
class Technician:
    staff_id: uuid.UUID
    name: str
    role: str
    weekdays: str
    absences: tuple[AbsenceRecord, ...]  # active ones, from today on, earliest first

    def schedule(self) -> TechnicianSchedule:
        return TechnicianSchedule(self.staff_id, self.name, self.weekdays,
                                  tuple(Period(a.starts_on, a.ends_on, a.reason) for a in self.absences))


def _period(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise ValidationError(_("The last day must not come before the first."), field="ends_on")
    if (ends_on - starts_on).days >= MAX_PERIOD_DAYS:
        raise ValidationError(_("A period lasts at most a year: enter a longer one in parts."), field="ends_on")


# --- the domain calendar --------------------------------------------------------------------------

def lab_calendar_in(session) -> LabCalendar:
    settings = read_settings(session)
    closures = session.scalars(select(LabClosure).where(LabClosure.active.is_(True)).order_by(LabClosure.starts_on))
    return LabCalendar(patron_day=settings.lab_patron_day, municipality=settings.lab_municipality,
                       closures=tuple(Period(c.starts_on, c.ends_on, c.reason) for c in closures))


def lab_calendar(db) -> LabCalendar:
    """The lab's calendar: holidays, the patron saint's day (site settings) and active closures."""
    with db.read() as session:
        return lab_calendar_in(session)


def upcoming_days_off(db, *, days: int = 366, today: dt.date | None = None) -> list[DayOff]:
    """The days the lab is closed from today for `days` days (weekends left out), earliest first."""
    first = today or today_in_rome()
    return lab_calendar(db).days_off_between(first, first + dt.timedelta(days=days))


# --- closures --------------------------------------------------------------------------------------

def add_closure(db, *, starts_on: dt.date, ends_on: dt.date, reason: str = "", actor: Actor) -> ClosureRecord:
    require(actor, Permission.MANAGE_EQUIPMENT)
    _period(starts_on, ends_on)
    reason = clean(reason, label=_("Reason"), max_len=300)
    with db.begin() as session:
        closure = LabClosure(id=new_id(), starts_on=starts_on, ends_on=ends_on, reason=reason, active=True)
        session.add(closure)
        audit.record_change(session, actor, "lab_calendar.closure", closure, new=True)
        session.flush()
        return ClosureRecord(closure.id, starts_on, ends_on, reason)


def withdraw_closure(db, *, closure_id: uuid.UUID, actor: Actor) -> None:
    require(actor, Permission.MANAGE_EQUIPMENT)
    with db.begin() as session:
        closure = session.get(LabClosure, closure_id)
        if closure is None:
            raise NotFound(_("The closure no longer exists."))
        if not closure.active:
            raise Conflict(_("This closure was already withdrawn."))
        closure.active = False
        audit.record_change(session, actor, "lab_calendar.closure_withdrawn", closure)


def closures(db, *, since: dt.date | None = None) -> list[ClosureRecord]:
    """Active closures ending on or after `since` (today by default), earliest first."""
    since = since or today_in_rome()
    with db.read() as session:
        stmt = (select(LabClosure).where(LabClosure.active.is_(True), LabClosure.ends_on >= since)
                .order_by(LabClosure.starts_on))
        return [ClosureRecord(c.id, c.starts_on, c.ends_on, c.reason) for c in session.scalars(stmt)]


# --- technicians ------------------------------------------------------------------------------------

def _staff(session, staff_id: uuid.UUID) -> StaffMember:
    member = session.get(StaffMember, staff_id)
    if member is None or not member.active:
        raise NotFound(_("The staff member no longer exists or is disabled."))
    return member


def set_technician_days(db, *, staff_id: uuid.UUID, weekdays: str, actor: Actor) -> str:
    """A technician's working weekdays (ISO: "12345" is Monday to Friday)."""
    require(actor, Permission.MANAGE_EQUIPMENT)
    days = valid_weekdays(weekdays) if str(weekdays).strip() else None
    if days is None:
        raise ValidationError(_("Choose at least one working day of the week."), field="weekdays")
    with db.begin() as session:
        _staff(session, staff_id)
        row_id = reference_id("lab_technician_days", str(staff_id))
        row = session.get(TechnicianDays, row_id)
        if row is None:
            row = TechnicianDays(id=row_id, staff_id=staff_id, weekdays=days)
            session.add(row)
            audit.record_change(session, actor, "lab_calendar.technician_days", row, new=True)
        elif row.weekdays != days:
            row.weekdays = days
            audit.record_change(session, actor, "lab_calendar.technician_days", row)
        return days


def add_absence(db, *, staff_id: uuid.UUID, starts_on: dt.date, ends_on: dt.date, reason: str = "",
                actor: Actor) -> AbsenceRecord:
    require(actor, Permission.MANAGE_EQUIPMENT)
    _period(starts_on, ends_on)
    reason = clean(reason, label=_("Reason"), max_len=300)
    with db.begin() as session:
        _staff(session, staff_id)
        absence = Absence(id=new_id(), staff_id=staff_id, starts_on=starts_on, ends_on=ends_on, reason=reason,
                          active=True)
        session.add(absence)
        audit.record_change(session, actor, "lab_calendar.absence", absence, new=True)
        session.flush()
        return AbsenceRecord(absence.id, staff_id, starts_on, ends_on, reason)


def withdraw_absence(db, *, absence_id: uuid.UUID, actor: Actor) -> None:
    require(actor, Permission.MANAGE_EQUIPMENT)
    with db.begin() as session:
        absence = session.get(Absence, absence_id)
        if absence is None:
            raise NotFound(_("The absence no longer exists."))
        if not absence.active:
            raise Conflict(_("This absence was already withdrawn."))
        absence.active = False
        audit.record_change(session, actor, "lab_calendar.absence_withdrawn", absence)


def technician_in(session, staff_id: uuid.UUID, *, since: dt.date) -> Technician:
    member = _staff(session, staff_id)
    return _technician(session, member, since)


def _technician(session, member: StaffMember, since: dt.date) -> Technician:
    days = session.scalar(select(TechnicianDays.weekdays).where(TechnicianDays.staff_id == member.id))
    absences = session.scalars(select(Absence).where(Absence.staff_id == member.id, Absence.active.is_(True),
                                                     Absence.ends_on >= since).order_by(Absence.starts_on))
    return Technician(member.id, member.display_name, member.role, days or LAB_WEEKDAYS,
                      tuple(AbsenceRecord(a.id, a.staff_id, a.starts_on, a.ends_on, a.reason) for a in absences))


def technicians(db, *, since: dt.date | None = None) -> list[Technician]:
    """Active lab technicians and managers, and anyone authorised for a method, by name."""
    since = since or today_in_rome()
    with db.read() as session:
        authorised = select(Authorisation.staff_id).where(Authorisation.active.is_(True))
        stmt = (select(StaffMember).where(StaffMember.active.is_(True),
                                          or_(StaffMember.role.in_(TECHNICIAN_ROLES), StaffMember.id.in_(authorised)))
                .order_by(StaffMember.display_name))
        return [_technician(session, m, since) for m in session.scalars(stmt)]
