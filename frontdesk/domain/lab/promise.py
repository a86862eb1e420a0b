"""The date promised at the desk: when the report of a request being taken in can be issued.

`report_day` is the rule: the lab's working day `lead_days` working days after the day (Rome) the
last test ends (lead 0: that day, or the next working day when the lab is closed then).
`promise_of` places the request's tests tentatively on the loaded plan (scheduler.LoadedPlan) and
gives each test line its end and report day, and the request its report day from the latest end,
with how many calendar days it misses the date the customer needs. A line that cannot be placed
has its reason, and then the request has no promised date.

Pure: imports only the standard library, frontdesk.domain and frontdesk.i18n.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from frontdesk.domain.lab.calendar import LabCalendar, rome_day_of
from frontdesk.domain.lab.scheduler import LoadedPlan, PendingTest, Planned
from frontdesk.i18n import _


def report_day(end: dt.datetime, *, lead_days: int, calendar: LabCalendar) -> dt.date:
    """The day the report can be issued for tests that end at `end` (aware)."""
    day = calendar.next_working_day(rome_day_of(end), include=True)
    for _i in range(lead_days):
        day = calendar.next_working_day(day)
    return day


@dataclass(frozen=True)
class PromiseLine:
    """One test asked: when it ends and the report day it alone would allow, or why it cannot be placed."""

    end: dt.datetime | None
    report_on: dt.date | None
    reason: str = ""


@dataclass(frozen=True)
class Promise:
    lines: tuple[PromiseLine, ...]
    report_on: dt.date | None  # None: no test asked, or one that cannot be placed (see `reason`)
    due_on: dt.date | None = None
    reason: str = ""

    @property
    def days_late(self) -> int:
        """Calendar days the report day misses the date needed (0 when it meets it or none is set)."""
        if self.report_on is None or self.due_on is None:
            return 0
        return max(0, (self.report_on - self.due_on).days)

    @property
    def meets_due(self) -> bool:
        return self.report_on is not None and self.days_late == 0


def promise_of(loaded: LoadedPlan, lines: Sequence[PendingTest | str], *, due_on: dt.date | None,
               lead_days: int) -> Promise:
    """The promise for a request's test lines: each a new test to place, or the reason (text) it
    cannot be (a test the catalogue does not know). Placed together, in one tentative call."""
    calendar = loaded.state.calendar
    found = loaded.tentative([line for line in lines if isinstance(line, PendingTest)])
    out: list[PromiseLine] = []
    for line in lines:
        outcome = found[line.id] if isinstance(line, PendingTest) else line
        if isinstance(outcome, Planned):
            out.append(PromiseLine(outcome.end, report_day(outcome.end, lead_days=lead_days, calendar=calendar)))
        else:
            out.append(PromiseLine(None, None, outcome if isinstance(outcome, str) else outcome.reason))
    refused = next((line.reason for line in out if line.reason), "")
    if refused or not out:
        reason = _("Date cannot be guaranteed: {reason}").format(reason=refused) if refused else ""
        return Promise(tuple(out), None, due_on, reason)
    last = max(line.end for line in out)
    return Promise(tuple(out), report_day(last, lead_days=lead_days, calendar=calendar), due_on)


def line_id(index: int) -> uuid.UUID:
    """The id of the request's `index`-th new test (from 0): fixed, so equal requests place alike."""
    return uuid.UUID(int=index + 1)
