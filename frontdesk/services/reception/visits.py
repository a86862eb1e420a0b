"""Visits: check-in (returning, new, group), check-out, who is on site, the evening close.

A check-in opens a visit (or turns an expected one into a visit on site) and issues its badge
in the same transaction; the caller draws and prints the badge after the commit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.models import Badge, Company, Host, Registration, Service, Visit, Visitor
from frontdesk.domain import badge_tokens
from frontdesk.domain.clock import ROME, as_utc, today_in_rome, utcnow
from frontdesk.domain.errors import Conflict, NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.privacy_notice import notice_due
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean, fold
from frontdesk.i18n import _, language
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.reception.badges import IssuedBadge, issue_badge_in
from frontdesk.services.registry.reference import service_name
from frontdesk.services.registry.visitor_search import touch_visitor
from frontdesk.services.registry.visitors import VisitorInput, create_visitor_in
from frontdesk.services.staff import audit


@dataclass(frozen=True, kw_only=True)
class VisitSummary:
    id: uuid.UUID
    visitor_id: uuid.UUID
    visitor_name: str
    company_name: str
    service_code: str
    service_name: str
    host_id: uuid.UUID | None
    host_name: str
    status: str
    checked_in_at: dt.datetime | None
    checked_out_at: dt.datetime | None
    closed_by_system: bool
    registration_id: uuid.UUID | None
    badge_number: str = ""
    surname_first: str = ""  # "Rossi Mario": how lists of people are sorted and printed

    @classmethod
    def of(cls, v: Visit, badge_number: str = "") -> VisitSummary:
        visitor = v.visitor
        return cls(id=v.id, visitor_id=v.visitor_id, visitor_name=f"{visitor.first_name} {visitor.last_name}",
                   company_name=visitor.company.name if visitor.company else "", service_code=v.service.code,
                   service_name=service_name(v.service), host_id=v.host_id, host_name=v.host.name if v.host else "",
                   status=v.status, checked_in_at=v.checked_in_at, checked_out_at=v.checked_out_at,
                   closed_by_system=v.closed_by_system, registration_id=v.registration_id,
                   badge_number=badge_number, surname_first=f"{visitor.last_name} {visitor.first_name}")


@dataclass(frozen=True)
class CheckInResult:
    visit: VisitSummary
    badge: IssuedBadge | None  # None when the visitor's multi-day badge is still valid


def _service(session: Session, code: str) -> Service:
    service = session.scalars(select(Service).where(Service.code == code, Service.active)).first()
    if service is None:
        raise ValidationError(_("Choose the purpose of the visit."), field="service")
    return service


def _host(session: Session, host_id: uuid.UUID | None) -> Host | None:
    if host_id is None:
        return None
    host = session.get(Host, host_id)
    if host is None or not host.active:
        raise NotFound(_("The chosen host is no longer in the directory."))
    return host


def _open_visit_of(session: Session, visitor_id: uuid.UUID) -> Visit | None:
    return session.scalars(select(Visit).where(Visit.visitor_id == visitor_id, Visit.status == "on_site")).first()


def _active_badge(session: Session, subject_id: uuid.UUID) -> Badge | None:
    return session.scalars(select(Badge).where(Badge.subject_id == subject_id,
                                               Badge.superseded_at.is_(None))).first()


def check_in_in(session: Session, *, visitor: Visitor, service_code: str, host_id: uuid.UUID | None,
                actor: Actor, notes: str = "", expected_visit_id: uuid.UUID | None = None,
                registration_id: uuid.UUID | None = None, now: dt.datetime | None = None) -> CheckInResult:
    """Check a visitor in inside the caller's transaction."""
    require(actor, Permission.CHECK_IN)
    now = now or utcnow()
    if visitor.anonymised_at is not None:
        raise NotFound(_("The visitor no longer exists."))
    if _open_visit_of(session, visitor.id) is not None:
        raise Conflict(_("{name} is already on site.").format(name=f"{visitor.first_name} {visitor.last_name}"))
    notes = clean(notes, label=_("Notes"), max_len=2000, multiline=True)
    service = _service(session, service_code)
    host = _host(session, host_id)
    today = today_in_rome(now)
    registration = None
    visit = None
    if registration_id is not None:
        registration = session.get(Registration, registration_id)
        if registration is None or registration.cancelled_at is not None:
            raise NotFound(_("The registration no longer exists."))
        if not registration.valid_from <= today <= registration.valid_to:
            raise Conflict(_("The registration is not valid today."))
    if expected_visit_id is not None:
        visit = session.get(Visit, expected_visit_id)
        if visit is None or visit.status != "expected" or visit.visitor_id != visitor.id:
            raise Conflict(_("This expected visit was already checked in or cancelled."))
    if visit is None:
        visit = Visit(id=new_id(), visitor=visitor, registration_id=registration.id if registration else None,
                      expected_on=today if registration else None)
        session.add(visit)
    visit.service, visit.host = service, host
    visit.status, visit.checked_in_at = "on_site", now
    visit.checked_in_desk = session.info.get("desk", "") or actor.desk  # its evening close is this desk's
    if notes:
        visit.notes = notes
    visitor.last_visit_at = now
    audit.record_change(session, actor, "visit.check_in", visit, new=expected_visit_id is None)
    session.flush()
    touch_visitor(session, visitor.id, now)
    badge = None
    if registration is not None:
        if _active_badge(session, registration.id) is None:
            badge = issue_badge_in(session, kind=badge_tokens.REGISTRATION, subject_id=registration.id,
                                   valid_from=registration.valid_from, valid_to=registration.valid_to, actor=actor)
    else:
        badge = issue_badge_in(session, kind=badge_tokens.VISIT, subject_id=visit.id, valid_from=today,
                               valid_to=today, actor=actor)
    number = badge.data.number if badge else ""
    return CheckInResult(VisitSummary.of(visit, number), badge)


def check_in(db, *, visitor_id: uuid.UUID, service_code: str, host_id: uuid.UUID | None, actor: Actor,
             notes: str = "", expected_visit_id: uuid.UUID | None = None,
             registration_id: uuid.UUID | None = None, privacy_notice_shown: bool = False) -> CheckInResult:
    """Check in a known visitor and issue the badge. Raises ValidationError, NotFound, Conflict.

    A visitor without the current privacy notice on record (registered ahead or imported, or seen
    before the notice changed) is checked in only once the desk says it showed the notice
    (`privacy_notice_shown`); its version is then recorded, as for a new visitor.
    """
    with db.begin() as session:
        visitor = session.get(Visitor, visitor_id)
        if visitor is None:
            raise NotFound(_("The visitor no longer exists."))
        _record_notice_if_due(session, [visitor], privacy_notice_shown, actor)
        return check_in_in(session, visitor=visitor, service_code=service_code, host_id=host_id, actor=actor,
                           notes=notes, expected_visit_id=expected_visit_id, registration_id=registration_id)


def _require_notice(session: Session, privacy_notice_shown: bool) -> str:
    if not privacy_notice_shown:
        raise ValidationError(_("Show the privacy notice to the visitor and tick the box."), field="privacy")
    return read_settings(session).privacy_notice_version


def _record_notice_if_due(session: Session, people: list[Visitor], privacy_notice_shown: bool,
                          actor: Actor) -> None:
    """Record the current notice on known visitors who lack it; refuse if it was not shown."""
    require(actor, Permission.CHECK_IN)  # a role that cannot check in is told so, not asked for the notice
    current = read_settings(session).privacy_notice_version
    due = [p for p in people if notice_due(p.privacy_notice_version, current) and p.anonymised_at is None]
    if not due:
        return
    version = _require_notice(session, privacy_notice_shown)
    for person in due:
        person.privacy_notice_version, person.privacy_ack_at = version, utcnow()
        audit.record_change(session, actor, "visitor.privacy_notice", person)


def check_in_new_visitor(db, *, visitor: VisitorInput, service_code: str, host_id: uuid.UUID | None,
                         privacy_notice_shown: bool, actor: Actor, notes: str = "") -> CheckInResult:
    """Register a first-time visitor (the privacy notice was shown; its version is recorded) and check in."""
    with db.begin() as session:
        version = _require_notice(session, privacy_notice_shown)
        person = create_visitor_in(session, data=visitor, actor=actor, privacy_notice_version=version)
        return check_in_in(session, visitor=person, service_code=service_code, host_id=host_id, actor=actor,
                           notes=notes)


def check_in_group(db, *, visitor_ids: list[uuid.UUID], new_visitors: list[VisitorInput], service_code: str,
                   host_id: uuid.UUID | None, privacy_notice_shown: bool, actor: Actor) -> list[CheckInResult]:
    """Several people of one company in one go, one badge each; all or nothing."""
    if not visitor_ids and not new_visitors:
        raise ValidationError(_("Add at least one person to the group."))
    with db.begin() as session:
        people = []
        for vid in visitor_ids:
            person = session.get(Visitor, vid)
            if person is None:
                raise NotFound(_("The visitor no longer exists."))
            people.append(person)
        _record_notice_if_due(session, people, privacy_notice_shown, actor)
        if new_visitors:
            version = _require_notice(session, privacy_notice_shown)
            people += [create_visitor_in(session, data=d, actor=actor, privacy_notice_version=version)
                       for d in new_visitors]
        return [check_in_in(session, visitor=p, service_code=service_code, host_id=host_id, actor=actor)
                for p in people]


def close_visit_in(session: Session, visit: Visit, *, actor: Actor, now: dt.datetime,
                   by_system: bool = False) -> None:
    """Check a visit out inside the caller's transaction (no summary built: scans are a hot path)."""
    require(actor, Permission.CHECK_OUT)
    if visit.status != "on_site":
        raise Conflict(_("{name} is not on site.").format(name=f"{visit.visitor.first_name} {visit.visitor.last_name}"))
    visit.status, visit.checked_out_at, visit.closed_by_system = "out", now, by_system
    # how it was closed travels with the time and who: a person's check-out outranks the evening
    # close in sync, whichever came first (db.models, Visit.__sync__)
    visit.closed_by, visit.checked_out_by = ("system", None) if by_system else ("person", actor.staff_id)
    audit.record_change(session, actor, "visit.check_out_system" if by_system else "visit.check_out", visit)
    session.flush()


def check_out(db, *, visit_id: uuid.UUID, actor: Actor) -> VisitSummary:
    """Manual check-out from the on-site list."""
    with db.begin() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFound(_("The visit no longer exists."))
        close_visit_in(session, visit, actor=actor, now=utcnow())
        return VisitSummary.of(visit)


def on_site(db) -> list[VisitSummary]:
    """Everyone in the building now, by surname. One query of plain rows: it runs after every scan."""
    service_label = Service.name_it if language() == "it" else Service.name_en
    stmt = (select(Visit.id, Visit.visitor_id, Visitor.first_name, Visitor.last_name,
                   Company.name.label("company_name"), Service.code.label("service_code"),
                   service_label.label("service_name"), Visit.host_id, Host.name.label("host_name"), Visit.status,
                   Visit.checked_in_at, Visit.checked_out_at, Visit.closed_by_system, Visit.registration_id)
            .join(Visitor, Visitor.id == Visit.visitor_id).join(Service, Service.id == Visit.service_id)
            .outerjoin(Company, Company.id == Visitor.company_id).outerjoin(Host, Host.id == Visit.host_id)
            .where(Visit.status == "on_site"))
    with db.read() as session:
        rows = [VisitSummary(id=r.id, visitor_id=r.visitor_id, visitor_name=f"{r.first_name} {r.last_name}",
                             company_name=r.company_name or "", service_code=r.service_code,
                             service_name=r.service_name, host_id=r.host_id, host_name=r.host_name or "",
                             status=r.status, checked_in_at=r.checked_in_at, checked_out_at=r.checked_out_at,
                             closed_by_system=r.closed_by_system, registration_id=r.registration_id,
                             surname_first=f"{r.last_name} {r.first_name}")
                for r in session.execute(stmt)]
    return sorted(rows, key=lambda r: (fold(r.surname_first), r.checked_in_at or utcnow()))


def _closing_moment(day: dt.date, hour: str) -> dt.datetime:
    hh, mm = (int(x) for x in hour.split(":"))
    return dt.datetime.combine(day, dt.time(hh, mm), tzinfo=ROME).astimezone(dt.UTC)


def close_open_visits(db, *, actor: Actor, now: dt.datetime | None = None) -> int:
    """The evening close: visits still open after the check-out hour of their day are closed by the system.

    A visit left open on an earlier day (the app was not running) is closed at that day's hour.
    Only the visits that arrived at this desk (or whose desk is not known: rows loaded in bulk);
    another desk's visitors are closed by their own desk's evening close, and a check-out by a
    person at any desk outranks an evening close in sync."""
    now = now or utcnow()
    with db.begin() as session:
        hour = read_settings(session).checkout_hour
        closed = 0
        mine = Visit.checked_in_desk.in_((db.desk, ""))
        for visit in session.scalars(select(Visit).where(Visit.status == "on_site", mine)):
            day = today_in_rome(as_utc(visit.checked_in_at))
            closing = _closing_moment(day, hour)
            if now < closing:
                continue
            moment = closing if closing >= visit.checked_in_at else now
            close_visit_in(session, visit, actor=actor, now=moment, by_system=True)
            closed += 1
        return closed


def next_close_at(db, *, now: dt.datetime | None = None) -> dt.datetime:
    """When the evening close should next run (today's hour, or tomorrow's if past)."""
    now = now or utcnow()
    hour = get_checkout_hour(db)
    today = today_in_rome(now)
    moment = _closing_moment(today, hour)
    return moment if moment > now else _closing_moment(today + dt.timedelta(days=1), hour)


def get_checkout_hour(db) -> str:
    with db.read() as session:
        return read_settings(session).checkout_hour

