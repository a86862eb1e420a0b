"""The lab manager's steps on a test (VERIFY_TESTS): verify a completed result, reject or cancel a
test with the reason, reopen it (a new round, back in the queue as scheduled), send it to an
external lab.

Every step goes through domain.lab.test_status.next_status, inside the one write transaction that
saves it; the writer begins with BEGIN IMMEDIATE and the test is re-read there, so two windows
verifying the same test at once are serialised: the first wins, the second reads "verified" and is
refused with the status message. `stage` is kept by the TestJob ORM event, never set here.
Each step is audited against the test.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.lab_models import LabRequest, Sample, TestJob, TestType
from frontdesk.db.models import Company
from frontdesk.domain.clock import as_utc, utcnow
from frontdesk.domain.errors import Conflict, NotFound
from frontdesk.domain.lab import test_status as steps
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _, language
from frontdesk.services.lab.results import latest_in
from frontdesk.services.staff import audit


@dataclass(frozen=True)
class TestState:
    """A test's run after a step."""

    __test__ = False

    test_id: uuid.UUID
    round: int
    status: str
    subcontracted: bool
    subcontractor: str


def _state(test: TestJob) -> TestState:
    return TestState(test.id, test.round, test.status, test.subcontracted, test.subcontractor)


def _step(session: Session, test_id: uuid.UUID, step: str, reason: str = "") -> tuple[TestJob, str]:
    test = session.get(TestJob, test_id)
    if test is None:
        raise NotFound(_("The test no longer exists."))
    target = steps.next_status(steps.Run(test.status, bool(test.paused), test.plan_flag == "interrupted"), step,
                               reason=reason)
    return test, target


def _reason(text: str) -> str:
    return clean(text, label=_("Reason"), max_len=300)


def verify_test(db, *, test_id: uuid.UUID, actor: Actor, now: dt.datetime | None = None) -> TestState:
    """Completed -> verified, by the lab manager, now; the round must have a result."""
    require(actor, Permission.VERIFY_TESTS)
    with db.begin() as session:
        test, target = _step(session, test_id, steps.VERIFY)
        if latest_in(session, test) is None:
            raise Conflict(_("This test has no result in its current round: there is nothing to verify."))
        test.status = target
        test.verified_at = now or utcnow()
        test.verified_by = actor.staff_id
        audit.record_change(session, actor, "lab_test.verify", test)
        session.flush()
        return _state(test)


def _close(db, test_id: uuid.UUID, step: str, reason: str, actor: Actor, action: str) -> TestState:
    require(actor, Permission.VERIFY_TESTS)
    why = _reason(reason)
    with db.begin() as session:
        test, target = _step(session, test_id, step, why)
        test.status = target
        test.cancel_reason = why
        test.paused = False
        audit.record_change(session, actor, action, test)
        session.flush()
        return _state(test)


def reject_test(db, *, test_id: uuid.UUID, reason: str, actor: Actor) -> TestState:
    """The test (not yet verified) is rejected, with the reason: final until reopened."""
    return _close(db, test_id, steps.REJECT, reason, actor, "lab_test.reject")


def cancel_test(db, *, test_id: uuid.UUID, reason: str, actor: Actor) -> TestState:
    """The test (not yet completed) is cancelled, with the reason: final until reopened."""
    return _close(db, test_id, steps.CANCEL, reason, actor, "lab_test.cancel")


def reopen_test(db, *, test_id: uuid.UUID, reason: str, actor: Actor) -> TestState:
    """A new round of the test: round + 1, back to scheduled (its plan kept, to be moved in the
    planning), the run's fields cleared; the old round's results stay, as history."""
    require(actor, Permission.VERIFY_TESTS)
    why = _reason(reason)
    with db.begin() as session:
        test, target = _step(session, test_id, steps.REOPEN, why)
        test.round = (test.round or 1) + 1
        test.status = target
        test.paused = False
        test.started_at = test.started_by = None
        test.completed_at = test.completed_by = None
        test.verified_at = test.verified_by = None
        test.cancel_reason = ""
        test.subcontracted = False
        test.subcontractor = ""
        test.reopen_reason = why
        test.plan_flag, test.plan_flag_reason = "", ""  # the lab manager has decided (an interrupted run)
        audit.record_change(session, actor, "lab_test.reopen", test)
        session.flush()
        return _state(test)


def subcontract_test(db, *, test_id: uuid.UUID, subcontractor: str, actor: Actor,
                     now: dt.datetime | None = None) -> TestState:
    """The test (requested or scheduled) is sent to an external lab: in progress from now, marked
    subcontracted; its results will be entered as provided externally."""
    require(actor, Permission.VERIFY_TESTS)
    name = clean(subcontractor, label=_("External lab"), required=True, max_len=200)
    with db.begin() as session:
        test, target = _step(session, test_id, steps.SUBCONTRACT)
        test.status = target
        test.subcontracted = True
        test.subcontractor = name
        test.started_at = now or utcnow()
        test.started_by = actor.staff_id
        audit.record_change(session, actor, "lab_test.subcontract", test)
        session.flush()
        return _state(test)


@dataclass(frozen=True)
class ReviewItem:
    """A test as the review lists it: completed (to verify) or verified lately."""

    test_id: uuid.UUID
    sample_lab_id: str
    company: str
    test_code: str
    test_name: str
    round: int
    status: str
    completed_at: dt.datetime | None
    verified_at: dt.datetime | None
    subcontracted: bool
    subcontractor: str
    paused: bool = False
    interrupted: str = ""  # why, when its machine's failure interrupted it (the lab manager reopens it)

    @property
    def run(self) -> steps.Run:
        return steps.Run(self.status, self.paused, bool(self.interrupted))


def review_list(db, *, scope: str = "review", verified_days: int = 14, limit: int = 300,
                now: dt.datetime | None = None) -> list[ReviewItem]:
    """scope "review": the tests to verify (completed, oldest first), then those verified in the last
    days (newest first); scope "open": the tests not yet completed (requested, scheduled, in
    progress), by sample, to cancel or send to an external lab."""
    since = (now or utcnow()) - dt.timedelta(days=verified_days)
    base = (select(TestJob, Sample.lab_id, Company.name, TestType)
            .join(Sample, TestJob.sample_id == Sample.id)
            .join(LabRequest, Sample.request_id == LabRequest.id)
            .join(Company, LabRequest.company_id == Company.id)
            .join(TestType, TestJob.test_type_id == TestType.id))
    with db.read() as session:
        if scope == "open":
            rows = session.execute(base.where(TestJob.status.in_((steps.REQUESTED, steps.SCHEDULED,
                                                                   steps.IN_PROGRESS)))
                                   .order_by(Sample.lab_id, TestType.sort).limit(limit)).all()
        else:
            pending = session.execute(base.where(TestJob.status == steps.COMPLETED)
                                      .order_by(TestJob.completed_at, Sample.lab_id).limit(limit)).all()
            done = session.execute(base.where(TestJob.status == steps.VERIFIED, TestJob.verified_at >= since)
                                   .order_by(TestJob.verified_at.desc()).limit(limit)).all()
            rows = [*pending, *done]
        return [ReviewItem(t.id, lab_id, company, tt.code, tt.name_it if language() == "it" else tt.name_en, t.round,
                           t.status, t.completed_at and as_utc(t.completed_at), t.verified_at and as_utc(t.verified_at),
                           t.subcontracted, t.subcontractor, bool(t.paused),
                           (t.plan_flag_reason or "-") if t.plan_flag == "interrupted" else "")
                for t, lab_id, company, tt in rows]
