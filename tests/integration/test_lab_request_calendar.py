"""A request's calendar for the customer (issue 15, point 5): the .ics file read back with the
`icalendar` library: one event per planned test at its planned times (UTC, whatever the DST
change in between), the summary in Italian, UIDs that stay the same from one export to the next,
the promised report date as an all-day event; nothing internal inside (technician, machine,
notes); a request with nothing planned refused in Italian."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar
from lab_rows import SALT_SPRAY, TENSILE, machine, make_test_type, request_with_tests, technician

from frontdesk.db.lab_models import LabRequest, Sample, TestJob
from frontdesk.domain.clock import ROME
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.i18n import set_language
from frontdesk.services.desk.settings import update_settings
from frontdesk.services.lab import planning
from frontdesk.services.lab.request_calendar import request_calendar, request_calendar_ics

MONDAY = dt.date(2027, 3, 22)  # summer time starts on Sunday 28 March 2027


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=ROME)


@pytest.fixture
def planned(db, admin):
    """One request of two samples: a tensile test on Monday 9:00 (before the change to summer time)
    and a 240 h salt-spray exposure from Tuesday, ending after the change; a third test not planned."""
    tensile = make_test_type(db, **TENSILE)
    spray = make_test_type(db, **SALT_SPRAY)
    anna = technician(db, "Anna Bonfanti", authorised_for=(tensile, spray))
    tr = machine(db, admin, code="TR-01", kind="tensile_machine", name="Zwick Z250")
    ns = machine(db, admin, code="NS-01", kind="salt_spray_chamber", capacity=4, continuous=True,
                 name="Camera nebbia salina")
    [first, unplanned] = request_with_tests(db, tensile, count=2)
    with db.begin() as session:
        sample = session.get(TestJob, first).sample
        request = sample.request
        request.notes = "Cliente difficile: sollecitare il pagamento"  # internal
        request.promised_on = dt.date(2027, 4, 6)
        second = Sample(id=new_id(), lab_id="L1-900002", request=request,
                        received_at=sample.received_at, position=2)
        spray_test = TestJob(id=new_id(), sample=second, test_type_id=spray,
                             hours=240)
        session.add_all([second, spray_test])
        request_id, spray_id = request.id, spray_test.id
    planning.plan_test(db, test_id=first, equipment_id=tr, start=at(MONDAY, 9), technician_id=anna, actor=admin)
    planning.plan_test(db, test_id=spray_id, equipment_id=ns, start=at(MONDAY + dt.timedelta(days=1), 10),
                       technician_id=anna, actor=admin)
    return dict(request=request_id, first=first, spray=spray_id, unplanned=unplanned)


def events(ics: bytes):
    return [c for c in Calendar.from_ical(ics).walk("VEVENT")]


def test_the_ics_holds_one_event_per_planned_test_at_its_planned_times_and_the_promised_report(db, planned):
    set_language("it")
    try:
        ics = request_calendar_ics(db, request_id=planned["request"])
    finally:
        set_language("en")
    calendar = Calendar.from_ical(ics)
    assert str(calendar["version"]) == "2.0" and "frontdesk" in str(calendar["prodid"])
    tests, report = events(ics)[:2], events(ics)[2:]
    assert len(tests) == 2 and len(report) == 1
    tensile, spray = tests
    assert tensile.decoded("dtstart") == dt.datetime(2027, 3, 22, 8, tzinfo=dt.UTC)  # 9:00 in Rome, winter time
    assert tensile.decoded("dtend") == dt.datetime(2027, 3, 22, 8, 45, tzinfo=dt.UTC)
    assert spray.decoded("dtstart") == at(dt.date(2027, 3, 23), 10)
    assert spray.decoded("dtend") == spray.decoded("dtstart") + dt.timedelta(hours=240)
    assert spray.decoded("dtend").astimezone(ROME).hour == 11  # 240 h later, in summer time
    with db.read() as session:
        lab_id = session.get(TestJob, planned["first"]).sample.lab_id
        number = session.get(LabRequest, planned["request"]).number
    assert str(tensile["summary"]) == f"Prova Prova di trazione – campione {lab_id}"
    assert str(spray["summary"]) == "Prova Nebbia salina neutra, 240 h – campione L1-900002"
    assert f"Richiesta {number}" in str(tensile["description"])
    assert "UNI EN ISO 6892-1:2020" in str(tensile["description"])
    [promised] = report
    assert str(promised["summary"]) == "Rapporto di prova previsto"
    assert promised.decoded("dtstart") == dt.date(2027, 4, 6)  # an all-day event: a date, no time
    assert promised.decoded("dtend") == dt.date(2027, 4, 7)
    text = ics.decode("utf-8")
    for internal in ("Anna", "Bonfanti", "TR-01", "Zwick", "NS-01", "sollecitare", "pagamento"):
        assert internal not in text, internal


def test_uids_are_the_same_in_two_exports_and_carry_the_points_domain(db, admin, planned):
    update_settings(db, changes={"smtp_sender": "laboratorio@pointbg.it"}, actor=admin)
    once = events(request_calendar_ics(db, request_id=planned["request"]))
    again = events(request_calendar_ics(db, request_id=planned["request"]))
    uids = [str(e["uid"]) for e in once]
    assert uids == [str(e["uid"]) for e in again]
    assert uids[0] == f"lab-test-{planned['first']}@pointbg.it"
    assert uids[2] == f"lab-report-{planned['request']}@pointbg.it"
    assert len(set(uids)) == 3


def test_without_a_mail_domain_the_uid_domain_comes_from_the_points_name(db, planned):
    data = request_calendar(db, request_id=planned["request"])
    assert data.uid_domain == "point-polo-per-l-innovazione-tecnologica.frontdesk.invalid"
    assert [t.test_id for t in data.tests] == [planned["first"], planned["spray"]]  # the unplanned one left out


def test_no_promised_date_no_report_event(db, planned):
    with db.begin() as session:
        session.get(LabRequest, planned["request"]).promised_on = None
    assert len(events(request_calendar_ics(db, request_id=planned["request"]))) == 2


def test_a_request_with_no_planned_test_is_refused_in_italian(db, admin):
    tensile = make_test_type(db, **TENSILE)
    [test] = request_with_tests(db, tensile)
    with db.read() as session:
        request_id = session.get(TestJob, test).sample.request_id
    set_language("it")
    try:
        with pytest.raises(ValidationError, match=r"^Nessuna prova di questa richiesta è ancora pianificata\.$"):
            request_calendar_ics(db, request_id=request_id)
        with db.begin() as session:
            session.get(LabRequest, request_id).status = "cancelled"
        with pytest.raises(ValidationError, match="annullata"):
            request_calendar_ics(db, request_id=request_id)
    finally:
        set_language("en")


def test_an_unknown_request_is_not_found(db):
    import uuid

    with pytest.raises(NotFound):
        request_calendar(db, request_id=uuid.uuid4())
