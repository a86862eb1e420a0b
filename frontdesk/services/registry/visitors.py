"""Visitors: create, edit, get, and search-as-you-type (see visitor_search for the plan)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.models import Company, Visitor
from frontdesk.domain.clock import utcnow
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean, search_key
from frontdesk.i18n import _
from frontdesk.services.registry.visitor_search import count_matching, driver_execute, index_visitor, search_rows
from frontdesk.services.staff import audit


@dataclass(frozen=True)
class VisitorInput:
    first_name: str
    last_name: str
    company_id: uuid.UUID | None = None
    email: str = ""
    phone: str = ""
    newsletter_consent: bool = False


@dataclass(frozen=True)
class VisitorSummary:
    id: uuid.UUID
    first_name: str
    last_name: str
    company_id: uuid.UUID | None
    company_name: str
    email: str
    phone: str
    last_visit_at: dt.datetime | None
    privacy_notice_version: str
    newsletter_consent: bool

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @classmethod
    def of(cls, v: Visitor) -> VisitorSummary:
        return cls(v.id, v.first_name, v.last_name, v.company_id, v.company.name if v.company else "",
                   v.email, v.phone, v.last_visit_at, v.privacy_notice_version, v.newsletter_consent)


def _validated(data: VisitorInput, session) -> dict[str, object]:
    values: dict[str, object] = {
        "first_name": clean(data.first_name, label=_("First name"), required=True),
        "last_name": clean(data.last_name, label=_("Surname"), required=True),
        "email": clean(data.email, label=_("E-mail")),
        "phone": clean(data.phone, label=_("Phone"), max_len=50),
        "newsletter_consent": bool(data.newsletter_consent),
        "company_id": data.company_id,
    }
    if values["email"] and ("@" not in str(values["email"]) or " " in str(values["email"])):
        raise ValidationError(_("The e-mail address is not valid."), field="email")
    if data.company_id is not None and session.get(Company, data.company_id) is None:
        raise NotFound(_("The company no longer exists."))
    values["search_key"] = search_key(str(values["first_name"]), str(values["last_name"]))
    return values


def create_visitor_in(session, *, data: VisitorInput, actor: Actor,
                      privacy_notice_version: str = "") -> Visitor:
    """Create a visitor inside the caller's transaction (used by check-in of a new visitor)."""
    require(actor, Permission.EDIT_VISITORS)
    values = _validated(data, session)
    visitor = Visitor(id=new_id(), **values)
    if privacy_notice_version:
        visitor.privacy_notice_version = privacy_notice_version
        visitor.privacy_ack_at = utcnow()
    session.add(visitor)
    audit.record_change(session, actor, "visitor.create", visitor, new=True)
    session.flush()
    index_visitor(session, visitor.id, visitor.first_name, visitor.last_name, None)
    return visitor


def create_visitor(db, *, data: VisitorInput, actor: Actor, privacy_notice_version: str = "") -> VisitorSummary:
    with db.begin() as session:
        visitor = create_visitor_in(session, data=data, actor=actor,
                                    privacy_notice_version=privacy_notice_version)
        return VisitorSummary.of(visitor)


def update_visitor(db, *, visitor_id: uuid.UUID, data: VisitorInput, actor: Actor) -> VisitorSummary:
    require(actor, Permission.EDIT_VISITORS)
    with db.begin() as session:
        visitor = session.get(Visitor, visitor_id)
        if visitor is None or visitor.anonymised_at is not None:
            raise NotFound(_("The visitor no longer exists."))
        for key, value in _validated(data, session).items():
            setattr(visitor, key, value)
        audit.record_change(session, actor, "visitor.update", visitor)
        session.flush()
        index_visitor(session, visitor.id, visitor.first_name, visitor.last_name, visitor.last_visit_at)
        return VisitorSummary.of(visitor)


def get_visitor(db, *, visitor_id: uuid.UUID) -> VisitorSummary:
    with db.read() as session:
        visitor = session.get(Visitor, visitor_id)
        if visitor is None:
            raise NotFound(_("The visitor no longer exists."))
        return VisitorSummary.of(visitor)


def search_visitors(db, *, query: str, limit: int = 20) -> list[VisitorSummary]:
    """Visitors whose words start with every typed term; most recent visit first."""
    with db.read() as session:
        return search_visitors_in(session, query, limit=limit)


def count_visitors(db, *, query: str) -> int:
    """How many visitors match `query` (every visitor when it is empty), for a screen's total."""
    with db.read() as session:
        return count_matching(session, query)


def search_visitors_in(session: Session, query: str, *, limit: int = 20) -> list[VisitorSummary]:
    """`search_visitors` inside a session the caller holds (the reception search reads in one)."""
    # Plain rows on the driver, not ORM objects: this runs on every keystroke (visitor_search).
    return [_summary(row) for row in search_rows(driver_execute(session), query, limit)]


def _uuid(value) -> uuid.UUID | None:
    return None if value is None else value if isinstance(value, uuid.UUID) else uuid.UUID(hex=value)


def _summary(row) -> VisitorSummary:
    """A row of `visitor_search.found_rows` as the ORM would read it (UUIDs, aware UTC time, bool)."""
    seen = row[7]
    if isinstance(seen, str):
        seen = dt.datetime.fromisoformat(seen)
    return VisitorSummary(_uuid(row[0]), row[1], row[2], _uuid(row[3]), row[4] or "", row[5], row[6],
                          None if seen is None else seen.replace(tzinfo=dt.UTC), row[8], bool(row[9]))


def visitors_of_company(db, *, company_id: uuid.UUID, limit: int = 200) -> list[VisitorSummary]:
    with db.read() as session:
        stmt = (select(Visitor).where(Visitor.company_id == company_id, Visitor.anonymised_at.is_(None))
                .order_by(Visitor.last_name, Visitor.first_name).limit(limit))
        return [VisitorSummary.of(v) for v in session.scalars(stmt)]
