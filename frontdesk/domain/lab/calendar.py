"""The lab's calendar: its working days and its technicians' days (pure; no storage).

A day is a working day of the lab when it is one of the lab's weekdays (Monday to Friday), not an
Italian public holiday (from the maintained `holidays` library, so a new national holiday such as
4 October from 2026 arrives with a library update), not the patron saint's day of the lab's
municipality (a site setting, "MM-DD") and not inside one of the lab's closures. A technician is
present on a working day of the lab that is one of their weekdays and not inside an absence.

Days are Rome calendar days; moments are stored in UTC and turned into Rome time here
(`rome_moment`, `rome_day_of`), because the lab works in Europe/Rome local hours.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import uuid
from dataclasses import dataclass, field

import holidays

from frontdesk.domain.clock import ROME
from frontdesk.i18n import _, language

DEFAULT_PATRON_DAY = "03-19"  # San Giuseppe, patron saint of Dalmine
LAB_WEEKDAYS = "12345"
_PATRON = re.compile(r"^(\d{2})-(\d{2})$")
_WEEKDAYS = re.compile(r"^[1-7]{1,7}$")


def parse_patron_day(text: str) -> tuple[int, int] | None:
    """(month, day) of a "MM-DD" that is a real day of the year (29 February included); None if not."""
    match = _PATRON.match(str(text).strip())
    if not match:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    try:
        dt.date(2024, month, day)  # a leap year: 02-29 is a real day
    except ValueError:
        return None
    return month, day


def valid_weekdays(text: str) -> str | None:
    """ISO weekdays ("12345": Monday to Friday) sorted and without repeats; None if not valid."""
    text = str(text).strip()
    if not _WEEKDAYS.match(text) or len(set(text)) != len(text):
        return None
    return "".join(sorted(text))


@functools.lru_cache(maxsize=64)
def _national(year: int, lang: str) -> dict[dt.date, str]:
    names = holidays.country_holidays("IT", years=year, language="it" if lang == "it" else "en_US")
    return dict(names.items())


@dataclass(frozen=True)
class Period:
    """Days from one to another, both included, with why."""

    starts_on: dt.date
    ends_on: dt.date
    reason: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class TechnicianSchedule:
    """A technician's working weekdays (ISO, "12345") and absences."""

    staff_id: uuid.UUID
    name: str = ""
    weekdays: str = LAB_WEEKDAYS
    absences: tuple[Period, ...] = ()


@dataclass(frozen=True)
class DayOff:
    day: dt.date
    name: str
    kind: str  # holiday | patron | closure


@dataclass(frozen=True)
class LabCalendar:
    """The lab's working days: weekdays, Italian holidays, the patron saint's day, closures."""

    patron_day: str = DEFAULT_PATRON_DAY  # "MM-DD"
    municipality: str = "Dalmine"
    closures: tuple[Period, ...] = ()
    weekdays: str = LAB_WEEKDAYS
    _patron: tuple[int, int] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_patron", parse_patron_day(self.patron_day))

    def day_off(self, day: dt.date) -> DayOff | None:
        """Why a day that is not a weekend is still not worked: a holiday, the patron, a closure."""
        name = _national(day.year, language()).get(day)
        if name:
            return DayOff(day, name, "holiday")
        if self._patron == (day.month, day.day):
            return DayOff(day, _("Patron saint's day of {place}").format(place=self.municipality), "patron")
        for closure in self.closures:
            if closure.covers(day):
                return DayOff(day, closure.reason or _("Lab closed"), "closure")
        return None

    def is_working_day(self, day: dt.date) -> bool:
        return str(day.isoweekday()) in self.weekdays and self.day_off(day) is None

    def next_working_day(self, day: dt.date, *, include: bool = False) -> dt.date:
        """The first working day after `day` (or `day` itself when `include` and it is one)."""
        current = day if include else day + dt.timedelta(days=1)
        for _i in range(400):
            if self.is_working_day(current):
                return current
            current += dt.timedelta(days=1)
        raise ValueError("no working day within 400 days")

    def days_off_between(self, first: dt.date, last: dt.date) -> list[DayOff]:
        """Holidays, the patron's day and closure days from `first` to `last` that fall on the lab's
        weekdays (a Sunday holiday closes nothing more)."""
        found = []
        day = first
        while day <= last:
            off = self.day_off(day) if str(day.isoweekday()) in self.weekdays else None
            if off is not None:
                found.append(off)
            day += dt.timedelta(days=1)
        return found

    def technician_present(self, staff: TechnicianSchedule, day: dt.date) -> bool:
        return self.technician_absence(staff, day) is None

    def technician_absence(self, staff: TechnicianSchedule, day: dt.date) -> str | None:
        """Why the technician is not at work that day (a message), or None when present."""
        off = self.day_off(day)
        if off is not None:
            return _("the lab is closed ({why})").format(why=off.name)
        if str(day.isoweekday()) not in self.weekdays:
            return _("the lab is closed (weekend)")
        if str(day.isoweekday()) not in staff.weekdays:
            return _("it is not one of their working days")
        for absence in staff.absences:
            if absence.covers(day):
                return _("they are absent ({why})").format(why=absence.reason) if absence.reason \
                    else _("they are absent")
        return None


def rome_moment(moment: dt.datetime) -> dt.datetime:
    """An aware moment (or a naive one in UTC, as SQLite hands it back) in Rome time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(ROME)


def rome_day_of(moment: dt.datetime) -> dt.date:
    return rome_moment(moment).date()


def at_rome(day: dt.date, clock: dt.time) -> dt.datetime:
    """The UTC moment of a Rome wall-clock time on a Rome day."""
    return dt.datetime.combine(day, clock, tzinfo=ROME).astimezone(dt.UTC)
