"""The rules that decide whether a test may be put on a machine at a start time (pure).

`check_slot` takes everything it needs as plain values (the test, the machine, the lab's calendar,
the machine's other bookings, its calibration, its out-of-service periods, the technician) and
returns the slot (start and end of the machine time) or raises `SlotRefused`: a ValidationError
whose message says, in the user's language, why, and whose `rule` names the rule broken.

Machine time: a test with chosen hours (an exposure) occupies the machine hours x 60 minutes,
any other its type's `duration_min`. Preparation (`prep_min`) happens before, off the machine.
A one-at-a-time machine works only in its hours on lab working days, and a test must end the
same day; a continuous machine (a salt-spray chamber) runs through nights and holidays but is
loaded and unloaded in working hours of lab working days. Capacity holds at every instant;
the test must end before the calibration lapses; no out-of-service period may overlap; the
technician must be authorised for the method and present on the (loading) day.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab.calendar import LabCalendar, TechnicianSchedule, at_rome, rome_day_of, rome_moment
from frontdesk.domain.lab.equipment import Machine
from frontdesk.i18n import _, format_date, format_datetime

LONG = "EEEE d MMMM yyyy, HH:mm"  # "domenica 6 dicembre 2026, 10:00"
DAY = "EEEE d MMMM yyyy"

# The rules, as `SlotRefused.rule` names them.
KIND, INACTIVE, START, DAY_CLOSED, HOURS, TOO_LONG, UNLOAD = (
    "kind", "inactive", "start", "day_closed", "hours", "too_long", "unload")
CAPACITY, CALIBRATION, OUT_OF_SERVICE, TECHNICIAN, ABSENT = (
    "capacity", "calibration", "out_of_service", "technician", "absent")


class SlotRefused(ValidationError):
    """A test may not go on that machine at that time; `rule` says which rule refused it."""

    def __init__(self, rule: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.rule = rule


@dataclass(frozen=True)
class TestNeeds:
    """What a test asks of the planning: the kind of machine and how long it occupies it."""

    __test__ = False
    id: uuid.UUID
    kind: str
    machine_minutes: int
    prep_min: int = 0
    test_type_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Booking:
    """Another test on the machine (scheduled or in progress), from start to end (UTC)."""

    test_id: uuid.UUID
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Outage:
    starts_at: dt.datetime
    ends_at: dt.datetime | None  # None: until further notice
    reason: str


@dataclass(frozen=True)
class Slot:
    start: dt.datetime  # UTC, aware
    end: dt.datetime


def machine_minutes(*, hours: int | None, duration_min: int) -> int:
    """How long a test occupies its machine: an exposure's hours, else the type's duration."""
    return hours * 60 if hours else duration_min


def _hm(clock: dt.time) -> str:
    return clock.strftime("%H:%M")


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        raise ValueError("a planned start must be an aware datetime")
    return moment.astimezone(dt.UTC)


def check_slot(*, test: TestNeeds, machine: Machine, start: dt.datetime, calendar: LabCalendar,
               bookings: Iterable[Booking] = (), valid_until: dt.date | None = None,
               outages: Iterable[Outage] = (), technician: TechnicianSchedule | None = None,
               authorised: bool = False) -> Slot:
    """The slot the test would take from `start`, or SlotRefused with the first rule it breaks."""
    start = _utc(start)
    end = start + dt.timedelta(minutes=test.machine_minutes)
    check_machine(test, machine)
    check_working_time(machine, start, end, calendar)
    check_out_of_service(machine, start, end, outages)
    check_calibration(machine, end, valid_until)
    check_capacity(test, machine, start, end, bookings)
    check_technician(technician, authorised, rome_day_of(start), calendar)
    return Slot(start, end)


def check_machine(test: TestNeeds, machine: Machine) -> None:
    if machine.kind != test.kind:
        raise SlotRefused(KIND, _("This test needs a machine of kind “{needed}”; {machine} is of kind “{kind}”.")
                          .format(needed=test.kind, machine=machine.label, kind=machine.kind), field="equipment")
    if not machine.active:
        raise SlotRefused(INACTIVE, _("{machine} is retired: choose another machine.").format(machine=machine.label),
                          field="equipment")
    if test.machine_minutes <= 0:
        raise SlotRefused(TOO_LONG, _("This test has no duration: set it in the test catalogue first."))


def _working_moment(machine: Machine, moment: dt.datetime, calendar: LabCalendar) -> tuple[str, str] | None:
    """(rule, why) when `moment` is not inside the machine's working hours on a lab working day."""
    local = rome_moment(moment)
    day = local.date()
    off = calendar.day_off(day)
    if off is not None:
        return DAY_CLOSED, _("the lab is closed on {day} ({why})").format(day=format_date(day, DAY), why=off.name)
    if not calendar.is_working_day(day) or not machine.works_on(day):
        return DAY_CLOSED, _("{day} is not a working day of {machine}").format(
            day=format_date(day, DAY), machine=machine.label)
    if not machine.hours_from <= local.time().replace(tzinfo=None) <= machine.hours_to:
        return START, _("{machine} works from {start} to {end}").format(
            machine=machine.label, start=_hm(machine.hours_from), end=_hm(machine.hours_to))
    return None


def check_working_time(machine: Machine, start: dt.datetime, end: dt.datetime, calendar: LabCalendar) -> None:
    refused = _working_moment(machine, start, calendar)
    if refused is not None:
        raise SlotRefused(refused[0], _("It cannot start then: {why}.").format(why=refused[1]), field="start")
    if machine.continuous:
        refused = _working_moment(machine, end, calendar)
        if refused is not None:
            why = refused[1]
            raise SlotRefused(UNLOAD, _("The exposure would end on {end}, when it cannot be unloaded: {why}. "
                                        "Choose another start.").format(end=format_datetime(end, LONG), why=why),
                              field="start")
        return
    minutes = int((end - start).total_seconds() // 60)
    if minutes > machine.minutes_a_day():
        raise SlotRefused(TOO_LONG, _("This test takes {minutes} minutes and does not fit in one working day of "
                                      "{machine} ({start}–{end}).").format(
            minutes=minutes, machine=machine.label, start=_hm(machine.hours_from), end=_hm(machine.hours_to)),
            field="start")
    day = rome_day_of(start)
    closing = at_rome(day, machine.hours_to)
    if end > closing:
        raise SlotRefused(HOURS, _("It would end at {end}, after the working hours of {machine} (until {close}): "
                                   "start earlier or on another day.").format(
            end=format_datetime(end, "HH:mm"), machine=machine.label, close=_hm(machine.hours_to)), field="start")


def check_out_of_service(machine: Machine, start: dt.datetime, end: dt.datetime, outages: Iterable[Outage]) -> None:
    for outage in outages:
        begins, ends = _utc(outage.starts_at), outage.ends_at and _utc(outage.ends_at)
        if begins < end and (ends is None or ends > start):
            if ends is None:
                message = _("{machine} is out of service from {start} until further notice: {reason}.").format(
                    machine=machine.label, start=format_datetime(begins, "text"), reason=outage.reason)
            else:
                message = _("{machine} is out of service from {start} to {end}: {reason}.").format(
                    machine=machine.label, start=format_datetime(begins, "text"),
                    end=format_datetime(ends, "text"), reason=outage.reason)
            raise SlotRefused(OUT_OF_SERVICE, message, field="equipment")


def calibration_lapses_at(valid_until: dt.date) -> dt.datetime:
    """The moment a calibration valid until a day (included) lapses: the next Rome midnight (UTC)."""
    return at_rome(valid_until + dt.timedelta(days=1), dt.time(0))


def check_calibration(machine: Machine, end: dt.datetime, valid_until: dt.date | None) -> None:
    if valid_until is None:
        raise SlotRefused(CALIBRATION, _("{machine} has no passing calibration or verification on record: "
                                         "it cannot be used.").format(machine=machine.label), field="equipment")
    if end > calibration_lapses_at(valid_until):
        last_day = rome_day_of(end - dt.timedelta(microseconds=1))  # a test ending at midnight ends the day before
        message = _("The calibration of {machine} is valid until {due}; this test would end on {end}.")
        raise SlotRefused(CALIBRATION, message.format(machine=machine.label, due=format_date(valid_until, "text"),
                                                      end=format_date(last_day, "text")), field="equipment")


def most_at_once(bookings: Iterable[Booking], start: dt.datetime, end: dt.datetime) -> int:
    """The most bookings running at the same instant within [start, end)."""
    events = []
    for booking in bookings:
        b_start, b_end = max(_utc(booking.start), start), min(_utc(booking.end), end)
        if b_start < b_end:
            events.append((b_start, 1))
            events.append((b_end, -1))
    events.sort(key=lambda e: (e[0], e[1]))  # an end before a start at the same instant
    running = peak = 0
    for _moment, step in events:
        running += step
        peak = max(peak, running)
    return peak


def check_capacity(test: TestNeeds, machine: Machine, start: dt.datetime, end: dt.datetime,
                   bookings: Iterable[Booking]) -> None:
    others = [b for b in bookings if b.test_id != test.id]
    busy = most_at_once(others, start, end)
    if busy + 1 > machine.capacity:
        if machine.capacity == 1:
            message = _("{machine} is already booked then (it takes one test at a time): choose another time.")
        else:
            message = _("{machine} is full then: it holds {capacity} tests at once and {busy} are already booked "
                        "over that time.")
        raise SlotRefused(CAPACITY, message.format(machine=machine.label, capacity=machine.capacity, busy=busy),
                          field="start")


def check_technician(technician: TechnicianSchedule | None, authorised: bool, day: dt.date,
                     calendar: LabCalendar) -> None:
    if technician is None:
        raise SlotRefused(TECHNICIAN, _("Choose the technician who will run the test."), field="technician")
    name = technician.name or _("The technician")
    if not authorised:
        raise SlotRefused(TECHNICIAN, _("{name} is not authorised for this method.").format(name=name),
                          field="technician")
    why = calendar.technician_absence(technician, day)
    if why is not None:
        raise SlotRefused(ABSENT, _("{name} is not at work on {day}: {why}.").format(
            name=name, day=format_date(day, DAY), why=why), field="technician")
