"""Recording a step of a sample's chain of custody: who, when, where (ISO/IEC 17025 7.4).

`record_custody` appends one event; there is no verb that changes or removes one (the table's
sync policy is append-only too). Which step may follow which is the pure rule of
domain.lab.custody. Each step is audited against the sample.

Why no SQLite trigger refuses UPDATE/DELETE on lab_custody_event, as db.triggers does for the
audit trail: the sync apply step (sync.apply._apply_row) updates a pulled row's `hlc` column when
the hub sends back this desk's own rows with the hub's stamps, for every synced table with an
`hlc`, this one included. A trigger refusing UPDATE would make every such pull fail.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.db.lab_models import CustodyEvent, Sample, TestJob
from frontdesk.domain.clock import today_in_rome, utcnow
from frontdesk.domain.errors import NotFound, ValidationError
from frontdesk.domain.ids import new_id
from frontdesk.domain.lab import custody as rule
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.domain.text import clean
from frontdesk.i18n import _, format_datetime
from frontdesk.services.staff import audit

CLOSED_TEST_STATUSES = frozenset({"cancelled", "rejected"})


@dataclass(frozen=True)
class CustodyStep:
    """One step of a chain of custody, as the history shows it."""

    id: uuid.UUID
    sample_id: uuid.UUID
    kind: str  # db.lab_models.CUSTODY_KINDS
    at: dt.datetime
    actor_label: str
    location: str
    keep_until: dt.date | None
    test_id: uuid.UUID | None
    notes: str
    desk: str = ""

    @classmethod
    def of(cls, e: CustodyEvent) -> CustodyStep:
        return cls(e.id, e.sample_id, e.kind, e.at, e.actor_label, e.location, e.keep_until, e.test_id, e.notes,
                   e.created_desk)


def sample_not_found() -> NotFound:
    return NotFound(_("This sample is not on this desk (yet): sync with the hub and try again."))


def last_step(session: Session, sample_id: uuid.UUID) -> CustodyEvent | None:
    """The newest step of the sample (index lab_custody_event (sample_id, at))."""
    return session.scalars(select(CustodyEvent).where(CustodyEvent.sample_id == sample_id)
                           .order_by(CustodyEvent.at.desc(), CustodyEvent.id.desc()).limit(1)).first()


def record_custody(db, *, sample_id: uuid.UUID, kind: str, location: str = "", keep_until: dt.date | None = None,
                   test_id: uuid.UUID | None = None, notes: str = "", actor: Actor,
                   now: dt.datetime | None = None) -> CustodyStep:
    """Append a step to the sample's chain of custody, by `actor`, now, at `location`.

    `stored` needs a location; `remnant` a keep-until day not in the past; `to_test` may name one
    of the sample's tests. Nothing follows `disposed`; only `received` (with a note) follows
    `returned`. Raises ValidationError, Conflict, NotFound, PermissionDenied; nothing is written then."""
    require(actor, Permission.RECORD_CUSTODY)
    now = now or utcnow()
    where = clean(location, label=_("Location"), max_len=200)
    note = clean(notes, label=_("Notes"), max_len=2000, multiline=True)
    with db.begin() as session:
        sample = session.get(Sample, sample_id)
        if sample is None:
            raise sample_not_found()
        event = append_step(session, sample=sample, kind=kind, location=where, keep_until=keep_until,
                            test_id=test_id, notes=note, actor=actor, now=now)
        session.flush()
        return CustodyStep.of(event)


def append_step(session: Session, *, sample: Sample, kind: str, actor: Actor, now: dt.datetime, location: str = "",
                keep_until: dt.date | None = None, test_id: uuid.UUID | None = None,
                notes: str = "") -> CustodyEvent:
    """Append a checked step to the sample's chain inside the caller's transaction (a test started
    takes its sample to test in the same write), audited. `location` and `notes` are already clean."""
    last = last_step(session, sample.id)
    rule.check_step(kind=kind, last_kind=last.kind if last else None, lab_id=sample.lab_id,
                    last_at_text=format_datetime(last.at) if last else "", location=location,
                    keep_until=keep_until, today=today_in_rome(now), has_test=test_id is not None, notes=notes)
    if test_id is not None:
        test = session.get(TestJob, test_id)
        if test is None or test.sample_id != sample.id:
            raise ValidationError(_("That test is not one of this sample's tests."), field="test_id")
        if test.status in CLOSED_TEST_STATUSES:
            raise ValidationError(_("That test was cancelled: the sample cannot be taken to it."), field="test_id")
    event = CustodyEvent(id=new_id(), sample_id=sample.id, kind=kind, at=now, actor_id=actor.staff_id,
                         actor_label=actor.label, location=location, keep_until=keep_until, test_id=test_id,
                         notes=notes)
    session.add(event)
    changes: dict[str, object] = {"kind": [None, kind]}
    if location:
        changes["location"] = [None, location]
    if keep_until:
        changes["keep_until"] = [None, keep_until.isoformat()]
    if test_id:
        changes["test_id"] = [None, str(test_id)]
    if notes:
        changes["notes"] = "changed"  # personal: never the value (services.staff.audit)
    audit.record(session, actor, "sample.custody", record_type="lab_sample", record_id=sample.id,
                 changes=changes)
    return event
