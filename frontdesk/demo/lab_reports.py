"""The demo's test reports: the newest requests whose tests are all verified get their report,
issued through the reports service (numbered, drawn, fingerprinted, the tests moved to reported)
and authorised by the demo's lab manager (a statement of conformity the request asked for says
the results conform: the demo's readings are within their fields' ranges), so the reports screen
and a customer's report can be seen on the demo. Made after the demo accounts exist (cli:
`frontdesk demo`); the older verified requests are left waiting for their report, as a lab's
backlog would be.
"""

from __future__ import annotations

from sqlalchemy import exists, select

from frontdesk.db.lab_models import LabRequest, Sample, TestJob
from frontdesk.db.models import Company, StaffMember
from frontdesk.domain.lab.report_content import CONFORMS
from frontdesk.domain.roles import Actor, Role
from frontdesk.services.lab.reports import issue_report

REPORTS = 8


def _manager(session, desk: str) -> Actor | None:
    member = session.scalars(select(StaffMember).where(StaffMember.role == Role.LAB_MANAGER.value,
                                                       StaffMember.active).order_by(StaffMember.username)).first()
    return None if member is None else Actor(desk=desk, role=Role.LAB_MANAGER, staff_id=member.id,
                                             name=member.display_name)


def issue_demo_reports(db, *, count: int = REPORTS) -> int:
    """Issue the reports of up to `count` of the newest fully verified requests; the number issued."""
    not_verified = exists().where(TestJob.sample_id == Sample.id, Sample.request_id == LabRequest.id,
                                  TestJob.status.not_in(("verified", "cancelled", "rejected")))
    with db.read() as session:
        actor = _manager(session, db.desk)
        ready = session.execute(select(LabRequest.id, Company.report_language, LabRequest.conformity)
                                .join(Company, Company.id == LabRequest.company_id)
                                .where(LabRequest.status == "open", ~not_verified)
                                .order_by(LabRequest.received_at.desc()).limit(count)).all()
    if actor is None:
        return 0
    for request_id, language, conformity in ready:
        issue_report(db, request_id=request_id, sample_id=None, language=language or "it", actor=actor,
                     verdict=CONFORMS if conformity else "")
    return len(ready)
