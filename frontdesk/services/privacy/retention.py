"""Retention: visitors whose last visit is older than `retention_visitor_months` are anonymised."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from frontdesk.db.models import Registration, Visit, Visitor
from frontdesk.domain.clock import months_before, rome_day_bounds, today_in_rome, utcnow
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.privacy.rights import anonymise_visitor
from frontdesk.services.staff import audit
from frontdesk.services.staff.audit import ensure_active


@dataclass(frozen=True)
class RetentionReport:
    cutoff: dt.datetime  # visitors whose last visit is before this moment (UTC) were anonymised
    anonymised: int


def retention_cutoff(today: dt.date, months: int) -> dt.datetime:
    """The UTC moment before which a last visit is past retention: the start of that Rome day."""
    return rome_day_bounds(months_before(today, months))[0]


def apply_retention(db, *, actor: Actor, today: dt.date | None = None, batch: int = 500) -> RetentionReport:
    """Anonymise every visitor whose last visit (or creation, if never came) is older than the
    retention set in Settings, unless a visit or registration of theirs is still ahead.
    Runs in batches of `batch` visitors, one transaction each."""
    require(actor, Permission.APPLY_RETENTION)
    day = today or today_in_rome()
    with db.read() as session:
        ensure_active(session, actor)
        months = read_settings(session).retention_visitor_months
    cutoff = retention_cutoff(day, months)
    last_seen = func.coalesce(Visitor.last_visit_at, Visitor.created_at)
    still_expected = select(Visit.id).where(Visit.visitor_id == Visitor.id,
                                            Visit.status.in_(("expected", "on_site")))
    registered_ahead = select(Registration.id).where(Registration.visitor_id == Visitor.id,
                                                     Registration.cancelled_at.is_(None),
                                                     Registration.valid_to >= day)
    due = (select(Visitor).where(Visitor.anonymised_at.is_(None), last_seen < cutoff,
                                 ~still_expected.exists(), ~registered_ahead.exists()).limit(batch))
    total = 0
    while True:
        with db.begin() as session:
            ensure_active(session, actor)
            visitors = list(session.scalars(due))
            now = utcnow()
            for visitor in visitors:
                anonymise_visitor(session, visitor, actor=actor, action="privacy.retention",
                                  extra={"retention_months": months}, now=now)
            total += len(visitors)
            if len(visitors) < batch:  # the last batch also records the run itself, even when empty
                audit.record(session, actor, "privacy.retention_run", record_type="retention",
                             record_id=cutoff.date().isoformat(),
                             changes={"anonymised": total, "retention_months": months})
                return RetentionReport(cutoff, total)


def anonymised_visitor_ids(db) -> list[uuid.UUID]:
    """Ids of anonymised visitors (for checks and statistics)."""
    with db.read() as session:
        return list(session.scalars(select(Visitor.id).where(Visitor.anonymised_at.is_not(None))))
