"""The lab manager's steps (issue 14, point 3): verify a completed result, reject and cancel with
the reason, reopen (a new round, back to scheduled, the run cleared, audited), send to an external
lab; every step by domain.lab.test_status; two windows verifying at once: one wins, the other is
told why. Refusals are in Italian and write nothing."""

from __future__ import annotations

import threading

import pytest
from lab_runs import put_status, tensile_tests
from sqlalchemy import select

from frontdesk.db.lab_models import TestJob
from frontdesk.db.models import AuditEvent
from frontdesk.domain.errors import Conflict, PermissionDenied
from frontdesk.domain.lab.results import ReadingInput as R
from frontdesk.domain.lab.test_status import StepRefused, stage_of
from frontdesk.domain.roles import Role
from frontdesk.i18n import set_language
from frontdesk.services.desk.setup import open_desk
from frontdesk.services.lab import review
from frontdesk.services.lab.results import submit_result


@pytest.fixture
def marta(add_staff):
    return add_staff("marta", Role.LAB_MANAGER, display_name="Marta Locatelli").actor


def completed_with_result(db, admin, **kwargs) -> object:
    [test] = tensile_tests(db, admin, **kwargs)
    submit_result(db, test_id=test, readings={"rm": R("512")}, conditions={"temperature": "22"}, actor=admin)
    put_status(db, test, "completed", by=admin.staff_id)
    return test


def row(db, test_id) -> TestJob:
    with db.read() as session:
        test = session.get(TestJob, test_id)
        session.expunge(test)
        return test


def actions(db, test_id) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(AuditEvent.action).where(
            AuditEvent.record_id == str(test_id), AuditEvent.action.like("lab_test.%")).order_by(AuditEvent.at)))


def test_a_completed_result_is_verified_by_the_lab_manager(db, admin, marta):
    test = completed_with_result(db, admin)
    state = review.verify_test(db, test_id=test, actor=marta)
    assert (state.status, state.round) == ("verified", 1)
    job = row(db, test)
    assert job.verified_by == marta.staff_id and job.verified_at is not None
    assert job.stage == stage_of(1, "verified")
    assert actions(db, test)[-1] == "lab_test.verify"
    listed = review.review_list(db)
    assert [(i.test_id, i.status) for i in listed] == [(test, "verified")]


def test_the_review_lists_tests_to_verify_first(db, admin, marta):
    done = completed_with_result(db, admin)
    waiting = completed_with_result(db, admin, company="Fonderia Orobica", machine=row(db, done).equipment_id)
    review.verify_test(db, test_id=done, actor=marta)
    [first, second] = review.review_list(db)
    assert (first.test_id, first.status, first.company, first.test_code) == (
        waiting, "completed", "Fonderia Orobica", "TENSILE-RT")
    assert second.test_id == done


def test_a_technician_cannot_verify(db, admin, add_staff):
    test = completed_with_result(db, admin)
    anna = add_staff("anna", Role.LAB_TECHNICIAN).actor
    with pytest.raises(PermissionDenied):
        review.verify_test(db, test_id=test, actor=anna)
    assert row(db, test).status == "completed"


def test_a_test_without_a_result_or_not_completed_is_not_verified(db, admin, marta):
    [bare] = tensile_tests(db, admin, status="completed")
    set_language("it")
    with pytest.raises(Conflict, match="non ha risultati nell'esecuzione corrente"):
        review.verify_test(db, test_id=bare, actor=marta)
    [running] = tensile_tests(db, admin, status="in_progress", machine=row(db, bare).equipment_id)
    with pytest.raises(StepRefused, match="in corso"):
        review.verify_test(db, test_id=running, actor=marta)
    assert (row(db, bare).status, row(db, running).status) == ("completed", "in_progress")
    assert actions(db, bare) == actions(db, running) == []


def test_two_windows_verifying_at_once_one_wins_the_other_is_told(db_path, db, admin, marta):
    test = completed_with_result(db, admin)
    windows = [open_desk(db_path), open_desk(db_path)]
    barrier = threading.Barrier(2)
    outcomes = []

    def verify(window):
        barrier.wait()
        try:
            outcomes.append(review.verify_test(window, test_id=test, actor=marta).status)
        except StepRefused as error:
            outcomes.append(error.message)

    set_language("it")
    threads = [threading.Thread(target=verify, args=(w,)) for w in windows]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    for window in windows:
        window.dispose()
    assert sorted(outcomes) == ["Questa prova è verificata: non può essere verificata.", "verified"]
    assert actions(db, test).count("lab_test.verify") == 1


def test_reject_and_cancel_need_their_reason(db, admin, marta):
    test = completed_with_result(db, admin)
    set_language("it")
    with pytest.raises(StepRefused, match="Indica perché"):
        review.reject_test(db, test_id=test, reason="  ", actor=marta)
    assert row(db, test).status == "completed" and actions(db, test) == ["lab_test.result"]
    review.reject_test(db, test_id=test, reason="Provetta non conforme", actor=marta)
    assert (row(db, test).status, row(db, test).cancel_reason) == ("rejected", "Provetta non conforme")
    [planned] = tensile_tests(db, admin, status="scheduled", machine=row(db, test).equipment_id)
    review.cancel_test(db, test_id=planned, reason="Il cliente ha ritirato la richiesta", actor=marta)
    assert row(db, planned).status == "cancelled"
    with pytest.raises(StepRefused, match="annullata"):
        review.cancel_test(db, test_id=test, reason="x", actor=marta)  # rejected is final (but for a reopen)


def test_reopen_starts_a_new_round_scheduled_with_the_run_cleared_and_audited(db, admin, marta):
    test = completed_with_result(db, admin)
    review.verify_test(db, test_id=test, actor=marta)
    set_language("it")
    with pytest.raises(StepRefused, match="Indica perché"):
        review.reopen_test(db, test_id=test, reason="", actor=marta)
    assert row(db, test).round == 1
    state = review.reopen_test(db, test_id=test, reason="Il cliente contesta il risultato", actor=marta)
    assert (state.round, state.status) == (2, "scheduled")
    job = row(db, test)
    assert (job.started_at, job.completed_at, job.verified_at, job.verified_by, job.paused) == (
        None, None, None, None, False)
    assert job.reopen_reason == "Il cliente contesta il risultato"
    assert job.stage == stage_of(2, "scheduled") > stage_of(1, "reported")
    assert job.equipment_id is not None  # the plan stays, to be moved in the planning
    assert actions(db, test)[-1] == "lab_test.reopen"
    with pytest.raises(StepRefused, match="pianificata"):
        review.reopen_test(db, test_id=test, reason="ancora", actor=marta)


def test_subcontract_marks_the_test_sent_out_and_in_progress(db, admin, marta):
    [test] = tensile_tests(db, admin, status="scheduled")
    set_language("it")
    with pytest.raises(Exception, match="Laboratorio esterno"):
        review.subcontract_test(db, test_id=test, subcontractor=" ", actor=marta)
    state = review.subcontract_test(db, test_id=test, subcontractor="LPM Milano", actor=marta)
    assert (state.status, state.subcontracted, state.subcontractor) == ("in_progress", True, "LPM Milano")
    assert actions(db, test) == ["lab_test.subcontract"]
    with pytest.raises(StepRefused):
        review.subcontract_test(db, test_id=test, subcontractor="LPM Milano", actor=marta)
