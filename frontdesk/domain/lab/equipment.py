"""A machine as the planning rules see it, its working hours, and its calibration state (pure).

The state a list shows for each machine: calibration valid, due within 30 days, lapsed (or never
calibrated), out of service. A machine may be used up to its latest passing record's `next_due`
day included (ISO/IEC 17025 6.4: equipment is used only while its calibration is valid).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.lab.calendar import valid_weekdays
from frontdesk.i18n import _

DUE_SOON_DAYS = 30
_HOUR = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

VALID, DUE_SOON, LAPSED, NEVER, OUT_OF_SERVICE = "valid", "due_soon", "lapsed", "never", "out_of_service"


@dataclass(frozen=True)
class Machine:
    """A machine's planning facts: what it is, how many tests it holds, when it works (Rome time)."""

    id: uuid.UUID
    code: str
    name: str
    kind: str
    capacity: int = 1
    continuous: bool = False
    hours_from: dt.time = dt.time(8, 0)
    hours_to: dt.time = dt.time(17, 0)
    weekdays: str = "12345"
    active: bool = True

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}".strip()

    def works_on(self, day: dt.date) -> bool:
        return str(day.isoweekday()) in self.weekdays

    def minutes_a_day(self) -> int:
        return (self.hours_to.hour * 60 + self.hours_to.minute) - (self.hours_from.hour * 60 + self.hours_from.minute)


def parse_hour(text: str, *, field: str) -> dt.time:
    """ "HH:MM" as a time; ValidationError (on `field`) otherwise."""
    text = str(text).strip()
    if not _HOUR.match(text):
        raise ValidationError(_("Write the hour as HH:MM, for example 08:00."), field=field)
    return dt.time(int(text[:2]), int(text[3:]))


def check_working_hours(hours_from: str, hours_to: str, weekdays: str) -> tuple[str, str, str]:
    """A machine's hours and weekdays, checked: "HH:MM" each, the end after the start, at least one
    weekday. Returns them normalised."""
    start = parse_hour(hours_from, field="hours_from")
    end = parse_hour(hours_to, field="hours_to")
    if end <= start:
        raise ValidationError(_("The working hours must end after they start (from {start} to {end}?).").format(
            start=start.strftime("%H:%M"), end=end.strftime("%H:%M")), field="hours_to")
    days = valid_weekdays(weekdays) if str(weekdays).strip() else None
    if days is None:
        raise ValidationError(_("Choose at least one working day of the week."), field="weekdays")
    return start.strftime("%H:%M"), end.strftime("%H:%M"), days


def calibration_state(next_due: dt.date | None, today: dt.date, *, out_of_service: bool = False) -> str:
    """One of VALID, DUE_SOON, LAPSED, NEVER, OUT_OF_SERVICE (out of service wins)."""
    if out_of_service:
        return OUT_OF_SERVICE
    if next_due is None:
        return NEVER
    if next_due < today:
        return LAPSED
    if next_due <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return VALID
