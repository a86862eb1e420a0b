"""Visits registered ahead: one day (an expected visit) or a date range (a registration with one
badge and a visit per day), the reception search that puts today's expected visitors first, the
CSV import of an attendee list, and a course's attendance register."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from frontdesk.db.models import Company, Registration, Visit, Visitor
from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.errors import FrontdeskError, NotFound, ValidationError
from frontdesk.domain.fiscal import validate_partita_iva
from frontdesk.domain.ids import new_id
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean, name_key
from frontdesk.i18n import _
from frontdesk.services.reception.visits import _host, _service
from frontdesk.services.registry.companies import CompanyInput, create_company_in
from frontdesk.services.registry.hosts import find_host_in
from frontdesk.services.registry.reference import service_name
from frontdesk.services.registry.visitors import VisitorInput, VisitorSummary, create_visitor_in
from frontdesk.services.staff import audit

MAX_DAYS = 60


@dataclass(frozen=True)
class ExpectedEntry:
    visitor: VisitorSummary
    service_code: str
    service_name: str
    host_id: uuid.UUID | None
    host_name: str
    visit_id: uuid.UUID | None  # an expected one-day visit
    registration_id: uuid.UUID | None  # a multi-day registration valid today
    title: str = ""


def register_visit(db, *, visitor_id: uuid.UUID, service_code: str, host_id: uuid.UUID | None,
                   day_from: dt.date, day_to: dt.date | None = None, title: str = "", notes: str = "",
                   actor: Actor) -> uuid.UUID:
    """Register a visit ahead. One day: an expected visit; a range: one registration (one badge)."""
    require(actor, Permission.CHECK_IN)
    with db.begin() as session:
        visitor = session.get(Visitor, visitor_id)
        if visitor is None or visitor.anonymised_at is not None:
            raise NotFound(_("The visitor no longer exists."))
        return _register_in(session, visitor=visitor, service_code=service_code, host_id=host_id,
                            day_from=day_from, day_to=day_to, title=title, notes=notes, actor=actor)


def _register_in(session: Session, *, visitor: Visitor, service_code: str, host_id, day_from: dt.date,
                 day_to: dt.date | None, title: str, notes: str, actor: Actor) -> uuid.UUID:
    day_to = day_to or day_from
    if day_to < day_from:
        raise ValidationError(_("The last day comes before the first day."), field="day_to")
    if (day_to - day_from).days >= MAX_DAYS:
        raise ValidationError(_("A registration can last at most {n} days.").format(n=MAX_DAYS), field="day_to")
    if day_to < today_in_rome():
        raise ValidationError(_("The dates are in the past."), field="day_from")
    service = _service(session, service_code)
    host = _host(session, host_id)
    title = clean(title, label=_("Title"))
    notes = clean(notes, label=_("Notes"), max_len=2000, multiline=True)
    if day_from == day_to:
        record = Visit(id=new_id(), visitor=visitor, service=service, host=host, expected_on=day_from,
                       status="expected", notes=notes)
        action = "visit.expect"
    else:
        record = Registration(id=new_id(), visitor=visitor, service=service, host=host, valid_from=day_from,
                              valid_to=day_to, title=title, notes=notes)
        action = "registration.create"
    session.add(record)
    audit.record_change(session, actor, action, record, new=True)
    session.flush()
    return record.id


def expected_today(db, *, today: dt.date | None = None) -> list[ExpectedEntry]:
    """Today's expected visitors not yet on site: one-day visits and registrations valid today."""
    today = today or today_in_rome()
    with db.read() as session:
        return expected_in(session, today)


def expected_in(session: Session, today: dt.date) -> list[ExpectedEntry]:
    entries = []
    visits = session.scalars(select(Visit).where(Visit.status == "expected", Visit.expected_on == today,
                                                 Visit.registration_id.is_(None))
                             .options(selectinload(Visit.visitor).selectinload(Visitor.company)))
    for v in visits:
        entries.append(ExpectedEntry(VisitorSummary.of(v.visitor), v.service.code, service_name(v.service),
                                     v.host_id, v.host.name if v.host else "", v.id, None))
    regs = session.scalars(select(Registration).where(
        Registration.valid_from <= today, Registration.valid_to >= today, Registration.cancelled_at.is_(None))
        .options(selectinload(Registration.visitor).selectinload(Visitor.company)))
    for r in regs:
        done = session.scalars(select(Visit.id).where(Visit.registration_id == r.id, Visit.expected_on == today,
                                                      Visit.status != "expected")).first()
        if done is None:
            entries.append(ExpectedEntry(VisitorSummary.of(r.visitor), r.service.code, service_name(r.service),
                                         r.host_id, r.host.name if r.host else "", None, r.id, r.title))
    return sorted(entries, key=lambda e: (e.visitor.last_name.casefold(), e.visitor.first_name.casefold()))


@dataclass(frozen=True)
class ImportReport:
    imported: int
    errors: list[tuple[int, str]]  # (line number in the file, message)


COLUMNS = {"nome": "first_name", "first_name": "first_name", "cognome": "last_name", "last_name": "last_name",
           "azienda": "company", "company": "company", "partita_iva": "vat", "piva": "vat", "vat": "vat",
           "email": "email", "telefono": "phone", "phone": "phone", "dal": "day_from", "from": "day_from",
           "al": "day_to", "to": "day_to", "servizio": "service", "service": "service", "referente": "host",
           "host": "host", "titolo": "title", "title": "title"}


def _parse_day(text: str, label: str) -> dt.date:
    text = text.strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(_("{label}: '{value}' is not a date (write it as 25/11/2026).").format(
        label=label, value=text[:20]))


def import_expected_csv(db, *, data: bytes, actor: Actor, default_service: str = "training") -> ImportReport:
    """Import an attendee list (CSV, comma or semicolon, UTF-8 with or without BOM, or Latin-1).

    Each good row becomes a registration (or an expected visit); bad rows are listed with their line."""
    require(actor, Permission.CHECK_IN)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = [COLUMNS.get(h.strip().lower().replace(" ", "_"), "") for h in next(reader)]
    except StopIteration:
        raise ValidationError(_("The file is empty.")) from None
    if "first_name" not in header or "last_name" not in header or "day_from" not in header:
        raise ValidationError(_("The file needs at least the columns nome, cognome and dal."))
    imported, errors = 0, []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        values = {key: (row[i] if i < len(row) else "") for i, key in enumerate(header) if key}
        try:
            with db.begin() as session:
                _import_row(session, values, actor, default_service)
            imported += 1
        except FrontdeskError as exc:
            errors.append((line, exc.message))
    return ImportReport(imported, errors)


def _import_row(session: Session, values: dict[str, str], actor: Actor, default_service: str) -> None:
    day_from = _parse_day(values.get("day_from", ""), _("From"))
    day_to = _parse_day(values["day_to"], _("To")) if values.get("day_to", "").strip() else day_from
    company_id = _company_for_row(session, values.get("company", ""), values.get("vat", ""), actor)
    data = VisitorInput(first_name=values.get("first_name", ""), last_name=values.get("last_name", ""),
                        company_id=company_id, email=values.get("email", ""), phone=values.get("phone", ""))
    visitor = _existing_visitor(session, data) or create_visitor_in(session, data=data, actor=actor)
    host = find_host_in(session, values["host"]) if values.get("host", "").strip() else None
    if values.get("host", "").strip() and host is None:
        raise ValidationError(_("Host '{name}' is not in the directory.").format(name=values["host"][:60]))
    _register_in(session, visitor=visitor, service_code=values.get("service", "").strip() or default_service,
                 host_id=host.id if host else None, day_from=day_from, day_to=day_to,
                 title=values.get("title", ""), notes="", actor=actor)


def _company_for_row(session: Session, name: str, vat: str, actor: Actor) -> uuid.UUID | None:
    name = name.strip()
    if not name and not vat.strip():
        return None
    if vat.strip():
        number = validate_partita_iva(vat)
        found = session.scalars(select(Company).where(Company.vat_number == number)).first()
        if found:
            return found.id
    found = session.scalars(select(Company).where(Company.name_key == name_key(name))).first() if name else None
    if found:
        return found.id
    if not vat.strip():
        raise ValidationError(_("Company '{name}' is unknown: add its VAT number to the row or create it first.")
                              .format(name=name[:60]))
    company = create_company_in(session, data=CompanyInput(name=name or vat, vat_number=vat), actor=actor,
                                allow_duplicate=True)
    return company.id


def _existing_visitor(session: Session, data: VisitorInput) -> Visitor | None:
    stmt = select(Visitor).where(Visitor.first_name == data.first_name.strip(),
                                 Visitor.last_name == data.last_name.strip(), Visitor.anonymised_at.is_(None))
    stmt = stmt.where(Visitor.company_id == data.company_id) if data.company_id else stmt
    if data.email.strip():
        stmt = stmt.where(or_(Visitor.email == data.email.strip(), Visitor.email == ""))
    return session.scalars(stmt).first()


@dataclass(frozen=True)
class AttendanceDay:
    day: dt.date
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None


def attendance_register(db, *, registration_id: uuid.UUID) -> list[AttendanceDay]:
    """Each day of a registration with the in and out times of its holder (from the badge scans)."""
    with db.read() as session:
        reg = session.get(Registration, registration_id)
        if reg is None:
            raise NotFound(_("The registration no longer exists."))
        visits = {v.expected_on: v for v in session.scalars(select(Visit).where(Visit.registration_id == reg.id))}
        days = []
        day = reg.valid_from
        while day <= reg.valid_to:
            v = visits.get(day)
            days.append(AttendanceDay(day, v.checked_in_at if v else None, v.checked_out_at if v else None))
            day += dt.timedelta(days=1)
        return days

