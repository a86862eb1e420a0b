"""Sample intake: a request with its samples, tests and first custody step, written in one go.

`intake_from_visit` fills an intake from a visitor on site (company and contact); `take_in`
writes the request (number from the desk's "lab_request" series), each sample (lab ID from the
"sample" series, a label token signed with the desk's current key), each test asked with its
agreed price and VAT, one "received" custody step per sample and the audit events, all in one
transaction: an intake refused or failing at any point writes nothing, number series included.
`split_sample` cuts specimens whose IDs derive from the parent's ("L1-000042-1"). Lab IDs carry
the desk's series prefix, which a restore changes ("L1-B-..."), so they never repeat.

Member prices: a company that belongs to an association (the Point's member associations; not
"none") pays the catalogue's member price.

Imports no Qt. Plain values in, frozen values out.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.db.lab_models import CustodyEvent, LabRequest, Sample, TestJob, TestType
from frontdesk.db.models import Company, StaffMember, Visit, Visitor
from frontdesk.documents.lab.label import SampleLabelData
from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.lab import requests, sample_tokens
from frontdesk.domain.lab.requests import IntakeInput, TestTerms, Totals
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _, language
from frontdesk.services.desk.keyring import KeyRingMissing, load_keyring
from frontdesk.services.desk.numbering import has_numbers, next_number, next_numbers
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.registry.companies import CompanySummary
from frontdesk.services.staff import audit

MAX_SPECIMENS = 50


@dataclass(frozen=True)
class IntakePrefill:
    """What an intake starts from when the person bringing the parts is on site."""

    visit_id: uuid.UUID
    company: CompanySummary | None
    contact_id: uuid.UUID
    contact_name: str
    contact_email: str
    contact_phone: str


@dataclass(frozen=True)
class TestLine:
    __test__ = False
    code: str
    name: str
    standard: str
    accredited: bool
    hours: int | None
    net: Decimal
    vat_rate: str


@dataclass(frozen=True)
class TakenSample:
    sample_id: uuid.UUID
    lab_id: str
    token: str
    material: str
    tests: tuple[TestLine, ...]


@dataclass(frozen=True)
class IntakeSummary:
    request_id: uuid.UUID
    number: str
    received_at: dt.datetime
    company_name: str
    samples: tuple[TakenSample, ...]
    totals: Totals

    @property
    def sample_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(s.sample_id for s in self.samples)

    def labels(self) -> tuple[SampleLabelData, ...]:
        """The samples' labels, as `labels_for` would read them back (no second query)."""
        day = today_in_rome(self.received_at)
        return tuple(SampleLabelData(s.lab_id, s.token, self.company_name, s.material, day) for s in self.samples)


@dataclass(frozen=True)
class Specimen:
    sample_id: uuid.UUID
    lab_id: str
    token: str


def terms_of(test_type: TestType) -> TestTerms:
    name = test_type.name_it if language() == "it" else test_type.name_en
    return TestTerms(test_type.code, name, test_type.standard, test_type.accredited, test_type.hours_min,
                     test_type.hours_max, test_type.price_cents, test_type.member_price_cents, test_type.vat_rate)


def intake_catalogue(db) -> tuple[TestTerms, ...]:
    """The tests a customer may ask for now (active catalogue types, in the catalogue's order)."""
    with db.read() as session:
        rows = session.scalars(select(TestType).where(TestType.active.is_(True))
                               .order_by(TestType.sort, TestType.code))
        return tuple(terms_of(t) for t in rows)


def intake_from_visit(db, *, visit_id: uuid.UUID) -> IntakePrefill:
    """The company and contact of a visitor on site. Raises NotFound, Conflict."""
    with db.read() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFound(_("The visit no longer exists."))
        if visit.status != "on_site":
            raise Conflict(_("Samples are taken in from a visitor who is on site."))
        visitor = visit.visitor
        company = CompanySummary.of(visitor.company) if visitor.company is not None else None
        return IntakePrefill(visit.id, company, visitor.id, f"{visitor.first_name} {visitor.last_name}".strip(),
                             visitor.email, visitor.phone)


def _contact(intake: IntakeInput) -> dict[str, str]:
    values = {
        "contact_name": clean(intake.contact_name, label=_("Contact"), max_len=200),
        "contact_email": clean(intake.contact_email, label=_("E-mail"), max_len=200),
        "contact_phone": clean(intake.contact_phone, label=_("Phone"), max_len=50),
    }
    if values["contact_email"] and "@" not in values["contact_email"]:
        raise ValidationError(_("The e-mail address is not valid."), field="contact_email")
    return values


def _sample_texts(sample: requests.SampleInput) -> dict[str, str]:
    return {
        "material": clean(sample.material, label=_("Material"), max_len=200),
        "description": clean(sample.description, label=_("Description"), max_len=2000, multiline=True),
        "condition": clean(sample.condition, label=_("Condition on receipt"), max_len=2000, multiline=True),
        "deviations": clean(sample.deviations, label=_("Deviations noted"), max_len=2000, multiline=True),
        "customer_answer": clean(sample.customer_answer, label=_("Customer's answer"), max_len=2000,
                                 multiline=True),
        "customer_info": clean(sample.customer_info, label=_("Supplied by the customer"), max_len=2000,
                               multiline=True),
    }


def _signing_key(session: Session) -> tuple[str, bytes]:
    """The desk's current key; its first key is made only while nothing it signed exists."""
    try:
        return load_keyring().current()
    except KeyRingMissing:
        first = not (has_numbers(session, "badge") or has_numbers(session, "sample"))
        return load_keyring(create=first).current()


def intake_location() -> str:
    return _("Sample intake desk")


def take_in(db, *, intake: IntakeInput, actor: Actor, location: str = "") -> IntakeSummary:
    """Write the intake (see the module docstring). Raises ValidationError, NotFound, PermissionDenied;
    then nothing is written."""
    require(actor, Permission.LAB_INTAKE)
    requests.check_intake(intake, today=today_in_rome())
    contact = _contact(intake)
    texts = [_sample_texts(sample) for sample in intake.samples]
    location = clean(location, label=_("Location"), max_len=200) or intake_location()
    with db.begin() as session:
        company = session.get(Company, intake.company_id)
        if company is None:
            raise NotFound(_("The company no longer exists."))
        if intake.contact_id is not None and session.get(Visitor, intake.contact_id) is None:
            raise NotFound(_("The contact person no longer exists."))
        if intake.visit_id is not None and session.get(Visit, intake.visit_id) is None:
            raise NotFound(_("The visit no longer exists."))
        codes = {asked.code for sample in intake.samples for asked in sample.tests}
        types = {t.code: t for t in session.scalars(select(TestType).where(TestType.code.in_(codes),
                                                                           TestType.active.is_(True)))}
        # Held for the whole call: the session's identity map is weak, so without this each audit
        # event's check of the actor (audit.ensure_active) would read the staff row again.
        staff_row = session.get(StaffMember, actor.staff_id) if actor.staff_id is not None else None
        member = requests.is_member(company.association_id, read_settings(session).member_associations)
        now = utcnow()
        key_id, key = _signing_key(session)
        number = next_number(session, "lab_request")
        lab_ids = next_numbers(session, "sample", len(intake.samples))
        with session.no_autoflush:  # one flush for the request and its samples, one for the rest
            request = LabRequest(
                id=new_id(), number=number, company_id=company.id, contact_id=intake.contact_id,
                visit_id=intake.visit_id, received_at=now, received_by=actor.staff_id, received_by_name=actor.name,
                priority=intake.priority, due_on=intake.due_on, promised_on=intake.promised_on,
                conformity=intake.conformity,
                specification=clean(intake.specification, label=_("Specification"), max_len=300)
                if intake.conformity else "",
                decision_rule=intake.decision_rule if intake.conformity else "", agreed_at=now,
                agreed_by=clean(intake.agreed_by, label=_("Agreed by"), max_len=200), member_prices=member,
                notes=clean(intake.notes, label=_("Notes"), max_len=2000, multiline=True), **contact)
            session.add(request)
            audit.record_change(session, actor, "lab_request.create", request, new=True)
            samples = []
            for position, (lab_id, values) in enumerate(zip(lab_ids, texts, strict=True), start=1):
                sample = Sample(id=new_id(), lab_id=lab_id, request_id=request.id, position=position,
                                received_at=now, **values)
                sample.label_token = sample_tokens.issue(sample_tokens.SampleClaim(sample.id, lab_id, key_id), key)
                samples.append(sample)
            session.add_all(samples)
        session.flush()  # the request and its samples are in the database; their tests follow
        taken = []
        with session.no_autoflush:
            for position, (sample, sample_in) in enumerate(zip(samples, intake.samples, strict=True), start=1):
                lines = []
                for asked in sample_in.tests:
                    test_type = types.get(asked.code)
                    if test_type is None:
                        raise requests.unknown_test(asked.code, position)
                    terms = terms_of(test_type)
                    requests.check_test(terms, asked, sample_number=position)
                    net = requests.line_price(terms, asked.hours, member=member)
                    session.add(TestJob(id=new_id(), sample_id=sample.id, test_type_id=test_type.id,
                                        hours=asked.hours, price_cents=int(net * 100), vat_rate=terms.vat_rate,
                                        status="requested"))
                    lines.append(TestLine(terms.code, terms.name, terms.standard, terms.accredited, asked.hours, net,
                                          terms.vat_rate))
                session.add(CustodyEvent(id=new_id(), sample_id=sample.id, kind="received", at=now,
                                         actor_id=actor.staff_id, actor_label=actor.name, location=location))
                audit.record(session, actor, "lab_sample.receive", record_type="lab_sample", record_id=sample.id,
                             changes={"lab_id": [None, sample.lab_id], "request": [None, request.number],
                                      "tests": [None, [line.code for line in lines]]})
                taken.append(TakenSample(sample.id, sample.lab_id, sample.label_token, sample.material, tuple(lines)))
        session.flush()
        del staff_row
        total = requests.totals((line.net, line.vat_rate) for s in taken for line in s.tests)
        return IntakeSummary(request.id, request.number, now, company.name, tuple(taken), total)


def split_sample(db, *, sample_id: uuid.UUID, count: int, actor: Actor, location: str = "") -> tuple[Specimen, ...]:
    """Cut `count` specimens from a sample: IDs "<parent>-<n>" continuing its earlier specimens, each
    with its own label token and a custody step. Raises ValidationError, NotFound, Conflict."""
    require(actor, Permission.LAB_INTAKE)
    if not 1 <= count <= MAX_SPECIMENS:
        raise ValidationError(_("Choose between 1 and {n} specimens.").format(n=MAX_SPECIMENS), field="count")
    with db.begin() as session:
        parent = session.get(Sample, sample_id)
        if parent is None:
            raise NotFound(_("The sample no longer exists."))
        if parent.parent_id is not None:
            raise Conflict(_("{lab_id} is already a specimen: cut the new specimens from its sample.").format(
                lab_id=parent.lab_id))
        done = session.scalar(select(func.count()).select_from(Sample).where(Sample.parent_id == parent.id)) or 0
        key_id, key = _signing_key(session)
        now = utcnow()
        made = []
        for index in range(done + 1, done + count + 1):
            specimen = Sample(id=new_id(), lab_id=f"{parent.lab_id}-{index}", request_id=parent.request_id,
                              parent_id=parent.id, position=index, material=parent.material,
                              description=parent.description, received_at=parent.received_at)
            specimen.label_token = sample_tokens.issue(
                sample_tokens.SampleClaim(specimen.id, specimen.lab_id, key_id), key)
            session.add(specimen)
            session.flush()
            session.add(CustodyEvent(id=new_id(), sample_id=specimen.id, kind="received", at=now,
                                     actor_id=actor.staff_id, actor_label=actor.name,
                                     location=clean(location, label=_("Location"), max_len=200),
                                     notes=_("Specimen cut from {lab_id}").format(lab_id=parent.lab_id)))
            made.append(Specimen(specimen.id, specimen.lab_id, specimen.label_token))
        audit.record(session, actor, "lab_sample.split", record_type="lab_sample", record_id=parent.id,
                     changes={"specimens": [None, [s.lab_id for s in made]]})
        return tuple(made)


def labels_for(db, *, sample_ids) -> tuple[SampleLabelData, ...]:
    """The labels of these samples, in the order asked (reprinting gives the same token)."""
    ids = list(sample_ids)
    with db.read() as session:
        rows = session.execute(select(Sample.id, Sample.lab_id, Sample.label_token, Sample.material,
                                      Sample.received_at, Company.name)
                               .join(LabRequest, LabRequest.id == Sample.request_id)
                               .join(Company, Company.id == LabRequest.company_id)
                               .where(Sample.id.in_(ids))).all()
    by_id = {r.id: SampleLabelData(r.lab_id, r.label_token, r.name, r.material, today_in_rome(r.received_at))
             for r in rows}
    missing = [i for i in ids if i not in by_id]
    if missing:
        raise NotFound(_("The sample no longer exists."))
    return tuple(by_id[i] for i in ids)


def samples_of_visit(db, *, visit_id: uuid.UUID) -> tuple[str, ...]:
    """The lab IDs of the samples the visitor dropped off on this visit (specimens left out)."""
    return samples_by_visit(db, visit_ids=[visit_id]).get(visit_id, ())


def samples_by_visit(db, *, visit_ids) -> dict[uuid.UUID, tuple[str, ...]]:
    """{visit id: lab IDs dropped off}, for the visits that brought samples (one query)."""
    ids = list(visit_ids)
    if not ids:
        return {}
    found: dict[uuid.UUID, list[str]] = {}
    with db.read() as session:
        stmt = (select(LabRequest.visit_id, Sample.lab_id).join(Sample, Sample.request_id == LabRequest.id)
                .where(LabRequest.visit_id.in_(ids), Sample.parent_id.is_(None), LabRequest.status == "open")
                .order_by(LabRequest.received_at, Sample.position))
        for visit_id, lab_id in session.execute(stmt):
            found.setdefault(visit_id, []).append(lab_id)
    return {k: tuple(v) for k, v in found.items()}
