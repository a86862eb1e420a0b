"""Test reports (ISO/IEC 17025 7.8): readiness, issue, revision, the PDF drawn again, e-mail.

`report_readiness` says whether a sample's or request's report can be issued and, if not, which
tests are not verified yet. `issue_report` writes the report in one transaction (BEGIN IMMEDIATE,
as every writer): its number from the desk's "lab_report" series, its content (customer and
contact copied in, kept under the lab's retention), the PDF's SHA-256, the report step of each
verified test (domain.lab.test_status), the audit event; refused, it writes nothing, number
included. `revise_report` issues the next revision of a report, naming it, with what changed and
why (7.8.8): only the latest revision of a report may be revised, so that corrections form one
line and no two revisions replace the same report; the original is kept (append-only rows).
`report_pdf` draws a report again from its stored content and checks it against the SHA-256
kept at issue. `send_report` e-mails the PDF to the report's contact through the SMTP server of
Settings (the one the host notices use); it records the sending only once the server took it.

Imports no Qt. Plain values in, frozen values out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import smtplib
import uuid
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.lab_models import LabReport, LabRequest, Sample, TestJob, TestType
from frontdesk.db.models import Company
from frontdesk.documents.lab.test_report import render_test_report
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import Conflict, DeliveryFailed, NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.lab.report_content import VERDICTS, ReportContent, Revision, report_id
from frontdesk.domain.lab.report_texts import LANGUAGES
from frontdesk.domain.lab.test_status import FINAL, REPORT, REPORTED, VERIFIED, Run, next_status
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _
from frontdesk.i18n import language as desk_language
from frontdesk.services.desk.numbering import next_number
from frontdesk.services.desk.printers import PrintJob, print_job
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.lab.report_scope import Readiness, build_content, load_scope, readiness_of, refuse_unless_ready
from frontdesk.services.staff import audit

SERIES = "lab_report"
PRINT_KIND = "report"  # the A4 printer of Settings, as the intake receipt
MAIL_TEXTS = {
    "it": ("Rapporto di prova {report}",
           "Gentile {name},\n\nin allegato il rapporto di prova {report} della richiesta {request}.\n\n{lab}"),
    "en": ("Test report {report}",
           "Dear {name},\n\nplease find attached test report {report} of request {request}.\n\n{lab}"),
}


@dataclass(frozen=True)
class ReportSummary:
    id: uuid.UUID
    report_id: str  # "L1-000007" or "L1-000007 rev. 1"
    number: str
    revision: int
    request_id: uuid.UUID
    request_number: str
    sample_id: uuid.UUID | None
    lab_id: str  # the sample's; "" for a report of a whole request
    customer_name: str
    contact_email: str
    language: str
    issued_at: dt.datetime
    authorised_by: str
    pdf_sha256: str
    replaced_by: str = ""  # the report ID of the revision that replaces it


@dataclass(frozen=True)
class ReportPdf:
    report_id: str
    pdf: bytes
    matches_issued: bool  # the bytes drawn again have the SHA-256 kept at issue


@dataclass(frozen=True)
class ReportSent:
    report_id: str
    to: str


@dataclass(frozen=True)
class ReportScope:
    """A report that can be asked for: a whole request (`sample_id` None) or one of its samples,
    with its readiness: the tests not verified yet (named), verified, already reported."""

    request_id: uuid.UUID
    request_number: str
    sample_id: uuid.UUID | None
    lab_id: str
    company_name: str
    language: str  # the customer's report language
    pending: tuple[str, ...]
    verified: int
    reported: int
    specification: str = ""  # the statement of conformity asked at intake ("": none asked)

    @property
    def ready(self) -> bool:
        return not self.pending and self.verified > 0


def report_worklist(db, *, limit: int = 200) -> tuple[ReportScope, ...]:
    """The open requests with tests not all reported, newest first: each request, then each of its
    samples (a specimen's tests count for the sample it was cut from)."""
    italian = desk_language() != "en"
    with db.read() as session:
        requests_ = session.execute(select(LabRequest.id, LabRequest.number, Company.name, Company.report_language,
                                           LabRequest.conformity, LabRequest.specification)
                                    .join(Company, Company.id == LabRequest.company_id)
                                    .where(LabRequest.status == "open")
                                    .order_by(LabRequest.received_at.desc()).limit(limit)).all()
        ids = [row.id for row in requests_]
        samples = session.execute(select(Sample.id, Sample.parent_id, Sample.request_id, Sample.lab_id)
                                  .where(Sample.request_id.in_(ids)).order_by(Sample.position, Sample.lab_id)).all()
        rows = session.execute(select(TestJob.sample_id, TestJob.status, TestType.name_it, TestType.name_en)
                               .join(TestType, TestType.id == TestJob.test_type_id)
                               .join(Sample, Sample.id == TestJob.sample_id)
                               .where(Sample.request_id.in_(ids))).all()
    top = {s.id: (s.parent_id or s.id) for s in samples}
    lab_ids = {s.id: s.lab_id for s in samples}
    tests: dict[uuid.UUID, list[tuple[str, str, str]]] = {}
    for sample_id, status, name_it, name_en in rows:
        tests.setdefault(top[sample_id], []).append((lab_ids[sample_id], status, name_it if italian else name_en))
    out: list[ReportScope] = []
    for request in requests_:
        own = [s for s in samples if s.request_id == request.id and s.parent_id is None]
        every = [t for s in own for t in tests.get(s.id, [])]
        if not every or all(status in FINAL | {REPORTED} for _lab, status, _name in every):
            continue
        for sample_id, lab_id, listed in [(None, "", every), *((s.id, s.lab_id, tests.get(s.id, [])) for s in own)]:
            pending = tuple(f"{lab} {name}" for lab, status, name in listed
                            if status not in FINAL | {VERIFIED, REPORTED})
            out.append(ReportScope(request.id, request.number, sample_id, lab_id, request.name,
                                   request.report_language or "it", pending,
                                   sum(1 for t in listed if t[1] == VERIFIED),
                                   sum(1 for t in listed if t[1] == REPORTED),
                                   request.specification if request.conformity else ""))
    return tuple(out)


def report_print_job(db, *, report_id: uuid.UUID) -> tuple[PrintJob, bool]:
    """The report drawn again for the A4 printer, and whether its bytes match those issued."""
    drawn = report_pdf(db, report_id=report_id)
    return print_job(db, kind=PRINT_KIND, title=_("Test report {report}").format(report=drawn.report_id),
                     pdf=drawn.pdf), drawn.matches_issued


def report_readiness(db, *, request_id: uuid.UUID, sample_id: uuid.UUID | None = None) -> Readiness:
    """Whether the report of a sample (or, without `sample_id`, of the whole request) can be issued."""
    with db.read() as session:
        return readiness_of(load_scope(session, request_id, sample_id), desk_language())


def _check_language(value: str) -> str:
    if value not in LANGUAGES:
        raise ValidationError(_("A report is written in Italian or in English."), field="language")
    return value


def _write(session: Session, *, scope, content: ReportContent, actor: Actor, now: dt.datetime,
           replaces: LabReport | None = None, reason: str = "", changes: str = "") -> tuple[LabReport, list[str]]:
    """The report row and its tests' report step, in the caller's transaction."""
    pdf = render_test_report(content)
    report = LabReport(id=new_id(), number=content.number, revision=content.revision,
                       replaces_id=replaces.id if replaces else None, request_id=scope.request.id,
                       sample_id=scope.sample.id if scope.sample else None, language=content.language, issued_at=now,
                       authorised_by=actor.staff_id, authorised_by_name=actor.name,
                       customer_name=content.customer_name, contact_name=content.contact_name,
                       contact_email=content.contact_email, reason=reason, changes=changes,
                       content=content.to_json(), pdf_sha256=hashlib.sha256(pdf).hexdigest())
    session.add(report)
    reported = []
    for job, kind in scope.tests:
        if job.status == VERIFIED:
            job.status = next_status(Run(job.status, job.paused), REPORT)
            reported.append(kind.code)
    return report, reported


def _site(session: Session) -> dict[str, str]:
    settings = read_settings(session)
    return {"lab_name": settings.point_name, "lab_address": settings.point_full_address,
            "test_site": settings.lab_test_site}


def _check_verdict(request: LabRequest, verdict: str) -> str:
    """The statement of conformity's outcome (7.8.6), which the lab manager states when the customer
    asked for one at intake; none otherwise."""
    if not request.conformity:
        return ""
    if verdict not in VERDICTS:
        raise ValidationError(_("The customer asked for a statement of conformity to {spec}: say whether the "
                                "results conform to it.").format(spec=request.specification), field="verdict")
    return verdict


def issue_report(db, *, request_id: uuid.UUID, sample_id: uuid.UUID | None, language: str,
                 actor: Actor, verdict: str = "") -> ReportSummary:
    """Issue the report of a sample (or of the whole request); `verdict` (VERDICTS) is the outcome
    of the statement of conformity the request asked for. Raises ValidationError (naming the tests
    not verified yet, or asking for the verdict), NotFound, PermissionDenied; then nothing is written."""
    require(actor, Permission.ISSUE_REPORTS)
    lang = _check_language(language)
    with db.begin() as session:
        scope = load_scope(session, request_id, sample_id)
        refuse_unless_ready(readiness_of(scope, desk_language()))
        outcome = _check_verdict(scope.request, verdict)
        now = utcnow()
        number = next_number(session, SERIES)
        content = build_content(session, scope, language=lang, number=number, revision=0, issued_at=now,
                                authorised_by=actor.name, verdict=outcome, **_site(session))
        report, reported = _write(session, scope=scope, content=content, actor=actor, now=now)
        session.flush()
        audit.record(session, actor, "lab_report.issue", record_type="lab_report", record_id=report.id,
                     changes={"number": [None, number], "request": [None, scope.request.number],
                              "lab_id": [None, scope.sample.lab_id if scope.sample else None],
                              "language": [None, lang], "tests": [None, reported]}
                     | ({"verdict": [None, outcome]} if outcome else {}))
        return _summary(session, report)


def revise_report(db, *, report_id: uuid.UUID, reason: str, changes: str, actor: Actor,
                  verdict: str | None = None) -> ReportSummary:
    """Issue the next revision of a report, replacing it (7.8.8), with the replaced report's verdict
    unless `verdict` changes it. Only the latest revision may be revised. Raises ValidationError,
    NotFound, Conflict, PermissionDenied; then nothing is written."""
    require(actor, Permission.ISSUE_REPORTS)
    what = clean(changes, label=_("What changed"), required=True, max_len=2000, multiline=True)
    why = clean(reason, label=_("Reason"), required=True, max_len=2000, multiline=True)
    with db.begin() as session:
        original = session.get(LabReport, report_id)
        if original is None:
            raise NotFound(_("The test report no longer exists."))
        newer = session.scalars(select(LabReport).where(LabReport.replaces_id == original.id)
                                .order_by(LabReport.revision.desc())).first()
        if newer is not None:
            latest = _latest_of(session, newer)
            raise Conflict(_("Report {report} has already been replaced by {newer}: a correction is made from the "
                             "latest revision, {latest}, so that every revision replaces the one before it.").format(
                report=report_id_of(original), newer=report_id_of(newer), latest=report_id_of(latest)))
        scope = load_scope(session, original.request_id, original.sample_id)
        refuse_unless_ready(readiness_of(scope, desk_language()), revision=True)
        now = utcnow()
        old_id = report_id_of(original)
        if verdict is None:
            before = ReportContent.from_json(original.content).conformity
            verdict = before.verdict if before is not None else ""
        content = build_content(session, scope, language=original.language, number=original.number,
                                revision=original.revision + 1, issued_at=now, authorised_by=actor.name,
                                revision_of=Revision(old_id, what, why),
                                verdict=_check_verdict(scope.request, verdict), **_site(session))
        report, reported = _write(session, scope=scope, content=content, actor=actor, now=now, replaces=original,
                                  reason=why, changes=what)
        session.flush()
        audit.record(session, actor, "lab_report.revise", record_type="lab_report", record_id=report.id,
                     changes={"number": [None, content.report_id], "replaces": [None, old_id],
                              "reason": [None, why], "what_changed": [None, what], "tests": [None, reported]})
        return _summary(session, report)


def _latest_of(session: Session, report: LabReport) -> LabReport:
    while True:
        newer = session.scalars(select(LabReport).where(LabReport.replaces_id == report.id)).first()
        if newer is None:
            return report
        report = newer


def report_id_of(report: LabReport) -> str:
    return report_id(report.number, report.revision)


def _summary(session: Session, report: LabReport, replaced_by: str = "") -> ReportSummary:
    request = session.get(LabRequest, report.request_id)
    sample = session.get(Sample, report.sample_id) if report.sample_id else None
    return ReportSummary(report.id, report_id_of(report), report.number, report.revision, report.request_id,
                         request.number if request else "", report.sample_id, sample.lab_id if sample else "",
                         report.customer_name, report.contact_email, report.language, report.issued_at,
                         report.authorised_by_name, report.pdf_sha256, replaced_by)


def issued_reports(db, *, limit: int = 500) -> tuple[ReportSummary, ...]:
    """The reports issued, newest first, each saying which revision replaced it."""
    with db.read() as session:
        reports = list(session.scalars(select(LabReport).order_by(LabReport.issued_at.desc(), LabReport.number,
                                                                   LabReport.revision.desc()).limit(limit)))
        replaced = {r.replaces_id: report_id_of(r) for r in reports if r.replaces_id is not None}
        return tuple(_summary(session, r, replaced.get(r.id, "")) for r in reports)


def report_content(db, *, report_id: uuid.UUID) -> ReportContent:
    with db.read() as session:
        return ReportContent.from_json(_get(session, report_id).content)


def _get(session: Session, report_id: uuid.UUID) -> LabReport:
    report = session.get(LabReport, report_id)
    if report is None:
        raise NotFound(_("The test report no longer exists."))
    return report


def report_pdf(db, *, report_id: uuid.UUID) -> ReportPdf:
    """The report drawn again from its stored content, checked against the SHA-256 kept at issue."""
    with db.read() as session:
        report = _get(session, report_id)
        content, sha, label = ReportContent.from_json(report.content), report.pdf_sha256, report_id_of(report)
    pdf = render_test_report(content)
    return ReportPdf(label, pdf, hashlib.sha256(pdf).hexdigest() == sha)


def attachment_name(report_label: str, lang: str) -> str:
    stem = ("Rapporto di prova " if lang == "it" else "Test report ") + report_label
    return "-".join(stem.replace(".", "").split()) + ".pdf"


def send_report(db, *, report_id: uuid.UUID, actor: Actor, timeout: float = 10.0) -> ReportSent:
    """E-mail the report's PDF to its contact. Raises ValidationError (no mail server, no address),
    DeliveryFailed (server down or refusing: then nothing is recorded as sent), NotFound."""
    require(actor, Permission.ISSUE_REPORTS)
    with db.read() as session:
        settings = read_settings(session)
        report = _get(session, report_id)
        to, lang, sha, label = report.contact_email, report.language, report.pdf_sha256, report_id_of(report)
        content = ReportContent.from_json(report.content)
    if not settings.smtp_host:
        raise ValidationError(_("No mail server is set: an administrator sets it in Settings."))
    if not to or "@" not in to:
        raise ValidationError(_("The report's contact has no e-mail address."))
    pdf = render_test_report(content)
    subject, body = MAIL_TEXTS["en" if lang == "en" else "it"]
    message = EmailMessage()
    message["From"] = settings.smtp_sender or f"lab@{settings.smtp_host}"
    message["To"] = to
    message["Subject"] = subject.format(report=label)
    message.set_content(body.format(name=content.contact_name or content.customer_name, report=label,
                                    request=content.request_number, lab=content.lab_name))
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=attachment_name(label, lang))
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryFailed(_("The report could not be sent by e-mail ({reason}): nothing was recorded as sent. "
                               "Check the mail server in Settings and try again.").format(
            reason=exc.__class__.__name__)) from exc
    with db.begin() as session:
        audit.record(session, actor, "lab_report.send", record_type="lab_report", record_id=report_id,
                     changes={"number": [None, label], "pdf_sha256": [None, sha]})
    return ReportSent(label, to)
