"""What a test report covers, read inside a service's session: its tests, whether they are all
verified (readiness), and its content (domain.lab.report_content) built from the rows.

A report covers one sample (with the specimens cut from it) or a whole request. Cancelled and
rejected tests are listed as not performed; every other test must be verified (or already
reported, for a revision) before the report is issued. Each test reports the latest result
version of its current round.

Used by services.lab.reports only; imports no Qt.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from frontdesk.db.lab_models import LabRequest, Sample, TestJob, TestResult, TestType
from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.domain.lab import requests
from frontdesk.domain.lab.catalogue import conditions_from_json, fields_from_json
from frontdesk.domain.lab.report_content import (
    Conformity,
    Item,
    ReportContent,
    Revision,
    TestSection,
    conditions_of,
    readings_of,
)
from frontdesk.domain.lab.test_status import FINAL, REPORTED, VERIFIED, status_label
from frontdesk.i18n import _

DONE = frozenset({VERIFIED, REPORTED})


@dataclass(frozen=True)
class PendingTest:
    """A test the report waits for: the item's lab ID, the test's name and its status now."""

    __test__ = False
    lab_id: str
    name: str
    status: str

    def text(self) -> str:
        return f"{self.lab_id} {self.name} ({status_label(self.status)})"


@dataclass(frozen=True)
class Readiness:
    request_id: uuid.UUID
    sample_id: uuid.UUID | None
    pending: tuple[PendingTest, ...]  # not verified yet
    verified: int  # verified, not yet reported: what a new report would report
    reported: int  # already in a report

    @property
    def ready(self) -> bool:
        return not self.pending and self.verified > 0


@dataclass
class Scope:
    """The rows of a report's scope, loaded once."""

    request: LabRequest
    sample: Sample | None
    items: list[Sample]
    tests: list[tuple[TestJob, TestType]]


def load_scope(session: Session, request_id: uuid.UUID, sample_id: uuid.UUID | None) -> Scope:
    request = session.get(LabRequest, request_id)
    if request is None:
        raise NotFound(_("The lab request no longer exists."))
    sample = None
    if sample_id is not None:
        sample = session.get(Sample, sample_id)
        if sample is None or sample.request_id != request.id:
            raise NotFound(_("The sample is not part of this request."))
        where = or_(Sample.id == sample.id, Sample.parent_id == sample.id)
    else:
        where = Sample.request_id == request.id
    items = list(session.scalars(select(Sample).where(where).order_by(Sample.position, Sample.lab_id)))
    order = {item.id: n for n, item in enumerate(items)}
    rows = session.execute(select(TestJob, TestType).join(TestType, TestType.id == TestJob.test_type_id)
                           .where(TestJob.sample_id.in_(order)).order_by(TestJob.created_at, TestJob.id)).all()
    tests = sorted(((job, kind) for job, kind in rows), key=lambda row: order[row[0].sample_id])
    return Scope(request, sample, items, tests)


def _name(test_type: TestType, language: str) -> str:
    return test_type.name_en if language == "en" else test_type.name_it


def readiness_of(scope: Scope, language: str = "it") -> Readiness:
    lab_ids = {item.id: item.lab_id for item in scope.items}
    pending = tuple(PendingTest(lab_ids[job.sample_id], _name(kind, language), job.status)
                    for job, kind in scope.tests if job.status not in DONE | FINAL)
    verified = sum(1 for job, _kind in scope.tests if job.status == VERIFIED)
    reported = sum(1 for job, _kind in scope.tests if job.status == REPORTED)
    return Readiness(scope.request.id, scope.sample.id if scope.sample else None, pending, verified, reported)


def refuse_unless_ready(readiness: Readiness, *, revision: bool = False) -> None:
    """ValidationError naming the tests not verified yet; for a new report, also when it would report nothing new."""
    if readiness.pending:
        raise ValidationError(_("The report cannot be issued: these tests are not verified yet: {tests}.").format(
            tests="; ".join(p.text() for p in readiness.pending)))
    if readiness.verified + readiness.reported == 0:
        raise ValidationError(_("The report cannot be issued: none of its tests has been performed."))
    if not revision and readiness.verified == 0:
        raise ValidationError(_("Every test of this report is already in an issued report: to correct it, "
                                "make a revision of that report."))


def _latest_results(session: Session, tests: list[tuple[TestJob, TestType]]) -> dict[uuid.UUID, TestResult]:
    """Each test's newest result version of its current round, in one query; the same order as
    services.lab.results.latest_in (version, then entry time, then id: two desks' offline version 2)."""
    rounds = {job.id: job.round for job, _kind in tests}
    latest: dict[uuid.UUID, TestResult] = {}
    for result in session.scalars(select(TestResult).where(TestResult.test_id.in_(rounds))):
        if result.round != rounds[result.test_id]:
            continue
        best = latest.get(result.test_id)
        if best is None or (result.version, result.entered_at, result.id) > (best.version, best.entered_at, best.id):
            latest[result.test_id] = result
    return latest


def _day(moment: dt.datetime | None) -> str:
    return today_in_rome(moment).isoformat() if moment is not None else ""


def _section(job: TestJob, kind: TestType, result: TestResult | None, language: str) -> TestSection:
    name = _name(kind, language)
    if job.status in FINAL:
        return TestSection(name, kind.standard, kind.method, kind.accredited, status=job.status,
                           not_performed_reason=job.cancel_reason)
    result_fields = fields_from_json(kind.result_fields)
    fields = {f.name: (f.label_en if language == "en" else f.label_it) for f in result_fields}
    units = {f.name: f.unit for f in result_fields}
    conditions = {c.name: (c.label_en if language == "en" else c.label_it, c.unit)
                  for c in conditions_from_json(kind.conditions)}
    readings: tuple = ()
    conditions_done: tuple = ()
    if result is not None:
        stored = json.loads(result.readings or "[]")
        for row in stored if isinstance(stored, list) else ():
            if isinstance(row, dict) and not row.get("unit"):
                row["unit"] = units.get(str(row.get("code", "")), "")
        readings = readings_of(stored, fields)
        conditions_done = conditions_of(json.loads(result.conditions or "{}"), conditions)
    external = bool(job.subcontracted or (result is not None and result.external))
    provider = (result.provider if result is not None and result.provider else job.subcontractor) if external else ""
    return TestSection(name, kind.standard, kind.method, kind.accredited, status=job.status,
                       tested_from=_day(job.started_at), tested_to=_day(job.completed_at), external=external,
                       provider=provider, equipment=result.equipment_label if result is not None else "",
                       conditions=conditions_done, readings=readings,
                       deviations=result.deviations if result is not None else "")


def build_content(session: Session, scope: Scope, *, language: str, number: str, revision: int, issued_at: dt.datetime,
                  authorised_by: str, lab_name: str, lab_address: str, test_site: str,
                  revision_of: Revision | None = None, verdict: str = "") -> ReportContent:
    request = scope.request
    results = _latest_results(session, scope.tests)
    by_item: dict[uuid.UUID, list[TestSection]] = {}
    covers = []
    lab_ids = {item.id: item.lab_id for item in scope.items}
    for job, kind in scope.tests:
        section = _section(job, kind, results.get(job.id), language)
        by_item.setdefault(job.sample_id, []).append(section)
        if job.status not in FINAL and section.readings:
            covers.append(f"{lab_ids[job.sample_id]} · {section.name}")
    items = tuple(Item(item.lab_id, item.material, item.description, item.condition, _day(item.received_at),
                       item.deviations, item.customer_answer, item.customer_info, tuple(by_item.get(item.id, ())))
                  for item in scope.items if item.id in by_item or item.parent_id is None)
    conformity = None
    if request.conformity:
        rule = requests.decision_rule(request.decision_rule)
        conformity = Conformity(request.specification, rule.label(language) if rule else request.decision_rule,
                                tuple(covers), verdict)
    company = request.company
    address = ", ".join(p for p in (company.address, company.city) if p)
    return ReportContent(language=language, number=number, revision=revision, lab_name=lab_name,
                         lab_address=lab_address, test_site=test_site, customer_name=company.name,
                         customer_address=address, contact_name=request.contact_name,
                         contact_email=request.contact_email, request_number=request.number,
                         issued_on=today_in_rome(issued_at).isoformat(), authorised_by=authorised_by, items=items,
                         conformity=conformity, revision_of=revision_of)


