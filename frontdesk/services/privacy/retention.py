"""Retention: visitors whose last visit is older than `retention_visitor_months` are anonymised.

A desk set up for a hub (a hub address in its desk settings) applies it only when its last good
sync is under a day old: a desk cut off from the others could anonymise someone whose recent
visit, made at another desk, it has not seen yet. Then the run is skipped, the report says why in
a sentence for the staff, and the audit trail records it once a day. A standalone desk applies it
as always.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, text

from frontdesk.db.models import AuditEvent, Registration, Visit, Visitor
from frontdesk.domain.clock import as_utc, months_before, rome_day_bounds, today_in_rome, utcnow
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _, format_datetime
from frontdesk.services.desk.settings import read_settings
from frontdesk.services.privacy.rights import anonymise_visitor
from frontdesk.services.staff import audit
from frontdesk.services.staff.audit import ensure_active

LAST_GOOD_SYNC_KEY = "last_good_sync"  # in sync_state, written by services.sync.run after a complete run
FRESH_SYNC = dt.timedelta(days=1)


@dataclass(frozen=True)
class RetentionReport:
    cutoff: dt.datetime  # visitors whose last visit is before this moment (UTC) were anonymised
    anonymised: int
    skipped: str = ""  # why nothing was applied (a sentence for the staff); '' when it ran


def _last_good_sync(session) -> dt.datetime | None:
    value = session.execute(text("SELECT value FROM sync_state WHERE key = :key"),
                            {"key": LAST_GOOD_SYNC_KEY}).scalar()
    try:
        return as_utc(dt.datetime.fromisoformat(value)) if value else None
    except ValueError:
        return None


def sync_holds_retention(session, *, now: dt.datetime) -> str:
    """Why retention must wait at this desk ('' when it may run): it is set up for a hub and its
    last good sync is a day old or more (or it never synced)."""
    if not read_settings(session).hub_url:
        return ""
    last = _last_good_sync(session)
    if last is None:
        return _("Retention was not applied: this desk has never completed a sync with the hub. "
                 "It will be applied after the first complete sync.")
    if now - last >= FRESH_SYNC:
        return _("Retention was not applied: the last complete sync with the hub was on {when}, more than a "
                 "day ago. Check the connection to the hub and press \"Sync now\"; retention will run after "
                 "the next complete sync.").format(when=format_datetime(last))
    return ""


def _record_skip(db, actor: Actor, cutoff: dt.datetime, months: int) -> None:
    """Audit the skip, once per day (the upkeep tries every hour)."""
    day = cutoff.date().isoformat()
    with db.begin() as session:
        ensure_active(session, actor)
        done = session.scalar(select(AuditEvent.id).where(AuditEvent.action == "privacy.retention_skipped",
                                                          AuditEvent.record_id == day).limit(1))
        if done is None:
            last = _last_good_sync(session)
            audit.record(session, actor, "privacy.retention_skipped", record_type="retention", record_id=day,
                         changes={"last_good_sync": last.isoformat() if last else None,
                                  "retention_months": months})


def retention_cutoff(today: dt.date, months: int) -> dt.datetime:
    """The UTC moment before which a last visit is past retention: the start of that Rome day."""
    return rome_day_bounds(months_before(today, months))[0]


def apply_retention(db, *, actor: Actor, today: dt.date | None = None, batch: int = 500) -> RetentionReport:
    """Anonymise every visitor whose last visit (or creation, if never came) is older than the
    retention set in Settings, unless a visit or registration of theirs is still ahead; skipped
    (`RetentionReport.skipped`) on a desk of a hub whose last good sync is a day old or more.
    Runs in batches of `batch` visitors, one transaction each."""
    require(actor, Permission.APPLY_RETENTION)
    day = today or today_in_rome()
    with db.read() as session:
        ensure_active(session, actor)
        months = read_settings(session).retention_visitor_months
        held = sync_holds_retention(session, now=utcnow())
    cutoff = retention_cutoff(day, months)
    if held:
        _record_skip(db, actor, cutoff, months)
        return RetentionReport(cutoff, 0, skipped=held)
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
