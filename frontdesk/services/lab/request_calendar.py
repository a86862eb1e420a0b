"""A request's planned tests for the customer's calendar (.ics): the tests with their planned times and
the report date promised at intake; nothing internal (no technician, no machine, no notes).
Reads only; documents.lab.request_calendar writes the file."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from frontdesk.db.lab_models import LabRequest, Sample, TestJob, TestType
from frontdesk.documents.lab.request_calendar import CalendarData, CalendarTest, render_request_calendar
from frontdesk.domain.clock import as_utc, utcnow
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.i18n import _
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.lab.planning import test_type_name
from frontdesk.services.lab.technician_week import PLANNED


def _uid_domain(sender: str, point_name: str) -> str:
    """The Point's mail domain (of the sender address in Settings), else a name made from the Point's
    name: event UIDs stay the same from one export to the next."""
    domain = sender.rpartition("@")[2].strip().lower()
    if domain and "." in domain:
        return domain
    slug = "".join(c if c.isascii() and c.isalnum() else "-" for c in point_name.lower()).strip("-")
    return "-".join(p for p in slug.split("-") if p)[:40] + ".frontdesk.invalid"


def request_calendar(db, *, request_id: uuid.UUID) -> CalendarData:
    """A request's planned tests (test, sample, start, end) and the report date promised at intake,
    for the customer's calendar: nothing internal (no technician, no machine, no notes).
    Raises NotFound, and ValidationError when none of its tests is planned yet."""
    with db.read() as session:
        request = session.get(LabRequest, request_id)
        if request is None:
            raise NotFound(_("The lab request no longer exists."))
        if request.status == "cancelled":
            raise ValidationError(_("This request was cancelled: it has no dates to send."))
        settings = read_settings(session)
        stmt = (select(TestJob, Sample.lab_id, TestType)
                .join(Sample, TestJob.sample_id == Sample.id)
                .join(TestType, TestJob.test_type_id == TestType.id)
                .where(Sample.request_id == request_id, TestJob.status.in_(PLANNED),
                       TestJob.subcontracted.is_(False), TestJob.planned_start.is_not(None),
                       TestJob.planned_end.is_not(None))
                .order_by(TestJob.planned_start, Sample.lab_id, TestJob.id))
        tests = tuple(CalendarTest(t.id, test_type_name(tt), tt.standard, lab_id, t.hours, as_utc(t.planned_start),
                                   as_utc(t.planned_end)) for t, lab_id, tt in session.execute(stmt))
        if not tests:
            raise ValidationError(_("No test of this request is planned yet."))
        return CalendarData(request.id, request.number, settings.point_name, settings.point_full_address,
                            _uid_domain(settings.smtp_sender, settings.point_name), request.promised_on, tests)


def request_calendar_ics(db, *, request_id: uuid.UUID) -> bytes:
    """The request's calendar as an .ics file's bytes (see request_calendar)."""
    return render_request_calendar(request_calendar(db, request_id=request_id), made_at=utcnow())
