"""The lab's day end to end, through each slice's own service (issue 14): a planned test is started
by an authorised technician, its results are entered, it is completed, the lab manager verifies it,
and the report issued from it prints those results; a reopen then starts a new round that the
report must wait for again."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from integration.lab_rows import machine
from integration.lab_samples import make_request

from frontdesk.db.lab_models import Authorisation, TestJob
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.ids import new_id, reference_id
from frontdesk.domain.lab.results import ReadingInput
from frontdesk.services.lab.reports import issue_report, report_pdf
from frontdesk.services.lab.results import submit_result
from frontdesk.services.lab.review import reopen_test, verify_test
from frontdesk.services.lab.test_run import complete_test, start_test


@pytest.fixture
def planned(db, admin):
    """One sample with a Brinell test planned now on HB-01 for the admin, authorised for it."""
    hb = machine(db, admin, code="HB-01", kind="hardness_tester", name="Durometro Emco")
    made = make_request(db, samples=1, tests=("HB",))
    [test_id] = made.samples[0].test_ids
    now = utcnow()
    with db.begin() as session:
        test = session.get(TestJob, test_id)
        test.equipment_id, test.technician_id, test.status = hb, admin.staff_id, "scheduled"
        test.planned_start, test.planned_end = now - dt.timedelta(minutes=5), now + dt.timedelta(minutes=25)
        session.add(Authorisation(id=new_id(), staff_id=admin.staff_id,
                                  test_type_id=reference_id("lab_test_type", "HB"), active=True))
    return made, test_id, hb


def _text(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode()


def test_a_test_runs_from_the_queue_to_the_report(db, admin, planned):
    made, test_id, hb = planned
    start_test(db, test_id=test_id, actor=admin)
    submit_result(db, test_id=test_id, readings={"scale": ReadingInput("HBW 10/3000"), "hbw": ReadingInput("152")},
                  conditions={"temperature": "22"}, equipment_id=hb, actor=admin)
    complete_test(db, test_id=test_id, actor=admin)
    with pytest.raises(ValidationError):  # not verified yet: no report, no number used
        issue_report(db, request_id=made.id, sample_id=made.samples[0].id, language="it", actor=admin,
                     verdict="conforms")
    verify_test(db, test_id=test_id, actor=admin)
    issued = issue_report(db, request_id=made.id, sample_id=made.samples[0].id, language="it", actor=admin,
                          verdict="conforms")
    with db.read() as session:
        assert session.get(TestJob, test_id).status == "reported"
    printed = report_pdf(db, report_id=issued.id)
    assert printed.matches_issued
    text = _text(printed.pdf)
    assert made.samples[0].lab_id in text and "HBW" in text and "152" in text and "HB-01" in text

    reopen_test(db, test_id=test_id, reason="Impronta fuori centro: ripetere", actor=admin)
    with db.read() as session:
        test = session.get(TestJob, test_id)
        assert (test.round, test.status, test.completed_by) == (2, "scheduled", None)
    assert report_pdf(db, report_id=issued.id).matches_issued  # the issued report is kept as it was


def test_a_test_sent_to_an_external_lab_is_completed_with_its_results_and_reported_as_external(db, admin):
    """Never planned here, on no machine of ours, by nobody authorised here: the external lab ran it."""
    from frontdesk.services.lab.review import subcontract_test

    made = make_request(db, samples=1, tests=("HB",))
    [test_id] = made.samples[0].test_ids
    subcontract_test(db, test_id=test_id, subcontractor="Laboratorio Prove Milano S.r.l.", actor=admin)
    submit_result(db, test_id=test_id, readings={"hbw": ReadingInput("148")}, external=True,
                  provider="Laboratorio Prove Milano S.r.l.", actor=admin)
    complete_test(db, test_id=test_id, actor=admin)
    verify_test(db, test_id=test_id, actor=admin)
    issued = issue_report(db, request_id=made.id, sample_id=made.samples[0].id, language="en", actor=admin,
                          verdict="conforms")
    text = " ".join(_text(report_pdf(db, report_id=issued.id).pdf).split())
    assert "148" in text and "Laboratorio Prove Milano S.r.l." in text
