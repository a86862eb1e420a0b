"""The reception search: one field, today's expected visitors first, then known visitors by most
recent visit, each with what to pre-fill and whether they are on site now."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontdesk.db.models import Service, Visit
from frontdesk.domain.clock import today_in_rome
from frontdesk.domain.text import query_terms, search_words
from frontdesk.services.reception.expected import ExpectedEntry, expected_in
from frontdesk.services.registry.visitors import VisitorSummary, search_visitors_in


@dataclass(frozen=True)
class ReceptionHit:
    """A line of the reception search: an expected visitor, or a known one with last visit's choices;
    `on_site_since` (UTC) when the visitor is already on site, so the desk sees it before Enter."""

    visitor: VisitorSummary
    expected: ExpectedEntry | None
    service_code: str
    host_id: uuid.UUID | None
    on_site_since: dt.datetime | None = None


def _matches(terms: list[str], visitor: VisitorSummary) -> bool:
    words = search_words(visitor.first_name, visitor.last_name)
    return all(any(w.startswith(t) for w in words) for t in terms)


def reception_search(db, *, query: str, limit: int = 20, today: dt.date | None = None) -> list[ReceptionHit]:
    """Today's expected visitors matching the query first, then known visitors by most recent visit,
    each with the purpose and host to pre-fill (from the invitation, or else from the last visit)
    and whether they are on site now. One read transaction, so the rows agree with each other."""
    terms = query_terms(query)
    if not terms:
        return []
    today = today or today_in_rome()
    with db.read() as session:
        expected = [e for e in expected_in(session, today) if _matches(terms, e.visitor)]
        seen = {e.visitor.id for e in expected}
        known = [v for v in search_visitors_in(session, query, limit=limit) if v.id not in seen]
        known = known[: max(0, limit - len(expected))]
        defaults = _last_visit_defaults(session, [v.id for v in known])
        on_site_since = _on_site_since(session, [e.visitor.id for e in expected] + [v.id for v in known])
    hits = [ReceptionHit(e.visitor, e, e.service_code, e.host_id, on_site_since.get(e.visitor.id))
            for e in expected]
    for v in known:
        code, host_id = defaults.get(v.id, ("", None))
        hits.append(ReceptionHit(v, None, code, host_id, on_site_since.get(v.id)))
    return hits


def _last_visit_defaults(session: Session,
                         visitor_ids: list[uuid.UUID]) -> dict[uuid.UUID, tuple[str, uuid.UUID | None]]:
    """Purpose and host of each visitor's most recent visit (one query: this runs on every keystroke)."""
    if not visitor_ids:
        return {}
    stmt = (select(Visit.visitor_id, Service.code, Visit.host_id).join(Service, Service.id == Visit.service_id)
            .where(Visit.visitor_id.in_(visitor_ids), Visit.checked_in_at.is_not(None))
            .order_by(Visit.visitor_id, Visit.checked_in_at.desc()))
    out: dict[uuid.UUID, tuple[str, uuid.UUID | None]] = {}
    for visitor_id, code, host_id in session.execute(stmt):
        out.setdefault(visitor_id, (code, host_id))  # the first row of each visitor is the newest
    return out


def _on_site_since(session: Session, visitor_ids: list[uuid.UUID]) -> dict[uuid.UUID, dt.datetime]:
    """When each of these visitors checked in, for those on site now (one query)."""
    if not visitor_ids:
        return {}
    stmt = (select(Visit.visitor_id, func.min(Visit.checked_in_at))
            .where(Visit.visitor_id.in_(visitor_ids), Visit.status == "on_site").group_by(Visit.visitor_id))
    return {visitor_id: since for visitor_id, since in session.execute(stmt) if since is not None}
