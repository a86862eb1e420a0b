"""Recording audit events and reading them back.

`record` is called inside the service's own transaction, so an event exists exactly when the
change it describes was committed. Personal fields are recorded as changed, never with values.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from frontdesk.db.models import AuditEvent, StaffMember
from frontdesk.db.outbox import note_actor
from frontdesk.domain.errors import PermissionDenied
from frontdesk.domain.roles import Actor, Permission, require
from frontdesk.i18n import _

_SKIP = {"created_at", "updated_at", "created_desk", "updated_desk", "hlc", "search_key", "name_key"}


def _plain(value: object) -> object:
    if isinstance(value, uuid.UUID | dt.date | dt.datetime | decimal.Decimal):
        return str(value)
    return value


def changes_of(obj: object, *, new: bool = False) -> dict[str, object]:
    """Fields changed on an ORM object in this session: {field: [before, after]} or "changed"."""
    state = inspect(obj)
    changes: dict[str, object] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _SKIP or key == "id":
            continue
        column = attr.columns[0]
        hist = state.attrs[key].history
        if not new and not hist.has_changes():
            continue
        after = getattr(obj, key)
        before = hist.deleted[0] if hist.deleted else None
        if new and after in (None, "", False):
            continue
        if not new and before == after:
            continue
        if column.info.get("personal") or column.info.get("secret"):
            changes[key] = "changed"
        else:
            changes[key] = [_plain(before), _plain(after)]
    return changes


def ensure_active(session: Session, actor: Actor) -> None:
    """Inside a service's transaction: refuse an actor whose account was disabled or changed role
    since signing in. The desk itself (no staff member, no role) always passes; a role without a
    staff member never does. `record` calls it, so every audited write is refused for them."""
    if actor.staff_id is None:
        if actor.role is not None:
            raise PermissionDenied(_("Your role does not allow this action."))
        return
    member = session.get(StaffMember, actor.staff_id)
    if member is None or not member.active:
        raise PermissionDenied(_("Your account has been disabled. Ask an administrator."))
    if actor.role is None or member.role != actor.role.value:
        raise PermissionDenied(_("Your role has been changed: sign in again."))


def record(session: Session, actor: Actor, action: str, *, record_type: str, record_id: object,
           changes: dict[str, object] | None = None) -> None:
    """Append an audit event for a write in this transaction (after checking the actor is still active)."""
    ensure_active(session, actor)
    note_actor(session, staff_id=actor.staff_id, role=actor.role.value if actor.role else None)
    session.add(AuditEvent(
        desk=actor.desk or session.info.get("desk", ""),
        actor_id=actor.staff_id,
        actor_label=actor.label,
        record_type=record_type,
        record_id=str(record_id),
        action=action,
        changes=json.dumps(changes or {}, ensure_ascii=False, sort_keys=True),
    ))


def record_change(session: Session, actor: Actor, action: str, obj: object, *, new: bool = False) -> None:
    """Record the changes pending on `obj` (call before flush, while history is intact)."""
    state = inspect(obj)
    record(session, actor, action, record_type=state.mapper.local_table.name,
           record_id=getattr(obj, "id", None) or "", changes=changes_of(obj, new=new))


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    desk: str
    actor_label: str
    record_type: str
    record_id: str
    action: str
    changes: dict[str, object]


def history(db, *, actor: Actor, record_type: str | None = None, record_id: str | None = None,
            actor_id: uuid.UUID | None = None, since: dt.datetime | None = None,
            until: dt.datetime | None = None, limit: int = 500) -> list[AuditEntry]:
    """Audit events, newest first, filtered (read-only). Lab managers and admins only: the trail
    names who did what, so it is refused to the other roles here too, not only in the screens."""
    require(actor, Permission.VIEW_AUDIT)
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc()).limit(limit)
    if record_type:
        stmt = stmt.where(AuditEvent.record_type == record_type)
    if record_id:
        stmt = stmt.where(AuditEvent.record_id == str(record_id))
    if actor_id:
        stmt = stmt.where(AuditEvent.actor_id == actor_id)
    if since:
        stmt = stmt.where(AuditEvent.at >= since)
    if until:
        stmt = stmt.where(AuditEvent.at < until)
    with db.read() as session:
        return [AuditEntry(e.at, e.desk, e.actor_label, e.record_type, e.record_id, e.action,
                           json.loads(e.changes)) for e in session.scalars(stmt)]
