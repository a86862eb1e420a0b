"""A badge scanned at Reception or On site: check-out, or for a multi-day badge in/out per day.

Every refusal is a project error with its own message and changes nothing: garbage, a sample
label, a damaged or forged token, a badge outside its validity, a superseded (reprinted) badge,
a badge already checked out. The same badge scanned again within a few seconds is a double scan
and does nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.models import Badge, Registration, Visit
from frontdesk.domain import badge_tokens
from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.errors import Conflict, NotFound
from frontdesk.domain.ids import new_id
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _, format_time
from frontdesk.services.desk.keyring import KeyRingMissing, load_keyring
from frontdesk.services.desk.numbering import has_numbers
from frontdesk.services.reception.visits import close_visit_in
from frontdesk.services.registry.visitor_search import touch_visitor
from frontdesk.services.staff import audit

DOUBLE_SCAN_SECONDS = 10


@dataclass(frozen=True)
class ScanResult:
    action: str  # checked_out | checked_in | double_scan
    visit_id: uuid.UUID
    visitor_name: str
    message: str


def _recent(moment: dt.datetime | None, now: dt.datetime) -> bool:
    return moment is not None and abs((now - moment).total_seconds()) < DOUBLE_SCAN_SECONDS


def _name(visit: Visit) -> str:
    return f"{visit.visitor.first_name} {visit.visitor.last_name}"


def _double(visit: Visit) -> ScanResult:
    return ScanResult("double_scan", visit.id, _name(visit),
                      _("Already done a moment ago for {name}: nothing changed.").format(name=_name(visit)))


def _out(session: Session, visit: Visit, actor: Actor, now: dt.datetime) -> ScanResult:
    close_visit_in(session, visit, actor=actor, now=now)
    return ScanResult("checked_out", visit.id, _name(visit),
                      _("Goodbye {name}: checked out at {time}.").format(name=_name(visit), time=format_time(now)))


def _scan_visit(session: Session, visit: Visit, actor: Actor, now: dt.datetime) -> ScanResult:
    if visit.status == "on_site":
        if _recent(visit.checked_in_at, now):
            return _double(visit)
        return _out(session, visit, actor, now)
    if visit.status == "out":
        if _recent(visit.checked_out_at, now):
            return _double(visit)
        raise Conflict(_("{name} already checked out at {time}.").format(
            name=_name(visit), time=format_time(visit.checked_out_at)))
    raise Conflict(_("This visit was cancelled."))


def _scan_registration(session: Session, reg: Registration, actor: Actor, now: dt.datetime) -> ScanResult:
    if reg.cancelled_at is not None:
        raise Conflict(_("This registration was cancelled."))
    today = today_in_rome(now)
    visit = session.scalars(select(Visit).where(Visit.registration_id == reg.id, Visit.expected_on == today)).first()
    if visit is None or visit.status == "expected":
        require(actor, Permission.CHECK_IN)
        if visit is None:
            visit = Visit(id=new_id(), visitor=reg.visitor, registration_id=reg.id, expected_on=today,
                          service=reg.service, host=reg.host)
            session.add(visit)
        visit.status, visit.checked_in_at = "on_site", now
        reg.visitor.last_visit_at = now
        audit.record_change(session, actor, "visit.check_in_scan", visit, new=True)
        session.flush()
        touch_visitor(session, reg.visitor_id, now)
        return ScanResult("checked_in", visit.id, _name(visit),
                          _("Welcome {name}: checked in at {time}.").format(name=_name(visit), time=format_time(now)))
    return _scan_visit(session, visit, actor, now)


def _verifying_keys(db) -> Mapping[str, bytes]:
    """The ring's keys; none on a desk without a ring that never issued a badge (a scan makes no key),
    and KeyRingMissing on one that did (its badges need the lost keys)."""
    try:
        return load_keyring().keys
    except KeyRingMissing:
        with db.read() as session:
            if has_numbers(session, "badge"):
                raise
        return {}


def scan_badge(db, *, text: str, actor: Actor, now: dt.datetime | None = None) -> ScanResult:
    """Act on a scanned badge. Raises the badge errors of domain.badge_tokens, Conflict, NotFound."""
    now = now or utcnow()
    claim = badge_tokens.verify(text, _verifying_keys(db), today=today_in_rome(now))
    with db.begin() as session:
        badge = session.scalars(select(Badge).where(Badge.number == claim.number)).first()
        if badge is None or badge.subject_id != claim.subject_id:
            raise NotFound(_("This badge is genuine but its visit is not on this desk yet. "
                             "Check the visitor out from the on-site list of the desk that printed it."))
        if badge.superseded_at is not None:
            raise Conflict(_("This badge was replaced by a reprint and no longer works: use the new badge."))
        if claim.subject_kind == badge_tokens.VISIT:
            visit = session.get(Visit, claim.subject_id)
            if visit is None:
                raise NotFound(_("The visit of this badge no longer exists."))
            return _scan_visit(session, visit, actor, now)
        registration = session.get(Registration, claim.subject_id)
        if registration is None:
            raise NotFound(_("The registration of this badge no longer exists."))
        return _scan_registration(session, registration, actor, now)
