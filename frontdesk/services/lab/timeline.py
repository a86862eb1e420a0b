"""The lab manager's timeline as read: for a Rome day or an ISO week (Monday to Sunday), one lane per
active machine (by code) with its tests as bars, its calibration's lapse and its out-of-service
periods when they fall in the range, the time it does not work (lab days off, hours outside its
own), and for a chamber (capacity above one) its load over the range against its capacity; and
the latest automatic plan run.

One read transaction, a handful of queries: the tests come from the (equipment_id, planned_start)
index, every other table is small. Moves are not made here: the timeline calls
services.lab.planning (plan_test, pin_test), which checks every rule where it writes.
Imports the lab models and domain rules; no Qt.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select

from frontdesk.db.lab_models import Calibration, Equipment, LabRequest, OutOfService, PlanRun, Sample, TestJob, TestType
from frontdesk.db.models import Company, StaffMember
from frontdesk.domain.clock import as_utc
from frontdesk.domain.lab.calendar import LabCalendar, at_rome
from frontdesk.domain.lab.equipment import Machine
from frontdesk.domain.lab.planning import calibration_lapses_at
from frontdesk.domain.lab.test_status import COMPLETED, IN_PROGRESS, REPORTED, SCHEDULED, VERIFIED
from frontdesk.i18n import _, language
from frontdesk.services.lab.calendar import lab_calendar_in
from frontdesk.services.lab.planning import machine_of

DAY, WEEK = "day", "week"
SHOWN = (SCHEDULED, IN_PROGRESS, COMPLETED, VERIFIED, REPORTED)  # tests with a slot worth drawing
LOADED = (SCHEDULED, IN_PROGRESS)  # what the capacity rule counts (planning.BOOKED)
DONE = (COMPLETED, VERIFIED, REPORTED)
CLOSED_DAY, AFTER_HOURS = "closed_day", "after_hours"


@dataclass(frozen=True)
class TimelineBar:
    """A test on its machine, from start to end (UTC)."""

    test_id: uuid.UUID
    equipment_id: uuid.UUID
    sample_lab_id: str
    test_name: str
    company: str
    start: dt.datetime
    end: dt.datetime
    status: str
    technician_id: uuid.UUID | None
    technician_name: str
    pinned: bool
    plan_flag: str  # "" | moved | interrupted
    plan_flag_reason: str
    priority: str  # normal | urgent
    due_on: dt.date | None
    late_by: dt.timedelta | None  # how far its end passes the end of its due day (Rome); None: on time

    @property
    def movable(self) -> bool:
        """Only a test planned and not started may be moved by hand."""
        return self.status == SCHEDULED

    @property
    def done(self) -> bool:
        return self.status in DONE


@dataclass(frozen=True)
class OffTime:
    """Time a machine does not work: a whole closed day (`why`: the holiday, closure, weekend) or
    the hours outside its own on a working day."""

    start: dt.datetime
    end: dt.datetime
    kind: str  # CLOSED_DAY | AFTER_HOURS
    why: str = ""


@dataclass(frozen=True)
class OutagePeriod:
    start: dt.datetime
    end: dt.datetime | None  # None: until further notice
    reason: str


@dataclass(frozen=True)
class LoadStep:
    """From start to end, `count` tests are in the chamber at once."""

    start: dt.datetime
    end: dt.datetime
    count: int


@dataclass(frozen=True)
class TimelineLane:
    equipment_id: uuid.UUID
    code: str
    name: str
    kind: str
    capacity: int
    continuous: bool
    hours_from: dt.time
    hours_to: dt.time
    bars: tuple[TimelineBar, ...]  # by start
    valid_until: dt.date | None  # last day of its passing calibration (None: never calibrated)
    calibration_lapses_at: dt.datetime | None  # set when the lapse falls within the range
    outages: tuple[OutagePeriod, ...]  # those overlapping the range, earliest first
    off_times: tuple[OffTime, ...]  # within the range, in order
    load: tuple[LoadStep, ...]  # a chamber (capacity > 1): over the whole range; else empty

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def is_chamber(self) -> bool:
        return self.capacity > 1

    @property
    def peak_load(self) -> int:
        return max((step.count for step in self.load), default=0)


@dataclass(frozen=True)
class TimelineDay:
    day: dt.date
    working: bool  # a working day of the lab
    why_off: str  # the holiday's name, the closure's reason; "" for a working day or a weekend


@dataclass(frozen=True)
class PlanRunSummary:
    made_at: dt.datetime
    cause: str  # db.lab_models.PLAN_CAUSES
    made_by_name: str
    late: int
    unplaced: int


@dataclass(frozen=True)
class Timeline:
    span: str  # DAY | WEEK
    first: dt.date
    last: dt.date  # included
    start: dt.datetime  # UTC: Rome midnight of `first`
    end: dt.datetime  # UTC: Rome midnight after `last`
    days: tuple[TimelineDay, ...]
    lanes: tuple[TimelineLane, ...]  # active machines by code
    latest_run: PlanRunSummary | None


def range_of(day: dt.date, span: str) -> tuple[dt.date, dt.date]:
    """The first and last day shown: the day itself, or the Monday to Sunday of its ISO week."""
    if span == DAY:
        return day, day
    if span != WEEK:
        raise ValueError(f"unknown span {span!r}")
    monday = day - dt.timedelta(days=day.isoweekday() - 1)
    return monday, monday + dt.timedelta(days=6)


def late_by(end: dt.datetime, due_on: dt.date | None) -> dt.timedelta | None:
    """How far a test ending at `end` passes the end of its due day in Rome; None when on time."""
    if due_on is None:
        return None
    past = end - _end_of(due_on)
    return past if past > dt.timedelta(0) else None


@functools.lru_cache(maxsize=512)
def _end_of(day: dt.date) -> dt.datetime:
    """The UTC moment a Rome day ends (many bars share a few due days)."""
    return at_rome(day + dt.timedelta(days=1), dt.time(0))


def lab_timeline(db, *, day: dt.date, span: str = DAY) -> Timeline:
    """The timeline of the Rome day `day`, or of its ISO week when `span` is WEEK."""
    first, last = range_of(day, span)
    start, end = at_rome(first, dt.time(0)), at_rome(last + dt.timedelta(days=1), dt.time(0))
    with db.read() as session:
        calendar = lab_calendar_in(session)
        machines = [machine_of(e) for e in session.scalars(
            select(Equipment).where(Equipment.active.is_(True)).order_by(Equipment.code, Equipment.name))]
        ids = [m.id for m in machines]
        bars = _bars(session, machines, start, end)
        valid = _valid_until(session, ids)
        outages = _outages(session, ids, start, end)
        run = _latest_run(session)
    days = tuple(_day(calendar, first + dt.timedelta(days=n)) for n in range((last - first).days + 1))
    lanes = tuple(_lane(m, bars.get(m.id, []), valid.get(m.id), outages.get(m.id, []), calendar, days, start, end)
                  for m in machines)
    return Timeline(span, first, last, start, end, days, lanes, run)


def longest_minutes(session) -> dict[str, int]:
    """The longest a test of each machine kind may occupy its machine: its types' longest exposure
    (hours_max, as intake allows) or duration. Bounds how far before a range a test still running
    in it may have started, so the tests are read over a short stretch of the machine's index."""
    longest: dict[str, int] = {}
    for kind, hours_max, duration in session.execute(
            select(TestType.equipment_kind, TestType.hours_max, TestType.duration_min)):
        longest[kind] = max(longest.get(kind, 0), (hours_max or 0) * 60, duration or 0)
    return longest


def _bars(session, machines: list[Machine], start: dt.datetime, end: dt.datetime) -> dict[uuid.UUID, list[TimelineBar]]:
    """The tests with a slot overlapping [start, end), by machine and start: one query per machine
    over its (equipment_id, planned_start) index, from its kind's longest test before the range."""
    longest = longest_minutes(session)
    italian = language() == "it"
    found: dict[uuid.UUID, list[TimelineBar]] = {}
    for machine in machines:
        since = start - dt.timedelta(minutes=longest.get(machine.kind, 0))
        stmt = (select(TestJob.id, Sample.lab_id, TestType.name_it, TestType.name_en, Company.name,
                       TestJob.planned_start, TestJob.planned_end, TestJob.status, TestJob.technician_id,
                       StaffMember.display_name, TestJob.pinned, TestJob.plan_flag, TestJob.plan_flag_reason,
                       LabRequest.priority, LabRequest.due_on)
                .join(Sample, TestJob.sample_id == Sample.id)
                .join(LabRequest, Sample.request_id == LabRequest.id)
                .join(Company, LabRequest.company_id == Company.id)
                .join(TestType, TestJob.test_type_id == TestType.id)
                .outerjoin(StaffMember, TestJob.technician_id == StaffMember.id)
                .where(TestJob.equipment_id == machine.id, TestJob.planned_start >= since,
                       TestJob.planned_start < end, TestJob.planned_end > start, TestJob.status.in_(SHOWN))
                .order_by(TestJob.planned_start))
        bars = found[machine.id] = []
        for (test_id, lab_id, name_it, name_en, company, s, e, status, technician_id, technician, pinned, flag,
             reason, priority, due_on) in session.execute(stmt):
            s, e = as_utc(s), as_utc(e)
            bars.append(TimelineBar(
                test_id, machine.id, lab_id, name_it if italian else name_en, company, s, e, status, technician_id,
                technician or "", bool(pinned), flag or "", reason or "", priority, due_on, late_by(e, due_on)))
    return found


def _valid_until(session, ids: list[uuid.UUID]) -> dict[uuid.UUID, dt.date]:
    """Each machine's latest passing record's next due day (as services.lab.equipment.valid_until_in)."""
    stmt = (select(Calibration.equipment_id, Calibration.next_due)
            .where(Calibration.equipment_id.in_(ids), Calibration.result == "pass")
            .order_by(Calibration.performed_on.desc(), Calibration.created_at.desc()))
    valid: dict[uuid.UUID, dt.date] = {}
    for equipment_id, next_due in session.execute(stmt):
        valid.setdefault(equipment_id, next_due)
    return valid


def _outages(session, ids: list[uuid.UUID], start: dt.datetime, end: dt.datetime
             ) -> dict[uuid.UUID, list[OutagePeriod]]:
    stmt = (select(OutOfService.equipment_id, OutOfService.starts_at, OutOfService.ends_at, OutOfService.reason)
            .where(OutOfService.equipment_id.in_(ids), OutOfService.starts_at < end,
                   or_(OutOfService.ends_at.is_(None), OutOfService.ends_at > start))
            .order_by(OutOfService.starts_at))
    found: dict[uuid.UUID, list[OutagePeriod]] = {}
    for equipment_id, s, e, reason in session.execute(stmt):
        found.setdefault(equipment_id, []).append(OutagePeriod(as_utc(s), e and as_utc(e), reason))
    return found


def _latest_run(session) -> PlanRunSummary | None:
    run = session.scalars(select(PlanRun).order_by(PlanRun.made_at.desc()).limit(1)).first()
    if run is None:
        return None
    return PlanRunSummary(as_utc(run.made_at), run.cause, run.made_by_name, run.late, run.unplaced)


def _day(calendar: LabCalendar, day: dt.date) -> TimelineDay:
    off = calendar.day_off(day)
    return TimelineDay(day, calendar.is_working_day(day), off.name if off is not None else "")


def _lane(machine: Machine, bars: list[TimelineBar], valid_until: dt.date | None, outages: list[OutagePeriod],
          calendar: LabCalendar, days: tuple[TimelineDay, ...], start: dt.datetime, end: dt.datetime) -> TimelineLane:
    lapses = calibration_lapses_at(valid_until) if valid_until is not None else None
    return TimelineLane(
        machine.id, machine.code, machine.name, machine.kind, machine.capacity, machine.continuous,
        machine.hours_from, machine.hours_to, tuple(bars), valid_until,
        lapses if lapses is not None and start <= lapses < end else None, tuple(outages),
        tuple(_off_times(machine, days)), tuple(load_steps(bars, start, end)) if machine.capacity > 1 else ())


def _off_times(machine: Machine, days: tuple[TimelineDay, ...]) -> list[OffTime]:
    """The machine's time off over the days: closed days whole, and on working days the hours
    before and after its own."""
    off = []
    for d in days:
        midnight, next_midnight = at_rome(d.day, dt.time(0)), at_rome(d.day + dt.timedelta(days=1), dt.time(0))
        if not d.working or not machine.works_on(d.day):
            why = d.why_off or (_("Weekend") if d.day.isoweekday() > 5 else _("Not a working day of this machine"))
            off.append(OffTime(midnight, next_midnight, CLOSED_DAY, why))
            continue
        opens, closes = at_rome(d.day, machine.hours_from), at_rome(d.day, machine.hours_to)
        if opens > midnight:
            off.append(OffTime(midnight, opens, AFTER_HOURS))
        if closes < next_midnight:
            off.append(OffTime(closes, next_midnight, AFTER_HOURS))
    return off


def load_steps(bars: list[TimelineBar], start: dt.datetime, end: dt.datetime) -> list[LoadStep]:
    """How many planned or running tests are in the machine at once, as steps covering [start, end)."""
    events: dict[dt.datetime, int] = {start: 0, end: 0}
    for bar in bars:
        if bar.status not in LOADED:
            continue
        s, e = max(bar.start, start), min(bar.end, end)
        if s < e:
            events[s] = events.get(s, 0) + 1
            events[e] = events.get(e, 0) - 1
    steps: list[LoadStep] = []
    running = 0
    moments = sorted(events)
    for here, after in itertools.pairwise(moments):
        running += events[here]
        if steps and steps[-1].count == running:
            steps[-1] = LoadStep(steps[-1].start, after, running)
        else:
            steps.append(LoadStep(here, after, running))
    return steps

