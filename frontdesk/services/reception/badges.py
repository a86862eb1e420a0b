"""Badges: issuing a badge (number in the desk's series, signed token), reprinting, and the
value a badge PDF is drawn from. Keys come from the desk's key ring, never from the database;
its first key is made only while the desk has issued no badge (a lost ring is never replaced)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.models import Badge, Registration, Visit
from frontdesk.documents.reception.badge_data import BadgeData
from frontdesk.domain import badge_tokens
from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.errors import Conflict, NotFound
from frontdesk.domain.ids import new_id
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _
from frontdesk.services.desk.keyring import load_keyring
from frontdesk.services.desk.numbering import has_numbers, next_number
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.registry.reference import service_name
from frontdesk.services.staff import audit


@dataclass(frozen=True)
class IssuedBadge:
    """A badge ready to draw: its number, token and everything printed on it."""

    badge_id: uuid.UUID
    data: BadgeData


def _subject(session: Session, kind: str, subject_id: uuid.UUID) -> Visit | Registration:
    model = Visit if kind == badge_tokens.VISIT else Registration
    row = session.get(model, subject_id)
    if row is None:
        raise NotFound(_("The visit of this badge no longer exists."))
    return row


def badge_data(session: Session, badge: Badge, token: str) -> BadgeData:
    subject = _subject(session, badge.subject_kind, badge.subject_id)
    settings = read_settings(session)
    visitor = subject.visitor
    purpose = service_name(subject.service)
    if isinstance(subject, Registration) and subject.title:
        purpose = f"{purpose} · {subject.title}"
    return BadgeData(
        visitor_name=f"{visitor.first_name} {visitor.last_name}",
        company=visitor.company.name if visitor.company else "",
        purpose=purpose,
        host=subject.host.name if subject.host else "",
        valid_from=badge.valid_from,
        valid_to=badge.valid_to,
        number=badge.number,
        point_name=settings.point_name,
        token=token,
        size=settings.badge_size,
    )


def issue_badge_in(session: Session, *, kind: str, subject_id: uuid.UUID, valid_from: dt.date,
                   valid_to: dt.date, actor: Actor) -> IssuedBadge:
    """A new badge for a visit or registration, superseding any earlier badge of the same subject."""
    now = utcnow()
    current = session.scalars(select(Badge).where(Badge.subject_id == subject_id, Badge.superseded_at.is_(None)))
    for old in current.all():
        old.superseded_at = now  # through the ORM: stamped with this desk, and in the audit trail
        audit.record_change(session, actor, "badge.supersede", old)
    key_id, key = load_keyring(create=not has_numbers(session, "badge")).current()
    badge = Badge(id=new_id(), number=next_number(session, "badge"), subject_kind=kind, subject_id=subject_id,
                  valid_from=valid_from, valid_to=valid_to, key_id=key_id)
    session.add(badge)
    audit.record_change(session, actor, "badge.issue", badge, new=True)
    session.flush()
    claim = badge_tokens.BadgeClaim(kind, subject_id, badge.number, valid_from, valid_to, key_id)
    return IssuedBadge(badge.id, badge_data(session, badge, badge_tokens.issue(claim, key)))


def reprint_badge(db, *, visit_id: uuid.UUID, actor: Actor) -> IssuedBadge:
    """A new badge (new number) for a visit on site, or for its registration; the old one stops working."""
    require(actor, Permission.CHECK_IN)
    with db.begin() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFound(_("The visit no longer exists."))
        if visit.status != "on_site":
            raise Conflict(_("Only a visitor who is on site can get a new badge."))
        current = session.scalars(select(Badge).where(
            Badge.subject_id.in_([visit.id, visit.registration_id or visit.id]),
            Badge.superseded_at.is_(None))).first()
        if visit.registration_id is not None:
            reg = visit.registration
            return issue_badge_in(session, kind=badge_tokens.REGISTRATION, subject_id=reg.id,
                                  valid_from=reg.valid_from, valid_to=reg.valid_to, actor=actor)
        day = current.valid_from if current else today_in_rome(visit.checked_in_at)
        return issue_badge_in(session, kind=badge_tokens.VISIT, subject_id=visit.id, valid_from=day,
                              valid_to=day, actor=actor)
