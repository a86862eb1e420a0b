"""A request's planned tests as an iCalendar file (RFC 5545) for the customer's calendar: a
`CalendarData` value in, .ics bytes out.

One event per planned test, from its planned start to its planned end, in UTC (every calendar
shows them in its own time zone), with a UID made of the test's id and the Point's domain, so
sending the file again updates the customer's events instead of adding copies; and, when a
report date was promised at intake, an all-day event on that day. Customer-facing: the test, the
sample's lab ID, the request number and the Point; never a technician, a machine or an internal
note. Texts in the user's language. Written with the `icalendar` library (folding, escaping).
Pure: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontdesk.i18n import _

if TYPE_CHECKING:
    from icalendar import Event


@dataclass(frozen=True)
class CalendarTest:
    test_id: uuid.UUID
    name: str  # the test type's name, in the user's language
    standard: str
    sample_lab_id: str
    hours: int | None  # the exposure chosen (salt spray)
    start: dt.datetime  # aware
    end: dt.datetime


@dataclass(frozen=True)
class CalendarData:
    request_id: uuid.UUID
    number: str
    point_name: str
    point_address: str
    uid_domain: str  # the Point's domain: the right part of every event's UID
    promised_on: dt.date | None  # the report date promised at intake
    tests: tuple[CalendarTest, ...]


def _test_event(test: CalendarTest, data: CalendarData, stamp: dt.datetime) -> Event:
    from icalendar import Event

    name = test.name if test.hours is None else _("{test}, {hours} h").format(test=test.name, hours=test.hours)
    event = Event()
    event.add("uid", f"lab-test-{test.test_id}@{data.uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", test.start.astimezone(dt.UTC))
    event.add("dtend", test.end.astimezone(dt.UTC))
    event.add("summary", _("Test {test} – sample {lab_id}").format(test=name, lab_id=test.sample_lab_id))
    lines = [_("Request {number}").format(number=data.number)]
    if test.standard:
        lines.append(_("Standard: {standard}").format(standard=test.standard))
    lines.append(_("Planned dates: they may change until the test starts."))
    event.add("description", "\n".join(lines))
    event.add("location", ", ".join(p for p in (data.point_name, data.point_address) if p))
    event.add("transp", "TRANSPARENT")  # the customer is not busy while we test
    return event


def _report_event(data: CalendarData, stamp: dt.datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", f"lab-report-{data.request_id}@{data.uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", data.promised_on)
    event.add("dtend", data.promised_on + dt.timedelta(days=1))
    event.add("summary", _("Test report expected"))
    event.add("description", _("Request {number}").format(number=data.number))
    event.add("location", data.point_name)
    event.add("transp", "TRANSPARENT")
    return event


def render_request_calendar(data: CalendarData, *, made_at: dt.datetime) -> bytes:
    """The .ics file's bytes (UTF-8, CRLF lines, as RFC 5545 asks)."""
    from icalendar import Calendar  # 60 ms of imports (dateutil...): paid by who makes a calendar only

    stamp = made_at.astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//Dalmine Point//frontdesk//IT")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Request {number} – {point}").format(number=data.number, point=data.point_name))
    for test in data.tests:
        calendar.add_component(_test_event(test, data, stamp))
    if data.promised_on is not None:
        calendar.add_component(_report_event(data, stamp))
    return calendar.to_ical()
