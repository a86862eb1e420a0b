"""A sample's history, everything about it in one value, and the samples list.

`sample_history` reads, in one read session and a handful of indexed queries, the sample (lab ID,
material, description, condition, deviations, what the customer stated), its request (number,
company, the contact as agreed, priority, due date, specification and decision rule, agreement),
its parent and specimens, its tests, the newest page of its chain of custody and the audit events
about it and its tests. Older custody steps come a page at a time (`more_custody`, keyset on
(at, id), index lab_custody_event (sample_id, at)). `find_samples` lists samples newest first
for the samples screen, by lab ID prefix or company name, a page at a time.

The audit events are the trail (who did what): they are read only for roles that may view the
audit (as services.staff.audit.history); the chain of custody, which names who did each step, is
for everyone who may open the sample.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import Session, aliased

from frontdesk.db.lab_models import CustodyEvent, Equipment, LabRequest, Sample, TestJob, TestType
from frontdesk.db.models import AuditEvent, Company, StaffMember
from frontdesk.domain.roles import Actor, Permission
from frontdesk.domain.text import query_terms
from frontdesk.i18n import language
from frontdesk.services.lab.custody import CustodyStep, sample_not_found

CUSTODY_PAGE = 50
AUDIT_LIMIT = 200
SAMPLES_PAGE = 100
# What starts a lab ID: the desk code ("L1", "R12") alone, or with "-" and more ("L1-00042", "L1-B-0004").
_LAB_ID_START = re.compile(r"[A-Z][A-Z0-9]{0,3}\d(?:-[A-Z0-9-]*)?|[A-Z][A-Z0-9]{0,3}-[A-Z0-9-]*")


@dataclass(frozen=True)
class SampleRef:
    id: uuid.UUID
    lab_id: str
    material: str = ""
    description: str = ""


@dataclass(frozen=True)
class RequestInfo:
    id: uuid.UUID
    number: str
    company_id: uuid.UUID
    company_name: str
    contact_name: str
    contact_email: str
    contact_phone: str
    received_at: dt.datetime
    received_by: str
    priority: str  # normal | urgent
    due_on: dt.date | None
    conformity: bool
    specification: str
    decision_rule: str
    agreed_at: dt.datetime | None
    agreed_by: str
    status: str  # open | cancelled
    notes: str


@dataclass(frozen=True)
class TestLine:
    __test__ = False  # not a pytest test class

    id: uuid.UUID
    code: str
    name: str
    standard: str
    status: str  # domain.lab.test_status.TEST_STATUS_RANK
    hours: int | None
    equipment: str  # "TR-01 Zwick Z250", "" when not planned
    planned_start: dt.datetime | None
    planned_end: dt.datetime | None
    technician: str


@dataclass(frozen=True)
class AuditLine:
    at: dt.datetime
    actor_label: str
    record_type: str
    action: str
    changes: dict[str, object]


@dataclass(frozen=True)
class SampleHistory:
    """Everything about one sample. `custody`: newest first, the first page; `custody_total`: all."""

    id: uuid.UUID
    lab_id: str
    material: str
    description: str
    condition: str
    deviations: str
    customer_answer: str
    customer_info: str
    received_at: dt.datetime
    label_token: str
    request: RequestInfo
    parent: SampleRef | None
    specimens: tuple[SampleRef, ...]
    tests: tuple[TestLine, ...]
    custody: tuple[CustodyStep, ...]
    custody_total: int
    audit: tuple[AuditLine, ...]
    audit_visible: bool  # False: the actor's role may not view the audit trail

    @property
    def last_step(self) -> CustodyStep | None:
        return self.custody[0] if self.custody else None

    @property
    def has_more_custody(self) -> bool:
        return len(self.custody) < self.custody_total


@dataclass(frozen=True)
class SampleRow:
    """A line of the samples list."""

    id: uuid.UUID
    lab_id: str
    material: str
    description: str
    company_name: str
    request_number: str
    received_at: dt.datetime
    last_kind: str  # the newest custody step's kind, "" before any
    tests: int


def _custody_page(session: Session, sample_id: uuid.UUID, before: CustodyStep | None,
                  limit: int) -> list[CustodyStep]:
    stmt = select(CustodyEvent).where(CustodyEvent.sample_id == sample_id)
    if before is not None:
        stmt = stmt.where(or_(CustodyEvent.at < before.at, and_(CustodyEvent.at == before.at,
                                                                CustodyEvent.id < before.id)))
    stmt = stmt.order_by(CustodyEvent.at.desc(), CustodyEvent.id.desc()).limit(limit)
    return [CustodyStep.of(e) for e in session.scalars(stmt)]


def _request_info(session: Session, request_id: uuid.UUID) -> RequestInfo:
    r, company = session.execute(select(LabRequest, Company.name).join(Company, Company.id == LabRequest.company_id)
                                 .where(LabRequest.id == request_id)).one()
    return RequestInfo(r.id, r.number, r.company_id, company, r.contact_name, r.contact_email, r.contact_phone,
                       r.received_at, r.received_by_name, r.priority, r.due_on, r.conformity, r.specification,
                       r.decision_rule, r.agreed_at, r.agreed_by, r.status, r.notes)


def _tests(session: Session, sample_id: uuid.UUID) -> list[TestLine]:
    italian = language() == "it"
    rows = session.execute(
        select(TestJob, TestType.code, TestType.name_it, TestType.name_en, TestType.standard, Equipment.code,
               Equipment.name, StaffMember.display_name)
        .join(TestType, TestType.id == TestJob.test_type_id)
        .outerjoin(Equipment, Equipment.id == TestJob.equipment_id)
        .outerjoin(StaffMember, StaffMember.id == TestJob.technician_id)
        .where(TestJob.sample_id == sample_id).order_by(TestJob.id))
    return [TestLine(t.id, code, (name_it if italian else name_en) or name_en or code, standard, t.status, t.hours,
                     " ".join(p for p in (eq_code or "", eq_name or "") if p), t.planned_start, t.planned_end,
                     technician or "")
            for t, code, name_it, name_en, standard, eq_code, eq_name, technician in rows]


def _audit(session: Session, sample_id: uuid.UUID, test_ids: list[uuid.UUID]) -> list[AuditLine]:
    wanted = [and_(AuditEvent.record_type == "lab_sample", AuditEvent.record_id == str(sample_id))]
    if test_ids:
        wanted.append(and_(AuditEvent.record_type == "lab_test",
                           AuditEvent.record_id.in_([str(t) for t in test_ids])))
    stmt = select(AuditEvent).where(or_(*wanted)).order_by(AuditEvent.at.desc()).limit(AUDIT_LIMIT)
    return [AuditLine(e.at, e.actor_label, e.record_type, e.action, json.loads(e.changes))
            for e in session.scalars(stmt)]


def sample_history(db, *, sample_id: uuid.UUID, actor: Actor, custody_limit: int = CUSTODY_PAGE) -> SampleHistory:
    """Everything about the sample (see the module docstring). Raises NotFound."""
    with db.read() as session:
        sample = session.get(Sample, sample_id)
        if sample is None:
            raise sample_not_found()
        parent = None
        if sample.parent_id is not None:
            p = session.get(Sample, sample.parent_id)
            parent = SampleRef(p.id, p.lab_id, p.material, p.description) if p else None
        specimens = tuple(SampleRef(s.id, s.lab_id, s.material, s.description) for s in session.scalars(
            select(Sample).where(Sample.parent_id == sample.id).order_by(Sample.position, Sample.lab_id)))
        tests = _tests(session, sample.id)
        custody = _custody_page(session, sample.id, None, custody_limit)
        total = len(custody) if len(custody) < custody_limit else int(session.scalar(
            select(func.count()).select_from(CustodyEvent).where(CustodyEvent.sample_id == sample.id)) or 0)
        visible = actor.can(Permission.VIEW_AUDIT)
        audit = _audit(session, sample.id, [t.id for t in tests]) if visible else []
        return SampleHistory(sample.id, sample.lab_id, sample.material, sample.description, sample.condition,
                             sample.deviations, sample.customer_answer, sample.customer_info, sample.received_at,
                             sample.label_token, _request_info(session, sample.request_id), parent, specimens,
                             tuple(tests), tuple(custody), total, tuple(audit), visible)


def more_custody(db, *, sample_id: uuid.UUID, before: CustodyStep, limit: int = CUSTODY_PAGE) -> list[CustodyStep]:
    """The `limit` custody steps older than `before` (the oldest shown), newest first."""
    with db.read() as session:
        return _custody_page(session, sample_id, before, limit)


def _last_kind():
    last = aliased(CustodyEvent)
    return (select(last.kind).where(last.sample_id == Sample.id).order_by(last.at.desc(), last.id.desc())
            .limit(1).correlate(Sample).scalar_subquery())


def _tests_count():
    return select(func.count()).select_from(TestJob).where(TestJob.sample_id == Sample.id) \
        .correlate(Sample).scalar_subquery()


def find_samples(db, *, text: str = "", offset: int = 0, limit: int = SAMPLES_PAGE,
                 after: SampleRow | None = None) -> list[SampleRow]:
    """Samples newest first, matching `text` as a lab ID prefix ("L1-0004": by lab ID, highest
    first) or words of the company's name ("acciai berg": by id, uuid7, the order they were taken
    in). `after`: the last row already shown (keyset paging, what a lazily fetched list passes);
    otherwise `offset`.

    Plans, measured on 50,000 samples: a lab ID prefix walks the lab ID index backwards (a prefix
    matching every sample sorted by id cost 200 ms); a company search first finds the companies
    (a scan of the companies' search keys), then their samples through the foreign-key indexes,
    when they are few; when many companies match, walking the samples newest first finds enough
    matches at once (the other plan, for a rare name, walked every sample: 500-700 ms)."""
    typed = text.strip()
    by_lab_id = bool(typed) and _LAB_ID_START.fullmatch(typed.upper()) is not None
    stmt = (select(Sample.id, Sample.lab_id, Sample.material, Sample.description, Company.name,
                   LabRequest.number, Sample.received_at, _last_kind(), _tests_count())
            .join(LabRequest, LabRequest.id == Sample.request_id).join(Company, Company.id == LabRequest.company_id))
    with db.read() as session:
        if by_lab_id:
            wanted = typed.upper()
            stmt = stmt.where(Sample.lab_id >= wanted, Sample.lab_id < wanted + "\uffff")
            if after is not None:
                stmt = stmt.where(Sample.lab_id < after.lab_id)
            stmt = stmt.order_by(Sample.lab_id.desc())
        else:
            if typed:
                companies = _companies_matching(session, typed)
                if companies is not None:
                    stmt = stmt.where(LabRequest.company_id.in_(companies))
                else:
                    stmt = _company_words(stmt, typed)
            if after is not None:
                stmt = stmt.where(Sample.id < after.id)
            stmt = stmt.order_by(Sample.id.desc())
        stmt = stmt.limit(limit)
        if after is None and offset:
            stmt = stmt.offset(offset)
        return [SampleRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or "", int(r[8] or 0))
                for r in session.execute(stmt)]


FEW_COMPANIES = 200


def _company_words(stmt, typed: str):
    for i, term in enumerate(query_terms(typed)):
        stmt = stmt.where(text(f"instr(company.search_key, :t{i}) > 0").bindparams(**{f"t{i}": " " + term}))
    return stmt


def _companies_matching(session: Session, typed: str) -> list[uuid.UUID] | None:
    """The companies whose name words start with the typed words, when they are few; None when
    more than FEW_COMPANIES match (their samples are common: walking the samples is quicker)."""
    found = list(session.scalars(_company_words(select(Company.id), typed).limit(FEW_COMPANIES + 1)))
    return found if len(found) <= FEW_COMPANIES else None
